"""Fuzzing the ingest stage: decoding, page files, JSONL and WARC containers.

Properties: whatever the bytes, `decode_bytes` returns text or raises `DecodeError`, and
`iter_pages` yields pages and one-line failures, never the catch-all `unexpected error`
(which would be a bug it caught) and never an exception; real Japanese text comes back
exactly in every supported encoding; a truncated container yields a prefix of its pages.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from hodo.errors import DecodeError
from hodo.ingest import iter_pages
from hodo.ingest.decode import decode_bytes, normalise_newlines
from hodo.models import Failure, RawPage
from tests.ingest.helpers import WarcRecordSpec, write_warc

from ._fuzz import ENCODINGS, check_items, encodable, fuzz, japanese_text, prose_slices, sample_pages

LABELS = st.one_of(
    st.none(),
    st.sampled_from(
        [
            *("utf-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP", "utf-16", "utf-32", "latin1", "x-sjis"),
            # labels of codecs that are no text encodings, or odd ones
            *("hex", "rot13", "zlib", "undefined", "idna", "punycode", "unicode_escape", "utf-7", "mbcs"),
        ]
    ),
    st.text(max_size=20),
)


def read(name: str, data: bytes, max_bytes: int = 1 << 20) -> list[RawPage | Failure]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(iter_pages([path], max_bytes=max_bytes))
    check_items(items)
    return items


def pages_of(items: list[RawPage | Failure]) -> list[tuple[str | None, str]]:
    return [(p.url, p.text) for p in items if isinstance(p, RawPage)]


# -- decoding ---------------------------------------------------------------------------------


@fuzz(300)
@given(st.binary(max_size=2000), LABELS)
def test_random_bytes_decode_or_refuse(data: bytes, declared: str | None) -> None:
    try:
        text, codec = decode_bytes(data, declared)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and "\r" not in text
    assert codec


@fuzz(300)
@given(japanese_text, st.sampled_from(ENCODINGS), LABELS)
def test_japanese_text_in_any_encoding_decodes_or_refuses(
    text: str, codec: str, declared: str | None
) -> None:
    data = encodable(text, codec).encode(codec)
    try:
        decoded, _ = decode_bytes(data, declared)
    except DecodeError:
        return
    assert "\r" not in decoded


@fuzz(150)
@given(
    prose_slices(min_size=30),
    st.sampled_from(("utf_8", "utf_8_sig", "utf_16", "cp932", "euc_jp", "iso2022_jp")),
    st.sampled_from([None, "utf-8", "Shift_JIS", "EUC-JP", "ISO-2022-JP", "ISO-8859-1", "utf-16"]),
)
def test_real_japanese_text_round_trips_in_every_encoding(
    text: str, codec: str, declared: str | None
) -> None:
    """30+ characters of real news text decode exactly whatever the encoding, with or
    without a (right or wrong) declaration."""
    text = encodable(text, codec)
    assume(len(text.strip()) >= 30)
    assert decode_bytes(text.encode(codec), declared)[0] == normalise_newlines(text)


# -- page files -------------------------------------------------------------------------------


@fuzz(100)
@given(st.binary(max_size=3000), st.sampled_from(["p.txt", "p.html", "p.jsonl", "p.warc", "p.warc.gz", "p"]))
def test_random_bytes_in_any_file(data: bytes, name: str) -> None:
    read(name, data)


@fuzz(60)
@given(japanese_text, st.sampled_from(ENCODINGS), st.sampled_from(["p.txt", "p.html", "p"]))
def test_japanese_text_files(text: str, codec: str, name: str) -> None:
    items = read(name, encodable(text, codec).encode(codec))
    assert len(items) == 1


@fuzz(60)
@given(
    st.sampled_from(["08_sekai-news-navi.html", "10_hokuto-tsushin.html"]),
    st.sampled_from(("utf_8", "cp932", "euc_jp", "utf_16")),
    st.floats(0, 1),
)
def test_truncated_html_files(name: str, codec: str, cut: float) -> None:
    """An HTML page cut anywhere (inside a tag, inside a multi-byte character) in any
    encoding (its `<meta charset>` then often lies): a page or a failure, one item."""
    data = encodable(sample_pages()[name], codec).encode(codec)
    items = read("page.html", data[: int(len(data) * cut)])
    assert len(items) == 1


@fuzz(30)
@given(st.binary(min_size=1, max_size=400), st.integers(1, 300))
def test_size_limit_holds_for_any_content(data: bytes, max_bytes: int) -> None:
    items = read("p.txt", data, max_bytes=max_bytes)
    if len(data) > max_bytes:
        (failure,) = items
        assert isinstance(failure, Failure) and failure.reason.startswith("too large")


# -- JSONL ------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | japanese_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
records = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.one_of(japanese_text, json_values),
            "html": st.one_of(japanese_text, json_values),
            "url": json_values,
            "published": st.one_of(st.sampled_from(["2024-06-19", "2024年6月19日", "昨日"]), json_values),
        },
    ),
    json_values,
)


def _expected(record: object) -> str | None:
    """The page text a well-formed JSONL line gives, or None for a failure (the rule of
    hodo.ingest.jsonl: html before text, a usable string first)."""
    if not isinstance(record, dict):
        return None
    present = [k for k in ("html", "text") if record.get(k) is not None]
    usable = [k for k in present if isinstance(record[k], str) and record[k].strip()]
    return normalise_newlines(record[usable[0]]) if usable else None


@fuzz(60)
@given(st.lists(records, min_size=1, max_size=6), st.booleans())
def test_jsonl_lines_each_give_one_item(lines: list[object], ascii_only: bool) -> None:
    data = b"".join(json.dumps(r, ensure_ascii=ascii_only).encode() + b"\n" for r in lines)
    items = read("feed.jsonl", data)
    assert len(items) == len(lines)
    assert [i.text if isinstance(i, RawPage) else None for i in items] == [_expected(r) for r in lines]


@fuzz(80)
@given(
    st.lists(records, min_size=1, max_size=4),
    st.floats(0, 1),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=3)), max_size=3),
)
def test_truncated_or_corrupt_jsonl(
    lines: list[object], cut: float, patches: list[tuple[float, bytes]]
) -> None:
    data = bytearray(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in lines))
    for where, junk in patches:
        pos = int(len(data) * where)
        data[pos : pos + len(junk)] = junk
    read("feed.jsonl", bytes(data[: max(1, int(len(data) * cut))]))


# -- WARC -------------------------------------------------------------------------------------


@cache
def warc_bytes(gz: bool) -> bytes:
    """A small crawl: HTML pages in three encodings between records that are not pages."""
    html = sample_pages()["10_hokuto-tsushin.html"]
    specs = [
        WarcRecordSpec("https://example.jp/a", html.encode("utf-8")),
        WarcRecordSpec("https://example.jp/robots", b"User-agent: *", content_type="text/plain"),
        WarcRecordSpec(
            "https://example.jp/b",
            html.replace('charset="utf-8"', 'charset="Shift_JIS"').encode("cp932", errors="replace"),
            content_type="text/html; charset=Shift_JIS",
        ),
        WarcRecordSpec("https://example.jp/gone", b"<html>gone</html>", status="404 Not Found"),
        WarcRecordSpec("https://example.jp/c", html[:900].encode("euc_jp"), content_type="text/html"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        return write_warc(Path(tmp) / "crawl.warc", specs, gz=gz).read_bytes()


@fuzz(80)
@given(st.booleans(), st.floats(0, 1))
def test_truncated_warc_gives_a_prefix_of_its_pages(gz: bool, cut: float) -> None:
    full = warc_bytes(gz)
    name = "crawl.warc.gz" if gz else "crawl.warc"
    whole = pages_of(read(name, full))
    assert len(whole) == 3
    items = read(name, full[: max(1, int(len(full) * cut))])
    got = pages_of(items)
    assert got == whole[: len(got)]


@fuzz(100)
@given(
    st.booleans(),
    st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), min_size=1, max_size=4),
    st.booleans(),
)
def test_corrupt_warc(gz: bool, patches: list[tuple[float, bytes]], insert: bool) -> None:
    """Bytes overwritten or inserted anywhere (headers, lengths, gzip members, bodies)."""
    data = bytearray(warc_bytes(gz))
    for where, junk in patches:
        pos = int(len(data) * where)
        if insert:
            data[pos:pos] = junk
        else:
            data[pos : pos + len(junk)] = junk
    read("crawl.warc.gz" if gz else "crawl.warc", bytes(data))


header_values = st.one_of(
    st.sampled_from(
        ["gzip", "br", "deflate", "chunked", "identity", "text/html; charset=", 'text/html; charset="']
    )
    | st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
)


@fuzz(60)
@given(
    st.booleans(),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40).map(
        lambda s: "text/html; " + s
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["Content-Encoding", "Transfer-Encoding", "Content-Length"]), header_values
        ),
        max_size=2,
    ),
    st.binary(max_size=200),
    st.sampled_from(["200 OK", "204 No Content", "2", "299 Odd", "200"]),
)
def test_warc_records_with_odd_http_headers(
    gz: bool, content_type: str, headers: list[tuple[str, str]], body: bytes, status: str
) -> None:
    """Any Content-Type parameters, a Content-Encoding or chunking the body does not have,
    a lying Content-Length: the record is a page or a failure, the next record still reads."""
    good = WarcRecordSpec("https://example.jp/ok", "<html><body><p>本文です。</p></body></html>".encode())
    odd = WarcRecordSpec(
        "https://example.jp/odd", body, content_type=content_type, status=status, extra_headers=headers
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = write_warc(Path(tmp) / "x.warc", [odd, good], gz=gz).read_bytes()
    items = read("x.warc.gz" if gz else "x.warc", data)
    assert ("https://example.jp/ok", "<html><body><p>本文です。</p></body></html>") in pages_of(items)
