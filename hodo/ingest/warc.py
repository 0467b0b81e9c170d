"""WARC / WARC.gz: the HTML responses of a web archive, one page each.

Only `response` records with a 2xx status and an HTML content type (`text/html`,
`application/xhtml+xml`) become pages; the HTTP `Content-Type` charset is passed to the
decoder as the declared charset. Pages are numbered `path#1`, `path#2`, … in the order
they are yielded. Records are streamed, so the size limit applies to each record's body.

warcio stops silently at the end of a truncated file, so each record's raw stream is read
to its end and compared with its `Content-Length`: a short record means the file was cut,
and ends the file with one failure after the pages read so far.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from hodo.ingest.charset import parse_content_type
from hodo.ingest.discover import STAGE, Found
from hodo.ingest.readers import open_container, page_from_bytes, too_large_reason
from hodo.models import Failure, RawPage

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DRAIN_CHUNK = 64 * 1024
_MAX_DETAIL = 200


class _Truncated(Exception):
    """The file ends inside a record, or holds something that is not a WARC record."""


def read_warc(found: Found, max_bytes: int) -> Iterator[RawPage | Failure]:
    handle = open_container(found)
    if isinstance(handle, Failure):
        yield handle
        return
    yielded = 0
    records = 0
    end_of_last = 0  # file offset just after the last complete record
    with handle:
        try:
            archive = ArchiveIterator(handle)
            for record in archive:
                records += 1
                # warcio falls back to the old ARC format for text it cannot parse as WARC.
                if record.format != "warc":
                    raise _Truncated(f"record #{records} does not start with a WARC/1.x header")
                if record.rec_type is None:
                    raise _Truncated(f"WARC record #{records} has no WARC-Type header")
                selected = _html_response(record)
                if selected is None:
                    _read_to_end(record, records)
                    result = None
                else:
                    result = _read_page(record, records, f"{found.source}#{yielded + 1}", selected, max_bytes)
                archive.read_to_end()
                end_of_last = archive.offset
                if result is not None:
                    yielded += 1
                    yield result
            # warcio also ends quietly when the file stops inside a record's headers or
            # inside a gzip member: whatever follows the last complete record must be blank.
            handle.seek(end_of_last)
            rest = handle.read(_DRAIN_CHUNK)
            if rest.strip():
                raise _Truncated(f"the data at byte {end_of_last} is not a complete WARC record")
        except Exception as exc:  # warcio raises many types (ArchiveLoadFailed, zlib, parsing)
            reason = f"truncated or corrupt WARC after record {yielded}: {_detail(exc)}"
            yield Failure(found.source, STAGE, reason)
            return
    if yielded == 0:
        yield Failure(found.source, STAGE, f"no HTML responses in WARC ({records} records read)")


def _html_response(record: Any) -> str | None:
    """For a 2xx HTML response record, the declared charset label (or ""); else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = str(record.http_headers.get_statuscode() or "")
    if not status.startswith("2"):
        return None
    mime, charset = parse_content_type(record.http_headers.get_header("Content-Type"))
    if mime not in _HTML_TYPES:
        return None
    return charset or ""


def _read_page(record: Any, number: int, source: str, charset: str, max_bytes: int) -> RawPage | Failure:
    """Read one HTML response; raises `_Truncated` if the record is cut short."""
    try:
        body: bytes = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a broken Content-Encoding or chunking in this record only
        _read_to_end(record, number)
        return Failure(source, STAGE, f"cannot read HTTP body: {_detail(exc)}")
    _read_to_end(record, number)
    if len(body) > max_bytes:
        length = record.length if isinstance(record.length, int) else 0
        return Failure(source, STAGE, too_large_reason(max(len(body), length), max_bytes))
    url = record.rec_headers.get_header("WARC-Target-URI")
    return page_from_bytes(source, body, kind="html", declared=charset or None, url=url or None)


def _read_to_end(record: Any, number: int) -> None:
    """Consume the rest of the record; raise `_Truncated` if it ends before its length."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise _Truncated(f"WARC record #{number} is cut short ({missing} bytes missing)")


def _detail(exc: Exception) -> str:
    if isinstance(exc, AttributeError | TypeError | KeyError | IndexError | ValueError):
        # warcio's parser trips over cut-off or garbled headers with generic errors.
        return f"cannot parse the record headers ({type(exc).__name__})"
    text = " ".join(str(exc).split())
    if not isinstance(exc, _Truncated):
        text = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"
