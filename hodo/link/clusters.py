"""Event clusters: events of different documents that report one real-world event.

Each event is reduced to an `EventKey`: its type and mode, its time as a day interval at
its own precision (`2023-09` is 1–30 September), and its participants as *anchors*: the
state each participant belongs to by the gazetteer (a person through their office, a city
through `located_in`/`capital_of`, an agency through `part_of`), or the participant itself
when the gazetteer does not know it. Two events can be one when

- their types are equal and their modes compatible (hodo/data/link.toml `[modes]`: a
  visit and the summit held during it are one event; a phone call is not);
- their places, when both have one, lie in the same state;
- their times overlap at the coarser precision (`2023-09` fits `2023-09-13`; the same two
  leaders meeting in 2019 and in 2023 do not overlap; a treaty signed in June and in force
  from December are two events);
- they share participants: a named person, or states whose Jaccard similarity is at least
  `min_jaccard`.

Events without a date of their own, and those dated only to the year, join a cluster only
on strong evidence: the same person, or the same states on both sides (actor and
recipient) of a directed type, and no other named people; every participant the
gazetteer knows must already take part; the cluster's time must lie in the window the
event's status and publication date allow (done: up to `recent_days` before
publication; planned: up to `ahead_days` after); and one cluster must fit better than
any other. Two undated events join only when they mention an ongoing activity
(`undated_ongoing`: arms supplies, sanctions) of exactly the same states on each side,
on pages published within `undated_span_days` of each other.

Incremental. Clusters grow one event at a time and an assignment is never revisited, so
adding documents extends the clusters without recomputing the corpus: `ClusterIndex` can
be restored from the keys of earlier runs (the store keeps them) and fed new documents.
Within one batch the events are taken in a canonical order (day-precise first, then by
publication date and doc_id), so the result does not depend on the order of the inputs.

Cost. Clusters are found through a blocking index keyed by (type, anchor, month): an event
is compared only with clusters that share its type, one of its anchors and one of the
months its time (or window) covers; undated clusters of ongoing activities are found by
their exact (type, states). There is no all-pairs loop; the cost per event is the size of
its blocks, which grows with how many events a month of one state's news holds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property
from typing import Any

from hodo.extract.gazetteer import Gazetteer
from hodo.ids import stable_id
from hodo.models import Document, Event, EventCluster, When
from hodo.resources import load_toml

DAY, MONTH, YEAR, UNDATED = 3, 2, 1, 0
AHEAD_STATUSES = frozenset({"planned", "possible"})


@dataclass(frozen=True)
class Rules:
    day_slack: int
    recent_days: int
    ahead_days: int
    undated_span_days: int
    undated_alone: frozenset[str]
    undated_ongoing: frozenset[str]
    min_jaccard: float
    symmetric: frozenset[str]
    mode_group: dict[str, int]


@cache
def rules() -> Rules:
    data = load_toml("link.toml")
    groups = {m: i for i, group in enumerate(data["modes"]["compatible"]) for m in group}
    t, p = data["time"], data["participants"]
    return Rules(
        day_slack=int(t["day_slack"]),
        recent_days=int(t["recent_days"]),
        ahead_days=int(t["ahead_days"]),
        undated_span_days=int(t["undated_span_days"]),
        undated_alone=frozenset(t["undated_alone"]),
        undated_ongoing=frozenset(t["undated_ongoing"]),
        min_jaccard=float(p["min_jaccard"]),
        symmetric=frozenset(p["symmetric"]),
        mode_group=groups,
    )


# --- dates -------------------------------------------------------------------------------


def bounds(iso: str) -> tuple[int, int, int] | None:
    """(first day, last day, precision) of an ISO prefix, days as ordinals; None if unreadable."""
    try:
        year = int(iso[:4])
        if len(iso) >= 10:
            day = dt.date(year, int(iso[5:7]), int(iso[8:10])).toordinal()
            return day, day, DAY
        if len(iso) >= 7:
            month = int(iso[5:7])
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1, MONTH
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), YEAR
    except ValueError:
        return None


def when_bounds(w: When) -> tuple[int, int, int] | None:
    lo = bounds(w.value)
    if lo is None:
        return None
    hi = bounds(w.end_value) if w.end_value else lo
    if hi is None or hi[1] < lo[0]:
        return lo
    return lo[0], hi[1], min(lo[2], hi[2])


def _months(lo: int, hi: int, cap: int = 36) -> list[int]:
    a, b = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    first, last = a.year * 12 + a.month - 1, b.year * 12 + b.month - 1
    return list(range(first, min(last, first + cap) + 1))


# --- participants ------------------------------------------------------------------------


@dataclass(frozen=True)
class Geography:
    """What the gazetteer says about where things belong."""

    state_of: dict[str, str]
    """Entity id → the id of the state it belongs to (a state maps to itself)."""

    def anchor(self, entity_id: str) -> str:
        return self.state_of.get(entity_id, entity_id)


def geography(gaz: Gazetteer) -> Geography:
    entries = gaz.entries

    def up(slug: str) -> str | None:
        e = entries[slug]
        if e.type == "PERSON":
            current = [o for o in e.offices if not o.end] or list(e.offices)
            return current[-1].of if current else None
        return e.located_in or e.capital_of or e.part_of

    state_of: dict[str, str] = {}
    for slug, e in entries.items():
        seen, cur = {slug}, slug
        while (nxt := up(cur)) is not None and nxt in entries and nxt not in seen:
            seen.add(nxt)
            cur = nxt
        top = entries[cur]
        if top.type == "GPE" and up(cur) is None:
            state_of[e.entity_id] = top.entity_id
    return Geography(state_of)


# --- event keys --------------------------------------------------------------------------


@dataclass(frozen=True)
class EventKey:
    """What linking needs to know of one event; plain values, so the store can keep it."""

    doc_id: str
    event_id: str
    type: str
    mode: str | None
    status: str
    sentence: int
    value: str | None
    """The event's time as written (ISO prefix) and its end, for the cluster's time."""
    end_value: str | None
    lo: int | None
    """First and last day of its time (ordinals); None when undated."""
    hi: int | None
    precision: int
    pub: int | None
    """First day of the page's publication date."""
    wlo: int | None
    """For undated events: the days the event can fall on, from status and publication."""
    whi: int | None
    actors: tuple[str, ...]
    """Anchors (states, or the participant itself when the gazetteer does not place it)."""
    recipients: tuple[str, ...]
    persons: tuple[str, ...]
    place: str | None
    known: tuple[str, ...]
    """Anchors of the participants the gazetteer knows."""

    @cached_property
    def anchors(self) -> frozenset[str]:
        return frozenset(self.actors) | frozenset(self.recipients)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(d: dict[str, Any]) -> EventKey:
        for k in ("actors", "recipients", "persons", "known"):
            d = {**d, k: tuple(d[k])}
        return EventKey(**d)


