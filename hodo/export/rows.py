"""What the exports are written from: plain rows, one dataclass per table, and the pure
functions that turn a stored contract document into them.

The runner's read side (`hodo.query.export_data`) fills an `ExportData` from the store;
the writers of this package only ever see these values (never a store connection).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ref:
    """An entity as an event or a quote names it."""

    id: str
    name: str
    qid: str | None = None
    country: str | None = None
    """The name of the state it belongs to by the gazetteer (a state: itself)."""


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    source: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    published_basis: str | None
    authors: tuple[str, ...]
    sources_cited: tuple[str, ...]
    site: str | None
    encoding: str | None
    body: str
    sentences: int
    entities: int
    events: int
    quotes: int


@dataclass(frozen=True)
class EntityRow:
    entity_id: str
    name: str
    type: str
    wikidata: str | None
    country: str | None
    aliases: tuple[str, ...]
    """Every form it was written in (in the whole store)."""
    documents: int
    """Documents of the export that mention it."""
    mentions: int
    """Its mentions in those documents."""


@dataclass(frozen=True)
class MentionRow:
    doc_id: str
    entity_id: str
    start: int
    end: int
    text: str
    sentence: int | None


@dataclass(frozen=True)
class EventRow:
    doc_id: str
    event_id: str
    cluster_id: str | None
    type: str
    mode: str | None
    status: str
    time: str | None
    """The event's own date (ISO prefix), when the page gives one."""
    time_end: str | None
    sentence: int
    sentence_text: str | None
    trigger: str
    actors: tuple[Ref, ...]
    recipients: tuple[Ref, ...]
    place: Ref | None
    reported_by: tuple[Ref, ...]
    outlet: str | None
    published: str | None
    title: str | None
    source: str
    url: str | None

    @property
    def date(self) -> str | None:
        """Its own date, else the day its page was published (as POLECAT dates by story)."""
        if self.time:
            return self.time
        return self.published[:10] if self.published else None


@dataclass(frozen=True)
class QuoteRow:
    doc_id: str
    index: int
    """Its position among the document's quotes (contradictions name quotes by it)."""
    sentence: int
    speaker: Ref | None
    speaker_text: str | None
    text: str
    kind: str
    cue: str
    stance: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ExportData:
    documents: tuple[DocumentRow, ...]
    entities: tuple[EntityRow, ...]
    mentions: tuple[MentionRow, ...]
    events: tuple[EventRow, ...]
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True)
class EntityInfo:
    """What the store knows of an entity across the corpus."""

    name: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...]
    country: str | None


@dataclass(frozen=True)
class DocumentRows:
    """One stored document as rows (`rows_of_document`)."""

    document: DocumentRow
    mentions: tuple[MentionRow, ...]
    events: tuple[EventRow, ...]
    quotes: tuple[QuoteRow, ...]
    entities: dict[str, tuple[str, str, str | None]]
    """Its entities as the document names them: id → (name, type, wikidata)."""


def sentence_of(starts: Sequence[int], offset: int) -> int | None:
    """The index of the sentence (by its start offsets, ascending) holding `offset`."""
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 else None


