"""The ingest stage: input paths in, decoded pages out.

`iter_pages` takes files, folders and glob patterns and yields one `RawPage` per page
(a `.txt`/`.html` file, a JSONL line, a WARC HTML response) or one `Failure` per problem,
in a deterministic order. It never raises for bad input.

Modules: `discover` (paths, folders, globs), `decode` (bytes to text: BOMs, declared
charsets, Japanese-aware detection), `charset` (charset labels), `plausibility` (how
Japanese a decoding looks), `readers` (text/HTML files), `jsonl`, `warc`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from hodo.ingest.decode import decode_bytes
from hodo.ingest.discover import STAGE, SUPPORTED_SUFFIXES, Found, discover
from hodo.ingest.jsonl import read_jsonl
from hodo.ingest.readers import read_page_file
from hodo.ingest.warc import read_warc
from hodo.models import Failure, RawPage

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "decode_bytes", "iter_pages"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_Reader = Callable[[Found, int], Iterator[RawPage | Failure]]


def iter_pages(
    inputs: Sequence[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawPage | Failure]:
    """Every page of `inputs` (files, folders, globs), in order, or a `Failure` (stage
    `ingest`, one-line reason) for each input, file, line or record that cannot be read.

    `max_bytes` limits a page file, a JSONL line and a WARC record body (containers are
    streamed, so a large archive of small pages is fine).
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, not {max_bytes}")
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    for item in discover(inputs):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield from _reader_for(item)(item, max_bytes)
        except Exception as exc:  # a bug must cost one file, not the whole batch
            detail = " ".join(str(exc).split())[:200]
            yield Failure(item.source, STAGE, f"unexpected error: {type(exc).__name__}: {detail}")


def _reader_for(found: Found) -> _Reader:
    name = found.path.name.lower()
    if name.endswith(".jsonl"):
        return read_jsonl
    if name.endswith((".warc", ".warc.gz")):
        return read_warc
    return read_page_file
