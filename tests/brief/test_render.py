from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hodo.brief import render
from hodo.cli import main
from hodo.models import BriefDispute, Briefing, BriefLine, BriefSource, Citation

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def hostile() -> Briefing:
    line = BriefLine(f"崔氏は{EVIL}と述べた。", (1,), "2024-07-01", "協議・会談")
    return Briefing(
        subject=EVIL,
        scope="記事1本",
        overview=(line,),
        details=(line,),
        points=(BriefLine(f"崔善姫「{EVIL}」", (1,)),),
        disputes=(BriefDispute("denial", line, line, EVIL, EVIL),),
        sources=(BriefSource("doc-1", EVIL, "2024-07-01", EVIL, "javascript:alert(3)", (1,)),),
        citations=(Citation(1, "doc-1", 0, f"崔氏は{EVIL}と述べた。"),),
        documents_considered=1,
    )


def test_html_escapes_everything_from_pages() -> None:
    html = render(hostile(), "html")
    assert "<script>alert" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('href="#cite-1"') >= 4  # every line's [1] links to the source list


def test_html_links_citations_to_the_sentence_when_served() -> None:
    html = render(hostile(), "html", doc_link="/#/doc/{doc_id}?s={sentence}")
    assert 'href="/#/doc/doc-1?s=0"' in html


def test_markdown_makes_page_text_inert() -> None:
    md = render(hostile(), "md")
    assert "<script>" not in md and "\\<script\\>" in md
    for heading in ("## 概要", "## 詳細", "## 要点", "## 係争点", "## 出典"):
        assert heading in md
    assert "[1] 第1文 `doc-1`" in md


def test_json_round_trips() -> None:
    data = json.loads(render(hostile(), "json"))
    assert data["citations"][0] == {
        "n": 1,
        "doc_id": "doc-1",
        "sentence": 0,
        "text": f"崔氏は{EVIL}と述べた。",
    }
    assert data["generator"].startswith("hodo ")


def test_cli_brief_writes_each_format(sample_store: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"b.{fmt}"
        r = CliRunner().invoke(
            main, ["brief", "--db", str(sample_store), "--entity", "金正恩", "--format", fmt, "-o", str(out)]
        )
        assert r.exit_code == 0, r.output
        assert out.read_text(encoding="utf-8").strip()
    r = CliRunner().invoke(main, ["brief", "--db", str(sample_store), "--entity", "誰でもない"])
    assert r.exit_code != 0 and "no entity called" in r.output
