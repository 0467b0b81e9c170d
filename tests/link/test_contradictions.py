"""Contradictions: a claim and its denial, in one page and across pages."""

from __future__ import annotations

from dataclasses import replace

from hodo.link.clusters import cluster_events
from hodo.link.contradictions import across_documents, within_document
from hodo.models import Document, Quote
from tests.link._events import GEO, doc, ev


def pairs(d: Document) -> set[tuple[int, int, str]]:
    return {(c.a.sentence, c.b.sentence, c.kind) for c in within_document(d, GEO)}


def test_an_accusation_and_its_denial_in_one_sentence() -> None:
    # 米韓は北朝鮮がロシアに…供給していると非難しているが、双方が否定している
    d = doc(
        "d1",
        "2024-06-19",
        ev("e1", "AID", ("NK",), ("RU",), status="denied", sentence=4, reported_by=("US",)),
        ev("e2", "ACCUSE", ("US",), ("NK",), sentence=4),
        ev("e3", "REJECT", ("RU", "NK"), sentence=4, mode="deny"),
    )
    [c] = within_document(d, GEO)
    assert (c.a.sentence, c.a.event_id, c.b.event_id, c.kind) == (4, "e1", "e3", "denial")


def test_a_negation_answers_the_allegation_earlier_in_the_page() -> None:
    d = doc(
        "d1",
        "2025-12-01",
        ev("e1", "CONSULT", ("KR",), ("RU",), status="alleged", sentence=2, mode="visit"),
        ev("e2", "CONSULT", ("KR", "RU"), time="2025-09", sentence=5, mode="meet"),
        ev("e3", "CONSULT", ("RU",), status="negated", sentence=21, mode="meet"),
    )
    d = replace(d, quotes=(Quote("zakharova", "報道官", "…", 0, 1, "indirect", "主張", "deny", 21),))
    [c] = within_document(d, GEO)
    assert (c.a.sentence, c.b.sentence, c.kind, c.b.quote_index) == (2, 21, "negation", 0)


def test_a_denied_accusation_stands_for_the_claim_before_it() -> None:
    # 北はロシアに軍需品を提供しており… しかしロシアは…非難を否定している
    d = doc(
        "d1",
        "2024-01-21",
        ev("e1", "AID", ("NK",), ("RU",), sentence=9),
        ev("e2", "ACCUSE", ("KR",), ("US",), status="denied", sentence=10),
        ev("e3", "REJECT", ("RU",), sentence=10, mode="deny"),
    )
    assert pairs(d) == {(9, 10, "denial")}


def test_no_contradiction_between_different_acts() -> None:
    d = doc(
        "d1",
        "2024-01-21",
        ev("e1", "AID", ("NK",), ("RU",), sentence=1),
        ev("e2", "CONSULT", ("RU",), status="negated", sentence=2),
        ev("e3", "REJECT", ("VN",), sentence=9, mode="deny"),
    )
    assert pairs(d) == set()


def test_a_claim_and_a_denial_on_different_pages_of_one_cluster() -> None:
    a = doc("d1", "2024-01-21", ev("e1", "AID", ("NK",), ("RU",), sentence=9))
    b = doc(
        "d2",
        "2024-06-19",
        ev("e1", "AID", ("NK",), ("RU",), status="denied", sentence=11),
        ev("e2", "REJECT", ("RU", "NK"), sentence=11, mode="deny"),
    )
    _, index = cluster_events([a, b], GEO)
    [c] = across_documents(index)
    assert (c.a.doc_id, c.a.sentence, c.b.doc_id, c.b.event_id) == ("d1", 9, "d2", "e2")
    assert c.cluster == index.cluster_of("d1", "e1")


def test_a_claim_never_contradicts_itself() -> None:
    # the status says "denied" but no denial is told (a REJECT that did not happen)
    d = doc(
        "d1",
        "2024-11-05",
        ev("e1", "AID", ("NK",), ("RU",), status="denied", sentence=4, reported_by=("KR",)),
        ev("e2", "REJECT", ("putin",), status="negated", sentence=4, mode="deny"),
    )
    assert within_document(d, GEO) == []
