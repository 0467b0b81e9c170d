"""Resuming an interrupted run.

While `hodo analyze` works, every analysed document is appended to a work file in the
output folder (`.hodo-resume.jsonl`), flushed to disk after each batch. A run killed
part-way — even with SIGKILL — leaves that file behind; the next run over the same
pages finds each cleaned document's analysis there by a hash of the document (so a page
is never analysed twice and never lost) and only analyses the rest. The corpus-level
stages, the outputs and the store are written only when every page is done, so the
final result is the one an uninterrupted run gives (tests/test_resume.py). A successful
run deletes the file.

The file is trusted only if it was written under the same conditions: its first line
holds a fingerprint of hodo's version, the GiNZA model's version, hodo's rule and
lexicon files and the user's gazetteers; anything else starts afresh. Failures are not
kept: a page that failed is tried again. A last line cut short by the kill is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata, resources
from pathlib import Path
from typing import IO

from hodo.contract import document_from_json, document_record
from hodo.models import Document

WORK_FILE = ".hodo-resume.jsonl"
FORMAT = 2  # records are `document_record`s (the page kind inside)


def fingerprint(gazetteers: tuple[str, ...] = ()) -> str:
    """What the per-document analysis depends on besides the page itself."""
    h = hashlib.sha256()
    h.update(f"work file format {FORMAT}\n".encode())
    for package in ("hodo", "ja-ginza", "ginza", "spacy", "sudachipy", "sudachidict-core"):
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{package}={version}\n".encode())
    data = resources.files("hodo") / "data"
    for item in sorted(data.iterdir(), key=lambda p: p.name):
        if item.is_file():
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    for path in gazetteers:
        h.update(b"gazetteer\0" + Path(path).read_bytes())
    return h.hexdigest()


def document_key(doc: Document) -> str:
    """A cleaned document's identity for resuming: everything the analysis reads."""
    text = json.dumps(document_record(doc), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Checkpoint:
    """The work file of one output folder."""

    def __init__(self, path: Path, stamp: str) -> None:
        self.path, self.stamp = path, stamp
        self.done: dict[str, Document] = {}
        self._file: IO[str] | None = None
        self._valid = path.exists() and self._load()

    def _load(self) -> bool:
        with open(self.path, encoding="utf-8", errors="replace") as f:
            head = f.readline()
            try:
                if json.loads(head).get("fingerprint") != self.stamp:
                    return False
            except (ValueError, AttributeError):
                return False
            for line in f:
                try:
                    rec = json.loads(line)
                    doc = document_from_json(rec["doc"])
                except (ValueError, KeyError, TypeError):
                    continue  # the line a kill cut short
                self.done[rec["key"]] = doc
        return True

    def get(self, key: str) -> Document | None:
        return self.done.get(key)

    def add(self, items: list[tuple[str, Document]]) -> None:
        if self._file is None:
            self._file = self._open()
        for key, doc in items:
            self._write(key, doc)
            self.done[key] = doc
        self._file.flush()
        os.fsync(self._file.fileno())

    def _open(self) -> IO[str]:
        if self._valid:  # go on after what the earlier run left
            with open(self.path, "rb") as f:
                f.seek(-1, os.SEEK_END)
                cut = f.read(1) != b"\n"
            out = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open for the run)
            if cut:
                out.write("\n")  # end the line the kill cut short; it is skipped when read
            return out
        self.path.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
        out.write(json.dumps({"fingerprint": self.stamp}) + "\n")
        self._valid = True
        return out

    def _write(self, key: str, doc: Document) -> None:
        assert self._file is not None
        rec = {"key": key, "doc": document_record(doc)}
        self._file.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
