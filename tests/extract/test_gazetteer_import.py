"""Wikidata entities → gazetteer entries, the gazetteer file format, and merging."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hodo.extract.gazetteer import GazetteerError, load_gazetteer
from hodo.extract.gazetteer_file import add, default_path, detect_kind, dump_entries, read_entries
from hodo.extract.wikidata import parse_entities, wikidata_date

DUMP = Path(__file__).parent / "data" / "wikidata.json"


@pytest.fixture(scope="module")
def dump() -> str:
    return DUMP.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def added(dump: str) -> str:
    text, _ = add(None, dump, kind="wikidata", where="wikidata.json")
    return text


def entries(text: str) -> dict[str, dict[str, Any]]:
    return {str(e["id"]): e for e in tomllib.loads(text)["entity"]}


def test_a_politician_gets_names_offices_and_labels(added: str) -> None:
    park = entries(added)["park-min-jun"]
    assert park["qid"] == "Q999000001" and park["type"] == "PERSON" and park["name"] == "朴民俊"
    # katakana with and without the dot; no titled form (朴民俊氏, 朴長官), no 1-character one (朴)
    assert park["aliases"] == ["朴民俊", "パク・ミンジュン", "パクミンジュン"]
    assert (park["en"], park["ko"], park["ru"]) == ("Park Min-jun", "박민준", "Пак Мин Джун")
    assert park["offices"] == [
        # P1001 of the position → south-korea; the end is known to the month only
        {"title": "統一部長官", "of": "south-korea", "start": "2023-07-28", "end": "2024-12"},
        # P642 (of) on the statement; the start known to the year
        {"title": "国家安保室長", "of": "south-korea", "start": "2025", "end": ""},
    ]  # the deprecated statement and the position missing from the file are left out
    assert "died" not in park  # P570 "no value"


def test_known_identities_are_extended_not_duplicated(added: str) -> None:
    putin = entries(added)["putin"]  # Q7747 is built in: its id, offices and surname are kept
    assert putin["qid"] == "Q7747" and putin["surname"] == "プーチン"
    assert putin["aliases"][-2:] == ["ウラディーミル・プーチン", "ウラディーミルプーチン"]
    assert "プーチン大統領" not in putin["aliases"]
    assert [o["title"] for o in putin["offices"]] == ["大統領", "首相", "大統領"]


def test_places_and_organisations_link_to_what_hodo_knows(added: str) -> None:
    got = entries(added)
    assert got["chongjin"]["type"] == "GPE" and got["chongjin"]["located_in"] == "north-korea"
    institute = got["east-sea-marine-institute"]
    assert institute["dissolved"] == "2019-03" and "part_of" not in institute  # its parent is unknown
    # 北朝鮮 is North Korea's name: never given to another identity
    assert got["north-korea-study-group"]["aliases"] == ["北朝鮮研究会"]
    assert "spring-in-pyongyang" not in got  # a film: no hodo type


def test_the_result_is_a_gazetteer_analyze_can_use(added: str, tmp_path: Path) -> None:
    path = tmp_path / "user.toml"
    path.write_text(added, encoding="utf-8")
    gaz = load_gazetteer([path])
    park = gaz.lookup("パク・ミンジュン")
    assert park is not None and park.entity_id == "Q999000001"
    assert [e.id for e in gaz.holder_by_title("長官", "2024-03", of="south-korea")] == ["park-min-jun"]
    assert gaz.holder_by_title("長官", "2025-03", of="south-korea") == []
    assert gaz.lookup("ウラディーミル・プーチン") is gaz.entries["putin"]
    assert gaz.lookup("北朝鮮") is gaz.entries["north-korea"]


def test_adding_the_same_file_twice_changes_nothing(dump: str, added: str) -> None:
    again, report = add(added, dump, kind="wikidata", where="wikidata.json")
    assert again is added
    assert not (report.added or report.extended or report.updated)
    assert sorted(report.unchanged) == sorted(entries(added))


def test_every_wikidata_json_shape_gives_the_same_entries(dump: str, added: str) -> None:
    items = parse_entities(dump)
    shapes = {
        "jsonl": "\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n",
        "entitydata": json.dumps({"entities": {i["id"]: i for i in items}}, ensure_ascii=False),
        "compact array": json.dumps(items, ensure_ascii=False),
    }
    for shape, text in shapes.items():
        assert add(None, text, kind="wikidata", where=shape)[0] == added, shape
    one, _ = add(None, json.dumps(items[0], ensure_ascii=False), kind="wikidata", where="one")
    assert list(entries(one)) == ["park-min-jun"]


def test_unknown_classes_can_be_given_a_type(dump: str) -> None:
    text, report = add(None, dump, kind="wikidata", where="w", default_type="EVENT")
    assert entries(text)["spring-in-pyongyang"]["type"] == "EVENT"
    assert not report.skipped
    # positions stay positions: they give titles, not identities
    assert "minister-of-unification" not in entries(text)


def test_own_format_entries_replace_by_id_and_are_checked(added: str) -> None:
    mine = dump_entries([{"id": "chongjin", "type": "GPE", "name": "清津", "aliases": ["清津"]}])
    text, report = add(added, mine, kind="toml", where="mine.toml")
    assert report.updated == ["chongjin"] and entries(text)["chongjin"]["aliases"] == ["清津"]
    assert list(entries(text)) == list(entries(added))  # same place in the file
    assert add(text, mine, kind="toml", where="mine.toml")[0] is text
    with pytest.raises(GazetteerError, match="needs id, type and name"):
        add(added, '[[entity]]\nid = "x"\n', kind="toml", where="bad.toml")
    with pytest.raises(GazetteerError, match="cannot read gazetteer"):
        add(added, "[[entity]\n", kind="toml", where="bad.toml")
    with pytest.raises(GazetteerError, match="not JSON"):
        add(added, "{not json\n", kind="wikidata", where="bad.json")


def test_wikidata_dates_keep_their_precision() -> None:
    def t(time: str, precision: int) -> str:
        return wikidata_date({"time": time, "precision": precision})

    assert t("+2012-05-07T00:00:00Z", 11) == "2012-05-07"
    assert t("+2012-05-00T00:00:00Z", 10) == "2012-05"
    assert t("+2012-00-00T00:00:00Z", 9) == "2012"
    assert t("+2012-05-07T00:00:00Z", 9) == "2012"
    assert t("+2000-00-00T00:00:00Z", 8) == ""  # a decade: not a date hodo can use
    assert t("-0044-03-15T00:00:00Z", 11) == ""
    assert wikidata_date(None) == ""


def test_detect_kind_and_default_path() -> None:
    assert detect_kind("a.toml", "") == "toml" and detect_kind("a.json.gz", "") == "wikidata"
    assert detect_kind("dump", '[\n{"id": "Q1"}') == "wikidata" and detect_kind("x", "[[entity]]") == "toml"
    home = Path("/home/u")
    assert default_path({}, home) == home / ".config" / "hodo" / "gazetteer.toml"
    assert default_path({"XDG_CONFIG_HOME": "/cfg"}, home) == Path("/cfg/hodo/gazetteer.toml")
    assert default_path({"HODO_GAZETTEER": "/x/g.toml", "XDG_CONFIG_HOME": "/cfg"}, home) == Path("/x/g.toml")


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(name=names, aliases=st.lists(names, max_size=4), title=names)
def test_any_text_survives_the_file_format(name: str, aliases: list[str], title: str) -> None:
    entry = {
        "id": "x",
        "type": "PERSON",
        "name": name,
        "aliases": aliases,
        "offices": [{"title": title, "of": "", "start": "2024", "end": ""}],
        "weird key": True,
    }
    assert read_entries(dump_entries([entry]), "t") == [entry]
