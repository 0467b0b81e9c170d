"""The writers on hand-made rows: awkward text, missing values, empty exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest

from hodo.export.events_csv import write_events_csv
from hodo.export.files import atomic_file, output
from hodo.export.graph import build_graph
from hodo.export.graphml import write_graphml
from hodo.export.parquet import SCHEMAS, write_parquet
from hodo.export.rows import DocumentRow, EntityRow, EventRow, ExportData, MentionRow, Ref

AWKWARD = '=HYPERLINK("x"),「引用」と\n改行、"二重"引用符,カンマ'


def _event(event_id: str, actors: tuple[Ref, ...], recipients: tuple[Ref, ...], **kw: object) -> EventRow:
    values: dict[str, object] = {
        "doc_id": "doc-1",
        "event_id": event_id,
        "cluster_id": None,
        "type": "CONSULT",
        "mode": None,
        "status": "occurred",
        "time": None,
        "time_end": None,
        "sentence": 0,
        "sentence_text": AWKWARD,
        "trigger": "会談",
        "actors": actors,
        "recipients": recipients,
        "place": None,
        "reported_by": (),
        "outlet": None,
        "published": None,
        "title": None,
        "source": "a.txt",
        "url": None,
    }
    values.update(kw)
    return EventRow(**values)  # type: ignore[arg-type]


KIM = Ref("Q56226", "金正恩", "Q56226", "北朝鮮")
NOBODY = Ref("ent-1", "某氏")  # no QID, no country
RU = Ref("Q159", "ロシア", "Q159", "ロシア")


def _data(events: tuple[EventRow, ...]) -> ExportData:
    doc = DocumentRow(
        "doc-1", "a.txt", None, None, None, None, None, (), (), None, None, "金正恩某氏", 1, 3, 2, 0
    )
    entities = tuple(
        EntityRow(r.id, r.name, "PERSON", r.qid, r.country, (r.name,), 1, 1) for r in (KIM, NOBODY, RU)
    )
    mentions = (
        MentionRow("doc-1", "Q56226", 0, 3, "金正恩", 0),
        MentionRow("doc-1", "ent-1", 3, 5, "某氏", 0),
    )
    return ExportData((doc,), entities, mentions, events, ())


def test_csv_keeps_awkward_text_exactly_and_leaves_missing_values_empty() -> None:
    buf = io.BytesIO()
    events = (
        _event("ev-1", (KIM, NOBODY), (RU,), time="2024-06-19", published="2024-06-20T09:00"),
        _event("ev-2", (NOBODY,), ()),
    )
    assert write_events_csv(events, buf) == 2
    raw = buf.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    assert list(df.sentence_text) == [AWKWARD, AWKWARD]
    first, second = df.to_dict("records")
    assert first["actor"] == "金正恩; 某氏" and first["actor_qid"] == "Q56226"
    assert first["actor_country"] == "北朝鮮" and first["recipient_country"] == "ロシア"
    assert (first["date"], first["date_basis"]) == ("2024-06-19", "event")
    assert (second["date"], second["date_basis"], second["mode"], second["url"]) == ("", "", "", "")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0]["sentence_text"] == AWKWARD


def test_csv_dates_an_undated_event_by_its_page() -> None:
    buf = io.BytesIO()
    write_events_csv([_event("ev-1", (KIM,), (RU,), published="2024-06-20T09:00+09:00")], buf)
    row = pd.read_csv(io.BytesIO(buf.getvalue()), dtype=str, keep_default_na=False).iloc[0]
    assert (row.date, row.date_basis, row.published) == ("2024-06-20", "published", "2024-06-20T09:00+09:00")


def test_graph_has_no_missing_values_and_skips_one_sided_events() -> None:
    events = (
        _event("ev-1", (KIM, NOBODY), (RU,), time="2024-06-19"),
        _event("ev-2", (KIM,), ()),  # no recipient: no edge
        _event("ev-3", (KIM,), (KIM,)),  # acting on itself: no edge
    )
    g = build_graph(_data(events))
    assert g.number_of_nodes() == 3
    kinds = sorted(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds == ["co-occurrence", "event", "event"]
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str | int) for v in attrs.values())
    keys = None
    for _, _, attrs in g.edges(data=True):
        assert all(isinstance(v, str | int) for v in attrs.values())
        keys = keys or set(attrs)
        assert set(attrs) == keys  # one schema for every edge
    assert g.nodes["ent-1"]["qid"] == "" and g.nodes["ent-1"]["country"] == ""
    buf = io.BytesIO()
    write_graphml(_data(events), buf)
    back = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert back.number_of_edges() == 3


def test_parquet_of_nothing_is_five_empty_typed_tables(tmp_path: Path) -> None:
    written = write_parquet(ExportData((), (), (), (), ()), tmp_path / "pq")
    assert written == dict.fromkeys(SCHEMAS, 0)
    for name, schema in SCHEMAS.items():
        t = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert t.num_rows == 0 and t.schema.equals(schema)


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(path) as f:
        f.write(b"half")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    with output(path, io.BytesIO()) as f:
        f.write(b"new")
    assert path.read_bytes() == b"new"
    stream = io.BytesIO()
    with output(None, stream) as f:
        f.write(b"to stdout")
    assert stream.getvalue() == b"to stdout"
