"""Compose a cited briefing from what the analysis and the linking stage found (pure).

Every line of a briefing is either a sentence of a page, quoted as written, or a line from
a template of `hodo/data/brief.toml` filled only with facts of the sentences it cites
(dates, participant names, outlets, counts of pages). Every line cites at least one
source sentence; a fact with no sentence behind it is not written.

- 概要: the sentences that tell the most corroborated event clusters, chosen by maximal
  marginal relevance so no two say the same thing, then in date order. With fewer
  clusters than needed, the opening sentences of the pages fill in.
- 詳細: one line per event cluster in date order: its best sentence (the shortest of
  those most like the others), citing every page that asserts it.
- 要点: composed lines for the events most outlets report and for those someone denies,
  and the most quoted speakers' words.
- 係争点: each contradiction, the claim and the denial quoted from their pages.
- 出典: every cited page (outlet, date, title, URL or file name) with its citations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hodo.brief.similarity import bigrams, cosine, mmr
from hodo.models import (
    BriefDispute,
    Briefing,
    BriefLine,
    BriefSource,
    Citation,
    Contradiction,
    Document,
    Quote,
    SentenceRef,
    TimelineEntry,
)
from hodo.resources import load_toml

DENIALS = frozenset({"denied", "negated"})


def config() -> dict[str, Any]:
    return load_toml("brief.toml")


@dataclass(frozen=True)
class BriefInput:
    """What a briefing is made from; the runner gathers it from the store."""

    subject: str
    scope: str
    documents: Mapping[str, Document]
    """Every page the briefing may cite, by doc_id."""
    timeline: Sequence[TimelineEntry]
    contradictions: Sequence[Contradiction]
    focus: frozenset[str] = frozenset()
    """Entity ids the briefing is about (none: the whole selection)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Entity id → canonical name, for speakers."""


@dataclass
class _Line:
    text: str
    refs: tuple[SentenceRef, ...]
    score: float = 0.0
    date: str | None = None
    label: str | None = None
    cluster_id: str | None = None
    capped: bool = True
    """Cite at most `cites_per_line` sentences; composed lines cite every page they count."""


def _sentence(docs: Mapping[str, Document], ref: SentenceRef) -> str | None:
    doc = docs.get(ref.doc_id)
    if doc is None or not 0 <= ref.sentence < len(doc.sentences):
        return None
    return doc.sentences[ref.sentence].text.strip()


def type_label(type_: str, modes: Sequence[str] = ()) -> str:
    cfg = config()
    label = str(cfg["types"].get(type_, type_))
    named = [str(cfg["modes"][m]) for m in modes if m in cfg["modes"]]
    return f"{label}（{'・'.join(named)}）" if named else label


# -- event clusters -----------------------------------------------------------------------


def _claim_refs(entry: TimelineEntry) -> list[SentenceRef]:
    refs = [SentenceRef(s.doc_id, s.sentence) for s in entry.sources if s.status not in DENIALS]
    return list(dict.fromkeys(refs))


def _best_sentence(
    docs: Mapping[str, Document], refs: Sequence[SentenceRef], fit: Mapping[SentenceRef, float]
) -> SentenceRef | None:
    """The sentence that fits the event's date best, then the one most like the others
    that tell the same event, then the shorter."""
    texts = {r: t for r in refs if (t := _sentence(docs, r))}
    if not texts:
        return None
    vecs = {r: bigrams(t) for r, t in texts.items()}
    long = float(config()["limits"]["long_sentence"])

    def centrality(r: SentenceRef) -> float:
        others = [cosine(vecs[r], v) for o, v in vecs.items() if o != r]
        central = sum(others) / len(others) if others else 1.0
        return central - max(0.0, len(texts[r]) - long) / long

    return max(texts, key=lambda r: (fit.get(r, 0.0), centrality(r), -len(texts[r])))


def _date_fit(inp: BriefInput, entry: TimelineEntry) -> dict[SentenceRef, float]:
    """+1 for a sentence whose own event carries the cluster's date, -1 for one that also
    tells an event of another date ("the first visit since July 2000"): such sentences
    tell the event less well."""
    if entry.time is None:
        return {}
    want = entry.time.value[:10]
    fit: dict[SentenceRef, float] = {}
    for s in entry.sources:
        doc = inp.documents.get(s.doc_id)
        if doc is None:
            continue
        ref = SentenceRef(s.doc_id, s.sentence)
        own = next((e for e in doc.events if e.id == s.event_id), None)
        score = 1.0 if own is not None and own.time is not None and own.time.value[:10] == want else 0.0
        others = (e.time.value for e in doc.events if e.sentence == s.sentence and e.time is not None)
        if any(not (v.startswith(want) or want.startswith(v)) for v in others):
            score -= 1.0
        fit[ref] = max(fit.get(ref, -1.0), score)
    return fit


def _cluster_lines(inp: BriefInput) -> list[_Line]:
    lines: list[_Line] = []
    for entry in inp.timeline:
        refs = _claim_refs(entry)
        if not refs:
            continue
        best = _best_sentence(inp.documents, refs, _date_fit(inp, entry))
        if best is None:
            continue
        cited = [best, *(r for r in refs if r != best)]
        text = _sentence(inp.documents, best) or ""
        weights = config()["status_weight"]
        certainty = max(float(weights.get(s.status, 1.0)) for s in entry.sources)
        score = entry.corroborated_by + 0.25 * len(entry.sources) + (0.5 if entry.contradictions else 0.0)
        score *= certainty
        lines.append(
            _Line(
                text=text,
                refs=tuple(r for r in cited if r.doc_id in inp.documents),
                score=score,
                date=entry.time.value if entry.time else None,
                label=type_label(entry.type, entry.modes),
                cluster_id=entry.cluster_id,
            )
        )
    return lines


def _merge_same_sentence(lines: list[_Line]) -> list[_Line]:
    """Clusters told by one sentence (a summit and its treaty) become one line."""
    by_ref: dict[SentenceRef, _Line] = {}
    out: list[_Line] = []
    for line in lines:
        first = by_ref.get(line.refs[0])
        if first is None or (first.date and line.date and first.date != line.date):
            by_ref[line.refs[0]] = line
            out.append(line)
            continue
        if line.label and line.label not in (first.label or ""):
            first.label = f"{first.label}・{line.label}" if first.label else line.label
        first.refs = tuple(dict.fromkeys([*first.refs, *line.refs]))
        first.score = max(first.score, line.score)
        first.date = first.date or line.date
    return out


def _date_key(line: _Line) -> tuple[bool, str]:
    return (line.date is None, line.date or "")


# -- pages' own sentences -------------------------------------------------------------------


def _lead_lines(inp: BriefInput) -> list[_Line]:
    """Each page's first sentence that names a focus entity (or its first sentence)."""
    lines: list[_Line] = []
    for doc in inp.documents.values():
        if not doc.sentences:
            continue
        index = 0
        if inp.focus:
            starts = sorted(m.start for e in doc.entities if e.id in inp.focus for m in e.mentions)
            if starts:
                index = next((i for i, s in enumerate(doc.sentences) if s.end > starts[0]), 0)
        ref = SentenceRef(doc.doc_id, index)
        text = _sentence(inp.documents, ref)
        if text:
            date = doc.published.value if doc.published else None
            lines.append(_Line(text=text, refs=(ref,), score=0.5, date=date))
    return lines


