"""Small pieces of SQL the store's queries share. Only placeholders and fixed column
expressions are ever put into statement text; every value is a bound parameter."""

from __future__ import annotations

from typing import Any

END_OF_PREFIX = "\uffff"
"""Appended to an ISO prefix, the largest string with that prefix: `<= '2024-06' + this`
keeps all of June (`2024-06-30T21:00` included)."""


def marks(n: int) -> str:
    """`?,?,…` for an `IN (…)` of n values."""
    return ",".join("?" * n)


def date_range(col: str, date_from: str | None, date_to: str | None) -> tuple[list[str], list[Any]]:
    """Conditions keeping `col` (an ISO date prefix) within [date_from, date_to], both
    inclusive at their own precision, and their parameters."""
    where: list[str] = []
    args: list[Any] = []
    if date_from:
        where.append(f"{col} >= ?")
        args.append(date_from)
    if date_to:
        where.append(f"{col} <= ?")
        args.append(date_to + END_OF_PREFIX)
    return where, args
