"""Contradictions: one side asserts or alleges an event, another denies it or says it did
not happen. Each contradiction links both sentences (and the events or quote in them).

Within one page (rules in hodo/data/link.toml `[contradictions]`):

- An event a party denies (status `denied`) in the same sentence as the accusation that
  makes it (米韓は…供給していると非難しているが、双方が否定している): the event is the
  claim, the REJECT event of the sentence the denial.
- An event denied or negated elsewhere in the page (ロシアは韓国といかなる協議も行っておらず):
  the claim is the page's event of the same type that shares a participant's state and a
  compatible time, preferring one that is alleged (denials answer allegations), then one
  told earlier, then the nearest.
- A denial of an accusation (…の非難を否定している): the claim is the nearest event in the
  `lookback` sentences before it in which the denier takes part.

Across pages: an event cluster whose members include a claim from one page and a denial
from another gives one contradiction for each such pair of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from hodo.ids import stable_id
from hodo.link.clusters import ClusterIndex, EventKey, Geography, event_keys
from hodo.models import ClaimRef, Contradiction, Document, Event
from hodo.resources import load_toml


@dataclass(frozen=True)
class Rules:
    claims: frozenset[str]
    denials: frozenset[str]
    deny_mode: str
    speech_types: frozenset[str]
    accusation_type: str
    lookback: int


@cache
def rules() -> Rules:
    c = load_toml("link.toml")["contradictions"]
    return Rules(
        claims=frozenset(c["claims"]),
        denials=frozenset(c["denials"]),
        deny_mode=str(c["deny_mode"]),
        speech_types=frozenset(c["speech_types"]),
        accusation_type=str(c["accusation_type"]),
        lookback=int(c["lookback"]),
    )


def _contradiction(kind: str, a: ClaimRef, b: ClaimRef, cluster: str | None) -> Contradiction:
    cid = stable_id(
        "con", a.doc_id, str(a.sentence), a.event_id or "", b.doc_id, str(b.sentence), b.event_id or ""
    )
    return Contradiction(id=cid, kind=kind, cluster=cluster, a=a, b=b)


def _times_fit(x: EventKey, y: EventKey) -> bool:
    if x.lo is None or y.lo is None or x.hi is None or y.hi is None:
        return True
    return x.lo <= y.hi + 1 and y.lo <= x.hi + 1


def within_document(
    doc: Document,
    geo: Geography,
    cluster_of: Callable[[str, str], str | None] = lambda d, e: None,
) -> list[Contradiction]:
    """The contradictions inside one page (pure)."""
    r = rules()
    keys = {k.event_id: k for k in event_keys(doc, geo)}
    events = doc.events

    def deny_quote(si: int) -> int | None:
        return next((i for i, q in enumerate(doc.quotes) if q.sentence == si and q.stance == "deny"), None)

    def rejects(si: int) -> list[Event]:
        return [
            e
            for e in events
            if e.sentence == si and e.type == "REJECT" and e.mode == r.deny_mode and e.status not in r.denials
        ]

    def ref(e: Event, quote: bool = False) -> ClaimRef:
        return ClaimRef(doc.doc_id, e.sentence, e.id, deny_quote(e.sentence) if quote else None)

    def cluster(a: Event, b: Event) -> str | None:
        ca = cluster_of(doc.doc_id, a.id)
        return ca if ca is not None and ca == cluster_of(doc.doc_id, b.id) else None

    out: dict[str, Contradiction] = {}

    def emit(kind: str, claim: Event, denial: Event) -> None:
        c = _contradiction(kind, ref(claim), ref(denial, quote=True), cluster(claim, denial))
        out.setdefault(c.id, c)

    covered: set[int] = set()
    for n in events:
        if n.status not in r.denials or n.type in r.speech_types:
            continue
        kind = "negation" if n.status == "negated" else "denial"
        told = rejects(n.sentence)
        denial = told[0] if told else n
        covered.add(n.sentence)
        accusers = set(n.reported_by) - {x for d in told for x in d.actors}
        accused_here = any(e.sentence == n.sentence and e.type == r.accusation_type for e in events)
        if n.status == "denied" and (accused_here or accusers):
            if denial is not n:  # the denial must be told, not only the claim's status
                emit(kind, n, denial)
            continue
        kn = keys[n.id]
        cands = [
            c
            for c in events
            if c.status in r.claims
            and c.type == n.type
            and c.sentence != n.sentence
            and keys[c.id].anchors & kn.anchors
            and _times_fit(keys[c.id], kn)
        ]
        if cands:
            best = max(
                cands,
                key=lambda c: (
                    c.status == "alleged",
                    c.sentence < n.sentence,
                    -abs(c.sentence - n.sentence),
                ),
            )
            emit(kind, best, denial)
    for d in events:
        if d.type != "REJECT" or d.mode != r.deny_mode or d.status in r.denials or d.sentence in covered:
            continue
        denier = {geo.anchor(x) for x in d.actors}
        prior = [
            c
            for c in events
            if c.status in r.claims
            and c.type not in r.speech_types
            and d.sentence - r.lookback <= c.sentence < d.sentence
            and keys[c.id].anchors & denier
        ]
        if prior:
            best = max(prior, key=lambda c: (c.sentence, -c.trigger.start))
            emit("denial", best, d)
    return list(out.values())


def across_documents(index: ClusterIndex, cluster_ids: Sequence[str] | None = None) -> list[Contradiction]:
    """Claims and denials of one event cluster made by different pages."""
    r = rules()
    out: dict[str, Contradiction] = {}
    ids = cluster_ids if cluster_ids is not None else [c.id for c in index.clusters()]
    for cid in ids:
        members = index.members(cid)
        if len({k.doc_id for k in members}) < 2:
            continue
        claims: dict[str, EventKey] = {}
        denials: dict[str, EventKey] = {}
        for k in members:
            if k.type in r.speech_types:
                continue
            if k.status in r.claims:
                claims.setdefault(k.doc_id, k)
            elif k.status in r.denials:
                denials.setdefault(k.doc_id, k)
        for da, ka in claims.items():
            for db, kb in denials.items():
                if da == db:
                    continue
                reject = next(
                    (
                        x
                        for x in index.keys_of(db)
                        if x.sentence == kb.sentence
                        and x.type == "REJECT"
                        and x.mode == r.deny_mode
                        and x.status not in r.denials
                    ),
                    kb,
                )
                c = _contradiction(
                    "negation" if kb.status == "negated" else "denial",
                    ClaimRef(da, ka.sentence, ka.event_id),
                    ClaimRef(db, reject.sentence, reject.event_id),
                    cid,
                )
                out.setdefault(c.id, c)
    return list(out.values())
