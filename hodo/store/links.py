"""The store's linking tables (migration 0003): entities per document, events and their
clusters, contradictions, near-duplicate groups; and the queries over them (timeline,
contradictions, duplicates by entity and date).

Writes happen inside the caller's `Store.transaction()`. The store knows nothing of the
linking stage's types: events come with their link key as a plain dict, which the runner
turns back into `hodo.link.clusters.EventKey`.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from hodo.models import (
    Contradiction,
    Document,
    DuplicateGroup,
    EventCluster,
    TimelineEntry,
    TimelineSource,
    When,
)
from hodo.store.sql import date_range, marks

CLAIMS = ("occurred", "alleged")
DENIALS = ("denied", "negated")
_PARTICIPANT_ROLES = ("actor", "recipient", "place")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Links:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # -- writing ------------------------------------------------------------------------

    def put_entities(self, doc: Document) -> None:
        """The document's entities (replacing what it had before)."""
        c = self._conn
        c.execute("DELETE FROM document_entities WHERE doc_id = ?", (doc.doc_id,))
        for e in doc.entities:
            c.execute(
                "INSERT INTO entities (entity_id, name, type, wikidata) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (entity_id) DO UPDATE SET name = excluded.name, type = excluded.type,"
                " wikidata = coalesce(excluded.wikidata, wikidata)",
                (e.id, e.name, e.type, e.wikidata),
            )
            names = {e.name, *(m.text for m in e.mentions)}
            c.executemany(
                "INSERT OR IGNORE INTO entity_names (name, entity_id) VALUES (?, ?)",
                [(n, e.id) for n in sorted(names)],
            )
            c.execute(
                "INSERT INTO document_entities (doc_id, entity_id, mentions) VALUES (?, ?, ?)",
                (doc.doc_id, e.id, len(e.mentions)),
            )

    def linked_documents(self) -> set[str]:
        """Documents whose entities have been stored (analysed by this schema)."""
        return {r[0] for r in self._conn.execute("SELECT DISTINCT doc_id FROM document_entities")}

    def drop_events(self, doc_ids: Sequence[str]) -> set[str]:
        """Remove these documents' events and contradictions; returns the clusters that
        lost members."""
        if not doc_ids:
            return set()
        c = self._conn
        hit: set[str] = set()
        for i in range(0, len(doc_ids), 500):
            part = list(doc_ids[i : i + 500])
            q = marks(len(part))
            hit |= {
                r[0] for r in c.execute(f"SELECT DISTINCT cluster_id FROM events WHERE doc_id IN ({q})", part)
            }
            c.execute(f"DELETE FROM events WHERE doc_id IN ({q})", part)
            c.execute(f"DELETE FROM contradictions WHERE a_doc IN ({q}) OR b_doc IN ({q})", part + part)
        return hit

    def cluster_keys(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Every stored cluster with its members' link keys, in the order they joined."""
        cur = self._conn.execute("SELECT cluster_id, link_key FROM events ORDER BY cluster_id, seq")
        current: str | None = None
        keys: list[dict[str, Any]] = []
        for cid, key in cur:
            if cid != current:
                if current is not None:
                    yield current, keys
                current, keys = cid, []
            keys.append(json.loads(key))
        if current is not None:
            yield current, keys

    def put_events(
        self, doc: Document, keys: dict[str, dict[str, Any]], where: dict[str, tuple[str, int]]
    ) -> None:
        """The document's events: `keys` by event id, `where` event id → (cluster, seq)."""
        c = self._conn
        for e in doc.events:
            cid, seq = where[e.id]
            c.execute(
                "INSERT OR REPLACE INTO events (doc_id, event_id, cluster_id, seq, type, mode, status,"
                " time_value, time_end, sentence, trigger, link_key)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.doc_id,
                    e.id,
                    cid,
                    seq,
                    e.type,
                    e.mode,
                    e.status,
                    e.time.value if e.time else None,
                    e.time.end_value if e.time else None,
                    e.sentence,
                    e.trigger.text,
                    json.dumps(keys[e.id], ensure_ascii=False),
                ),
            )
            roles = [("actor", x) for x in e.actors] + [("recipient", x) for x in e.recipients]
            roles += [("reported_by", x) for x in e.reported_by]
            if e.place:
                roles.append(("place", e.place))
            c.executemany(
                "INSERT OR IGNORE INTO event_entities (doc_id, event_id, role, entity_id)"
                " VALUES (?, ?, ?, ?)",
                [(doc.doc_id, e.id, role, x) for role, x in roles],
            )

    def put_clusters(self, clusters: Iterable[EventCluster]) -> None:
        c = self._conn
        now = _now()
        for cl in clusters:
            published = c.execute(
                "SELECT min(d.published) FROM events e JOIN documents d USING (doc_id)"
                " WHERE e.cluster_id = ?",
                (cl.id,),
            ).fetchone()[0]
            c.execute(
                "INSERT OR REPLACE INTO event_clusters (cluster_id, type, time_value, time_end, sort_date,"
                " n_docs, n_events, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cl.id,
                    cl.type,
                    cl.time.value if cl.time else None,
                    cl.time.end_value if cl.time else None,
                    cl.time.value if cl.time else published,
                    len(cl.doc_ids),
                    len(cl.members),
                    now,
                ),
            )

    def move_events(self, rows: Iterable[tuple[tuple[str, int], str, str]]) -> None:
        """((cluster id, seq), doc_id, event_id): events that now sit elsewhere."""
        self._conn.executemany(
            "UPDATE events SET cluster_id = ?, seq = ? WHERE doc_id = ? AND event_id = ?",
            [(cid, seq, d, e) for (cid, seq), d, e in rows],
        )

    def drop_empty_clusters(self) -> int:
        """Delete clusters left without events; contradictions naming them lose the name."""
        cur = self._conn.execute(
            "DELETE FROM event_clusters WHERE cluster_id NOT IN (SELECT DISTINCT cluster_id FROM events)"
        )
        self._conn.execute(
            "UPDATE contradictions SET cluster_id = NULL WHERE cluster_id IS NOT NULL"
            " AND cluster_id NOT IN (SELECT cluster_id FROM event_clusters)"
        )
        return cur.rowcount

    def drop_cross_contradictions(self, cluster_ids: Iterable[str]) -> None:
        ids = list(cluster_ids)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            self._conn.execute(
                f"DELETE FROM contradictions WHERE a_doc != b_doc AND cluster_id IN ({marks(len(part))})",
                part,
            )

    def put_contradictions(self, items: Iterable[Contradiction]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO contradictions (contradiction_id, kind, cluster_id, a_doc, a_sentence,"
            " a_event, a_quote, b_doc, b_sentence, b_event, b_quote)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    x.id,
                    x.kind,
                    x.cluster,
                    x.a.doc_id,
                    x.a.sentence,
                    x.a.event_id,
                    x.a.quote_index,
                    x.b.doc_id,
                    x.b.sentence,
                    x.b.event_id,
                    x.b.quote_index,
                )
                for x in items
            ],
        )

    def set_duplicates(self, groups: Iterable[DuplicateGroup]) -> None:
        """Replace every duplicate group (they are recomputed over the whole store)."""
        self._conn.execute("DELETE FROM duplicate_members")
        self._conn.executemany(
            "INSERT OR REPLACE INTO duplicate_members (group_id, doc_id, similarity) VALUES (?, ?, ?)",
            [(g.doc_ids[0], d, g.similarity) for g in groups for d in g.doc_ids],
        )

    def bodies(self) -> Iterator[tuple[str, str]]:
        yield from self._conn.execute("SELECT doc_id, body FROM documents ORDER BY doc_id")

    # -- reading ------------------------------------------------------------------------

    def entity_ids(self, name: str) -> list[str]:
        """Entities written `name` (any form seen), or with that id or QID; else those whose
        canonical name contains it."""
        c = self._conn
        rows = c.execute(
            "SELECT entity_id FROM entity_names WHERE name = ?"
            " UNION SELECT entity_id FROM entities WHERE entity_id = ? OR wikidata = ? OR name = ?",
            (name, name, name, name),
        ).fetchall()
        if not rows:
            rows = c.execute(
                "SELECT entity_id FROM entities WHERE instr(name, ?) > 0 ORDER BY entity_id", (name,)
            ).fetchall()
        return sorted({r[0] for r in rows})

    def _clusters_with(self, entity_ids: Sequence[str]) -> str:
        return (
            "SELECT e.cluster_id FROM events e JOIN event_entities x USING (doc_id, event_id)"
            f" WHERE x.role IN ({marks(len(_PARTICIPANT_ROLES))})"
            f" AND x.entity_id IN ({marks(len(entity_ids))})"
        )

    def timeline(
        self,
        *,
        entities: Sequence[Sequence[str]] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        min_docs: int = 1,
        limit: int = 200,
        dated_only: bool = False,
    ) -> list[TimelineEntry]:
        """Event clusters in date order. `entities`: groups of entity ids; a cluster must
        involve one entity of every group (one group for --entity, two for --between)."""
        where, args = date_range("sort_date", date_from, date_to)
        where.append("n_docs >= ?")
        args.append(min_docs)
        if dated_only:
            where.append("time_value IS NOT NULL")
        for group in entities:
            if not group:
                return []
            where.append(f"cluster_id IN ({self._clusters_with(group)})")
            args += [*_PARTICIPANT_ROLES, *group]
        rows = self._conn.execute(
            "SELECT cluster_id, type, time_value, time_end, sort_date FROM event_clusters"
            f" WHERE {' AND '.join(where)} ORDER BY sort_date IS NULL, sort_date, cluster_id LIMIT ?",
            [*args, limit],
        ).fetchall()
        return [self._entry(*r) for r in rows]

    def _entry(
        self, cid: str, type_: str, value: str | None, end: str | None, sort_date: str | None
    ) -> TimelineEntry:
        c = self._conn
        members = c.execute(
            "SELECT e.doc_id, e.event_id, d.outlet, d.published, d.title, d.source, e.status, e.sentence,"
            " e.trigger, e.mode FROM events e JOIN documents d USING (doc_id) WHERE e.cluster_id = ?"
            " ORDER BY d.published IS NULL, d.published, e.doc_id, e.sentence",
            (cid,),
        ).fetchall()
        sources = tuple(TimelineSource(*m[:9]) for m in members)
        names = Counter(
            r[0]
            for r in c.execute(
                "SELECT n.name FROM events e JOIN event_entities x USING (doc_id, event_id)"
                " JOIN entities n ON n.entity_id = x.entity_id"
                " WHERE e.cluster_id = ? AND x.role IN ('actor', 'recipient')",
                (cid,),
            )
        )
        # who denies: the actors of the denials (REJECT) in the sentences that deny it
        deniers = [
            r[0]
            for r in c.execute(
                "SELECT DISTINCT n.name FROM events m JOIN events r ON r.doc_id = m.doc_id"
                " AND r.sentence = m.sentence AND r.type = 'REJECT' AND r.status NOT IN ('denied', 'negated')"
                " JOIN event_entities x ON x.doc_id = r.doc_id AND x.event_id = r.event_id"
                " AND x.role = 'actor'"
                " JOIN entities n ON n.entity_id = x.entity_id"
                " WHERE m.cluster_id = ? AND m.status IN ('denied', 'negated') ORDER BY n.name",
                (cid,),
            )
        ]
        if not deniers:
            deniers = sorted({s.outlet or s.source for s in sources if s.status in DENIALS})
        claimed = {s.outlet or s.doc_id for s in sources if s.status in CLAIMS}
        n_con = c.execute("SELECT count(*) FROM contradictions WHERE cluster_id = ?", (cid,)).fetchone()[0]
        return TimelineEntry(
            cluster_id=cid,
            type=type_,
            modes=tuple(sorted({m[9] for m in members if m[9]})),
            time=When(value, end) if value else None,
            sort_date=sort_date,
            participants=tuple(n for n, _ in names.most_common()),
            sources=sources,
            corroborated_by=len(claimed),
            disputed_by=tuple(deniers),
            contradictions=int(n_con),
        )

    def contradictions(
        self,
        *,
        entity_ids: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        doc_id: str | None = None,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """Stored contradictions; optionally only those whose claim involves one of these
        entities, whose claiming page was published in [date_from, date_to], or that have
        `doc_id` on either side."""
        where, args = ["1"], []
        if doc_id:
            where.append("? IN (k.a_doc, k.b_doc)")
            args.append(doc_id)
        if entity_ids:
            where.append(
                "EXISTS (SELECT 1 FROM event_entities x WHERE x.doc_id = k.a_doc AND"
                f" x.event_id = k.a_event AND x.entity_id IN ({marks(len(entity_ids))}))"
            )
            args += list(entity_ids)
        where, args = self._dated("k.a_doc", date_from, date_to, where, args)
        rows = self._conn.execute(
            "SELECT contradiction_id, kind, cluster_id, a_doc, a_sentence, a_event, a_quote,"
            f" b_doc, b_sentence, b_event, b_quote FROM contradictions k WHERE {' AND '.join(where)}"
            " ORDER BY a_doc, a_sentence, b_doc, b_sentence LIMIT ?",
            [*args, limit],
        ).fetchall()
        cols: tuple[str, ...] = ("id", "kind", "cluster", "a_doc", "a_sentence", "a_event", "a_quote")
        cols = (*cols, "b_doc", "b_sentence", "b_event", "b_quote")
        return [dict(zip(cols, r, strict=True)) for r in rows]

    @staticmethod
    def _dated(
        doc_col: str, date_from: str | None, date_to: str | None, where: list[str], args: list[Any]
    ) -> tuple[list[str], list[Any]]:
        """`where` and `args` with the publication date of the page `doc_col` in range."""
        more, more_args = date_range(
            f"(SELECT published FROM documents WHERE doc_id = {doc_col})", date_from, date_to
        )
        return where + more, args + more_args

    def duplicates(
        self,
        *,
        entity_ids: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        doc_id: str | None = None,
    ) -> list[DuplicateGroup]:
        """Near-duplicate groups; optionally only those with a page that mentions one of
        these entities and was published in [date_from, date_to], or `doc_id`'s group."""
        where, args = ["1"], []
        if doc_id:
            where.append("m.doc_id = ?")
            args.append(doc_id)
        if entity_ids:
            where.append(
                f"EXISTS (SELECT 1 FROM document_entities x WHERE x.doc_id = m.doc_id"
                f" AND x.entity_id IN ({marks(len(entity_ids))}))"
            )
            args += list(entity_ids)
        where, args = self._dated("m.doc_id", date_from, date_to, where, args)
        groups: dict[str, list[str]] = {}
        sims: dict[str, float] = {}
        for gid, member, sim in self._conn.execute(
            "SELECT group_id, doc_id, similarity FROM duplicate_members WHERE group_id IN"
            f" (SELECT group_id FROM duplicate_members m WHERE {' AND '.join(where)})"
            " ORDER BY group_id, doc_id",
            args,
        ):
            groups.setdefault(gid, []).append(member)
            sims[gid] = sim
        return [DuplicateGroup(tuple(v), sims[k]) for k, v in groups.items() if len(v) > 1]
