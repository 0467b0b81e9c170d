from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from hodo.models import Failure
from hodo.store import Store

from .helpers import make_doc, payload_of


def test_new_store_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert store.schema_version() >= 2


def test_upsert_same_doc_twice_is_one_row_unchanged(store: Store) -> None:
    doc = make_doc("doc-1", "北朝鮮の金正恩氏が会談した。", title="会談", published="2024-06-19")
    assert store.upsert_document(doc, payload_of(doc)) == "inserted"
    assert store.upsert_document(doc, payload_of(doc)) == "unchanged"
    assert store.count_documents() == 1
    assert store.document_ids() == ["doc-1"]


def test_payload_key_order_alone_is_unchanged(store: Store) -> None:
    doc = make_doc("doc-1", "本文")
    payload = payload_of(doc)
    store.upsert_document(doc, payload)
    assert store.upsert_document(doc, dict(reversed(list(payload.items())))) == "unchanged"


def test_update_keeps_created_at(store: Store) -> None:
    doc = make_doc("doc-1", "本文です。", title="旧題")
    store.upsert_document(doc, payload_of(doc))
    created = store._conn.execute("SELECT created_at FROM documents").fetchone()[0]
    doc2 = dataclasses.replace(doc, title="新題")
    assert store.upsert_document(doc2, payload_of(doc2)) == "updated"
    created2, updated2, title = store._conn.execute(
        "SELECT created_at, updated_at, title FROM documents"
    ).fetchone()
    assert created2 == created
    assert updated2 >= created
    assert title == "新題"
    assert store.count_documents() == 1
    stored = store.get_document("doc-1")
    assert stored is not None
    assert stored["title"] == "新題"


def test_payload_change_alone_is_updated(store: Store) -> None:
    doc = make_doc("doc-1", "本文")
    store.upsert_document(doc, payload_of(doc))
    assert store.upsert_document(doc, {**payload_of(doc), "entities": [{"id": "e1"}]}) == "updated"
    stored = store.get_document("doc-1")
    assert stored is not None
    assert stored["entities"] == [{"id": "e1"}]


def test_columns_and_payload_stored(store: Store) -> None:
    doc = make_doc("doc-1", "本文", title="題", published="2024-06", authors=("山田太郎", "佐藤"))
    store.upsert_document(doc, payload_of(doc))
    row = store._conn.execute(
        "SELECT source, url, title, outlet, published, published_basis, authors, sources_cited, payload"
        " FROM documents"
    ).fetchone()
    source, url, title, outlet, published, basis, authors, cited, payload = row
    assert (source, url, title, outlet) == ("doc-1.txt", "https://example.jp/doc-1", "題", "テスト新聞")
    assert (published, basis) == ("2024-06", "explicit")
    assert json.loads(authors) == ["山田太郎", "佐藤"]
    assert json.loads(cited) == []
    assert "山田太郎" in payload  # ensure_ascii=False: readable Japanese in the file
    assert store.get_document("doc-1") == payload_of(doc)


def test_undated_document_has_null_published(store: Store) -> None:
    doc = make_doc("doc-1", "本文")
    store.upsert_document(doc, payload_of(doc))
    assert store._conn.execute("SELECT published, published_basis FROM documents").fetchone() == (None, None)


def test_get_missing_document(store: Store) -> None:
    assert store.get_document("doc-nope") is None


def test_source_names(store: Store) -> None:
    doc = make_doc("doc-1", "本文", source="inbox/a.html")
    store.upsert_document(doc, payload_of(doc))
    store.add_source_name("doc-1", "inbox/b.txt")
    store.add_source_name("doc-1", "inbox/b.txt")  # idempotent
    # The same content under a third name: still one document, every name remembered.
    again = dataclasses.replace(doc, source="inbox/c.txt")
    assert store.upsert_document(again, payload_of(again)) == "updated"
    assert store.count_documents() == 1
    assert store.source_names("doc-1") == ["inbox/a.html", "inbox/b.txt", "inbox/c.txt"]


def test_source_name_for_unknown_document(store: Store) -> None:
    with pytest.raises(KeyError):
        store.add_source_name("doc-nope", "x.txt")


def test_delete_cascades_to_source_names(store: Store) -> None:
    doc = make_doc("doc-1", "本文")
    store.upsert_document(doc, payload_of(doc))
    store.add_source_name("doc-1", "other.txt")
    assert store.delete_document("doc-1") is True
    assert store.delete_document("doc-1") is False
    assert store.count_documents() == 0
    assert store.source_names("doc-1") == []


def test_failures_recorded_newest_first(store: Store) -> None:
    store.record_failure(Failure("a.bin", "ingest", "binary file"), run_id="run-1")
    store.record_failure(Failure("b.html", "clean", "nothing left after cleaning"))
    assert store.failures() == [
        Failure("b.html", "clean", "nothing left after cleaning"),
        Failure("a.bin", "ingest", "binary file"),
    ]
    assert store.failures(limit=1) == [Failure("b.html", "clean", "nothing left after cleaning")]
    run_ids = [r for (r,) in store._conn.execute("SELECT run_id FROM failures ORDER BY id")]
    assert run_ids == ["run-1", None]


def test_transaction_rolls_back(store: Store) -> None:
    doc = make_doc("doc-1", "本文")
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_document(doc, payload_of(doc))
        raise RuntimeError("boom")
    assert store.count_documents() == 0
    assert not store._conn.in_transaction


def test_nested_transaction_rolls_back_inner_only(store: Store) -> None:
    a, b = make_doc("doc-a", "本文A"), make_doc("doc-b", "本文B")
    with store.transaction():
        store.upsert_document(a, payload_of(a))
        with pytest.raises(RuntimeError), store.transaction():
            store.upsert_document(b, payload_of(b))
            raise RuntimeError("boom")
    assert store.document_ids() == ["doc-a"]


def test_data_survives_reopen(tmp_path: Path) -> None:
    doc = make_doc("doc-1", "北朝鮮の発表")
    with Store(tmp_path / "a.db") as store:
        store.upsert_document(doc, payload_of(doc))
    with Store(tmp_path / "a.db") as store:
        assert store.get_document("doc-1") == payload_of(doc)
        assert [h.doc_id for h in store.search("北朝鮮")] == ["doc-1"]


def test_not_a_database_is_a_read_error(tmp_path: Path) -> None:
    from hodo.errors import ReadError

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ReadError, match="cannot open store"):
        Store(bad)
    with pytest.raises(ReadError):
        Store(tmp_path / "missing-dir" / "x.db")


def test_close_twice(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    store.close()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.count_documents()
