"""Exports: what a store holds, in formats other tools read.

The runner's read side (`hodo.query.export_payloads`, `export_data`, `briefing`) reads the
store; the writers here are functions of those plain values to files and never open a
store. One module per format:

    jsonl       the contract documents as stored (`jsonl.write_jsonl`)
    events-csv  one row per event, POLECAT/PLOVER-style columns (`events_csv`)
    graphml     entities as nodes, events and co-occurrence as edges (`graphml`, `graph`)
    gexf        the same network for Gephi (`gexf`)
    parquet     documents, entities, mentions, events, quotes: one file each (`parquet`)
    md, html    the briefing of `hodo brief` (`brief`)
"""

from __future__ import annotations

FORMATS = ("jsonl", "events-csv", "graphml", "gexf", "parquet", "md", "html")
"""Every format `hodo export --format` takes."""

__all__ = ["FORMATS"]