def event_keys(doc: Document, geo: Geography, r: Rules | None = None) -> list[EventKey]:
    r = r or rules()
    types = {e.id: e.type for e in doc.entities}
    pub = bounds(doc.published.value) if doc.published else None
    return [_key(doc.doc_id, e, types, pub, geo, r) for e in doc.events]


def _key(
    doc_id: str, e: Event, types: dict[str, str], pub: tuple[int, int, int] | None, geo: Geography, r: Rules
) -> EventKey:
    b = when_bounds(e.time) if e.time else None
    wlo = whi = None
    if b is None and pub is not None:
        if e.status in AHEAD_STATUSES:
            wlo, whi = pub[0], pub[1] + r.ahead_days
        else:
            wlo, whi = pub[0] - r.recent_days, pub[1]
    people = tuple(x for x in (*e.actors, *e.recipients) if types.get(x) == "PERSON")
    return EventKey(
        doc_id=doc_id,
        event_id=e.id,
        type=e.type,
        mode=e.mode,
        status=e.status,
        sentence=e.sentence,
        value=e.time.value if e.time and b else None,
        end_value=e.time.end_value if e.time and b else None,
        lo=b[0] if b else None,
        hi=b[1] if b else None,
        precision=b[2] if b else UNDATED,
        pub=pub[0] if pub else None,
        wlo=wlo,
        whi=whi,
        actors=tuple(dict.fromkeys(geo.anchor(x) for x in e.actors)),
        recipients=tuple(dict.fromkeys(geo.anchor(x) for x in e.recipients)),
        persons=tuple(dict.fromkeys(people)),
        place=geo.anchor(e.place) if e.place else None,
        known=tuple(dict.fromkeys(geo.anchor(x) for x in (*e.actors, *e.recipients) if x in geo.state_of)),
    )


