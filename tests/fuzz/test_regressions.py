"""Bugs the fuzzers found, each pinned by the smallest input that showed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hodo.clean import clean_page
from hodo.ingest import iter_pages
from hodo.ingest.decode import decode_bytes
from hodo.ingest.readers import make_page
from hodo.models import RawPage


def _html(head: str) -> str:
    return f"<html><head>{head}</head><body><article><p>北朝鮮は19日、声明を発表した。</p></article></body></html>"


def test_json_ld_with_a_graph_that_is_not_a_list() -> None:
    """`{"@graph": 2}` made the cleaner iterate over an int (TypeError)."""
    for ld in ('[1, {"@graph": 2}]', '{"@graph": {"datePublished": "2024-06-19"}}', '{"@graph": null}'):
        head = f'<script type="application/ld+json">{ld}</script>'
        doc = clean_page(make_page("p.html", "html", _html(head), "utf_8"))
        assert doc.body == "北朝鮮は19日、声明を発表した。"
    head = '<script type="application/ld+json">{"@graph": {"datePublished": "2024-06-19"}}</script>'
    doc = clean_page(make_page("p.html", "html", _html(head), "utf_8"))
    assert doc.published is not None and doc.published.value == "2024-06-19"


def test_json_ld_nested_too_deep() -> None:
    """json.loads raises RecursionError, not ValueError, for deeply nested arrays."""
    head = '<script type="application/ld+json">' + "[" * 5000 + "</script>"
    doc = clean_page(make_page("p.html", "html", _html(head), "utf_8"))
    assert doc.body == "北朝鮮は19日、声明を発表した。"


@pytest.mark.parametrize("label", ["undefined", "UNDEFINED"])
def test_charset_label_undefined(tmp_path: Path, label: str) -> None:
    """Python's `undefined` codec raises UnicodeError (not UnicodeDecodeError) for any
    bytes: a page declaring it was lost as an `unexpected error`."""
    html = f'<html><head><meta charset="{label}"></head><body><p>北朝鮮は声明を発表した。</p></body></html>'
    data = html.encode("cp932")
    assert decode_bytes(data, label) == (html, "cp932")
    assert decode_bytes(data) == (html, "cp932")
    (tmp_path / "p.html").write_bytes(data)
    (page,) = iter_pages([tmp_path / "p.html"])
    assert isinstance(page, RawPage) and page.text == html


@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_kanji_only_japanese_declared_latin1(codec: str) -> None:
    """A Japanese text without kana, served as ISO-8859-1 (a server default), stayed cp1252
    mojibake (`2024 “ŒˆŸŽž•ñ …`): the kana test meant for Chinese read as EUC-JP was
    applied to a single-byte declaration too."""
    text = "2024 東亜時報 All rights reserved."
    assert decode_bytes(text.encode(codec), "ISO-8859-1") == (text, codec)


def test_latin1_declared_latin_text_stays_latin() -> None:
    for text in ("Déjà vu, garçon.", "Le président a déclaré à la presse qu'il était très satisfait.", "été"):
        assert decode_bytes(text.encode("latin-1"), "ISO-8859-1") == (text, "cp1252")
