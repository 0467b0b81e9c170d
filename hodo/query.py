"""The read side of the runner: what the CLI and the API ask of a store, as library
functions (the front-ends only parse arguments and format answers).

Names given by people (`--entity 金正恩`) are resolved here; a name the store does not
know is a `HodoError` with a message, never an empty answer that looks like "nothing
happened".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hodo.brief import BriefInput, brief_json, compose, render
from hodo.brief.compose import scope_line
from hodo.contract import document_from_json
from hodo.errors import HodoError
from hodo.export.rows import EntityInfo, ExportData, collect, rows_of_document
from hodo.extract.gazetteer import load_gazetteer
from hodo.link.clusters import geography
from hodo.models import Briefing, ClaimRef, Contradiction, Document, TimelineEntry
from hodo.store import Store
from hodo.store.search import SearchFilters

MAX_BRIEF_DOCUMENTS = 300

__all__ = [
    "brief_json",
    "briefing",
    "contradictions",
    "document",
    "entity_ids",
    "export_data",
    "export_payloads",
    "filters",
    "render",
    "resolve",
    "timeline",
]


def resolve(store: Store, names: Sequence[str]) -> list[list[str]]:
    """One group of entity ids per name (any written form, id, QID, or part of a name)."""
    groups = []
    for name in names:
        ids = store.links.entity_ids(name)
        if not ids:
            raise HodoError(f"no entity called {name!r} in the store")
        groups.append(ids)
    return groups


def entity_ids(store: Store, names: Sequence[str]) -> list[str]:
    """Every entity id any of `names` resolves to (one list, for "involves any of them")."""
    return [i for group in resolve(store, names) for i in group]


def filters(
    store: Store,
    *,
    entities: Sequence[str] = (),
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    event_type: str | None = None,
) -> SearchFilters:
    groups = resolve(store, entities)
    return SearchFilters(
        entity_groups=tuple(tuple(g) for g in groups),
        outlet=outlet or None,
        date_from=date_from or None,
        date_to=date_to or None,
        event_type=event_type or None,
    )


def timeline(
    store: Store,
    *,
    entities: Sequence[str] = (),
    between: tuple[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    min_sources: int = 1,
    dated_only: bool = False,
    limit: int = 200,
) -> list[TimelineEntry]:
    """Event clusters in date order; every name of `entities` and both of `between` take part."""
    groups = resolve(store, [*entities, *(between or ())])
    return store.links.timeline(
        entities=groups,
        date_from=date_from,
        date_to=date_to,
        min_docs=min_sources,
        dated_only=dated_only,
        limit=limit,
    )


def timeline_json(entry: TimelineEntry) -> dict[str, Any]:
    d = asdict(entry)
    d["first_reported"] = asdict(entry.first_reported)
    return d


def contradictions(
    store: Store,
    *,
    entities: Sequence[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Stored contradictions with both sides' sentences and pages."""
    rows = store.links.contradictions(
        entity_ids=entity_ids(store, entities), date_from=date_from, date_to=date_to, limit=limit
    )
    meta = store.views.document_meta(sorted({r["a_doc"] for r in rows} | {r["b_doc"] for r in rows}))
    for r in rows:
        for side in ("a", "b"):
            r[f"{side}_text"] = store.views.sentence_text(r[f"{side}_doc"], r[f"{side}_sentence"])
            r[f"{side}_page"] = meta.get(r[f"{side}_doc"])
    return rows


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document (contract JSON) with what links it to others: the names it was
    seen under, its near-duplicates, the clusters of its events, its contradictions."""
    payload = store.get_document(doc_id)
    if payload is None:
        return None
    events = store.views.events(doc_id=doc_id, limit=1000)
    dups = store.links.duplicates(doc_id=doc_id)
    cons = store.links.contradictions(doc_id=doc_id, limit=1000)
    return {
        **payload,
        "seen_as": store.source_names(doc_id),
        "event_links": [
            {"event_id": e["event_id"], "cluster_id": e["cluster_id"], "participants": e["participants"]}
            for e in events
        ],
        "duplicates": [
            {"doc_ids": [d for d in g.doc_ids if d != doc_id], "similarity": g.similarity} for g in dups
        ],
        "contradictions": cons,
    }


def _contradiction(row: dict[str, Any]) -> Contradiction:
    return Contradiction(
        id=row["id"],
        kind=row["kind"],
        cluster=row["cluster"],
        a=ClaimRef(row["a_doc"], row["a_sentence"], row["a_event"], row["a_quote"]),
        b=ClaimRef(row["b_doc"], row["b_sentence"], row["b_event"], row["b_quote"]),
    )


def briefing(
    store: Store,
    *,
    entities: Sequence[str] = (),
    between: tuple[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    max_documents: int = MAX_BRIEF_DOCUMENTS,
) -> Briefing:
    """A cited briefing on what the store holds about the named entities in the period."""
    names = [*entities, *(between or ())]
    groups = resolve(store, names)
    entries = store.links.timeline(entities=groups, date_from=date_from, date_to=date_to, limit=500)
    focus = frozenset(i for g in groups for i in g)
    cons = [
        _contradiction(r)
        for r in store.links.contradictions(entity_ids=sorted(focus), date_from=date_from, date_to=date_to)
    ]
    wanted = [s.doc_id for e in entries for s in e.sources]
    wanted += [c.a.doc_id for c in cons] + [c.b.doc_id for c in cons]
    flt = SearchFilters(entity_groups=tuple(tuple(g) for g in groups), date_from=date_from, date_to=date_to)
    wanted += [h.doc_id for h in store.list_documents(limit=max_documents, filters=flt)]
    docs: dict[str, Document] = {}
    for doc_id in dict.fromkeys(wanted):
        if len(docs) >= max_documents:
            break
        payload = store.get_document(doc_id)
        if payload is not None:
            docs[doc_id] = document_from_json(payload)
    names_of = {e.id: e.name for d in docs.values() for e in d.entities}
    subject = "・".join(
        names_of.get(g[0], n) if len(g) == 1 else n for n, g in zip(names, groups, strict=True)
    )
    return compose(
        BriefInput(
            subject=subject or "全記事",
            scope=scope_line(docs, date_from, date_to),
            documents=docs,
            timeline=entries,
            contradictions=[c for c in cons if c.a.doc_id in docs and c.b.doc_id in docs],
            focus=focus,
            names=names_of,
        )
    )


# -- exports (hodo.export writes what these read) ---------------------------------------


def _story(
    store: Store,
    entities: Sequence[str],
    between: tuple[str, str] | None,
    date_from: str | None,
    date_to: str | None,
) -> tuple[list[list[str]], SearchFilters]:
    groups = resolve(store, [*entities, *(between or ())])
    flt = SearchFilters(entity_groups=tuple(tuple(g) for g in groups), date_from=date_from, date_to=date_to)
    return groups, flt


def export_payloads(
    store: Store,
    *,
    entities: Sequence[str] = (),
    between: tuple[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The stored contract documents that mention every named entity and were published
    in the period, oldest first. Names are resolved now (an unknown one raises here);
    the documents are read as the iterator is consumed."""
    _, flt = _story(store, entities, between, date_from, date_to)
    return store.views.payloads(flt)


def countries(gazetteers: Sequence[str | Path] = ()) -> dict[str, str]:
    """Entity id → the name of the state it belongs to by the gazetteer (a state: itself)."""
    gaz = load_gazetteer(gazetteers)
    name_of = {e.entity_id: e.name for e in gaz.entries.values()}
    return {i: name_of[s] for i, s in geography(gaz).state_of.items() if s in name_of}


def export_data(
    store: Store,
    *,
    entities: Sequence[str] = (),
    between: tuple[str, str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    gazetteers: Sequence[str | Path] = (),
) -> ExportData:
    """The documents `export_payloads` selects as tables (documents, entities, mentions,
    events, quotes). Events are those of these documents in which every named entity
    (one of each `between`) takes part as actor, recipient or place."""
    groups, flt = _story(store, entities, between, date_from, date_to)
    state = countries(gazetteers)
    known = {
        i: EntityInfo(name, type_, qid, forms, state.get(i))
        for i, name, type_, qid, forms in store.views.entity_table()
    }
    keep = [frozenset(g) for g in groups]
    parts = (
        rows_of_document(p, clusters=store.views.event_clusters(p["doc_id"]), known=known, keep_event=keep)
        for p in store.views.payloads(flt)
    )
    return collect(parts, known)
