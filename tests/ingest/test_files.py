"""Single page files (.txt, .html, unknown suffixes) and every kind of bad input."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from hodo.ids import content_hash
from hodo.ingest import DEFAULT_MAX_BYTES, iter_pages
from hodo.models import Failure, RawPage
from tests.ingest.helpers import LONG_JA, Item, only_failure, only_page, pages, run
from tests.ingest.test_decode import undecodable_bytes


def test_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(LONG_JA.encode("cp932"))
    page = only_page(run(path))
    assert page.source == str(path)
    assert page.kind == "text"
    assert page.text == LONG_JA
    assert page.encoding == "cp932"
    assert page.content_hash == content_hash(LONG_JA)
    assert page.url is None and page.published is None


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("本文です。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert only_page(run("a.txt")).source == "a.txt"


@pytest.mark.parametrize("suffix", [".html", ".htm", ".xhtml", ".HTML"])
def test_html_file(tmp_path: Path, suffix: str) -> None:
    html = f'<html><head><meta charset="euc-jp"></head><body><p>{LONG_JA}</p></body></html>'
    path = tmp_path / f"page{suffix}"
    path.write_bytes(html.encode("euc_jp"))
    page = only_page(run(path))
    assert (page.kind, page.text, page.encoding) == ("html", html, "euc_jp")


def test_html_without_markers_is_still_html_by_suffix(tmp_path: Path) -> None:
    path = tmp_path / "fragment.html"
    path.write_text("<p>断片</p>", encoding="utf-8")
    assert only_page(run(path)).kind == "html"


def test_txt_that_is_really_html_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("\ufeff  <!DOCTYPE html>\n<html><body>本文</body></html>", encoding="utf-8")
    assert only_page(run(path)).kind == "html"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("<!doctype html><title>x</title>本文", "html"),
        ("<HTML><body>本文</body></HTML>", "html"),
        ("\n\n<div>\n<head><title>t</title></head>本文", "html"),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">本文</html>', "html"),
        ("首相は<b>強調</b>と書いた。", "text"),
        ("ただの本文です。", "text"),
    ],
)
def test_unknown_suffix_is_sniffed(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "download.dat"
    path.write_text(content, encoding="utf-8")
    assert only_page(run(path)).kind == kind


def test_explicit_file_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("日本語の文章。", encoding="utf-8")
    page = only_page(run(path))
    assert (page.kind, page.text) == ("text", "日本語の文章。")


def test_crlf_is_normalised_and_hash_ignores_line_endings(tmp_path: Path) -> None:
    (tmp_path / "unix.txt").write_bytes("一行目\n二行目\n".encode())
    (tmp_path / "dos.txt").write_bytes("一行目\r\n二行目\r\n".encode("cp932"))
    unix, dos = pages(run(tmp_path / "unix.txt", tmp_path / "dos.txt"))
    assert dos.text == "一行目\n二行目\n"
    assert unix.content_hash == dos.content_hash


# --- bad inputs --------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    failure = only_failure(run(path))
    assert failure.source == str(path)
    assert failure.reason == "empty file"


@pytest.mark.parametrize("content", [b"   \n\t\r\n  ", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf\n"])
def test_whitespace_only_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert only_failure(run(path)).reason == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert only_failure(run(path)).reason == "binary content, not a text page"


def test_explicit_png_is_sniffed_and_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert only_failure(run(path)).reason == "binary content, not a text page"


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(undecodable_bytes())
    assert only_failure(run(path)).reason == (
        "undecodable: fits none of UTF-8, Shift_JIS/CP932, EUC-JP, ISO-2022-JP"
    )


def test_fifty_megabyte_page_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no disk use
    assert path.stat().st_size == 50 * 1024 * 1024

    def no_open(self: Path, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "open", no_open)
    failure = only_failure(list(iter_pages([path])))
    assert failure.reason == "too large: 50.0 MB exceeds the 20.0 MB limit (--max-mb)"
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("あ" * 1000, encoding="utf-8")  # 3000 bytes
    assert only_failure(run(path, max_bytes=2048)).reason == (
        "too large: 2.9 KB exceeds the 2.0 KB limit (--max-mb)"
    )
    assert only_page(run(path, max_bytes=3000)).text == "あ" * 1000


def test_file_growing_after_stat_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_text("短い", encoding="utf-8")
    real_open = Path.open

    def grow_then_open(self: Path, *args: object, **kwargs: object) -> object:
        with real_open(self, "wb") as out:
            out.write(b"x" * 5000)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", grow_then_open)
    assert only_failure(run(path, max_bytes=1000)).reason.startswith("too large: ")


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    failure = only_failure(run(missing))
    assert failure.source == str(missing)
    assert failure.reason == "cannot read: no such file or directory"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert only_failure(run(link)).reason == "cannot read: broken symbolic link"


def test_broken_symlink_inside_a_folder(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("本文", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    items = run(tmp_path)
    assert [type(item).__name__ for item in items] == ["Failure", "RawPage"]
    assert items[0].source == str(tmp_path / "dangling.txt")
    assert items[0].reason == "cannot read: broken symbolic link"  # type: ignore[union-attr]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, so chmod cannot make a file unreadable: fake the error."""
    path = tmp_path / "secret.txt"
    path.write_text("本文", encoding="utf-8")

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert only_failure(run(path)).reason == "cannot read: permission denied"


def test_io_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad-sector.txt"
    path.write_text("本文", encoding="utf-8")

    class Broken:
        def __enter__(self) -> Broken:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "open", lambda self, *a, **k: Broken())
    assert only_failure(run(path)).reason == "cannot read: input/output error"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    """Opening a FIFO would block; the regular-file check happens on `stat` alone."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list[Item] = []
    worker = threading.Thread(target=lambda: result.extend(run(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # a regression: unblock the reader before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    assert only_failure(result).reason == "cannot read: not a regular file"


def test_failures_do_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good1.txt").write_text("一つ目", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good2.txt").write_text("二つ目", encoding="utf-8")
    items = run(
        tmp_path / "good1.txt",
        tmp_path / "missing.txt",
        tmp_path / "empty.txt",
        tmp_path / "good2.txt",
    )
    assert [type(item).__name__ for item in items] == ["RawPage", "Failure", "Failure", "RawPage"]


def test_an_unexpected_error_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hodo.ingest.decode import decode_bytes

    (tmp_path / "a.txt").write_text("一", encoding="utf-8")
    (tmp_path / "b.txt").write_text("二", encoding="utf-8")

    def flaky(data: bytes, declared: str | None = None) -> tuple[str, str]:
        if data == "一".encode():
            raise RuntimeError("boom\nsecond line")
        return decode_bytes(data, declared)

    monkeypatch.setattr("hodo.ingest.readers.decode_bytes", flaky)
    first, second = run(tmp_path)
    assert isinstance(first, Failure)
    assert first.reason == "unexpected error: RuntimeError: boom second line"
    assert isinstance(second, RawPage) and second.text == "二"