def _order(k: EventKey) -> tuple[int, int, str, int, str]:
    """Canonical order of a batch: precise times first, then by date and document."""
    return (-k.precision, k.lo if k.lo is not None else (k.pub or 0), k.doc_id, k.sentence, k.event_id)


# --- clusters ----------------------------------------------------------------------------


@dataclass
class _Cluster:
    id: str
    type: str
    members: list[EventKey] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)
    anchors: set[str] = field(default_factory=set)
    core: frozenset[str] = frozenset()
    actors: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    lo: int | None = None
    hi: int | None = None
    precision: int = UNDATED
    wlo: int | None = None
    whi: int | None = None
    pub_lo: int | None = None
    pub_hi: int | None = None

    def add(self, k: EventKey) -> None:
        if not self.members:
            self.core = k.anchors
        self.members.append(k)
        if k.mode:
            self.modes.add(k.mode)
        self.anchors |= k.anchors
        self.actors |= set(k.actors)
        self.recipients |= set(k.recipients)
        self.persons |= set(k.persons)
        if k.place:
            self.places.add(k.place)
        if k.lo is not None and k.hi is not None:
            if self.lo is None or self.hi is None:
                self.lo, self.hi = k.lo, k.hi
            else:  # the cluster's time is what all its dated members allow
                self.lo, self.hi = max(self.lo, k.lo), max(min(self.hi, k.hi), max(self.lo, k.lo))
            self.precision = max(self.precision, k.precision)
        if k.wlo is not None and k.whi is not None:
            self.wlo = k.wlo if self.wlo is None else max(self.wlo, k.wlo)
            self.whi = k.whi if self.whi is None else min(self.whi, k.whi)
        if k.pub is not None and k.lo is None:
            self.pub_lo = k.pub if self.pub_lo is None else min(self.pub_lo, k.pub)
            self.pub_hi = k.pub if self.pub_hi is None else max(self.pub_hi, k.pub)

    def months(self) -> list[int]:
        out: list[int] = []
        if self.lo is not None and self.hi is not None:
            out += _months(self.lo, self.hi)
        elif self.wlo is not None and self.whi is not None and self.wlo <= self.whi:
            out += _months(self.wlo, self.whi)
        return out

    def time(self) -> When | None:
        dated = [k for k in self.members if k.value]
        if not dated:
            return None
        best = max(k.precision for k in dated)
        finest = Counter((k.value, k.end_value) for k in dated if k.precision == best)
        (value, end), _ = min(finest.items(), key=lambda kv: (-kv[1], kv[0][0] or ""))
        assert value is not None
        return When(value, end)

    def out(self) -> EventCluster:
        return EventCluster(
            id=self.id,
            type=self.type,
            time=self.time(),
            members=tuple((k.doc_id, k.event_id) for k in self.members),
        )


def _modes_fit(mode: str | None, modes: set[str], r: Rules) -> bool:
    if not mode or not modes:
        return True
    g = r.mode_group.get(mode)
    return all(m == mode or (g is not None and r.mode_group.get(m) == g) for m in modes)


def _fit(k: EventKey, c: _Cluster, r: Rules) -> float:
    """How well event `k` fits cluster `c`: 0 when it cannot be the same event."""
    if k.type != c.type or not _modes_fit(k.mode, c.modes, r):
        return 0.0
    if k.place and c.places and k.place not in c.places:
        return 0.0
    anchors = k.anchors
    shared = anchors & c.anchors
    if not shared:
        return 0.0
    same_person = bool(set(k.persons) & c.persons)
    if k.type in r.symmetric:
        strong = same_person or len(shared) >= 2
    else:
        strong = same_person or bool(set(k.actors) & c.actors and set(k.recipients) & c.recipients)
    if k.precision < MONTH:
        if k.precision == UNDATED and k.type in r.undated_alone:
            return 0.0
        if not strong or not set(k.known) <= c.anchors:
            return 0.0
        if k.persons and c.persons and not same_person:
            return 0.0  # other named people: another meeting of the same two states
    elif not same_person and len(anchors & c.core) / len(anchors | c.core) < r.min_jaccard:
        return 0.0
    if not _times_fit(k, c, r):
        return 0.0
    return len(shared) + 2.0 * same_person + (k.precision == c.precision) * 0.5


