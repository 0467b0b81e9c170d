"""Read-only views over the store for the API and the web UI: entities with their names,
counts and company, events, one cluster as each page tells it, who acts on whom, outlets.

Plain dicts out (JSON-ready); every value in every statement is a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from hodo.store.links import DENIALS
from hodo.store.search import SearchFilters
from hodo.store.sql import date_range, marks


class Views:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # -- overview -----------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        c = self._conn

        def one(sql: str) -> Any:
            return c.execute(sql).fetchone()[0]

        return {
            "documents": one("SELECT count(*) FROM documents"),
            "entities": one("SELECT count(*) FROM entities"),
            "events": one("SELECT count(*) FROM events"),
            "clusters": one("SELECT count(*) FROM event_clusters WHERE n_docs > 1"),
            "contradictions": one("SELECT count(*) FROM contradictions"),
            "outlets": one("SELECT count(DISTINCT outlet) FROM documents WHERE outlet IS NOT NULL"),
            "first_published": one("SELECT min(published) FROM documents"),
            "last_published": one("SELECT max(published) FROM documents"),
        }

    def outlets(self) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT outlet, count(*), min(published), max(published) FROM documents"
            " WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet"
        )
        return [{"outlet": o, "documents": n, "first": a, "last": b} for o, n, a, b in rows]

    def event_types(self) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC")
        return [{"type": t, "events": n} for t, n in rows]

    # -- entities -----------------------------------------------------------------------

    def entities(
        self, *, q: str | None = None, type_: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Entities by the number of documents mentioning them; `q` matches any written form."""
        where, args = ["1"], []
        if q:
            where.append(
                "(instr(n.name, ?) > 0 OR n.entity_id IN (SELECT entity_id FROM entity_names"
                " WHERE instr(name, ?) > 0) OR n.entity_id = ? OR n.wikidata = ?)"
            )
            args += [q, q, q, q]
        if type_:
            where.append("n.type = ?")
            args.append(type_)
        rows = self._conn.execute(
            "SELECT n.entity_id, n.name, n.type, n.wikidata, count(de.doc_id), coalesce(sum(de.mentions), 0)"
            " FROM entities n LEFT JOIN document_entities de USING (entity_id)"
            f" WHERE {' AND '.join(where)} GROUP BY n.entity_id"
            " ORDER BY count(de.doc_id) DESC, n.name LIMIT ? OFFSET ?",
            [*args, limit, offset],
        )
        cols = ("id", "name", "type", "wikidata", "documents", "mentions")
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def entity(self, entity_id: str, *, related: int = 20) -> dict[str, Any] | None:
        """One entity: its names, counts, the entities it appears with most, its documents
        and event clusters."""
        c = self._conn
        row = c.execute(
            "SELECT entity_id, name, type, wikidata FROM entities WHERE entity_id = ?", (entity_id,)
        ).fetchone()
        if row is None:
            return None
        aliases = [
            r[0]
            for r in c.execute("SELECT name FROM entity_names WHERE entity_id = ? ORDER BY name", row[:1])
        ]
        docs = c.execute(
            "SELECT d.doc_id, d.title, d.outlet, d.published, de.mentions FROM document_entities de"
            " JOIN documents d USING (doc_id) WHERE de.entity_id = ?"
            " ORDER BY d.published DESC NULLS LAST, d.doc_id",
            (entity_id,),
        ).fetchall()
        co = c.execute(
            "SELECT n.entity_id, n.name, n.type, count(*) AS k FROM document_entities a"
            " JOIN document_entities b ON b.doc_id = a.doc_id AND b.entity_id != a.entity_id"
            " JOIN entities n ON n.entity_id = b.entity_id"
            " WHERE a.entity_id = ? GROUP BY n.entity_id ORDER BY k DESC, n.name LIMIT ?",
            (entity_id, related),
        ).fetchall()
        roles = c.execute(
            "SELECT role, count(*) FROM event_entities WHERE entity_id = ? GROUP BY role ORDER BY role",
            (entity_id,),
        ).fetchall()
        return {
            "id": row[0],
            "name": row[1],
            "type": row[2],
            "wikidata": row[3],
            "aliases": aliases,
            "documents": len(docs),
            "mentions": sum(d[4] for d in docs),
            "event_roles": dict(roles),
            "co_occurring": [{"id": i, "name": n, "type": t, "documents": k} for i, n, t, k in co],
            "document_list": [
                {"doc_id": d, "title": t, "outlet": o, "published": p, "mentions": m}
                for d, t, o, p, m in docs[:200]
            ],
        }

    # -- events -------------------------------------------------------------------------

    def events(
        self,
        *,
        entity_ids: Sequence[str] = (),
        type_: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        doc_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events with their page, sentence and participants; dated by their own time."""
        where, args = date_range("e.time_value", date_from, date_to)
        if entity_ids:
            where.append(
                "EXISTS (SELECT 1 FROM event_entities x WHERE x.doc_id = e.doc_id AND"
                f" x.event_id = e.event_id AND x.entity_id IN ({marks(len(entity_ids))}))"
            )
            args += list(entity_ids)
        for col, value in (("e.type", type_), ("e.status", status), ("e.doc_id", doc_id)):
            if value:
                where.append(f"{col} = ?")
                args.append(value)
        rows = self._conn.execute(
            "SELECT e.doc_id, e.event_id, e.cluster_id, e.type, e.mode, e.status, e.time_value, e.time_end,"
            " e.sentence, e.trigger, d.outlet, d.published, d.title"
            f" FROM events e JOIN documents d USING (doc_id) WHERE {' AND '.join(where or ['1'])}"
            " ORDER BY e.time_value IS NULL, e.time_value, d.published, e.doc_id, e.sentence"
            " LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        cols: tuple[str, ...] = ("doc_id", "event_id", "cluster_id", "type", "mode", "status", "time")
        cols = (*cols, "time_end", "sentence", "trigger", "outlet", "published", "title")
        out = [dict(zip(cols, r, strict=True)) for r in rows]
        self._add_participants(out)
        return out

    def _add_participants(self, events: list[dict[str, Any]]) -> None:
        for ev in events:
            ev["participants"] = {"actor": [], "recipient": [], "place": [], "reported_by": []}
            for role, eid, name in self._conn.execute(
                "SELECT x.role, x.entity_id, n.name FROM event_entities x JOIN entities n USING (entity_id)"
                " WHERE x.doc_id = ? AND x.event_id = ? ORDER BY x.role, n.name",
                (ev["doc_id"], ev["event_id"]),
            ):
                ev["participants"][role].append({"id": eid, "name": name})

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        """One event cluster as each page tells it: every member with its outlet, date,
        status and the sentence that reports it (for side-by-side comparison)."""
        c = self._conn
        row = c.execute(
            "SELECT cluster_id, type, time_value, time_end, sort_date, n_docs, n_events FROM event_clusters"
            " WHERE cluster_id = ?",
            (cluster_id,),
        ).fetchone()
        if row is None:
            return None
        members = self.events_of_cluster(cluster_id)
        contradictions = c.execute(
            "SELECT contradiction_id, kind, a_doc, a_sentence, b_doc, b_sentence FROM contradictions"
            " WHERE cluster_id = ? ORDER BY a_doc, a_sentence",
            (cluster_id,),
        ).fetchall()
        cols = ("id", "type", "time", "time_end", "sort_date", "n_docs", "n_events")
        return {
            **dict(zip(cols, row, strict=True)),
            "members": members,
            "contradictions": [
                {"id": i, "kind": k, "a_doc": ad, "a_sentence": a_s, "b_doc": bd, "b_sentence": b_s}
                for i, k, ad, a_s, bd, b_s in contradictions
            ],
        }

    def events_of_cluster(self, cluster_id: str) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT e.doc_id, e.event_id, e.type, e.mode, e.status, e.time_value, e.sentence, e.trigger,"
            " d.outlet, d.published, d.title,"
            " json_extract(d.payload, '$.sentences[' || e.sentence || '].text')"
            " FROM events e JOIN documents d USING (doc_id)"
            " WHERE e.cluster_id = ? ORDER BY d.published IS NULL, d.published, e.doc_id, e.sentence",
            (cluster_id,),
        ).fetchall()
        out: list[dict[str, Any]] = []
        for (
            doc_id,
            event_id,
            type_,
            mode,
            status,
            time,
            sent,
            trigger,
            outlet,
            published,
            title,
            text,
        ) in rows:
            out.append(
                {
                    "doc_id": doc_id,
                    "event_id": event_id,
                    "type": type_,
                    "mode": mode,
                    "status": status,
                    "denies": status in DENIALS,
                    "time": time,
                    "sentence": sent,
                    "sentence_text": text,
                    "trigger": trigger,
                    "outlet": outlet,
                    "published": published,
                    "title": title,
                }
            )
        self._add_participants(out)
        return out

    def sentence_text(self, doc_id: str, sentence: int) -> str | None:
        row = self._conn.execute(
            "SELECT json_extract(payload, '$.sentences[' || ? || '].text') FROM documents WHERE doc_id = ?",
            (int(sentence), doc_id),
        ).fetchone()
        return None if row is None else row[0]

    def document_meta(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not doc_ids:
            return {}
        rows = self._conn.execute(
            "SELECT doc_id, title, outlet, published, source, url FROM documents"
            f" WHERE doc_id IN ({marks(len(doc_ids))})",
            list(doc_ids),
        )
        cols = ("doc_id", "title", "outlet", "published", "source", "url")
        return {r[0]: dict(zip(cols, r, strict=True)) for r in rows}

    # -- who acts on whom ---------------------------------------------------------------

    def graph(
        self,
        *,
        entity_ids: Sequence[str] = (),
        date_from: str | None = None,
        date_to: str | None = None,
        min_events: int = 1,
        limit: int = 200,
    ) -> dict[str, Any]:
        """Actor → recipient edges, counted by event type over asserted and alleged events
        (denied ones are left out: a denial is not an act). With `entity_ids`, only edges
        touching them."""
        where, args = date_range("coalesce(e.time_value, d.published)", date_from, date_to)
        where.append("e.status NOT IN ('denied', 'negated')")
        if entity_ids:
            among = marks(len(entity_ids))
            where.append(f"(a.entity_id IN ({among}) OR r.entity_id IN ({among}))")
            args += [*entity_ids, *entity_ids]
        rows = self._conn.execute(
            "SELECT a.entity_id, r.entity_id, e.type, count(*), count(DISTINCT e.doc_id) FROM events e"
            " JOIN documents d USING (doc_id)"
            " JOIN event_entities a ON a.doc_id = e.doc_id AND a.event_id = e.event_id"
            " AND a.role = 'actor'"
            " JOIN event_entities r ON r.doc_id = e.doc_id AND r.event_id = e.event_id"
            " AND r.role = 'recipient'"
            f" WHERE a.entity_id != r.entity_id AND {' AND '.join(where)}"
            " GROUP BY a.entity_id, r.entity_id, e.type HAVING count(*) >= ?"
            " ORDER BY count(*) DESC, a.entity_id, r.entity_id, e.type LIMIT ?",
            [*args, min_events, limit],
        ).fetchall()
        ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
        nodes = []
        if ids:
            nodes = [
                {"id": i, "name": n, "type": t}
                for i, n, t in self._conn.execute(
                    f"SELECT entity_id, name, type FROM entities WHERE entity_id IN ({marks(len(ids))})"
                    " ORDER BY entity_id",
                    ids,
                )
            ]
        edges = [{"source": a, "target": r, "type": t, "events": n, "documents": k} for a, r, t, n, k in rows]
        return {"nodes": nodes, "edges": edges}

    # -- exports ------------------------------------------------------------------------

    def payloads(self, filters: SearchFilters) -> Iterator[dict[str, Any]]:
        """The stored contract documents the filters admit, oldest first (undated last)."""
        where, args = filters.clauses()
        rows = self._conn.execute(
            f"SELECT d.payload FROM documents AS d WHERE {' AND '.join(where or ['1'])}"
            " ORDER BY d.published IS NULL, d.published, d.doc_id",
            args,
        )
        for (text,) in rows:
            payload: dict[str, Any] = json.loads(text)
            yield payload

    def event_clusters(self, doc_id: str) -> dict[str, str]:
        """Event id → cluster id, for the events of one document."""
        rows = self._conn.execute("SELECT event_id, cluster_id FROM events WHERE doc_id = ?", (doc_id,))
        return {e: c for e, c in rows}

    def entity_table(self) -> list[tuple[str, str, str, str | None, tuple[str, ...]]]:
        """Every entity: id, name, type, QID and every form it was written in."""
        forms: dict[str, list[str]] = {}
        for name, entity_id in self._conn.execute(
            "SELECT name, entity_id FROM entity_names ORDER BY entity_id, name"
        ):
            forms.setdefault(entity_id, []).append(name)
        rows = self._conn.execute("SELECT entity_id, name, type, wikidata FROM entities ORDER BY entity_id")
        return [(i, n, t, q, tuple(forms.get(i, ()))) for i, n, t, q in rows]