# -- sections -------------------------------------------------------------------------------


def _overview(inp: BriefInput, clusters: list[_Line]) -> list[_Line]:
    lim = config()["limits"]
    pool = list(clusters)
    if len(pool) < int(lim["overview_min"]):
        pool += _lead_lines(inp)
    long = float(lim["long_sentence"])

    def weight(line: _Line) -> float:
        return line.score / (1.0 + max(0.0, len(line.text) - long) / long)

    chosen = mmr(
        sorted(pool, key=lambda ln: -weight(ln)),
        weight,
        lambda ln: ln.text,
        k=int(lim["overview_max"]),
        lam=float(lim["mmr_lambda"]),
        redundant=float(lim["redundant"]),
    )
    return sorted(chosen, key=_date_key)


def _details(clusters: list[_Line]) -> list[_Line]:
    lim = config()["limits"]
    top = sorted(clusters, key=lambda ln: -ln.score)[: int(lim["details_max"])]
    kept: list[_Line] = []
    vecs: list[Any] = []
    for line in top:  # a sentence saying what a kept one says adds its sources to it
        v = bigrams(line.text)
        twin = next((k for k, kv in zip(kept, vecs, strict=True) if cosine(v, kv) > 0.8), None)
        if twin is not None:
            twin.refs = tuple(dict.fromkeys([*twin.refs, *line.refs]))
            continue
        kept.append(line)
        vecs.append(v)
    return sorted(kept, key=_date_key)