def _in_window(k: EventKey, c: _Cluster) -> bool:
    """Whether dated cluster `c` falls in the days undated event `k` can be on."""
    return (
        k.wlo is not None
        and k.whi is not None
        and c.lo is not None
        and c.hi is not None
        and k.wlo <= c.lo
        and c.hi <= k.whi
    )


def _times_fit(k: EventKey, c: _Cluster, r: Rules) -> bool:
    if k.lo is not None and k.hi is not None:
        if c.lo is not None and c.hi is not None:
            slack = r.day_slack if k.precision == DAY and c.precision == DAY else 0
            return k.lo <= c.hi + slack and c.lo <= k.hi + slack
        return False  # a dated event is one occurrence; undated mentions join it, not it them
    if k.wlo is None or k.whi is None or k.pub is None:
        return False
    if c.lo is not None and c.hi is not None:
        return _in_window(k, c)
    if c.pub_lo is None or c.pub_hi is None or k.type not in r.undated_ongoing:
        return False
    if len(k.anchors) < 2 or k.anchors != c.core:
        return False
    if k.type not in r.symmetric and not (set(k.actors) <= c.actors and set(k.recipients) <= c.recipients):
        return False
    return max(c.pub_hi, k.pub) - min(c.pub_lo, k.pub) <= r.undated_span_days


