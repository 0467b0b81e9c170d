from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hodo.store import MigrationError, Store, latest_version
from hodo.store.migrate import migrations, split_statements

from .helpers import make_doc, payload_of


def _at_version(path: Path, version: int) -> sqlite3.Connection:
    """A database built by applying only the first `version` migrations, as an older
    hodo would have left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in migrations()[:version]:
        for statement in migration.statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def test_migrations_are_numbered_from_one() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert found[0].name == "0001_initial.sql"
    assert latest_version() == found[-1].version >= 2


def test_new_store_is_at_latest_version(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert store.schema_version() == latest_version()


def test_version_0_database_is_upgraded_keeping_its_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == latest_version()
        assert store._conn.execute("SELECT text FROM notes").fetchall() == [("keep me",)]


def test_version_1_database_is_upgraded_and_indexed(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    conn = _at_version(path, 1)
    conn.execute(
        "INSERT INTO documents (doc_id, source, title, body, payload, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ("doc-old", "old.txt", "古い記事", "北朝鮮が会談に応じた。", '{"doc_id": "doc-old"}', "t", "t"),
    )
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == latest_version()
        assert store.get_document("doc-old") == {"doc_id": "doc-old"}
        # Rows written before the FTS migration are found by it.
        assert [h.doc_id for h in store.search("北朝鮮")] == ["doc-old"]
        doc = make_doc("doc-new", "北朝鮮の発表")
        store.upsert_document(doc, payload_of(doc))
        assert sorted(h.doc_id for h in store.search("北朝鮮")) == ["doc-new", "doc-old"]


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(MigrationError, match=r"newer than this hodo knows"):
        Store(path)


def test_failed_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "clash.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE failures (x)")  # clashes with 0001
    conn.close()
    with pytest.raises(MigrationError, match=r"0001_initial\.sql failed"):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"failures"}
    conn.close()


def test_split_statements_keeps_triggers_and_strings_whole() -> None:
    sql = """
    -- a comment; with a semicolon
    CREATE TABLE t (a TEXT DEFAULT 'x;y');
    /* block; comment */
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        INSERT INTO t VALUES ('1;2');
        DELETE FROM t WHERE a = ';';
    END;
    -- trailing comment
    """
    statements = split_statements(sql)
    assert len(statements) == 2
    assert statements[0].endswith("DEFAULT 'x;y');")
    assert statements[1].startswith("/* block; comment */")
    assert statements[1].endswith("END;")


def test_split_statements_rejects_unterminated() -> None:
    with pytest.raises(ValueError, match="unterminated"):
        split_statements("CREATE TABLE t (a);\nCREATE TABLE u (b)")