def _outlets(inp: BriefInput, refs: Sequence[SentenceRef]) -> list[str]:
    names = (inp.documents[r.doc_id].outlet or inp.documents[r.doc_id].source for r in refs)
    return list(dict.fromkeys(names))


def _points(inp: BriefInput) -> list[_Line]:
    cfg = config()
    tpl, lim = cfg["templates"], cfg["limits"]
    out: list[_Line] = []
    ranked = sorted(inp.timeline, key=lambda e: (-e.corroborated_by, -len(e.sources), e.sort_date or ""))
    for entry in ranked[: int(lim["points_events"])]:
        by_outlet: dict[str, SentenceRef] = {}
        for r in _claim_refs(entry):  # one sentence per outlet: the line counts outlets
            if r.doc_id in inp.documents:
                by_outlet.setdefault(_outlets(inp, [r])[0], r)
        if not by_outlet:
            continue
        refs, outlets = list(by_outlet.values()), list(by_outlet)
        text = tpl["corroborated"].format(
            date=entry.time.value if entry.time else tpl["undated"],
            who="・".join(entry.participants[:4]) or "—",
            label=type_label(entry.type, entry.modes),
            n=len(outlets),
            outlets="、".join(outlets),
        )
        out.append(_Line(text=text, refs=tuple(refs), cluster_id=entry.cluster_id, capped=False))
    for entry in inp.timeline:
        denials = [
            SentenceRef(s.doc_id, s.sentence)
            for s in entry.sources
            if s.status in DENIALS and s.doc_id in inp.documents
        ]
        if not denials or not entry.disputed_by:
            continue
        text = tpl["disputed"].format(
            date=entry.time.value if entry.time else tpl["undated"],
            who="・".join(entry.participants[:4]) or "—",
            label=type_label(entry.type, entry.modes),
            deniers="、".join(entry.disputed_by),
        )
        out.append(
            _Line(text=text, refs=tuple(dict.fromkeys(denials)), cluster_id=entry.cluster_id, capped=False)
        )
    return out + _quote_points(inp)


def _quote_points(inp: BriefInput) -> list[_Line]:
    cfg = config()
    speakers: Counter[str] = Counter()
    quotes: list[tuple[str, str, SentenceRef]] = []
    for doc in inp.documents.values():
        for q in doc.quotes:
            if q.speaker is None or not _about_focus(doc, q, inp.focus):
                continue
            name = inp.names.get(q.speaker) or q.speaker_text or q.speaker
            speakers[q.speaker] += 1
            text = cfg["templates"]["quote"].format(speaker=name, text=q.text)
            quotes.append((q.speaker, text, SentenceRef(doc.doc_id, q.sentence)))
    items = [_Line(text=t, refs=(r,), score=float(speakers[s])) for s, t, r in quotes]
    return mmr(
        items,
        lambda ln: ln.score,
        lambda ln: ln.text,
        k=int(cfg["limits"]["points_quotes"]),
        redundant=float(cfg["limits"]["redundant"]),
    )


def _about_focus(doc: Document, q: Quote, focus: frozenset[str]) -> bool:
    """Said by a focus entity, or naming one in its words."""
    if not focus or q.speaker in focus:
        return True
    return any(q.start <= m.start < q.end for e in doc.entities if e.id in focus for m in e.mentions)


def _event_names(inp: BriefInput, doc: Document, event_id: str | None, roles: Sequence[str]) -> list[str]:
    ev = next((e for e in doc.events if e.id == event_id), None)
    if ev is None:
        return []
    ids = [i for role in roles for i in getattr(ev, role)]
    return list(dict.fromkeys(inp.names.get(i, i) for i in ids))


