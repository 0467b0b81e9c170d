"""One file to pages: plain text and HTML files here; JSONL and WARC containers in their
own modules. Every problem becomes a `Failure`; nothing here raises for bad input."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from hodo.errors import DecodeError
from hodo.ids import content_hash
from hodo.ingest.decode import decode_bytes
from hodo.ingest.discover import STAGE, Found, missing_reason, os_reason
from hodo.models import Failure, PageKind, RawPage

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SNIFF_CHARS = 1024
_MIB = 1024 * 1024


def format_size(size: int) -> str:
    """`50.0 MB` (binary megabytes, as the 20 MiB default limit is `20.0 MB`)."""
    if size >= _MIB:
        return f"{size / _MIB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def too_large_reason(size: int, max_bytes: int) -> str:
    return f"too large: {format_size(size)} exceeds the {format_size(max_bytes)} limit (--max-mb)"


def looks_like_html(text: str) -> bool:
    """Markup rather than text: starts (after whitespace/BOM) with `<!doctype html`,
    `<html` or an XML declaration, or has `<head`/`<body` near the top."""
    head = text[:_SNIFF_CHARS].lstrip(" \t\r\n\ufeff").lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if head.startswith("<?xml") and "<html" in head:
        return True
    return "<head" in head or "<body" in head


def make_page(
    source: str,
    kind: PageKind,
    text: str,
    encoding: str,
    *,
    url: str | None = None,
    published: str | None = None,
) -> RawPage:
    return RawPage(
        source=source,
        kind=kind,
        text=text,
        encoding=encoding,
        content_hash=content_hash(text),
        url=url,
        published=published,
    )


def page_from_bytes(
    source: str,
    data: bytes,
    *,
    kind: PageKind | None,
    declared: str | None = None,
    url: str | None = None,
) -> RawPage | Failure:
    """Decode one page. `kind=None` sniffs HTML vs text from the content."""
    if not data:
        return Failure(source, STAGE, "empty file")
    try:
        text, encoding = decode_bytes(data, declared)
    except DecodeError as exc:
        return Failure(source, STAGE, str(exc))
    if not text.strip():
        return Failure(source, STAGE, "empty file")
    if kind is None:
        kind = "html" if looks_like_html(text) else "text"
    return make_page(source, kind, text, encoding, url=url)


def check_regular_file(path: Path, source: str) -> int | Failure:
    """The file's size, or why it cannot be read. Never opens the file: opening a FIFO
    would block."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return Failure(source, STAGE, missing_reason(path))
    except OSError as exc:
        return Failure(source, STAGE, os_reason(exc))
    if stat.S_ISDIR(st.st_mode):
        return Failure(source, STAGE, "cannot read: is a directory")
    if not stat.S_ISREG(st.st_mode):
        return Failure(source, STAGE, "cannot read: not a regular file")
    return st.st_size


def read_page_file(found: Found, max_bytes: int) -> Iterator[RawPage | Failure]:
    """A `.txt`/`.html` file, or an explicitly named file of unknown type: one page."""
    size = check_regular_file(found.path, found.source)
    if isinstance(size, Failure):
        yield size
        return
    # The size is checked before reading, so a huge file is never loaded.
    if size > max_bytes:
        yield Failure(found.source, STAGE, too_large_reason(size, max_bytes))
        return
    try:
        with found.path.open("rb") as handle:
            # One byte more than allowed: catches a file that grew since `stat`.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        yield Failure(found.source, STAGE, os_reason(exc))
        return
    if len(data) > max_bytes:
        yield Failure(found.source, STAGE, too_large_reason(len(data), max_bytes))
        return
    name = found.path.name.lower()
    kind: PageKind | None = "html" if name.endswith(_HTML_SUFFIXES) else None
    yield page_from_bytes(found.source, data, kind=kind)


def open_container(found: Found) -> BinaryIO | Failure:
    """A JSONL or WARC file opened for streaming, or why it cannot be: the checks every
    container reader makes before its first record."""
    size = check_regular_file(found.path, found.source)
    if isinstance(size, Failure):
        return size
    if size == 0:
        return Failure(found.source, STAGE, "empty file")
    try:
        return found.path.open("rb")
    except OSError as exc:
        return Failure(found.source, STAGE, os_reason(exc))
