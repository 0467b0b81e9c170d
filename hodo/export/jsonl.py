"""`jsonl`: the contract documents as stored, one JSON object per line (UTF-8)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, BinaryIO


def write_jsonl(payloads: Iterable[Mapping[str, Any]], out: BinaryIO) -> int:
    """Write each document on one line; returns how many were written."""
    n = 0
    for payload in payloads:
        line = json.dumps(payload, ensure_ascii=False, allow_nan=False) + "\n"
        out.write(line.encode("utf-8"))
        n += 1
    return n
