from __future__ import annotations

from pathlib import Path

import pytest

from hodo.models import Failure, RawPage
from tests.ingest.helpers import (
    LONG_JA,
    WarcRecordSpec,
    gzip_bytes,
    only_failure,
    pages,
    run,
    write_warc,
)

SJIS_HTML = f"<html><head><title>速報</title></head><body><p>{LONG_JA}</p></body></html>"
EUC_HTML = '<html><head><meta charset="EUC-JP"></head><body><p>日本銀行は利上げを決めた。</p></body></html>'
UTF8_XHTML = '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>本文</body></html>'


def mixed_specs() -> list[WarcRecordSpec]:
    return [
        WarcRecordSpec("https://example.jp/req", b"", rec_type="request", status="GET /req HTTP/1.1"),
        WarcRecordSpec(
            "https://example.jp/sjis", SJIS_HTML.encode("cp932"), content_type="text/html; charset=Shift_JIS"
        ),
        WarcRecordSpec(
            "https://example.jp/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(50), content_type="image/png"
        ),
        WarcRecordSpec("https://example.jp/missing", b"<html>not found</html>", status="404 Not Found"),
        WarcRecordSpec(
            "https://example.jp/meta", b'{"k": 1}', rec_type="metadata", content_type="application/json"
        ),
        WarcRecordSpec("https://example.jp/euc", EUC_HTML.encode("euc_jp"), content_type="text/html"),
        WarcRecordSpec(
            "https://example.jp/xhtml",
            UTF8_XHTML.encode(),
            content_type='application/xhtml+xml; charset="utf-8"',
        ),
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_become_pages(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), mixed_specs(), gz=gz)
    items = run(path)
    assert all(isinstance(item, RawPage) for item in items), items
    got = [(p.source, p.url, p.kind, p.encoding, p.text) for p in pages(items)]
    assert got == [
        (f"{path}#1", "https://example.jp/sjis", "html", "cp932", SJIS_HTML),
        (f"{path}#2", "https://example.jp/euc", "html", "euc_jp", EUC_HTML),
        (f"{path}#3", "https://example.jp/xhtml", "html", "utf_8", UTF8_XHTML),
    ]


def test_gzip_content_encoding_is_undone(tmp_path: Path) -> None:
    html = "<html><body>圧縮された本文</body></html>".encode()
    spec = WarcRecordSpec(
        "https://example.jp/gz",
        gzip_bytes(html),
        content_type="text/html; charset=utf-8",
        extra_headers=[("Content-Encoding", "gzip")],
    )
    path = write_warc(tmp_path / "gz-body.warc", [spec], gz=False)
    (page,) = run(path)
    assert isinstance(page, RawPage)
    assert page.text == html.decode()


def test_undecodable_record_fails_alone(tmp_path: Path) -> None:
    from tests.ingest.test_decode import undecodable_bytes

    specs = [
        WarcRecordSpec("https://example.jp/bad", undecodable_bytes(), content_type="text/html"),
        WarcRecordSpec("https://example.jp/ok", "<p>本文</p>".encode(), content_type="text/html"),
    ]
    path = write_warc(tmp_path / "two.warc", specs, gz=False)
    bad, ok = run(path)
    assert isinstance(bad, Failure) and bad.source == f"{path}#1" and bad.reason.startswith("undecodable")
    assert isinstance(ok, RawPage) and ok.source == f"{path}#2"


def test_size_limit_applies_per_record(tmp_path: Path) -> None:
    specs = [
        WarcRecordSpec("https://example.jp/big", ("<p>" + "あ" * 3000 + "</p>").encode()),
        WarcRecordSpec("https://example.jp/small", "<p>小</p>".encode()),
    ]
    path = write_warc(tmp_path / "sizes.warc.gz", specs, gz=True)
    big, small = run(path, max_bytes=4096)
    assert isinstance(big, Failure) and big.reason.startswith("too large: ")
    assert isinstance(small, RawPage) and small.text == "<p>小</p>"


def _three_pages(tmp_path: Path, gz: bool) -> tuple[Path, bytes]:
    specs = [
        WarcRecordSpec(f"https://example.jp/{i}", f"<p>記事{i}：{LONG_JA}</p>".encode()) for i in range(3)
    ]
    path = write_warc(tmp_path / ("full.warc.gz" if gz else "full.warc"), specs, gz=gz)
    return path, path.read_bytes()


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_inside_the_last_record(tmp_path: Path, gz: bool) -> None:
    _, data = _three_pages(tmp_path, gz)
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) - 200])
    items = run(cut)
    assert [type(item).__name__ for item in items] == ["RawPage", "RawPage", "Failure"]
    assert [item.source for item in items] == [f"{cut}#1", f"{cut}#2", str(cut)]
    failure = items[-1]
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("truncated or corrupt WARC after record 2: ")
    assert "\n" not in failure.reason


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_inside_the_second_record_headers(tmp_path: Path, gz: bool) -> None:
    _, data = _three_pages(tmp_path, gz)
    first_end = len(data) // 3  # the three records are the same size
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: first_end + 30])
    items = run(cut)
    assert [type(item).__name__ for item in items] == ["RawPage", "Failure"]
    assert items[-1].reason.startswith("truncated or corrupt WARC after record 1: ")  # type: ignore[union-attr]


def test_truncated_at_a_record_boundary_is_just_a_shorter_warc(tmp_path: Path) -> None:
    _, data = _three_pages(tmp_path, False)
    cut = tmp_path / "two.warc"
    cut.write_bytes(data[: 2 * len(data) // 3])
    assert [type(item).__name__ for item in run(cut)] == ["RawPage", "RawPage"]


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("これはWARCではありません。\n", encoding="utf-8")
    failure = only_failure(run(path))
    assert failure.reason.startswith("truncated or corrupt WARC after record 0: ")


def test_garbage_gz(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data" * 3)
    failure = only_failure(run(path))
    assert failure.reason.startswith("truncated or corrupt WARC after record 0: ")


def test_empty_warc(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert only_failure(run(path)).reason == "empty file"


def test_warc_without_html(tmp_path: Path) -> None:
    spec = WarcRecordSpec("https://example.jp/a.png", b"\x89PNG", content_type="image/png")
    path = write_warc(tmp_path / "images.warc", [spec], gz=False)
    assert only_failure(run(path)).reason == "no HTML responses in WARC (1 records read)"


def test_warc_is_deterministic(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", mixed_specs(), gz=True)
    assert run(path) == run(path)
