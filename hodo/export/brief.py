"""`md` / `html`: the briefing `hodo brief` writes (composed by `hodo.brief`, rendered by
its own renderer; this only puts it in a file)."""

from __future__ import annotations

from typing import BinaryIO

from hodo.brief import render
from hodo.models import Briefing


def write_brief(briefing: Briefing, fmt: str, out: BinaryIO) -> int:
    """Write the briefing as `md` or `html`; returns how many citations it carries."""
    out.write(render(briefing, fmt).encode("utf-8"))
    return len(briefing.citations)
