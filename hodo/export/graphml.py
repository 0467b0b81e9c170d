"""`graphml`: the entity network (`hodo.export.graph`) as GraphML, for Gephi, Cytoscape,
yEd, igraph or `networkx.read_graphml`."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from hodo.export.graph import build_graph
from hodo.export.rows import ExportData


def write_graphml(data: ExportData, out: BinaryIO) -> tuple[int, int]:
    """Write the graph; returns (nodes, edges)."""
    g = build_graph(data)
    nx.write_graphml(g, out, encoding="utf-8", named_key_ids=True)
    return g.number_of_nodes(), g.number_of_edges()
