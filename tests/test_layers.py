"""Imports flow one way: front-ends (cli, api, web) → the runner (pipeline, query) →
engines (scale) → per-document composition (stages) → the stages themselves → models.
Stages never import the store, the runner, an engine or a front-end."""

from __future__ import annotations

import ast
from pathlib import Path

import hodo

ROOT = Path(hodo.__file__).parent
FRONT = ("hodo.cli", "hodo.api", "hodo.web")
RUNNER = ("hodo.pipeline", "hodo.query", "hodo.resume", "hodo.store")
STAGES = ("ingest", "clean", "nlp", "extract", "link", "brief", "export")
# what each layer must not import (anything above it)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **{f"hodo.{s}": (*FRONT, *RUNNER, "hodo.scale", "hodo.stages") for s in STAGES},
    "hodo.stages": (*FRONT, *RUNNER, "hodo.scale"),
    "hodo.scale": (*FRONT, *RUNNER),
    "hodo.models": (*FRONT, *RUNNER, "hodo.scale", "hodo.stages", *(f"hodo.{s}" for s in STAGES)),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_imports_flow_one_way() -> None:
    checked = 0
    for path in sorted(ROOT.rglob("*.py")):
        module = "hodo." + ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        rules = [bad for layer, bad in FORBIDDEN.items() if module == layer or module.startswith(layer + ".")]
        for bad in rules:
            checked += 1
            for name in _imports(path):
                assert not name.startswith(bad), f"{module} imports {name}"
    assert checked > 40
