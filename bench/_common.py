"""Helpers shared by the benchmark scripts (run as `python bench/<script>.py`)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def hodo_revision() -> str:
    """The checkout's commit, with `+dirty` when hodo/ has uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "hodo"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def run_child(script: Path, data: Path, n: int, flag: str = "--data") -> dict[str, Any]:
    """Run `script --one N --data DATA` (or another input `flag`) in a fresh process; its
    last JSON line is the result."""
    cmd = [sys.executable, str(script), "--one", str(n), flag, str(data)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"size {n}: child process failed (exit {proc.returncode})")
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise SystemExit(f"size {n}: child printed no result")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def run_sizes(
    script: Path,
    data: Path,
    sizes: list[int],
    repeat: int,
    aggregate: Callable[[list[dict[str, Any]]], dict[str, Any]],
    flag: str = "--data",
) -> tuple[list[dict[str, Any]], dict[int, list[dict[str, Any]]]]:
    """Each size `repeat` times, each run in a fresh process: (aggregated results, raw runs)."""
    results: list[dict[str, Any]] = []
    all_runs: dict[int, list[dict[str, Any]]] = {}
    for n in sizes:
        runs = []
        for i in range(repeat):
            print(f"size {n}, run {i + 1}/{repeat} ...", file=sys.stderr, flush=True)
            runs.append(run_child(script, data, n, flag))
        all_runs[n] = runs
        results.append(aggregate(runs))
    return results, all_runs


def write_raw(
    path: Path,
    info: dict[str, Any],
    data: Path,
    sizes: list[int],
    repeat: int,
    results: list[dict[str, Any]],
    all_runs: dict[int, list[dict[str, Any]]],
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": info,
        "data": str(data),
        "sizes": sizes,
        "repeat": repeat,
        "results": results,
        "runs": {str(n): runs for n, runs in all_runs.items()},
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nraw numbers written to {path}", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def hodo_server(db: Path, *extra: str) -> Iterator[str]:
    """`hodo serve --db DB` in its own process on a free localhost port; yields its base URL
    once it answers, stops it afterwards."""
    import httpx

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "hodo.cli", "serve", "--db", str(db), "--port", str(port), *extra],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(f"{base}/api/stats", timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit("hodo serve did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
