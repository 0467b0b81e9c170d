"""The network both `graphml` and `gexf` write: entities as nodes, events and
co-occurrence as typed, dated edges of one `networkx.MultiDiGraph`.

Nodes are keyed by entity id (a QID, `hodo:<slug>` or `ent-<hash>`) with `label` and
`name` (its canonical name), `type`, `qid`, `country`, `documents` and `mentions` (in the
exported documents).

Edges have the same attributes whatever their kind, so every reader sees one schema:

- `kind = "event"`: one edge per actor → recipient pair of an event (an event with
  only actors, or an entity acting on itself, gives none), with `event_type` (PLOVER),
  `mode`, `status`, `date` (the event's own date, else its page's publication day),
  `date_end`, `doc_id`, `event_id`, `cluster_id`, `outlet`, `trigger`, `documents = 1`,
  `weight = 1`.
- `kind = "co-occurrence"`: one edge per pair of entities named in the same documents,
  from the smaller id to the larger (read it as undirected), with `documents` and
  `weight` = how many documents, `date` and `date_end` = the first and last publication
  day among them; the event fields are empty.

Every attribute is a string or an integer: GraphML and GEXF have no null and no list, so
a missing value is `""`.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from hodo.export.rows import ExportData

EVENT = "event"
CO_OCCURRENCE = "co-occurrence"


def _edge(kind: str, **values: str | int) -> dict[str, str | int]:
    edge: dict[str, str | int] = {
        "kind": kind,
        "event_type": "",
        "mode": "",
        "status": "",
        "date": "",
        "date_end": "",
        "doc_id": "",
        "event_id": "",
        "cluster_id": "",
        "outlet": "",
        "trigger": "",
        "documents": 1,
        "weight": 1,
    }
    edge.update(values)
    return edge


def build_graph(data: ExportData) -> nx.MultiDiGraph[Any]:
    g: nx.MultiDiGraph[Any] = nx.MultiDiGraph(name="hodo")
    for e in data.entities:
        g.add_node(
            e.entity_id,
            label=e.name,
            name=e.name,
            type=e.type,
            qid=e.wikidata or "",
            country=e.country or "",
            documents=e.documents,
            mentions=e.mentions,
        )
    for ev in data.events:
        for a in ev.actors:
            for r in ev.recipients:
                if a.id == r.id:
                    continue
                for ref in (a, r):  # participants are entities of their document; be safe
                    if ref.id not in g:
                        g.add_node(
                            ref.id,
                            label=ref.name,
                            name=ref.name,
                            type="",
                            qid=ref.qid or "",
                            country=ref.country or "",
                            documents=0,
                            mentions=0,
                        )
                g.add_edge(
                    a.id,
                    r.id,
                    key=f"{ev.doc_id}/{ev.event_id}/{a.id}/{r.id}",
                    **_edge(
                        EVENT,
                        event_type=ev.type,
                        mode=ev.mode or "",
                        status=ev.status,
                        date=ev.date or "",
                        date_end=ev.time_end or "",
                        doc_id=ev.doc_id,
                        event_id=ev.event_id,
                        cluster_id=ev.cluster_id or "",
                        outlet=ev.outlet or "",
                        trigger=ev.trigger,
                    ),
                )
    published = {d.doc_id: (d.published or "")[:10] for d in data.documents}
    named: dict[str, set[str]] = defaultdict(set)
    for m in data.mentions:
        named[m.doc_id].add(m.entity_id)
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc_id, ids in named.items():
        for pair in combinations(sorted(ids), 2):
            pairs[pair].append(published.get(doc_id, ""))
    for (one, other), dates in sorted(pairs.items()):
        known = sorted(d for d in dates if d)
        g.add_edge(
            one,
            other,
            key=f"{CO_OCCURRENCE}/{one}/{other}",
            **_edge(
                CO_OCCURRENCE,
                date=known[0] if known else "",
                date_end=known[-1] if known else "",
                documents=len(dates),
                weight=len(dates),
            ),
        )
    return g
