"""Every export format read back by its own ecosystem's reader, with the store's counts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest

from hodo.export.events_csv import COLUMNS, write_events_csv
from hodo.export.gexf import write_gexf
from hodo.export.graphml import write_graphml
from hodo.export.jsonl import write_jsonl
from hodo.export.parquet import SCHEMAS, write_parquet
from hodo.export.rows import ExportData
from hodo.query import export_payloads
from hodo.store import Store

from .conftest import one

EVENT_EDGES = (
    "SELECT count(*) FROM event_entities a JOIN event_entities r"
    " ON r.doc_id = a.doc_id AND r.event_id = a.event_id AND r.role = 'recipient'"
    " WHERE a.role = 'actor' AND a.entity_id != r.entity_id"
)
PAIRS = (
    "SELECT count(*) FROM (SELECT DISTINCT a.entity_id, b.entity_id FROM document_entities a"
    " JOIN document_entities b ON b.doc_id = a.doc_id AND a.entity_id < b.entity_id)"
)


def test_jsonl_is_the_stored_documents(sample_store: Path, sql: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    with Store(sample_store) as store, out.open("wb") as f:
        n = write_jsonl(export_payloads(store), f)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == one(sql, "SELECT count(*) FROM documents") > 10
    stored = {d: json.loads(p) for d, p in sql.execute("SELECT doc_id, payload FROM documents")}
    for line in lines:
        doc = json.loads(line)
        assert doc == stored[doc["doc_id"]]
    assert pd.read_json(out, lines=True).shape[0] == n


def test_events_csv_reads_back_with_pandas(
    sample_data: ExportData, sql: sqlite3.Connection, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    with out.open("wb") as f:
        n = write_events_csv(sample_data.events, f)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    times = dict(sql.execute("SELECT event_id, time_value FROM events"))
    assert list(df.columns) == list(COLUMNS)
    assert n == len(df) == one(sql, "SELECT count(*) FROM events") > 20
    stored = {
        (d, e): (t, s, c)
        for d, e, t, s, c in sql.execute("SELECT doc_id, event_id, type, status, cluster_id FROM events")
    }
    assert {(r.doc_id, r.event_id): (r.type, r.status, r.cluster_id) for r in df.itertuples()} == stored
    # sentences are the pages' own, whole (commas, quotes and line breaks survive)
    texts = {
        (d, int(i)): t for d, i, t in df[["doc_id", "sentence", "sentence_text"]].itertuples(index=False)
    }
    for (doc_id, i), text in texts.items():
        assert (
            sql.execute(
                "SELECT json_extract(payload, '$.sentences[' || ? || '].text') FROM documents WHERE doc_id = ?",
                (i, doc_id),
            ).fetchone()[0]
            == text
        )
    visits = df[(df.type == "CONSULT") & (df.actor.str.contains("プーチン"))]
    assert not visits.empty
    assert visits.actor_qid.str.contains("Q7747").all() and visits.actor_country.str.contains("ロシア").all()
    dated = df[df.date != ""]
    assert dated.date.str.match(r"^\d{4}(-\d{2}(-\d{2})?)?$").all() and len(dated) > len(df) / 2
    assert set(dated.date_basis) == {"event", "published"} and set(df[df.date == ""].date_basis) <= {""}
    own = df[df.date_basis == "event"]
    assert (own.date == own.event_id.map(lambda e: times[e])).all()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_reads_back_with_networkx(
    fmt: str, sample_data: ExportData, sql: sqlite3.Connection, tmp_path: Path
) -> None:
    out = tmp_path / f"graph.{fmt}"
    with out.open("wb") as f:
        nodes, edges = (write_graphml if fmt == "graphml" else write_gexf)(sample_data, f)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert isinstance(g, nx.MultiDiGraph)
    assert nodes == g.number_of_nodes() == one(sql, "SELECT count(DISTINCT entity_id) FROM document_entities")
    kinds = [d["kind"] for _, _, d in g.edges(data=True)]
    assert edges == len(kinds) == g.number_of_edges()
    assert kinds.count("event") == one(sql, EVENT_EDGES) > 10
    assert kinds.count("co-occurrence") == one(sql, PAIRS)
    putin = g.nodes["Q7747"]
    assert putin["type"] == "PERSON" and putin["qid"] == "Q7747" and putin["country"] == "ロシア"
    assert int(putin["mentions"]) == one(
        sql, "SELECT sum(mentions) FROM document_entities WHERE entity_id = 'Q7747'"
    )
    for _, _, d in g.edges(data=True):
        assert d["kind"] in ("event", "co-occurrence")
        if d["kind"] == "event":
            assert d["event_type"] and d["status"] and d["doc_id"] and d["event_id"]
        assert d["date"] == "" or d["date"][:4].isdigit()
    # the co-occurrence of 北朝鮮 and ロシア counts the documents naming both
    both = one(
        sql,
        "SELECT count(*) FROM document_entities a JOIN document_entities b USING (doc_id)"
        " WHERE a.entity_id = 'Q159' AND b.entity_id = 'Q423'",
    )
    co = [d for d in g.get_edge_data("Q159", "Q423").values() if d["kind"] == "co-occurrence"]
    assert len(co) == 1 and int(co[0]["documents"]) == both > 5


def test_parquet_tables_read_back_with_pyarrow(
    sample_data: ExportData, sql: sqlite3.Connection, tmp_path: Path
) -> None:
    written = write_parquet(sample_data, tmp_path / "pq")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(f"{t}.parquet" for t in SCHEMAS)
    tables = {name: pq.read_table(tmp_path / "pq" / f"{name}.parquet") for name in SCHEMAS}
    assert {name: t.num_rows for name, t in tables.items()} == written
    expected = {
        "documents": one(sql, "SELECT count(*) FROM documents"),
        "entities": one(sql, "SELECT count(DISTINCT entity_id) FROM document_entities"),
        "mentions": one(sql, "SELECT sum(mentions) FROM document_entities"),
        "events": one(sql, "SELECT count(*) FROM events"),
        "quotes": one(sql, "SELECT sum(json_array_length(payload, '$.quotes')) FROM documents"),
    }
    assert written == expected
    for name, t in tables.items():
        assert t.schema.equals(SCHEMAS[name]), name
    # the tables join: every mention's entity and every event's document are there
    entities = set(tables["entities"].column("entity_id").to_pylist())
    docs = set(tables["documents"].column("doc_id").to_pylist())
    assert set(tables["mentions"].column("entity_id").to_pylist()) <= entities
    assert set(tables["events"].column("doc_id").to_pylist()) <= docs
    events = tables["events"].to_pandas()
    assert events.actors.map(len).sum() == one(
        sql, "SELECT count(*) FROM event_entities WHERE role = 'actor'"
    )
    mentions = tables["mentions"].to_pylist()
    bodies = dict(
        zip(
            tables["documents"].column("doc_id").to_pylist(),
            tables["documents"].column("body").to_pylist(),
            strict=True,
        )
    )
    assert all(bodies[m["doc_id"]][m["start"] : m["end"]] == m["text"] for m in mentions)
