"""Quotations: direct and indirect, speakers (also through 彼 / 同省), stances."""

from __future__ import annotations

from typing import Any

from hodo.models import Document, Quote


def speaker_name(doc: Document, q: Quote) -> str | None:
    return {e.id: e.name for e in doc.entities}.get(q.speaker or "")


def test_direct_quote(analyse: Any) -> None:
    doc = analyse("ラブロフ外相は20日「対話の扉は開かれている」と記者団に述べた。")
    (q,) = doc.quotes
    assert q.kind == "direct"
    assert q.text == "対話の扉は開かれている"
    assert doc.body[q.start : q.end] == q.text
    assert speaker_name(doc, q) == "セルゲイ・ラブロフ"
    assert q.stance == "assert"


def test_indirect_criticism(analyse: Any) -> None:
    doc = analyse("中国外務省の報道官は、米国の制裁は不当だと批判した。")
    (q,) = doc.quotes
    assert q.kind == "indirect"
    assert "不当だ" in q.text
    assert q.stance == "criticize"
    assert q.speaker_text and "報道官" in q.speaker_text


def test_denial_by_content(analyse: Any) -> None:
    doc = analyse("ロシア大統領府のペスコフ報道官は、北朝鮮と兵器の取引は行っていないと述べた。")
    (q,) = doc.quotes
    assert q.stance == "deny"


def test_pronoun_speaker(analyse: Any) -> None:
    doc = analyse("カービー大統領補佐官は会見を開いた。彼は「状況を注視している」と語った。")
    q = doc.quotes[-1]
    assert speaker_name(doc, q) == "ジョン・カービー"


def test_continuing_speaker(analyse: Any) -> None:
    body = (
        "韓国外務省の報道官は、ロシアの対応は遺憾だと批判した。さらに、韓国は対話を拒んでいないと主張した。"
    )
    doc = analyse(body)
    assert len(doc.quotes) == 2
    assert doc.quotes[1].speaker_text == doc.quotes[0].speaker_text
    assert doc.quotes[1].stance == "deny"


def test_names_joined_by_to_are_not_quotes(analyse: Any) -> None:
    doc = analyse("北朝鮮とロシアは軍事協力を強化すると発表した。")
    assert all(q.text != "北朝鮮" for q in doc.quotes)


def test_passive_hearsay_is_not_a_quote(analyse: Any) -> None:
    doc = analyse("北朝鮮が砲弾を供給したと指摘されている。")
    assert doc.quotes == ()
