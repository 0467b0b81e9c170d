"""docs/schema.md describes the store the migrations build: every table, column, type,
NOT NULL and primary key, every index and trigger, and the schema version."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from hodo.store import Store, latest_version

from .helpers import make_doc, payload_of

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
_SECTION = re.compile(r"^### `(\w+)`\s*$")
_ROW = re.compile(r"^\| `(\w+)` \|\s*([A-Z]*)\s*\|([^|]*)\|")
FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config")


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path = tmp_path_factory.mktemp("schema") / "fresh.db"
    Store(path).close()  # every migration applied
    c = sqlite3.connect(path)
    yield c
    c.close()


def documented() -> dict[str, list[tuple[str, str, bool, bool]]]:
    """Table → its columns as the page lists them: (name, type, NOT NULL, in the primary key)."""
    tables: dict[str, list[tuple[str, str, bool, bool]]] = {}
    current: str | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            m = _SECTION.match(line)
            current = m.group(1) if m else None
            if current:
                tables[current] = []
        elif current and (row := _ROW.match(line)):
            name, type_, constraints = row.groups()
            tables[current].append((name, type_, "NOT NULL" in constraints, "PRIMARY KEY" in constraints))
    return tables


def objects(conn: sqlite3.Connection, kind: str) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = ? ORDER BY name", (kind,)
    ).fetchall()


def test_every_table_and_column_is_documented(conn: sqlite3.Connection) -> None:
    doc = documented()
    actual = {}
    for name, _ in objects(conn, "table"):
        if name.startswith("documents_fts_"):
            continue  # FTS5 shadow tables: named on the page, not described
        actual[name] = [
            (col, type_, bool(notnull), pk > 0)
            for _, col, type_, notnull, _, pk in conn.execute(f'PRAGMA table_info("{name}")')
        ]
    assert sorted(doc) == sorted(actual)
    for name, columns in actual.items():
        assert doc[name] == columns, name


def test_indexes_triggers_and_shadow_tables_are_named(conn: sqlite3.Connection) -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, table in objects(conn, "index"):
        assert f"`{name}`" in text, name
        if name.startswith("sqlite_autoindex"):
            continue
        cols = ", ".join(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
        assert f"| `{name}` | `{table}({cols})` |" in text, name
    for name, table in objects(conn, "trigger"):
        assert f"`{name}`" in text and table == "documents", name
    for suffix in FTS_SHADOWS:
        assert f"`documents_fts{suffix}`" in text
    assert not objects(conn, "view") and "There are no SQL views" in text
    assert f"({latest_version()} today)" in text


def test_sqlite_utils_reads_and_searches_a_store(tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    path = tmp_path / "hodo.db"
    with Store(path) as store:
        for i, body in enumerate(["北朝鮮がミサイルを発射した。", "ロシアの大統領が平壌を訪れた。"]):
            doc = make_doc(f"doc-{i}", body, title=f"記事{i}")
            store.upsert_document(doc, payload_of(doc))
    db = sqlite_utils.Database(path)
    assert db["documents"].count == 2
    assert [r["title"] for r in db["documents_fts"].search("ミサイル")] == ["記事0"]
    rows = list(
        db.query(
            "SELECT d.doc_id FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
            " WHERE documents_fts MATCH :q ORDER BY rank",
            {"q": "平壌を訪"},
        )
    )
    assert rows == [{"doc_id": "doc-1"}]
