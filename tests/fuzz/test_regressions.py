"""Bugs the fuzzers found, each pinned by the smallest input that showed it."""

from __future__ import annotations

from hodo.clean import clean_page
from hodo.ingest.readers import make_page


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
