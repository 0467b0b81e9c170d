"""Deterministic ids: the same content always gets the same id, so re-runs update
instead of duplicating (followthemoney-style hash ids)."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFKC and all whitespace removed: the same page copied twice, or saved in
    another encoding or with other line endings, hashes the same."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def doc_id_for(content_hash_hex: str) -> str:
    """A document id from the page's content hash (16 hex digits are plenty for a corpus)."""
    return "doc-" + content_hash_hex[:16]


def stable_id(prefix: str, *parts: str) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{h[:16]}"