def rows_of_document(
    payload: Mapping[str, Any],
    *,
    clusters: Mapping[str, str],
    known: Mapping[str, EntityInfo],
    keep_event: Sequence[frozenset[str]] = (),
) -> DocumentRows:
    """A stored contract document as rows. `clusters`: event id → cluster id; `known`:
    the store's entities (their canonical names and countries); `keep_event`: groups of
    entity ids of which an event must involve one each (as actor, recipient or place)."""
    doc_id = str(payload["doc_id"])
    sentences = payload.get("sentences") or []
    starts = [int(s["start"]) for s in sentences]
    own = {str(e["id"]): (str(e["name"]), str(e["type"]), e.get("wikidata")) for e in payload["entities"]}

    def ref(entity_id: str) -> Ref:
        info = known.get(entity_id)
        if info is not None:
            return Ref(entity_id, info.name, info.wikidata, info.country)
        name, _, qid = own.get(entity_id, (entity_id, "", None))
        return Ref(entity_id, name, qid)

    published = payload.get("published") or {}
    mentions = tuple(
        MentionRow(
            doc_id,
            str(e["id"]),
            int(m["start"]),
            int(m["end"]),
            str(m["text"]),
            sentence_of(starts, int(m["start"])),
        )
        for e in payload["entities"]
        for m in e["mentions"]
    )
    events = []
    for ev in payload["events"]:
        involved = {*ev["actors"], *ev["recipients"], *([ev["place"]] if ev.get("place") else [])}
        if any(not (group & involved) for group in keep_event):
            continue
        time = ev.get("time") or {}
        n = int(ev["sentence"])
        events.append(
            EventRow(
                doc_id=doc_id,
                event_id=str(ev["id"]),
                cluster_id=clusters.get(str(ev["id"])),
                type=str(ev["type"]),
                mode=ev.get("mode"),
                status=str(ev["status"]),
                time=time.get("value"),
                time_end=time.get("end_value"),
                sentence=n,
                sentence_text=sentences[n]["text"] if 0 <= n < len(sentences) else None,
                trigger=str(ev["trigger"]["text"]),
                actors=tuple(ref(x) for x in ev["actors"]),
                recipients=tuple(ref(x) for x in ev["recipients"]),
                place=ref(ev["place"]) if ev.get("place") else None,
                reported_by=tuple(ref(x) for x in ev.get("reported_by", [])),
                outlet=payload.get("outlet"),
                published=published.get("value"),
                title=payload.get("title"),
                source=str(payload["source"]),
                url=payload.get("url"),
            )
        )
    quotes = tuple(
        QuoteRow(
            doc_id=doc_id,
            index=i,
            sentence=int(q["sentence"]),
            speaker=ref(q["speaker"]) if q.get("speaker") else None,
            speaker_text=q.get("speaker_text"),
            text=str(q["text"]),
            kind=str(q["kind"]),
            cue=str(q["cue"]),
            stance=q.get("stance"),
            start=int(q["start"]),
            end=int(q["end"]),
        )
        for i, q in enumerate(payload["quotes"])
    )
    document = DocumentRow(
        doc_id=doc_id,
        source=str(payload["source"]),
        url=payload.get("url"),
        title=payload.get("title"),
        outlet=payload.get("outlet"),
        published=published.get("value"),
        published_basis=published.get("basis"),
        authors=tuple(payload.get("authors", [])),
        sources_cited=tuple(payload.get("sources_cited", [])),
        site=payload.get("site"),
        encoding=payload.get("encoding"),
        body=str(payload["body"]),
        sentences=len(sentences),
        entities=len(own),
        events=len(payload["events"]),
        quotes=len(quotes),
    )
    return DocumentRows(document, mentions, tuple(events), quotes, own)


def collect(parts: Iterable[DocumentRows], known: Mapping[str, EntityInfo]) -> ExportData:
    """The tables of an export from its documents' rows; entities are those the documents
    mention, with their counts in them (most documents first)."""
    docs: list[DocumentRow] = []
    mentions: list[MentionRow] = []
    events: list[EventRow] = []
    quotes: list[QuoteRow] = []
    in_docs: Counter[str] = Counter()
    own: dict[str, tuple[str, str, str | None]] = {}
    for p in parts:
        docs.append(p.document)
        mentions += p.mentions
        events += p.events
        quotes += p.quotes
        in_docs.update(p.entities.keys())
        for entity_id, named in p.entities.items():
            own.setdefault(entity_id, named)
    times = Counter(m.entity_id for m in mentions)
    entities = []
    for entity_id in sorted(in_docs, key=lambda i: (-in_docs[i], -times[i], i)):
        info = known.get(entity_id)
        if info is None:
            name, type_, qid = own[entity_id]
            info = EntityInfo(name, type_, qid, (), None)
        entities.append(
            EntityRow(
                entity_id=entity_id,
                name=info.name,
                type=info.type,
                wikidata=info.wikidata,
                country=info.country,
                aliases=info.aliases,
                documents=in_docs[entity_id],
                mentions=times[entity_id],
            )
        )
    return ExportData(tuple(docs), tuple(entities), tuple(mentions), tuple(events), tuple(quotes))


def join(values: Sequence[str | None], sep: str = "; ") -> str:
    """Several values in one cell (CSV, graph attributes): the non-empty ones, in order."""
    return sep.join(v for v in values if v)
