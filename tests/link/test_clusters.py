"""Event clusters: one real-world event told by several pages (rules of hodo/data/link.toml)."""

from __future__ import annotations

import random

from hodo.link.clusters import ClusterIndex, cluster_events, event_keys
from hodo.models import Document, EventCluster
from tests.link._events import GEO, doc, ev, sample_corpus


def groups(clusters: list[EventCluster]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset(c.members) for c in clusters if len(c.members) > 1}


def together(docs: list[Document], a: tuple[str, str], b: tuple[str, str]) -> bool:
    _, index = cluster_events(docs, GEO)
    return index.cluster_of(*a) is not None and index.cluster_of(*a) == index.cluster_of(*b)


def test_a_visit_and_the_summit_held_during_it_are_one_event() -> None:
    d1 = doc("d1", "2024-06-18", ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-18", mode="visit"))
    d2 = doc(
        "d2", "2024-06-20", ev("e1", "CONSULT", ("putin", "kim"), time="2024-06-19", mode="meet", place="PY")
    )
    assert together([d1, d2], ("d1", "e1"), ("d2", "e1"))


def test_month_precision_fits_a_day_inside_it() -> None:
    d1 = doc("d1", "2023-09-14", ev("e1", "CONSULT", ("putin", "kim"), time="2023-09-13", mode="meet"))
    d2 = doc("d2", "2024-06-01", ev("e1", "CONSULT", ("kim",), ("RU",), time="2023-09", mode="visit"))
    clusters, _ = cluster_events([d1, d2], GEO)
    assert groups(clusters) == {frozenset({("d1", "e1"), ("d2", "e1")})}
    assert clusters[0].time is not None and clusters[0].time.value == "2023-09-13"


def test_the_same_leaders_meeting_in_two_years_are_two_events() -> None:
    d1 = doc("d1", "2019-04-26", ev("e1", "CONSULT", ("putin", "kim"), time="2019-04-25", mode="meet"))
    d2 = doc("d2", "2023-09-14", ev("e1", "CONSULT", ("putin", "kim"), time="2023-09-13", mode="meet"))
    assert not together([d1, d2], ("d1", "e1"), ("d2", "e1"))


def test_a_treaty_signed_in_june_and_in_force_in_december_are_two_events() -> None:
    d1 = doc("d1", "2024-06-20", ev("e1", "AGREE", ("RU", "NK"), time="2024-06-19", mode="treaty"))
    d2 = doc("d2", "2024-12-05", ev("e1", "AGREE", ("RU", "NK"), time="2024-12-04", mode="treaty"))
    assert not together([d1, d2], ("d1", "e1"), ("d2", "e1"))


def test_places_in_different_states_are_different_events() -> None:
    d1 = doc("d1", "2024-06-20", ev("e1", "CONSULT", ("putin", "kim"), time="2024-06-19", place="PY"))
    d2 = doc("d2", "2024-06-20", ev("e1", "CONSULT", ("putin", "kim"), time="2024-06-19", place="VN"))
    assert not together([d1, d2], ("d1", "e1"), ("d2", "e1"))


def test_a_phone_call_is_not_the_visit() -> None:
    d1 = doc("d1", "2024-06-20", ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-19", mode="visit"))
    d2 = doc("d2", "2024-06-20", ev("e1", "CONSULT", ("putin", "kim"), time="2024-06-19", mode="phone"))
    assert not together([d1, d2], ("d1", "e1"), ("d2", "e1"))


def test_an_announced_visit_without_a_date_joins_the_visit_that_followed() -> None:
    visit = ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-18", mode="visit")
    plan = ev("e1", "CONSULT", ("putin",), ("PY",), status="possible", mode="visit")
    d1, d2 = doc("d1", "2024-06-18", visit), doc("d2", "2024-01-21", plan)
    assert together([d1, d2], ("d1", "e1"), ("d2", "e1"))
    # told as done, it would have happened before its page: it is not the later visit
    done = doc("d3", "2024-01-21", ev("e1", "CONSULT", ("putin",), ("PY",), mode="visit"))
    assert not together([d1, done], ("d1", "e1"), ("d3", "e1"))


def test_an_undated_event_with_another_state_or_other_people_stays_apart() -> None:
    visit = doc("d1", "2024-06-18", ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-18", mode="visit"))
    vietnam = doc("d2", "2024-06-01", ev("e1", "CONSULT", ("putin", "VN"), status="planned", mode="visit"))
    assert not together([visit, vietnam], ("d1", "e1"), ("d2", "e1"))
    talks = doc("d3", "2024-11-02", ev("e1", "CONSULT", ("lavrov", "choe"), time="2024-11-01", mode="meet"))
    other = doc("d4", "2024-11-20", ev("e1", "CONSULT", ("putin", "kim"), status="alleged", mode="meet"))
    assert not together([talks, other], ("d3", "e1"), ("d4", "e1"))


def test_undated_mentions_of_an_ongoing_supply_join_when_published_within_a_year() -> None:
    a = doc("d1", "2024-01-21", ev("e1", "AID", ("NK",), ("RU",)))
    b = doc("d2", "2024-06-19", ev("e1", "AID", ("NK",), ("RU",), status="denied"))
    far = doc("d3", "2026-03-01", ev("e1", "AID", ("NK",), ("RU",)))
    reverse = doc("d4", "2024-03-01", ev("e1", "AID", ("RU",), ("NK",)))
    _, index = cluster_events([a, b, far, reverse], GEO)
    assert index.cluster_of("d1", "e1") == index.cluster_of("d2", "e1")
    assert index.cluster_of("d3", "e1") != index.cluster_of("d1", "e1")
    assert index.cluster_of("d4", "e1") != index.cluster_of("d1", "e1")


def test_undated_meetings_do_not_join_each_other() -> None:
    a = doc("d1", "2024-01-21", ev("e1", "CONSULT", ("putin", "kim")))
    b = doc("d2", "2024-02-21", ev("e1", "CONSULT", ("putin", "kim")))
    assert not together([a, b], ("d1", "e1"), ("d2", "e1"))


def test_a_weak_event_fitting_two_clusters_equally_joins_neither() -> None:
    a = doc("d1", "2024-03-02", ev("e1", "CONSULT", ("putin", "kim"), time="2024-03-01", mode="meet"))
    b = doc("d2", "2024-09-02", ev("e1", "CONSULT", ("putin", "kim"), time="2024-09-01", mode="meet"))
    year = doc("d3", "2024-12-01", ev("e1", "CONSULT", ("putin", "kim"), time="2024", mode="meet"))
    _, index = cluster_events([a, b, year], GEO)
    assert index.cluster_of("d3", "e1") not in {index.cluster_of("d1", "e1"), index.cluster_of("d2", "e1")}


def test_clusters_do_not_depend_on_input_order() -> None:
    docs = sample_corpus()
    want = cluster_events(docs, GEO)[0]
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        got = cluster_events(shuffled, GEO)[0]
        assert sorted((c.id, c.members) for c in got) == sorted((c.id, c.members) for c in want)


def test_adding_documents_extends_restored_clusters() -> None:
    docs = sample_corpus()
    first, index = cluster_events(docs[:4], GEO)
    # a later run: restore the clusters from their keys (as the store keeps them), then add
    again = ClusterIndex()
    for c in first:
        again.restore(c.id, index.members(c.id))
    changed = again.add(k for d in docs[4:] for k in event_keys(d, GEO))
    assert changed
    assert groups(again.clusters()) == groups(cluster_events(docs, GEO)[0])
    # adding the same documents again changes nothing
    assert again.add(k for d in docs for k in event_keys(d, GEO)) == []


def test_an_undated_event_of_an_earlier_batch_joins_the_dated_event_that_came_later() -> None:
    plan = doc("d1", "2024-01-21", ev("e1", "CONSULT", ("putin",), ("PY",), status="planned", mode="visit"))
    visit = doc("d2", "2024-06-18", ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-18", mode="visit"))
    index = ClusterIndex()
    [lone] = index.add(event_keys(plan, GEO))
    changed = index.add(event_keys(visit, GEO))
    assert lone in changed and lone not in index  # emptied: its event moved
    assert index.cluster_of("d1", "e1") == index.cluster_of("d2", "e1")
    assert groups(index.clusters()) == groups(cluster_events([plan, visit], GEO)[0])
