"""The store's linking tables: clusters grow incrementally, re-runs change nothing, and
clusters, contradictions and duplicates are queryable by entity and date."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hodo.contract import document_json
from hodo.link.clusters import cluster_events
from hodo.models import Document, Entity, Mention
from hodo.pipeline import link_into_store
from hodo.store import Store
from tests.link._events import GEO, sample_corpus


def save(store: Store, docs: list[Document]) -> None:
    with store.transaction():
        for d in docs:
            store.upsert_document(d, document_json(d))
        link_into_store(store, docs, GEO)


def groups(store: Store) -> set[frozenset[tuple[str, str]]]:
    rows = store._conn.execute("SELECT cluster_id, doc_id, event_id FROM events").fetchall()
    out: dict[str, set[tuple[str, str]]] = {}
    for cid, d, e in rows:
        out.setdefault(cid, set()).add((d, e))
    return {frozenset(v) for v in out.values()}


def dump(store: Store) -> list[list[tuple[object, ...]]]:
    tables = ("events", "event_entities", "event_clusters", "contradictions", "document_entities")
    return [
        sorted(tuple(x for x in r if not (isinstance(x, str) and x[:2] == "20" and "T" in x)) for r in rows)
        for rows in (store._conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables)
    ]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "h.db")


def test_adding_documents_in_two_runs_gives_the_clusters_of_one_run(store: Store, tmp_path: Path) -> None:
    docs = sample_corpus()
    save(store, docs[:3])
    save(store, docs[3:])
    once = Store(tmp_path / "once.db")
    save(once, docs)
    assert groups(store) == groups(once)
    want = {frozenset(m for m in c.members) for c in cluster_events(docs, GEO)[0]}
    assert groups(store) == want


def test_saving_the_same_documents_again_changes_nothing(store: Store) -> None:
    save(store, sample_corpus())
    before = dump(store)
    save(store, sample_corpus())
    assert dump(store) == before


def test_a_changed_document_replaces_its_events(store: Store) -> None:
    docs = sample_corpus()
    save(store, docs)
    changed = replace(docs[1], events=())
    save(store, [changed])
    assert ("d2", "e1") not in {m for g in groups(store) for m in g}
    [visit] = [g for g in groups(store) if ("d1", "e1") in g]
    assert visit == {("d1", "e1"), ("d3", "e1")}


def test_timeline_by_entity_and_date(store: Store) -> None:
    save(store, sample_corpus())
    links = store.links
    everything = links.timeline()
    assert [e.sort_date for e in everything] == sorted(e.sort_date or "" for e in everything)
    kim = links.timeline(entities=[["kim"]])
    assert {e.time.value for e in kim if e.time} == {"2023-09-13", "2024-06-18"}
    assert [e.time and e.time.value for e in links.timeline(entities=[["kim"]], date_from="2024")] == [
        "2024-06-18"
    ]
    assert links.timeline(entities=[["kim"]], date_to="2023-09")[0].corroborated_by == 2
    supply = links.timeline(entities=[["NK"], ["RU"]], min_docs=2)
    [aid] = [e for e in supply if e.type == "AID"]
    assert aid.time is None and aid.sort_date == "2024-01-21"
    assert aid.disputed_by == ("RU",) and aid.contradictions == 1
    assert aid.first_reported.doc_id == "d4"


def test_contradictions_and_duplicates_are_stored(store: Store) -> None:
    docs = sample_corpus()
    body = "北朝鮮がロシアに砲弾を供給していると米国が非難した。ロシアは否定した。" * 5
    twins = [replace(d, body=body) for d in docs[3:5]]
    save(store, [*docs[:3], *twins, docs[5]])
    [c] = store.links.contradictions()
    assert (c["a_doc"], c["b_doc"], c["b_event"]) == ("d4", "d5", "e2")
    assert store.links.contradictions(entity_ids=["VN"]) == []
    assert [g.doc_ids for g in store.links.duplicates()] == [("d4", "d5")]
    assert len(store.links.contradictions(entity_ids=["NK"], date_from="2024-01", date_to="2024-01")) == 1
    assert store.links.contradictions(date_from="2024-02") == []
    assert [g.doc_ids for g in store.links.duplicates(entity_ids=["RU"], date_to="2024-06")] == [("d4", "d5")]
    assert store.links.duplicates(entity_ids=["putin"]) == []
    assert store.links.duplicates(date_from="2025") == []


def test_entities_are_found_by_any_form(store: Store) -> None:
    d = replace(
        sample_corpus()[0],
        entities=(
            Entity("putin", "ウラジーミル・プーチン", "PERSON", (Mention(0, 4, "プーチン"),), "Q7747"),
        ),
    )
    save(store, [d])
    links = store.links
    assert links.entity_ids("プーチン") == links.entity_ids("Q7747") == ["putin"]
    assert links.entity_ids("ウラジーミル") == ["putin"]
    assert links.entity_ids("メドベージェフ") == []
