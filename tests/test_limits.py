"""Limits: what is too large is refused with a clear message, in bounded memory and time.

- a page over `--max-mb` (the ingest stage's `max_bytes`) is a failure naming the option,
  and is never read into memory: not a huge file, not a huge JSONL line, not a huge
  (compressed) WARC record;
- a 10,000-character search query is refused at once by `hodo search` and by
  `/api/search` (a 4xx answer with the limit in its message), never a 500 or a scan.
"""

from __future__ import annotations

import asyncio
import io
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hodo.cli import main
from hodo.ingest import iter_pages
from hodo.models import Failure
from hodo.store import Store

MiB = 1024 * 1024
PAGE = "北朝鮮の外務省は19日、談話を発表した。ロシアとの関係を強化すると述べた。\n"


def peak_memory(fn: Callable[[], Any]) -> tuple[Any, int]:
    """`fn()` and the peak of memory Python allocated while it ran, in bytes."""
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def sparse(path: Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no disk space."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# -- pages over the size limit ----------------------------------------------------------------


def test_cli_names_the_option_of_a_page_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(PAGE * 300, encoding="utf-8")  # 31.6 KB
    (tmp_path / "small.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", str(tmp_path / "big.txt"), str(tmp_path / "small.txt"), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--no-db", "--clean-only", "--max-mb", "0.01"])
    assert result.exit_code == 0, result.output
    reason = "too large: 31.6 KB exceeds the 10.2 KB limit (--max-mb)"
    assert f"skipped {tmp_path / 'big.txt'}: {reason}" in result.output
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert failures == [{"source": str(tmp_path / "big.txt"), "stage": "ingest", "reason": reason}]
    assert len((out / "documents.jsonl").read_text().splitlines()) == 1

    only_big = CliRunner().invoke(
        main, [*args[:2], "--out", str(out), "--no-db", "--clean-only", "--max-mb", "0.01"]
    )
    assert only_big.exit_code == 1 and reason in only_big.output


def test_a_huge_file_is_never_read(tmp_path: Path) -> None:
    path = sparse(tmp_path / "huge.txt", 4096 * MiB)
    items, peak = peak_memory(lambda: list(iter_pages([path])))
    assert items == [
        Failure(str(path), "ingest", "too large: 4096.0 MB exceeds the 20.0 MB limit (--max-mb)")
    ]
    assert peak < MiB


def test_a_huge_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("wb") as handle:
        handle.write(json.dumps({"text": PAGE}).encode() + b"\n")
        handle.truncate(handle.tell() + 64 * MiB)  # a 64 MB line of NUL bytes
        handle.seek(0, io.SEEK_END)
        handle.write(b"\n" + json.dumps({"text": PAGE}).encode() + b"\n")
    items, peak = peak_memory(lambda: list(iter_pages([path], max_bytes=MiB)))
    assert [type(i).__name__ for i in items] == ["RawPage", "Failure", "RawPage"]
    assert items[1].reason == "line 2: too large: 64.0 MB exceeds the 1.0 MB limit (--max-mb)"  # type: ignore[union-attr]
    assert peak < 8 * MiB


class _Repeated(io.RawIOBase):
    """`size` bytes of one byte value, made as they are read (never held in memory)."""

    def __init__(self, size: int, byte: bytes = b"a") -> None:
        self.left, self.byte = size, byte

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = self.byte * n
        self.left -= n
        return n


def test_a_compressed_warc_record_is_not_inflated_into_memory(tmp_path: Path) -> None:
    """A gzip-compressed WARC record that expands to 128 MB from 130 KB on disk: refused,
    and the next record still read. (warcio inflates a 16 KB block at a time, up to
    ~16 MB for data this compressible: the peak stays far below the record's size.)"""
    path = tmp_path / "bomb.warc.gz"
    size = 128 * MiB
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        bomb = writer.create_warc_record(
            "https://example.jp/bomb", "response", payload=_Repeated(size), length=size, http_headers=headers
        )
        writer.write_record(bomb)
        ok = writer.create_warc_record(
            "https://example.jp/ok", "response", payload=io.BytesIO(PAGE.encode()), http_headers=headers
        )
        writer.write_record(ok)
    assert path.stat().st_size < MiB
    items, peak = peak_memory(lambda: list(iter_pages([path], max_bytes=MiB)))
    assert [type(i).__name__ for i in items] == ["Failure", "RawPage"]
    assert items[0].reason == "too large: 128.0 MB exceeds the 1.0 MB limit (--max-mb)"  # type: ignore[union-attr]
    assert peak < 96 * MiB


# -- search queries -----------------------------------------------------------------------------

LONG_QUERIES = ["北" * 10_000, "a" * 10_000, "北朝鮮 " * 2_500, "ab " * 3_334]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("limits") / "hodo.db"
    Store(db).close()
    return db


def asgi_get(app: Any, path: str, params: dict[str, str]) -> tuple[int, Any]:
    """GET `path` straight through the ASGI app: httpx (and so TestClient) refuses to send
    a query string over 64 KB, which 10,000 kanji are once URL-encoded (90 KB)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": urlencode(params).encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body)


@pytest.mark.parametrize("query", LONG_QUERIES, ids=["kanji", "ascii", "words", "short-words"])
@pytest.mark.parametrize("raw", ["false", "true"])
def test_api_refuses_a_10000_character_query(store: Path, query: str, raw: str) -> None:
    from hodo.api import create_app

    app = create_app(store)
    start = time.perf_counter()
    status, answer = asgi_get(app, "/api/search", {"q": query, "raw": raw})
    assert time.perf_counter() - start < 1
    assert status == 422
    (error,) = answer["detail"]
    assert error["loc"] == ["query", "q"] and error["msg"] == "String should have at most 1000 characters"


@pytest.mark.parametrize("query", LONG_QUERIES, ids=["kanji", "ascii", "words", "short-words"])
def test_cli_refuses_a_10000_character_query(store: Path, query: str) -> None:
    start = time.perf_counter()
    result = CliRunner().invoke(main, ["search", "--db", str(store), *query.split(" ")])
    assert time.perf_counter() - start < 1
    assert result.exit_code == 1
    assert f"query too long: {len(' '.join(query.split(' ')))} characters (max 1000)" in result.output


# -- posted pages -------------------------------------------------------------------------------


@pytest.fixture
def ingest_client(store: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    import warnings

    import hodo.api.app as api

    with warnings.catch_warnings():  # starlette's TestClient warns about httpx; it still works
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    monkeypatch.setattr(api, "MAX_INGEST_BYTES", 64 * 1024)
    with TestClient(api.create_app(store, allow_ingest=True)) as client:
        yield client


def test_api_refuses_an_ingest_body_over_the_limit(ingest_client: Any) -> None:
    page = {"name": "big", "content": "北朝鮮" * 30_000}
    r = ingest_client.post("/api/ingest", json={"pages": [page]})
    assert r.status_code == 413
    assert r.json() == {"detail": "request body too large: the limit is 0.1 MB"}


def test_api_refuses_a_chunked_ingest_body_over_the_limit(ingest_client: Any) -> None:
    """No Content-Length: the body is counted as it arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'{"pages": [{"name": "big", "content": "'
        for _ in range(100):
            yield "北朝鮮".encode() * 1000
        yield b'"}]}'

    r = ingest_client.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json() == {"detail": "request body too large: the limit is 0.1 MB"}


def test_api_ingest_under_the_limit_is_read(ingest_client: Any) -> None:
    assert ingest_client.post("/api/ingest", json={"pages": []}).status_code == 422
