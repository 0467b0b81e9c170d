"""Briefings from the sample corpus store: every line cites source sentences that exist,
quoted lines are the sentences they cite, nothing is said twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from hodo.brief.compose import config
from hodo.brief.similarity import bigrams, cosine
from hodo.models import Briefing
from hodo.query import briefing
from hodo.store import Store


@pytest.fixture(scope="module")
def sentences(sample_store: Path) -> dict[tuple[str, int], str]:
    out = {}
    with Store(sample_store) as store:
        for doc_id in store.document_ids():
            payload = store.get_document(doc_id)
            assert payload is not None
            for i, s in enumerate(payload["sentences"]):
                out[(doc_id, i)] = s["text"].strip()
    return out


def make(sample_store: Path, **kw) -> Briefing:  # type: ignore[no-untyped-def]
    with Store(sample_store) as store:
        return briefing(store, **kw)


@pytest.mark.parametrize(
    "kw",
    [
        {"entities": ["金正恩"]},
        {"entities": ["プーチン"], "date_from": "2024-06", "date_to": "2024-06"},
        {"between": ("北朝鮮", "ロシア")},
        {},
    ],
)
def test_every_line_rests_on_real_sentences(sample_store: Path, sentences, kw) -> None:  # type: ignore[no-untyped-def]
    b = make(sample_store, **kw)
    cites = {c.n: c for c in b.citations}
    assert sorted(cites) == list(range(1, len(cites) + 1))
    for c in b.citations:  # a citation is a real sentence of a real page, quoted exactly
        assert sentences[(c.doc_id, c.sentence)] == c.text
    lines = [*b.overview, *b.details, *b.points, *(x for d in b.disputes for x in (d.claim, d.denial))]
    assert lines
    for line in lines:
        assert line.cites and all(n in cites for n in line.cites)
    for line in [*b.overview, *b.details, *(x for d in b.disputes for x in (d.claim, d.denial))]:
        # taken from a source: the line is one of the sentences it cites
        assert line.text in {cites[n].text for n in line.cites}
    assert {n for s in b.sources for n in s.cites} == set(cites)
    assert {s.doc_id for s in b.sources} == {c.doc_id for c in b.citations}


def test_overview_is_three_to_five_different_sentences(sample_store: Path) -> None:
    b = make(sample_store, between=("北朝鮮", "ロシア"))
    assert 3 <= len(b.overview) <= 5
    limit = float(config()["limits"]["redundant"])
    vecs = [bigrams(ln.text) for ln in b.overview]
    for i, v in enumerate(vecs):
        assert all(cosine(v, w) <= limit for w in vecs[i + 1 :])
    dated = [ln.date for ln in b.overview if ln.date]
    assert dated == sorted(dated)


def test_details_in_date_order_and_disputes_quote_both_sides(sample_store: Path) -> None:
    b = make(sample_store, between=("北朝鮮", "ロシア"))
    dates = [ln.date for ln in b.details if ln.date]
    assert dates == sorted(dates) and len(b.details) >= 5
    assert b.disputes
    for d in b.disputes:
        assert d.claim_by and d.denied_by and d.claim_by != d.denied_by
        assert d.claim.text != d.denial.text or d.claim.cites == d.denial.cites  # "A says…, B denies"
    assert any("否定" in p.text for p in b.points)


def test_composed_points_name_only_what_their_sources_say(sample_store: Path) -> None:
    b = make(sample_store, entities=["金正恩"])
    cites = {c.n: c for c in b.citations}
    with Store(sample_store) as store:
        meta = store.views.document_meta([c.doc_id for c in b.citations])
    reported = [p for p in b.points if "媒体（" in p.text]
    assert reported
    for p in reported:  # "{n}媒体（A、B）が報じた": the outlets of the pages it cites, counted
        n, rest = p.text.split("媒体（", 1)
        named = rest.split("）が報じた", 1)[0].split("、")
        cited = {meta[cites[k].doc_id]["outlet"] or meta[cites[k].doc_id]["source"] for k in p.cites}
        assert set(named) == cited and n.endswith(str(len(named)))


def test_unknown_entity_is_an_error(sample_store: Path) -> None:
    from hodo.errors import HodoError

    with pytest.raises(HodoError, match="no entity called"):
        make(sample_store, entities=["存在しない人物"])
