"""`hodo timeline`: the table, JSON, filters and clear errors (store built without GiNZA)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hodo.cli import main
from hodo.store import Store
from tests.link._events import sample_corpus
from tests.store.test_links import save


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "h.db"
    with Store(path) as store:
        save(store, sample_corpus())
    return path


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["timeline", *args])
    return r.exit_code, r.output


def test_json_lists_clusters_in_date_order_with_sources(db: Path) -> None:
    code, out = run("--db", str(db), "--entity", "kim", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["time"]["value"] for r in rows] == ["2023-09-13", "2024-06-18"]
    visit = rows[1]
    assert visit["first_reported"]["doc_id"] == "d3"  # the announcement came first
    assert len(visit["sources"]) == 3


def test_between_and_dates(db: Path) -> None:
    code, out = run("--db", str(db), "--between", "NK", "RU", "--from", "2024", "--to", "2024-01", "--json")
    assert code == 0
    assert [(r["type"], r["disputed_by"]) for r in json.loads(out)] == [("AID", ["RU"])]


def test_the_table_shows_undated_events_at_their_first_report(db: Path) -> None:
    code, out = run("--db", str(db), "--min-sources", "2")
    assert code == 0
    assert "(reported 2024-01-21)" in out and "2023-09-13" in out and "disputed by" in out


def test_unknown_entity_and_bad_date_are_clear_errors(db: Path) -> None:
    code, out = run("--db", str(db), "--entity", "メドベージェフ")
    assert code != 0 and "no entity called 'メドベージェフ'" in out
    code, out = run("--db", str(db), "--from", "June 2024")
    assert code != 0 and "not a date like 2024" in out
