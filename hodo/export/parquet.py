"""`parquet`: the export as five Parquet tables in one folder — documents, entities,
mentions, events, quotes (`pyarrow.parquet.read_table`, pandas, DuckDB, Polars, R's
arrow read them). One Parquet file holds one table, hence a folder.

Keys: `doc_id` joins every table to `documents`; `entity_id` joins `mentions` to
`entities`; events name their participants by entity id (`actors`, `recipients`, `place`,
`reported_by`) with the names beside them, in lists; `cluster_id` groups the events of
several pages that report one real-world event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from hodo.export.files import atomic_file
from hodo.export.rows import DocumentRow, EntityRow, EventRow, ExportData, MentionRow, QuoteRow

_S, _I = pa.string(), pa.int64()
_LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", _S),
            ("source", _S),
            ("url", _S),
            ("title", _S),
            ("outlet", _S),
            ("published", _S),
            ("published_basis", _S),
            ("authors", _LIST),
            ("sources_cited", _LIST),
            ("site", _S),
            ("encoding", _S),
            ("body", _S),
            ("sentences", _I),
            ("entities", _I),
            ("events", _I),
            ("quotes", _I),
        ]
    ),
    "entities": pa.schema(
        [
            ("entity_id", _S),
            ("name", _S),
            ("type", _S),
            ("wikidata", _S),
            ("country", _S),
            ("aliases", _LIST),
            ("documents", _I),
            ("mentions", _I),
        ]
    ),
    "mentions": pa.schema(
        [("doc_id", _S), ("entity_id", _S), ("start", _I), ("end", _I), ("text", _S), ("sentence", _I)]
    ),
    "events": pa.schema(
        [
            ("doc_id", _S),
            ("event_id", _S),
            ("cluster_id", _S),
            ("type", _S),
            ("mode", _S),
            ("status", _S),
            ("time", _S),
            ("time_end", _S),
            ("date", _S),
            ("actors", _LIST),
            ("actor_names", _LIST),
            ("recipients", _LIST),
            ("recipient_names", _LIST),
            ("place", _S),
            ("place_name", _S),
            ("reported_by", _LIST),
            ("reported_by_names", _LIST),
            ("trigger", _S),
            ("sentence", _I),
            ("sentence_text", _S),
            ("outlet", _S),
            ("published", _S),
        ]
    ),
    "quotes": pa.schema(
        [
            ("doc_id", _S),
            ("index", _I),
            ("sentence", _I),
            ("speaker", _S),
            ("speaker_name", _S),
            ("speaker_text", _S),
            ("text", _S),
            ("kind", _S),
            ("cue", _S),
            ("stance", _S),
            ("start", _I),
            ("end", _I),
        ]
    ),
}


def _fields(row: DocumentRow | EntityRow | MentionRow) -> dict[str, Any]:
    """A row whose columns are its fields, one for one (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in vars(row).items()}


def _event(e: EventRow) -> dict[str, Any]:
    return {
        "doc_id": e.doc_id,
        "event_id": e.event_id,
        "cluster_id": e.cluster_id,
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "time": e.time,
        "time_end": e.time_end,
        "date": e.date,
        "actors": [r.id for r in e.actors],
        "actor_names": [r.name for r in e.actors],
        "recipients": [r.id for r in e.recipients],
        "recipient_names": [r.name for r in e.recipients],
        "place": e.place.id if e.place else None,
        "place_name": e.place.name if e.place else None,
        "reported_by": [r.id for r in e.reported_by],
        "reported_by_names": [r.name for r in e.reported_by],
        "trigger": e.trigger,
        "sentence": e.sentence,
        "sentence_text": e.sentence_text,
        "outlet": e.outlet,
        "published": e.published,
    }


def _quote(q: QuoteRow) -> dict[str, Any]:
    return {
        "doc_id": q.doc_id,
        "index": q.index,
        "sentence": q.sentence,
        "speaker": q.speaker.id if q.speaker else None,
        "speaker_name": q.speaker.name if q.speaker else None,
        "speaker_text": q.speaker_text,
        "text": q.text,
        "kind": q.kind,
        "cue": q.cue,
        "stance": q.stance,
        "start": q.start,
        "end": q.end,
    }


def tables(data: ExportData) -> dict[str, pa.Table]:
    """The five tables, by name."""
    parts: dict[str, tuple[Sequence[Any], Callable[[Any], dict[str, Any]]]] = {
        "documents": (data.documents, _fields),
        "entities": (data.entities, _fields),
        "mentions": (data.mentions, _fields),
        "events": (data.events, _event),
        "quotes": (data.quotes, _quote),
    }
    return {
        name: pa.Table.from_pylist([row(r) for r in rows], schema=SCHEMAS[name])
        for name, (rows, row) in parts.items()
    }


def write_parquet(data: ExportData, out_dir: Path) -> dict[str, int]:
    """Write `out_dir/NAME.parquet` for each table (each file replaced atomically);
    returns the rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, table in tables(data).items():
        with atomic_file(out_dir / f"{name}.parquet") as f:
            pq.write_table(table, f, compression="zstd")
        written[name] = table.num_rows
    return written
