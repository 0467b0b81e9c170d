"""The writers are functions of plain rows: no module of hodo.export reads a store or
reaches back into the front-ends or the runner."""

from __future__ import annotations

import ast
from pathlib import Path

import hodo.export

FORBIDDEN = ("hodo.store", "hodo.cli", "hodo.api", "hodo.query", "hodo.pipeline", "sqlite3")


def test_export_modules_import_no_store_and_no_front_end() -> None:
    folder = Path(hodo.export.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