class ClusterIndex:
    """Event clusters built one event at a time (see the module docstring)."""

    def __init__(self, rules_: Rules | None = None) -> None:
        self.rules = rules_ or rules()
        self._clusters: dict[str, _Cluster] = {}
        self._blocks: dict[tuple[str, str, int], list[str]] = {}
        self._registered: dict[str, set[tuple[str, str, int]]] = {}
        self._where: dict[tuple[str, str], str] = {}
        self._seq: dict[str, int] = {}
        self._by_doc: dict[str, list[EventKey]] = {}
        # undated clusters of ongoing activities, by (type, the states of their founder)
        self._undated: dict[tuple[str, frozenset[str]], list[str]] = {}
        self._undated_key: dict[str, tuple[str, frozenset[str]]] = {}

    def __len__(self) -> int:
        return len(self._clusters)

    def __contains__(self, cluster_id: object) -> bool:
        return cluster_id in self._clusters

    def position(self, doc_id: str, event_id: str) -> tuple[str, int]:
        """(cluster id, the event's place in the order its cluster's members joined)."""
        cid = self._where[(doc_id, event_id)]
        members = self._clusters[cid].members
        return cid, next(i for i, k in enumerate(members) if (k.doc_id, k.event_id) == (doc_id, event_id))

    def cluster_of(self, doc_id: str, event_id: str) -> str | None:
        return self._where.get((doc_id, event_id))

    def restore(self, cluster_id: str, members: Sequence[EventKey]) -> None:
        """Put back a cluster of an earlier run, its members in the order they joined."""
        c = _Cluster(cluster_id, members[0].type)
        for k in members:
            c.add(k)
            self._where[(k.doc_id, k.event_id)] = cluster_id
            self._by_doc.setdefault(k.doc_id, []).append(k)
        self._clusters[cluster_id] = c
        self._seq[cluster_id] = len(self._seq)
        self._register(c)

    def add(self, keys: Iterable[EventKey]) -> list[str]:
        """Assign these events (one batch) to clusters; returns the ids of the clusters
        that were created, changed or emptied (an emptied id is no longer in the index).

        Within a batch, dated events come first, so an undated one sees every dated
        cluster. An undated event of an *earlier* batch that still stands alone did not
        see this batch's dated events: it is offered them again (`_replace_undated`), so
        adding pages in two runs gives what one run gives."""
        changed: dict[str, None] = {}
        for k in sorted(keys, key=_order):
            if (k.doc_id, k.event_id) in self._where:
                continue
            c = self._choose(k)
            if c is None:
                c = _Cluster(stable_id("clu", k.doc_id, k.event_id), k.type)
                self._clusters[c.id] = c
                self._seq[c.id] = len(self._seq)
            self._join(c, k)
            changed[c.id] = None
        for cid in self._replace_undated(list(changed)):
            changed[cid] = None
        return list(changed)

    def _join(self, c: _Cluster, k: EventKey) -> None:
        c.add(k)
        self._where[(k.doc_id, k.event_id)] = c.id
        self._by_doc.setdefault(k.doc_id, []).append(k)
        self._register(c)

    def _replace_undated(self, changed: list[str]) -> list[str]:
        """Lone undated events of earlier batches that a cluster dated in this batch now
        fits: moved into it (they are found through the blocks of the dated clusters)."""
        moved: list[str] = []
        fresh = set(changed)
        lone: dict[str, None] = {}
        for cid in changed:
            c = self._clusters.get(cid)
            if c is None or c.lo is None:
                continue
            for key in sorted(self._registered.get(cid, ())):
                for other in self._blocks.get(key, ()):
                    o = self._clusters.get(other)
                    if (
                        other not in fresh
                        and o is not None
                        and len(o.members) == 1
                        and o.lo is None
                        and _in_window(o.members[0], c)
                    ):
                        lone[other] = None
        for cid in lone:
            c = self._clusters[cid]
            k = c.members[0]
            self._unregister(cid)
            del self._clusters[cid]
            target = self._choose(k)
            if target is None or target.lo is None:
                self._clusters[cid] = c  # stays where it was
                self._register(c)
                continue
            self._by_doc[k.doc_id].remove(k)
            self._join(target, k)
            moved += [cid, target.id]
        return moved

    def _unregister(self, cid: str) -> None:
        if cid in self._undated_key:
            self._undated[self._undated_key.pop(cid)].remove(cid)
        for key in self._registered.pop(cid, set()):
            block = self._blocks[key]
            block.remove(cid)
            if not block:
                del self._blocks[key]

    def clusters(self, ids: Iterable[str] | None = None) -> list[EventCluster]:
        chosen = self._clusters.values() if ids is None else (self._clusters[i] for i in ids if i in self)
        return [c.out() for c in chosen]

    def largest_block(self) -> int:
        """The most clusters one (type, state, month) block holds: the most an event can be
        compared with."""
        return max((len(v) for v in self._blocks.values()), default=0)

    def keys_of(self, doc_id: str) -> list[EventKey]:
        """Every event of this document that the index holds."""
        return list(self._by_doc.get(doc_id, ()))

    def members(self, cluster_id: str) -> list[EventKey]:
        return list(self._clusters[cluster_id].members)

    def _lookup_months(self, k: EventKey) -> list[int]:
        r = self.rules
        if k.lo is not None and k.hi is not None:
            return _months(k.lo - r.day_slack, k.hi + r.day_slack)
        if k.wlo is not None and k.whi is not None:
            return _months(k.wlo, k.whi)
        return []

    def _candidates(self, k: EventKey) -> Iterator[str]:
        """Ids of the clusters `k` is compared with: those sharing a block with it, and for
        an undated ongoing activity the undated clusters of exactly its parties."""
        months = sorted(set(self._lookup_months(k)))
        for a in sorted(k.anchors):
            for m in months:
                yield from self._blocks.get((k.type, a, m), ())
        if k.lo is None and k.type in self.rules.undated_ongoing:
            yield from self._undated.get((k.type, k.anchors), ())

    def _choose(self, k: EventKey) -> _Cluster | None:
        scored: list[tuple[float, int, _Cluster]] = []
        for cid in dict.fromkeys(self._candidates(k)):
            c = self._clusters[cid]
            s = _fit(k, c, self.rules)
            if s > 0:
                scored.append((s, -self._seq[cid], c))
        if not scored:
            return None
        scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
        if k.precision < MONTH and len(scored) > 1 and scored[1][0] >= scored[0][0]:
            return None  # weak evidence must point at one event, not at several equally
        return scored[0][2]

    def _register(self, c: _Cluster) -> None:
        if c.lo is None and c.type in self.rules.undated_ongoing and c.id not in self._undated_key:
            self._undated_key[c.id] = (c.type, c.core)
            self._undated.setdefault((c.type, c.core), []).append(c.id)
        have = self._registered.setdefault(c.id, set())
        months = c.months()
        for a in c.anchors:
            for m in months:
                key = (c.type, a, m)
                if key not in have:
                    have.add(key)
                    self._blocks.setdefault(key, []).append(c.id)


def cluster_events(docs: Sequence[Document], geo: Geography) -> tuple[list[EventCluster], ClusterIndex]:
    """Clusters of these documents' events, from scratch (pure)."""
    index = ClusterIndex()
    r = index.rules
    index.add(k for d in docs for k in event_keys(d, geo, r))
    return index.clusters(), index
