from __future__ import annotations

import threading
import time
from pathlib import Path

from hodo.store import Store

from .helpers import make_doc, payload_of


def test_reader_and_writer_interleave_under_wal(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with Store(path) as writer, Store(path) as reader:
        first = make_doc("doc-1", "北朝鮮が声明を発表した。")
        writer.upsert_document(first, payload_of(first))
        assert reader.count_documents() == 1

        second = make_doc("doc-2", "北朝鮮の外務省が談話を出した。")
        with writer.transaction():
            writer.upsert_document(second, payload_of(second))
            # The writer holds the write lock; the reader sees the last commit, unblocked.
            assert reader.count_documents() == 1
            assert [h.doc_id for h in reader.search("北朝鮮")] == ["doc-1"]
            assert reader.get_document("doc-2") is None
        assert reader.count_documents() == 2
        assert sorted(h.doc_id for h in reader.search("北朝鮮")) == ["doc-1", "doc-2"]


def test_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    errors: list[BaseException] = []
    started = threading.Event()

    def other_writer() -> None:
        try:
            with Store(path) as store:
                started.set()
                doc = make_doc("doc-t", "別スレッドからの書き込み")
                store.upsert_document(doc, payload_of(doc))
        except BaseException as exc:
            errors.append(exc)

    with Store(path) as writer:
        doc = make_doc("doc-m", "主スレッドの書き込み")
        with writer.transaction():
            writer.upsert_document(doc, payload_of(doc))
            thread = threading.Thread(target=other_writer)
            thread.start()
            started.wait(5)
            time.sleep(0.2)  # the other writer is now waiting on busy_timeout
        thread.join(10)
        assert errors == []
        assert writer.document_ids() == ["doc-m", "doc-t"]


def test_two_stores_open_a_new_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            with Store(path) as store:
                store.count_documents()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert errors == []


def test_a_writer_waits_past_the_busy_timeout_then_gives_up_clearly(tmp_path: Path) -> None:
    import pytest

    from hodo.errors import StoreBusyError

    path = tmp_path / "shared.db"
    with (
        Store(path) as holder,
        Store(path, write_wait=0.3) as impatient,
        Store(path, write_wait=5, any_thread=True) as patient,
    ):
        for s in (impatient, patient):  # busy timeouts far shorter than the waits
            s._conn.execute("PRAGMA busy_timeout = 20")
        doc = make_doc("doc-p", "辛抱強い書き込み")
        with holder.transaction():
            with (
                pytest.raises(StoreBusyError, match="another process has been writing"),
                impatient.transaction(),
            ):
                pass
            done = threading.Event()

            def write() -> None:
                patient.upsert_document(doc, payload_of(doc))
                done.set()

            thread = threading.Thread(target=write)
            thread.start()
            time.sleep(0.3)  # more than ten busy timeouts: still waiting, not failed
            assert not done.is_set()
        thread.join(10)
        assert done.is_set()
        assert holder.document_ids() == ["doc-p"]
