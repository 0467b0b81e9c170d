"""`gexf`: the entity network (`hodo.export.graph`) as GEXF 1.2, Gephi's own format
(`networkx.read_gexf` reads it back)."""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from hodo.export.graph import build_graph
from hodo.export.rows import ExportData


def write_gexf(data: ExportData, out: BinaryIO) -> tuple[int, int]:
    """Write the graph; returns (nodes, edges)."""
    g = build_graph(data)
    nx.write_gexf(g, out, encoding="utf-8")
    return g.number_of_nodes(), g.number_of_edges()