def _disputes(inp: BriefInput) -> list[tuple[str, _Line, _Line, str, str, str | None]]:
    """Each contradiction once: the claim (by whom it is reported or made) and the denial
    (by its speaker or the denying party); both sides may be one sentence ("A says …, B
    denies it")."""
    lim = config()["limits"]
    out: list[tuple[str, _Line, _Line, str, str, str | None]] = []
    seen: set[tuple[str, str]] = set()
    for c in inp.contradictions:
        a_ref, b_ref = SentenceRef(c.a.doc_id, c.a.sentence), SentenceRef(c.b.doc_id, c.b.sentence)
        a_text, b_text = _sentence(inp.documents, a_ref), _sentence(inp.documents, b_ref)
        if not a_text or not b_text or (a_text, b_text) in seen:
            continue
        seen.add((a_text, b_text))
        a_doc, b_doc = inp.documents[c.a.doc_id], inp.documents[c.b.doc_id]
        claim_by = _event_names(inp, a_doc, c.a.event_id, ("reported_by",)) or [a_doc.outlet or a_doc.source]
        denied_by = _event_names(inp, b_doc, c.b.event_id, ("actors",))
        if c.b.quote_index is not None and 0 <= c.b.quote_index < len(b_doc.quotes):
            q = b_doc.quotes[c.b.quote_index]
            if q.speaker:
                denied_by = [inp.names.get(q.speaker) or q.speaker_text or q.speaker]
        if not denied_by:
            denied_by = [b_doc.outlet or b_doc.source]
        out.append(
            (
                c.kind,
                _Line(a_text, (a_ref,)),
                _Line(b_text, (b_ref,)),
                "・".join(claim_by),
                "・".join(denied_by),
                c.cluster,
            )
        )
        if len(out) >= int(lim["disputes_max"]):
            break
    return out


def scope_line(docs: Mapping[str, Document], date_from: str | None, date_to: str | None) -> str:
    """What a briefing covers: how many pages and outlets, and the period (asked, else
    the pages' own first and last dates)."""
    tpl = config()["templates"]
    dates = sorted(d.published.value[:10] for d in docs.values() if d.published)
    start = date_from or (dates[0] if dates else "—")
    end = date_to or (dates[-1] if dates else "—")
    outlets = {d.outlet for d in docs.values() if d.outlet}
    return "　".join(
        [
            tpl["scope_docs"].format(n=len(docs), outlets=len(outlets)),
            tpl["scope_dates"].format(start=start, end=end),
        ]
    )


# -- numbering ------------------------------------------------------------------------------


class _Numbering:
    def __init__(self, docs: Mapping[str, Document], per_line: int) -> None:
        self.docs = docs
        self.per_line = per_line
        self.numbers: dict[SentenceRef, int] = {}

    def line(self, ln: _Line) -> BriefLine:
        cites = []
        for ref in ln.refs[: self.per_line] if ln.capped else ln.refs:
            if ref not in self.numbers:
                self.numbers[ref] = len(self.numbers) + 1
            cites.append(self.numbers[ref])
        return BriefLine(ln.text, tuple(sorted(cites)), ln.date, ln.label, ln.cluster_id)

    def citations(self) -> tuple[Citation, ...]:
        return tuple(
            Citation(n, r.doc_id, r.sentence, _sentence(self.docs, r) or "") for r, n in self.numbers.items()
        )

    def sources(self) -> tuple[BriefSource, ...]:
        cites: dict[str, list[int]] = {}
        for ref, n in self.numbers.items():
            cites.setdefault(ref.doc_id, []).append(n)
        out = []
        for doc_id, ns in cites.items():
            d = self.docs[doc_id]
            out.append(
                BriefSource(
                    doc_id=doc_id,
                    outlet=d.outlet,
                    published=d.published.value if d.published else None,
                    title=d.title,
                    locator=d.url or d.source,
                    cites=tuple(ns),
                )
            )
        return tuple(out)


def compose(inp: BriefInput) -> Briefing:
    """The briefing for `inp`: only sentences of `inp.documents` are cited."""
    clusters = _merge_same_sentence(_cluster_lines(inp))
    overview = _overview(inp, clusters)
    details = _details(clusters)
    points = _points(inp)
    disputes = _disputes(inp)
    num = _Numbering(inp.documents, int(config()["limits"]["cites_per_line"]))
    b_overview = tuple(num.line(ln) for ln in overview if ln.refs)
    b_details = tuple(num.line(ln) for ln in details if ln.refs)
    b_points = tuple(num.line(ln) for ln in points if ln.refs)
    b_disputes = tuple(
        BriefDispute(kind, num.line(a), num.line(b), a_by, b_by, cid)
        for kind, a, b, a_by, b_by, cid in disputes
    )
    return Briefing(
        subject=inp.subject,
        scope=inp.scope,
        overview=b_overview,
        details=b_details,
        points=b_points,
        disputes=b_disputes,
        sources=num.sources(),
        citations=num.citations(),
        documents_considered=len(inp.documents),
    )
