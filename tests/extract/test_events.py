"""Events: triggers, arguments from particles, inherited subjects, time and status.

Sentences written for these tests (general patterns of Japanese news, not seed text)."""

from __future__ import annotations

from typing import Any

from hodo.models import Document, Event


def names(doc: Document, ids: tuple[str, ...]) -> set[str]:
    by_id = {e.id: e.name for e in doc.entities}
    return {by_id.get(i, i) for i in ids}


def only(doc: Document, type_: str) -> Event:
    found = [e for e in doc.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in doc.events]
    return found[0]


def test_planned_visit_with_date(analyse: Any) -> None:
    doc = analyse("中国の習近平国家主席は20日からロシアを訪問する。")
    e = only(doc, "CONSULT")
    assert e.mode == "visit"
    assert "習近平" in names(doc, e.actors)
    assert "ロシア" in names(doc, e.recipients)
    assert e.time is not None and e.time.value == "2024-06-20"
    assert e.status == "planned"
    assert doc.body[e.trigger.start : e.trigger.end] == e.trigger.text


def test_past_summit_with_partner_and_place(analyse: Any) -> None:
    doc = analyse("プーチン大統領は昨年9月、金正恩総書記とロシア極東で首脳会談を開いた。")
    e = only(doc, "CONSULT")
    assert {"ウラジーミル・プーチン", "金正恩"} <= names(doc, e.actors)
    assert e.time is not None and e.time.value == "2023-09"
    assert e.status == "occurred"


def test_visit_noun_names_the_visited_country(analyse: Any) -> None:
    doc = analyse("北朝鮮は国営メディアを通じて、ロシアのラブロフ外相の訪朝を伝えた。北朝鮮は歓迎している。")
    visits = [e for e in doc.events if e.trigger.text == "訪朝"]
    assert visits
    assert "北朝鮮" in names(doc, visits[0].recipients)
    assert "セルゲイ・ラブロフ" in names(doc, visits[0].actors)


def test_alleged_supply_names_who_alleges(analyse: Any) -> None:
    doc = analyse("米政府は、イランがロシアに無人機を供給していると非難した。")
    aid = only(doc, "AID")
    assert "イラン" in names(doc, aid.actors)
    assert "ロシア" in names(doc, aid.recipients)
    assert aid.status == "alleged"
    accuse = only(doc, "ACCUSE")
    assert accuse.status == "occurred"


def test_denied_and_the_denial(analyse: Any) -> None:
    doc = analyse("ロシア外務省は、北朝鮮との武器取引を否定した。")
    rej = only(doc, "REJECT")
    assert rej.mode == "deny"
    assert rej.status == "occurred"


def test_a_denial_that_did_not_happen_denies_nothing(analyse: Any) -> None:
    doc = analyse(
        "イラン外務省の報道官は、イランがロシアに無人機を供給したとの報道について問われ、否定しなかった。"
    )
    assert only(doc, "AID").status != "denied"
    assert only(doc, "REJECT").status == "negated"


def test_negated(analyse: Any) -> None:
    doc = analyse("中国の外相は今回、北朝鮮を訪問しなかった。")
    e = only(doc, "CONSULT")
    assert e.status == "negated"


def test_possible(analyse: Any) -> None:
    doc = analyse("金正恩総書記が年内にロシアを訪問する可能性がある。")
    e = only(doc, "CONSULT")
    assert e.status == "possible"


def test_dropped_subject_from_previous_sentence(analyse: Any) -> None:
    doc = analyse("ロシアは北朝鮮との関係を深めている。昨年は北朝鮮に技術支援を行った。")
    aid = [e for e in doc.events if e.type == "AID"]
    assert aid and "ロシア" in names(doc, aid[0].actors)


def test_reported_by_source(analyse: Any) -> None:
    doc = analyse("韓国の聯合ニュースによると、北朝鮮の外相が先週モスクワを訪問したという。")
    e = only(doc, "CONSULT")
    assert e.reported_by
    assert e.status == "alleged"


def test_no_event_without_an_actor(analyse: Any) -> None:
    doc = analyse("会談後に記者会見が予定されている。")
    assert not [e for e in doc.events if e.type == "CONSULT"]


def test_previous_visit_presupposed_by_since(analyse: Any) -> None:
    doc = analyse("プーチン大統領の訪朝は2000年7月以来、24年ぶりとなる。")
    times = sorted(e.time.value for e in doc.events if e.type == "CONSULT" and e.time)
    assert times == ["2000-07"]


def test_ids_are_deterministic(analyse: Any) -> None:
    text = "中国の習近平国家主席は20日からロシアを訪問する。"
    assert [e.id for e in analyse(text).events] == [e.id for e in analyse(text).events]
