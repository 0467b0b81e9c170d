from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from hodo.export.rows import ExportData
from hodo.query import export_data
from hodo.store import Store


@pytest.fixture(scope="session")
def sample_data(sample_store: Path) -> ExportData:
    """Everything in the sample store, as the exports get it."""
    with Store(sample_store) as store:
        return export_data(store)


@pytest.fixture
def sql(sample_store: Path) -> Iterator[sqlite3.Connection]:
    """The sample store read directly (what the exports are checked against)."""
    conn = sqlite3.connect(f"file:{sample_store}?mode=ro", uri=True)
    yield conn
    conn.close()


def one(conn: sqlite3.Connection, query: str) -> int:
    return int(conn.execute(query).fetchone()[0])
