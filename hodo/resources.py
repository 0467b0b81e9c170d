"""Loading hodo's data files (lexicons, patterns): rules live in data, not in if-chains."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Read `hodo/data/NAME` (a TOML file) once per process."""
    text = resources.files("hodo").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)
