"""Interrupted runs resume: a run killed with SIGKILL part-way, run again, gives the
store and outputs of an uninterrupted run — no page lost, none analysed twice."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from hodo.contract import document_from_json, document_json
from hodo.resume import WORK_FILE, Checkpoint, document_key

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "examples" / "pages"
HODO = [sys.executable, "-c", "from hodo.cli import main; main()"]
# columns that say when or in which run a row was written, not what it holds
VOLATILE = {"created_at", "updated_at", "run_id"}


def _analyze(out: Path, *extra: str) -> subprocess.Popen[str]:
    args = [*HODO, "analyze", str(PAGES), "--out", str(out), "--db", str(out / "hodo.db"), "--batch", "2"]
    return subprocess.Popen([*args, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def store_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every stored row of every table (FTS shadow tables aside), without timestamps."""
    con = sqlite3.connect(db)
    out: dict[str, list[tuple[object, ...]]] = {}
    tables = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if not r[0].startswith("documents_fts")
    ]
    for t in tables:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] not in VOLATILE]
        if t == "failures":
            cols.remove("id")
        out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}"), key=repr)
    con.close()
    return out


def _lines(path: Path) -> int:
    try:
        return path.read_text(encoding="utf-8").count("\n")
    except FileNotFoundError:
        return 0


def test_a_run_killed_part_way_resumes_to_the_uninterrupted_result(tmp_path: Path) -> None:
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    done = _analyze(whole)
    assert done.wait(timeout=300) == 0, done.communicate()[1]

    run = _analyze(killed)
    work = killed / WORK_FILE
    deadline = time.monotonic() + 300
    # header + at least one finished batch of two pages, then SIGKILL mid-run
    while _lines(work) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not (killed / "documents.jsonl").exists()
    left = _lines(work) - 1
    assert 2 <= left < len(list(PAGES.iterdir()))

    again = _analyze(killed)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "already analysed by an interrupted run" in out + err
    assert not work.exists()
    for name in ("documents.jsonl", "corpus.json", "failures.jsonl"):
        assert (killed / name).read_bytes() == (whole / name).read_bytes(), name
    assert store_rows(killed / "hodo.db") == store_rows(whole / "hodo.db")


def test_a_checkpointed_document_comes_back_equal(tmp_path: Path, sample_store: Path) -> None:
    con = sqlite3.connect(sample_store)
    docs = [document_from_json(json.loads(p)) for (p,) in con.execute("SELECT payload FROM documents")]
    docs = [replace(d, kind="html") if i % 2 else d for i, d in enumerate(docs)]
    path = tmp_path / WORK_FILE
    cp = Checkpoint(path, "stamp")
    cp.add([(document_key(d), d) for d in docs])
    cp.close()
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"key": "cut sh')  # what a kill mid-write leaves
    back = Checkpoint(path, "stamp")
    assert all(back.get(document_key(d)) == d for d in docs)
    assert document_json(back.get(document_key(docs[0])) or docs[1]) == document_json(docs[0])
    back.add([("k", docs[0])])  # goes on after the cut line
    back.close()
    assert Checkpoint(path, "stamp").get("k") == docs[0]
    assert Checkpoint(path, "another hodo").get("k") is None  # other conditions: start afresh
