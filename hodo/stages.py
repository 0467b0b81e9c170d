"""The per-document stages, composed: what every engine (hodo.scale) runs on each page.

Pure functions from one artifact to the next: a RawPage is cleaned into a Document with
sentences; a batch of cleaned Documents is parsed by GiNZA once and each is given its
entities, dates, events and quotes. The corpus-level stages (identities, duplicates,
clusters, contradictions) run afterwards in the runner, on all documents together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from hodo.clean import clean_page
from hodo.errors import HodoError
from hodo.extract.clauses import build_context
from hodo.extract.dating import date_from_known_events, month_from_known_events
from hodo.extract.entities import extract_entities
from hodo.extract.events import extract_events
from hodo.extract.gazetteer import Gazetteer
from hodo.extract.quotes import extract_quotes
from hodo.models import Document, Failure, RawPage
from hodo.nlp.ginza import Parsed, parse
from hodo.nlp.sentences import split_sentences
from hodo.nlp.timex import find_timexes


def clean_document(page: RawPage, templates: dict[str, frozenset[str]] | None = None) -> Document:
    """The per-page stages that need no model: clean, then sentences (pure: no I/O)."""
    doc = clean_page(page, templates)
    return replace(doc, sentences=tuple(split_sentences(doc.body)))


def understand(doc: Document, parsed: Parsed, gaz: Gazetteer) -> Document:
    """Entities, dates, events and quotes of one cleaned document, from its GiNZA
    analysis (pure)."""
    if doc.published is None:
        dated = date_from_known_events(doc.body, gaz)
        if dated is not None:
            doc = replace(doc, published=dated)
    if doc.published is not None and doc.published.basis == "inferred" and len(doc.published.value) == 4:
        month = month_from_known_events(doc.body, doc.published.value, gaz)
        if month is not None:
            evidence = f"{doc.published.evidence}; {month.evidence}"
            doc = replace(doc, published=replace(month, evidence=evidence))
    anchor = doc.published.value if doc.published else None
    entities = extract_entities(doc.body, list(parsed.ents), gaz, anchor)
    timexes = tuple(find_timexes(doc.body, anchor))
    ctx = build_context(doc.body, doc.sentences, entities, timexes, parsed.tokens)
    events = extract_events(doc.doc_id, doc.body, ctx, gaz, anchor)
    return replace(doc, entities=entities, timexes=timexes, events=events, quotes=extract_quotes(ctx))


def guarded(source: str, fn: Callable[[], Document]) -> Document | Failure:
    """fn's document, or the reason it failed: one bad page never stops a batch."""
    try:
        return fn()
    except HodoError as e:
        return Failure(source=source, stage="analyze", reason=str(e))
    except Exception as e:
        return Failure(source=source, stage="analyze", reason=f"internal error: {type(e).__name__}: {e}")


def _parse_batch(docs: Sequence[Document]) -> list[Parsed]:
    try:
        return parse([d.body for d in docs])
    except Exception:
        # one body the model cannot take must not cost its batch: retry one by one
        out: list[Parsed] = []
        for d in docs:
            try:
                out.append(parse([d.body])[0])
            except Exception:
                out.append(Parsed((), ()))
        return out


def analyse_documents(docs: Sequence[Document], gaz: Gazetteer) -> list[Document | Failure]:
    """Each cleaned document analysed (GiNZA once for the batch), in order; a page that
    fails becomes a Failure with its reason."""
    return [
        guarded(doc.source, lambda d=doc, p=parsed: understand(d, p, gaz))  # type: ignore[misc]
        for doc, parsed in zip(docs, _parse_batch(docs), strict=True)
    ]
