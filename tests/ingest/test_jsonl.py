from __future__ import annotations

import json
from pathlib import Path

from hodo.ids import content_hash
from hodo.models import Failure, RawPage
from tests.ingest.helpers import LONG_JA, only_failure, run


def write_lines(path: Path, lines: list[str], *, bom: bool = False) -> Path:
    data = "\n".join(lines).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def test_good_lines(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "pages.jsonl",
        [
            json.dumps(
                {"text": LONG_JA, "url": "https://example.jp/1", "published": "2024-06-19"},
                ensure_ascii=False,
            ),
            "",
            json.dumps({"html": "<html><body><p>本文</p></body></html>"}),
            "   ",
            json.dumps({"text": "三つ目\r\n改行"}),
        ],
        bom=True,
    )
    items = run(path)
    assert all(isinstance(item, RawPage) for item in items)
    first, second, third = items
    assert isinstance(first, RawPage) and isinstance(second, RawPage) and isinstance(third, RawPage)
    assert (first.source, first.kind, first.text) == (f"{path}#1", "text", LONG_JA)
    assert (first.url, first.published, first.encoding) == ("https://example.jp/1", "2024-06-19", "utf_8")
    assert first.content_hash == content_hash(LONG_JA)
    assert (second.source, second.kind, second.url, second.published) == (f"{path}#3", "html", None, None)
    assert (third.source, third.text) == (f"{path}#5", "三つ目\n改行")


def test_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        [
            '{"text": "一"}',
            '{"text": "二" "url": 1}',
            "[1, 2]",
            '{"url": "https://example.jp/"}',
            '{"text": "   "}',
            '{"text": 42}',
            '{"text": "七"}',
            "null",
            '{"html": null, "text": "九"}',
        ],
    )
    items = run(path)
    summary = [
        (item.source.rsplit("#", 1)[1], item.reason if isinstance(item, Failure) else item.text)
        for item in items
    ]
    assert summary == [
        ("1", "一"),
        ("2", "line 2: invalid JSON (Expecting ',' delimiter)"),
        ("3", "line 3: not a JSON object (an array)"),
        ("4", 'line 4: neither "text" nor "html"'),
        ("5", 'line 5: empty "text"'),
        ("6", 'line 6: "text" is a number, not a string'),
        ("7", "七"),
        ("8", "line 8: not a JSON object (null)"),
        ("9", "九"),
    ]
    assert all(item.stage == "ingest" for item in items if isinstance(item, Failure))


def test_html_wins_over_text_when_both_are_given(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "both.jsonl", ['{"text": "本文", "html": "<p>本文</p>"}'])
    (page,) = run(path)
    assert isinstance(page, RawPage) and page.kind == "html"


def test_non_string_metadata_is_dropped_not_fatal(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "meta.jsonl", ['{"text": "本文", "url": 5, "published": 2024}'])
    (page,) = run(path)
    assert isinstance(page, RawPage)
    assert (page.url, page.published) == (None, None)


def test_line_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sjis.jsonl"
    path.write_bytes(b'{"text": "ok"}\n' + '{"text": "本文"}'.encode("cp932") + b"\n")
    first, second = run(path)
    assert isinstance(first, RawPage)
    assert isinstance(second, Failure)
    assert second.reason == "line 2: not valid UTF-8 (JSONL must be UTF-8)"


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "dos.jsonl"
    path.write_bytes(b'{"text": "a"}\r\n{"text": "b"}\r\n')
    assert [item.text for item in run(path) if isinstance(item, RawPage)] == ["a", "b"]


def test_empty_and_blank_jsonl(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n  \n")
    assert only_failure(run(tmp_path / "empty.jsonl")).reason == "empty file"
    assert only_failure(run(tmp_path / "blank.jsonl")).reason == "empty file"


def test_size_limit_applies_per_line(tmp_path: Path) -> None:
    big = json.dumps({"text": "あ" * 2000}, ensure_ascii=False)  # ~6 KB
    path = write_lines(tmp_path / "big.jsonl", ['{"text": "small"}', big, '{"text": "after"}'])
    items = run(path, max_bytes=4096)
    assert isinstance(items[0], RawPage) and items[0].text == "small"
    assert isinstance(items[1], Failure)
    assert items[1].source == f"{path}#2"
    assert items[1].reason.startswith("line 2: too large: ")
    assert isinstance(items[2], RawPage) and items[2].text == "after"
    assert items[2].source == f"{path}#3"
