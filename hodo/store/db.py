"""The embedded store: one SQLite file holding analysed documents, searchable in Japanese.

Schema (see `migrations/*.sql`; the version is `PRAGMA user_version`):

`documents` — one row per document, keyed by its content-hash id, so ingesting the same
page again updates the row instead of adding one.
    id               INTEGER PRIMARY KEY   rowid alias, what the FTS index points at
                                           (VACUUM keeps it; it never leaves the store)
    doc_id           TEXT NOT NULL UNIQUE  the document id used everywhere (`doc-…`)
    source           TEXT NOT NULL         the name it was last stored under
    url, title, outlet TEXT
    published        TEXT                  ISO 8601 prefix (`2024-06`) or NULL
    published_basis  TEXT                  `explicit` | `inferred` | NULL
    authors          TEXT (JSON list)
    sources_cited    TEXT (JSON list)
    body             TEXT NOT NULL
    payload          TEXT (JSON)           the full output-contract document
    created_at, updated_at TEXT            UTC, ISO 8601 with milliseconds and `Z`

`document_sources(doc_id → documents.doc_id ON DELETE CASCADE, source)` — every name a
document was seen under (one page saved twice under two file names is one document).

`failures(id, run_id, source, stage, reason, created_at)` — what could not be analysed.

`documents_fts` — external-content FTS5 index over documents(title, body) with the
trigram tokenizer, kept in step by triggers; see `hodo.store.search` for the query rules.

Connections are opened in autocommit mode with WAL journaling (readers never block the
writer and vice versa), `foreign_keys=ON` and `busy_timeout=5000` ms. Writes go through
`Store.transaction()`, which starts `BEGIN IMMEDIATE` so a writer takes the write lock up
front instead of failing half-way through, waiting up to `write_wait` (300 s) for another
writer to finish, then StoreBusyError; nested calls become savepoints. Every value in
every statement is a bound parameter.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from hodo.errors import ReadError, StoreBusyError
from hodo.models import Document, Failure, SearchHit
from hodo.store.links import Links
from hodo.store.migrate import migrate, user_version
from hodo.store.search import NO_FILTERS, SearchFilters, list_documents, run_search
from hodo.store.views import Views

UpsertResult = Literal["inserted", "updated", "unchanged"]

BUSY_TIMEOUT_MS = 5000
# How long a writer waits for another writer's transaction (a big `hodo analyze` holds the
# write lock while it saves, ≈ 20 s for 7,000 pages) before giving up with StoreBusyError.
WRITE_WAIT_S = 300.0

# The columns upsert_document writes, apart from doc_id and the timestamps.
_DOC_COLUMNS = (
    "source",
    "url",
    "title",
    "outlet",
    "published",
    "published_basis",
    "authors",
    "sources_cited",
    "body",
    "payload",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _canonical_json(text: str) -> str:
    """A stored JSON text in a form where equal values compare equal (key order aside)."""
    return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)


def _document_row(doc: Document, payload: dict[str, Any]) -> dict[str, Any]:
    published = doc.published
    return {
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": published.value if published is not None else None,
        "published_basis": published.basis if published is not None else None,
        "authors": _json(list(doc.authors)),
        "sources_cited": _json(list(doc.sources_cited)),
        "body": doc.body,
        "payload": _json(payload),
    }


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL (persistent in the file). The switch needs an exclusive lock and
    SQLite does not always call the busy handler for it, so several processes opening a
    new file at once can get "database is locked": retry until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            if not busy or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


class Store:
    """A hodo store in one SQLite file (created on first open, upgraded if older)."""

    def __init__(
        self, path: str | Path, *, any_thread: bool = False, write_wait: float = WRITE_WAIT_S
    ) -> None:
        """`any_thread`: the connection may be used from a thread other than the one that
        opened it (one user at a time), e.g. a web request whose setup and teardown run
        on different worker threads. `write_wait`: seconds a transaction waits for
        another writer before StoreBusyError."""
        self.path = Path(path)
        self.write_wait = write_wait
        self._depth = 0
        where = str(self.path)
        try:
            self._conn = sqlite3.connect(where, isolation_level=None, check_same_thread=not any_thread)
        except sqlite3.Error as exc:
            raise ReadError(f"cannot open store {where}: {exc}") from exc
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            _enable_wal(self._conn)
            self._conn.execute("PRAGMA synchronous = NORMAL")  # durable enough under WAL
            migrate(self._conn, where)
            self.links = Links(self._conn)
            self.views = Views(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ReadError(f"cannot open store {where}: {exc}") from exc
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        try:
            if not self._conn.in_transaction:
                self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _begin_immediate(self) -> None:
        """Take the write lock, waiting (busy timeout after busy timeout) up to
        `write_wait` seconds for another writer to finish."""
        deadline = time.monotonic() + self.write_wait
        while True:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
                if not busy:
                    raise
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{self.path}: another process has been writing to the store for over "
                        f"{self.write_wait:.0f} s; try again when it is done"
                    ) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """`BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` if the block raises. Nested calls
        use a savepoint, so an inner block that raises undoes only its own writes."""
        conn = self._conn
        if self._depth > 0:
            name = f"hodo_sp_{self._depth}"  # from a counter, not from input
            conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self._begin_immediate()
        self._depth = 1
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0

    def schema_version(self) -> int:
        return user_version(self._conn)

    # -- documents ----------------------------------------------------------------------

    def upsert_document(self, doc: Document, payload: dict[str, Any]) -> UpsertResult:
        """Store `doc` with its contract JSON `payload`, keyed by `doc.doc_id`.

        Returns "inserted" for a new id, "unchanged" when the stored row already holds the
        same values (nothing is written), else "updated" (created_at is kept). The name
        `doc.source` is also recorded in document_sources.
        """
        row = _document_row(doc, payload)
        with self.transaction():
            old = self._conn.execute(
                f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents WHERE doc_id = ?", (doc.doc_id,)
            ).fetchone()
            now = _now()
            if old is None:
                self._conn.execute(
                    "INSERT INTO documents (doc_id, source, url, title, outlet, published,"
                    " published_basis, authors, sources_cited, body, payload, created_at, updated_at)"
                    " VALUES (:doc_id, :source, :url, :title, :outlet, :published, :published_basis,"
                    " :authors, :sources_cited, :body, :payload, :now, :now)",
                    {**row, "doc_id": doc.doc_id, "now": now},
                )
                result: UpsertResult = "inserted"
            elif self._same(dict(zip(_DOC_COLUMNS, old, strict=True)), row):
                result = "unchanged"
            else:
                self._conn.execute(
                    "UPDATE documents SET source = :source, url = :url, title = :title,"
                    " outlet = :outlet, published = :published, published_basis = :published_basis,"
                    " authors = :authors, sources_cited = :sources_cited, body = :body,"
                    " payload = :payload, updated_at = :now WHERE doc_id = :doc_id",
                    {**row, "doc_id": doc.doc_id, "now": now},
                )
                result = "updated"
            self._conn.execute(
                "INSERT OR IGNORE INTO document_sources (doc_id, source) VALUES (?, ?)",
                (doc.doc_id, doc.source),
            )
        return result

    @staticmethod
    def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
        for column in _DOC_COLUMNS:
            if column == "payload":
                if _canonical_json(old[column]) != _canonical_json(new[column]):
                    return False
            elif old[column] != new[column]:
                return False
        return True

    def add_source_name(self, doc_id: str, source: str) -> None:
        """Remember that `doc_id` was also seen under the name `source` (idempotent).
        Raises KeyError if there is no such document."""
        with self.transaction():
            try:
                self._conn.execute(
                    "INSERT OR IGNORE INTO document_sources (doc_id, source) VALUES (?, ?)",
                    (doc_id, source),
                )
            except sqlite3.IntegrityError as exc:
                raise KeyError(f"no document {doc_id!r} in the store") from exc

    def source_names(self, doc_id: str) -> list[str]:
        """Every name `doc_id` was seen under, sorted."""
        rows = self._conn.execute(
            "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY source", (doc_id,)
        )
        return [source for (source,) in rows]

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored payload (contract JSON) of `doc_id`, parsed; None if absent."""
        row = self._conn.execute("SELECT payload FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        payload: dict[str, Any] = json.loads(row[0])
        return payload

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document (its source names and index entries go with it); True if it existed."""
        with self.transaction():
            cursor = self._conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        return cursor.rowcount > 0

    def document_ids(self) -> list[str]:
        return [doc_id for (doc_id,) in self._conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]

    def count_documents(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    # -- failures -----------------------------------------------------------------------

    def record_failure(self, failure: Failure, run_id: str | None = None) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO failures (run_id, source, stage, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                (run_id, failure.source, failure.stage, failure.reason, _now()),
            )

    def failures(self, limit: int = 100) -> list[Failure]:
        """The most recent `limit` failures, newest first."""
        if limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        rows = self._conn.execute(
            "SELECT source, stage, reason FROM failures ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [Failure(source=source, stage=stage, reason=reason) for source, stage, reason in rows]

    # -- search -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        raw: bool = False,
        filters: SearchFilters = NO_FILTERS,
    ) -> list[SearchHit]:
        """Full-text search (see `hodo.store.search`); raises QueryError for a query it
        cannot run (empty, over 1,000 characters, bad FTS5 syntax with raw=True)."""
        return run_search(self._conn, query, limit=limit, offset=offset, raw=raw, filters=filters)

    def list_documents(
        self, *, limit: int = 20, offset: int = 0, filters: SearchFilters = NO_FILTERS
    ) -> list[SearchHit]:
        """Documents the filters admit, newest first (a search without terms)."""
        return list_documents(self._conn, limit=limit, offset=offset, filters=filters)
