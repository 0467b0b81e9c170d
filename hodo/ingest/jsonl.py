"""JSON Lines: one page per line, `{"text": …}` or `{"html": …}`, optional `url` and
`published`. UTF-8 only (a BOM is allowed). Streamed line by line, so the size limit
applies to each line, not to the file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from hodo.ingest.decode import normalise_newlines
from hodo.ingest.discover import STAGE, Found, os_reason
from hodo.ingest.readers import make_page, open_container, too_large_reason
from hodo.models import Failure, PageKind, RawPage

_BOM = b"\xef\xbb\xbf"
_DRAIN_CHUNK = 1024 * 1024


def read_jsonl(found: Found, max_bytes: int) -> Iterator[RawPage | Failure]:
    handle = open_container(found)
    if isinstance(handle, Failure):
        yield handle
        return
    records = 0
    with handle:
        lineno = 0
        while True:
            try:
                raw = handle.readline(max_bytes + 1)
            except OSError as exc:
                yield Failure(found.source, STAGE, f"{os_reason(exc)} after line {lineno}")
                return
            if not raw:
                break
            lineno += 1
            source = f"{found.source}#{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                length = len(raw) + _drain_line(handle)
                yield Failure(source, STAGE, f"line {lineno}: {too_large_reason(length, max_bytes)}")
                records += 1
                continue
            if lineno == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            if not raw.strip():
                continue
            records += 1
            yield _parse_line(raw, lineno, source)
    if records == 0:
        yield Failure(found.source, STAGE, "empty file")


def _drain_line(handle: BinaryIO) -> int:
    """Skip the rest of an over-long line without holding it in memory; its length."""
    skipped = 0
    while True:
        chunk = handle.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(raw: bytes, lineno: int, source: str) -> RawPage | Failure:
    def fail(why: str) -> Failure:
        return Failure(source, STAGE, f"line {lineno}: {why}")

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return fail("not valid UTF-8 (JSONL must be UTF-8)")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return fail(f"invalid JSON ({exc.msg})")
    except (ValueError, RecursionError) as exc:
        return fail(f"invalid JSON ({type(exc).__name__})")
    if not isinstance(obj, dict):
        return fail(f"not a JSON object ({_json_type(obj)})")

    # "html" wins over "text" when both hold content: markup keeps more (title, date).
    present = [key for key in ("html", "text") if obj.get(key) is not None]
    if not present:
        return fail('neither "text" nor "html"')
    usable = [key for key in present if isinstance(obj[key], str) and obj[key].strip()]
    key = usable[0] if usable else present[0]
    kind: PageKind = "html" if key == "html" else "text"
    value = obj[key]
    if not isinstance(value, str):
        return fail(f'"{key}" is {_json_type(value)}, not a string')
    text = normalise_newlines(value)
    if not text.strip():
        return fail(f'empty "{key}"')
    url = obj.get("url")
    published = obj.get("published")
    return make_page(
        source,
        kind,
        text,
        "utf_8",
        url=url if isinstance(url, str) and url.strip() else None,
        published=published if isinstance(published, str) and published.strip() else None,
    )


def _json_type(value: object) -> str:
    """What a JSON value is, with its article: `an array`, `a number`, `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
