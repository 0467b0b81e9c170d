"""Entity mentions and identities, on sentences written for these tests."""

from __future__ import annotations

from hodo.models import Entity


def ids_of(entities: tuple[Entity, ...], surface: str) -> set[str]:
    return {e.id for e in entities for m in e.mentions if surface in m.text or m.text in surface}


def by_text(entities: tuple[Entity, ...], text: str) -> Entity:
    return next(e for e in entities for m in e.mentions if m.text == text)


def test_titles_and_short_forms_join_the_full_name(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of(
        "北朝鮮の金正恩総書記は19日、ロシアのプーチン大統領と会談した。金総書記は「友好を深める」と述べた。"
        "プーチン氏は金正恩氏に車を贈った。"
    )
    kim = by_text(ents, "金正恩")
    assert kim.wikidata == "Q56226"
    assert {m.text for m in kim.mentions} >= {"金正恩", "金"}
    putin = by_text(ents, "プーチン")
    assert putin.wikidata == "Q7747" and len(putin.mentions) == 2


def test_people_who_share_a_surname_stay_apart(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of(
        "金正恩氏は父の金正日総書記の墓所を訪れた。妹の金与正氏も同行した。式典は金日成広場で開かれた。"
    )
    ids = [by_text(ents, t).id for t in ("金正恩", "金正日", "金与正")]
    assert len(set(ids)) == 3
    square = by_text(ents, "金日成広場")
    assert square.type == "FAC"


def test_reading_in_parentheses_joins_kanji_and_katakana(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of("韓国の朴成民(パク・ソンミン)議員は20日、朴氏の地元で演説した。", date="2024-05-20")
    pak = by_text(ents, "朴成民")
    assert {m.text for m in pak.mentions} >= {"朴成民", "パク・ソンミン"}
    assert pak.type == "PERSON"


def test_unknown_katakana_name_next_to_a_title(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of("オレグ・ ペトロフスキー外務省特任大使は会見で、ペトロフスキー氏の立場を説明した。")
    person = by_text(ents, "オレグ・ ペトロフスキー")
    assert person.type == "PERSON"
    assert any(m.text == "ペトロフスキー" for m in person.mentions)


def test_same_name_same_id_across_documents(entities_of) -> None:  # type: ignore[no-untyped-def]
    a = entities_of("ウラジミール・プーチン大統領が平壌に到着した。")
    b = entities_of("ロシアのウラジーミル・プーチン大統領は談話を発表した。")
    assert ids_of(a, "ウラジミール・プーチン") == ids_of(b, "ウラジーミル・プーチン")
    c = entities_of("韓国の朴成民(パク・ソンミン)議員が訪米した。")
    d = entities_of("朴成民議員は記者団に語った。")
    assert by_text(c, "朴成民").id == by_text(d, "朴成民").id


def test_shared_given_name_never_merges(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of("セルゲイ・ショイグ安全保障会議書記とセルゲイ・ラブロフ外相が会談した。")
    assert by_text(ents, "セルゲイ・ショイグ").id != by_text(ents, "セルゲイ・ラブロフ").id


def test_an_office_at_a_date_is_its_holder(entities_of) -> None:  # type: ignore[no-untyped-def]
    text = "ロシアの国防相は平壌を訪れた。"
    in_2023 = by_text(entities_of(text, date="2023-07-26"), "国防相")
    in_2024 = by_text(entities_of(text, date="2024-11-29"), "国防相")
    assert in_2023.name == "セルゲイ・ショイグ" and in_2024.name == "アンドレイ・ベロウソフ"
    assert all(m.text != "国防相" for e in entities_of(text, date=None) for m in e.mentions)


def test_places_and_states_stay_apart(entities_of) -> None:  # type: ignore[no-untyped-def]
    ents = entities_of("ロシアと北朝鮮の首脳はモスクワではなく平壌で会談した。米国と中国は注視している。")
    assert by_text(ents, "ロシア").wikidata == "Q159"
    assert by_text(ents, "モスクワ").id != by_text(ents, "ロシア").id
    assert by_text(ents, "平壌").id != by_text(ents, "北朝鮮").id
    assert by_text(ents, "米国").wikidata == "Q30"


def test_mentions_are_exact_offsets(entities_of) -> None:  # type: ignore[no-untyped-def]
    text = "ジョン・カービーホワイトハウス国家安全保障通信補佐官は17日、会見した。ポール・ラカメラ在韓米軍司令官も出席した。"
    ents = entities_of(text)
    for e in ents:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    assert by_text(ents, "ジョン・カービー").type == "PERSON"
    assert by_text(ents, "ポール・ラカメラ").type == "PERSON"


def test_an_empty_gazetteer_works() -> None:
    from hodo.extract.entities import extract_entities
    from hodo.extract.gazetteer import Gazetteer
    from hodo.nlp.ginza import NerSpan

    g = Gazetteer()
    g.index()
    text = "山田太郎氏が来日した。"
    ents = extract_entities(text, [NerSpan(0, 4, "Person", "山田太郎")], g)
    assert [(e.name, e.type) for e in ents] == [("山田太郎", "PERSON")]
