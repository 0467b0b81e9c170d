"""The output contract (shared/contract, version 1): hodo's dataclasses as plain JSON.

Required fields are always written (`null` / `[]` when unknown); a few extras
(`url`, `encoding`, `site`, the date's `confidence`) are allowed by the contract."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from hodo.models import (
    ClaimRef,
    Contradiction,
    Document,
    DuplicateGroup,
    Entity,
    Event,
    EventCluster,
    Mention,
    Published,
    Quote,
    Span,
    Timex,
    When,
)

CONTRACT_VERSION = 1


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "wikidata": e.wikidata,
        "mentions": [asdict(m) for m in e.mentions],
    }


def _timex(t: Timex) -> dict[str, Any]:
    return asdict(t)


def _event(e: Event) -> dict[str, Any]:
    d = asdict(e)
    d["actors"], d["recipients"], d["reported_by"] = list(e.actors), list(e.recipients), list(e.reported_by)
    return d


def _quote(q: Quote) -> dict[str, Any]:
    return asdict(q)


def document_json(doc: Document) -> dict[str, Any]:
    pub = None
    if doc.published is not None:
        pub = {
            "value": doc.published.value,
            "basis": doc.published.basis,
            "evidence": doc.published.evidence,
            "confidence": doc.published.confidence,
        }
    return {
        "contract": CONTRACT_VERSION,
        "doc_id": doc.doc_id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "authors": list(doc.authors),
        "outlet": doc.outlet,
        "published": pub,
        "sources_cited": list(doc.sources_cited),
        "encoding": doc.encoding,
        "site": doc.site,
        "body": doc.body,
        "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in doc.sentences],
        "entities": [_entity(e) for e in doc.entities],
        "timexes": [_timex(t) for t in doc.timexes],
        "events": [_event(e) for e in doc.events],
        "quotes": [_quote(q) for q in doc.quotes],
    }


def cluster_json(c: EventCluster) -> dict[str, Any]:
    return {
        "id": c.id,
        "type": c.type,
        "time": asdict(c.time) if c.time else None,
        "members": [{"doc_id": d, "event_id": e} for d, e in c.members],
    }


def _claim(r: ClaimRef) -> dict[str, Any]:
    return asdict(r)


def contradiction_json(c: Contradiction, clusters: set[str] | None = None) -> dict[str, Any]:
    keep = c.cluster if clusters is None or c.cluster in clusters else None
    return {"id": c.id, "kind": c.kind, "cluster": keep, "a": _claim(c.a), "b": _claim(c.b)}


def corpus_json(
    docs: list[Document],
    duplicates: Sequence[DuplicateGroup] = (),
    clusters: Sequence[EventCluster] = (),
    contradictions: Sequence[Contradiction] = (),
) -> dict[str, Any]:
    """What only the whole corpus shows. Identities are gathered from the documents;
    duplicates, clusters and contradictions come from the linking stage. Only clusters
    that span two or more documents are written (the contract's event clusters); a
    contradiction names its cluster only when that cluster is written."""
    entities: dict[str, dict[str, Any]] = {}
    for doc in docs:
        for e in doc.entities:
            c = entities.setdefault(
                e.id,
                {
                    "id": e.id,
                    "name": e.name,
                    "type": e.type,
                    "wikidata": e.wikidata,
                    "aliases": [],
                    "doc_ids": [],
                },
            )
            for m in e.mentions:
                if m.text not in c["aliases"]:
                    c["aliases"].append(m.text)
            if doc.doc_id not in c["doc_ids"]:
                c["doc_ids"].append(doc.doc_id)
    multi = [c for c in clusters if len(c.doc_ids) > 1]
    return {
        "contract": CONTRACT_VERSION,
        "entities": list(entities.values()),
        "event_clusters": [cluster_json(c) for c in multi],
        "contradictions": [contradiction_json(c, {m.id for m in multi}) for c in contradictions],
        "duplicates": [{"doc_ids": list(g.doc_ids), "similarity": g.similarity} for g in duplicates],
    }


def document_record(doc: Document) -> dict[str, Any]:
    """`document_json` plus what the contract leaves out (the page kind): a document whole,
    for hodo's own transport between processes and runs (`document_from_json` reads it)."""
    return {**document_json(doc), "kind": doc.kind}


def document_from_json(d: dict[str, Any]) -> Document:
    """The inverse of `document_json` (and of `document_record`): a contract document back
    as hodo's dataclasses."""
    pub = d.get("published")

    def when(w: dict[str, Any] | None) -> When | None:
        return When(w["value"], w.get("end_value")) if w else None

    return Document(
        doc_id=d["doc_id"],
        source=d["source"],
        title=d.get("title"),
        authors=tuple(d.get("authors", [])),
        outlet=d.get("outlet"),
        published=Published(pub["value"], pub["basis"], pub.get("evidence", ""), pub.get("confidence", 1.0))
        if pub
        else None,
        sources_cited=tuple(d.get("sources_cited", [])),
        body=d["body"],
        url=d.get("url"),
        encoding=d.get("encoding"),
        site=d.get("site"),
        kind=d.get("kind", "text"),
        sentences=tuple(Span(s["start"], s["end"], s["text"]) for s in d.get("sentences", [])),
        entities=tuple(
            Entity(
                e["id"], e["name"], e["type"], tuple(Mention(**m) for m in e["mentions"]), e.get("wikidata")
            )
            for e in d.get("entities", [])
        ),
        timexes=tuple(Timex(**t) for t in d.get("timexes", [])),
        events=tuple(
            Event(
                id=e["id"],
                type=e["type"],
                actors=tuple(e["actors"]),
                recipients=tuple(e["recipients"]),
                place=e.get("place"),
                time=when(e.get("time")),
                status=e["status"],
                sentence=e["sentence"],
                trigger=Span(**e["trigger"]),
                mode=e.get("mode"),
                reported_by=tuple(e.get("reported_by", [])),
            )
            for e in d.get("events", [])
        ),
        quotes=tuple(Quote(**q) for q in d.get("quotes", [])),
    )
