"""Schema migrations for the SQLite store.

Migrations are the numbered files `hodo/store/migrations/NNNN_name.sql` (package data,
read with importlib.resources), numbered 1, 2, 3, … without gaps. The version a database
is at is kept in `PRAGMA user_version` (0 for a new, empty file). Opening a store applies
every migration above that version, in order, in one `BEGIN IMMEDIATE` transaction that
also sets `user_version`: an upgrade either completes or leaves the file as it was, and
two processes opening the same old file at once cannot both apply it (the second one
re-reads the version once it holds the write lock and finds nothing to do).

A database whose version is above the newest migration was written by a newer hodo; it
is refused with `MigrationError` rather than used with a schema this code doesn't know.

Rules for new migrations: never edit a released file, add the next number instead; no
BEGIN/COMMIT in the file; `PRAGMA foreign_keys` cannot change inside the transaction, so a
migration that rebuilds a referenced table must do it without relying on turning it off.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hodo.errors import HodoError

_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


class MigrationError(HodoError):
    """The store's schema cannot be brought up to date: the file was written by a newer
    hodo, or a migration failed (the file is then left as it was)."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies and string literals with
    `;` in them stay whole). Text after the last `;` must be only comments/whitespace."""
    statements: list[str] = []
    start = 0
    for i, char in enumerate(sql):
        if char == ";" and sqlite3.complete_statement(sql[start : i + 1]):
            statement = sql[start : i + 1].strip()
            if _COMMENTS.sub("", statement).strip() != ";":
                statements.append(statement)
            start = i + 1
    if _COMMENTS.sub("", sql[start:]).strip():
        raise ValueError(f"unterminated SQL statement: {sql[start:].strip()[:60]!r}")
    return statements


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this hodo, in version order (read once per process)."""
    folder = resources.files("hodo.store").joinpath("migrations")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match is None:
            continue
        sql = entry.read_text(encoding="utf-8")
        found.append(Migration(int(match.group(1)), entry.name, tuple(split_statements(sql))))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"store migrations must be numbered 1..N without gaps, found {versions}")
    return tuple(found)


def latest_version() -> int:
    return migrations()[-1].version


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _check_not_newer(version: int, latest: int, where: str) -> None:
    if version > latest:
        raise MigrationError(
            f"store {where} is at schema version {version}, newer than this hodo knows "
            f"(up to {latest}); upgrade hodo to open it"
        )


def migrate(conn: sqlite3.Connection, where: str = "") -> int:
    """Bring the database on `conn` (in autocommit mode, no transaction open) up to the
    latest schema; return the version it is now at."""
    latest = latest_version()
    current = user_version(conn)
    _check_not_newer(current, latest, where)
    if current == latest:
        return current
    try:
        conn.execute("BEGIN IMMEDIATE")
        current = user_version(conn)  # another connection may have migrated meanwhile
        _check_not_newer(current, latest, where)
        for migration in migrations():
            if migration.version <= current:
                continue
            try:
                for statement in migration.statements:
                    conn.execute(statement)
            except sqlite3.Error as exc:
                raise MigrationError(
                    f"store {where}: migration {migration.name} failed, nothing was changed: {exc}"
                ) from exc
            # PRAGMA takes no parameters; the value is an int from a file name, not input.
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return latest
