"""`hodo export`: every format through the command line, filters, and clear errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from hodo.cli import main


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["export", *args])
    return r.exit_code, r.stdout, r.stderr


def test_every_format_writes_its_file(sample_store: Path, tmp_path: Path) -> None:
    db = str(sample_store)
    n_docs, n_events = (
        sqlite3.connect(sample_store)
        .execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)")
        .fetchone()
    )
    for fmt in ("jsonl", "events-csv", "graphml", "gexf", "md", "html"):
        code, _, err = run("--db", db, "--format", fmt, "--out", str(tmp_path / f"x.{fmt}"))
        assert code == 0, err
        assert f"→ {tmp_path / f'x.{fmt}'}" in err
    assert len((tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()) == n_docs
    assert len(pd.read_csv(tmp_path / "x.events-csv")) == n_events
    assert nx.read_graphml(tmp_path / "x.graphml").number_of_nodes() > 20
    assert nx.read_gexf(tmp_path / "x.gexf").number_of_nodes() > 20
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("#")
    assert "<html" in (tmp_path / "x.html").read_text(encoding="utf-8")
    code, _, err = run("--db", db, "--format", "parquet", "--out", str(tmp_path / "pq"))
    assert code == 0, err
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == n_events


def test_without_out_it_writes_to_stdout(sample_store: Path) -> None:
    code, out, err = run("--db", str(sample_store), "--format", "jsonl")
    assert code == 0 and "exported" in err
    assert all(json.loads(line)["contract"] == 1 for line in out.splitlines())


def test_briefing_is_the_one_hodo_brief_writes(sample_store: Path) -> None:
    args = ["--db", str(sample_store), "--between", "北朝鮮", "ロシア"]
    code, exported, _ = run(*args, "--format", "md")
    assert code == 0
    brief = CliRunner().invoke(main, ["brief", *args, "--format", "md"])
    assert brief.exit_code == 0 and exported == brief.stdout


def test_filters_pick_documents_and_the_events_the_entity_takes_part_in(sample_store: Path) -> None:
    db = str(sample_store)
    code, out, _ = run("--db", db, "--format", "jsonl", "--entity", "金正恩", "--from", "2024")
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert docs and all(d["published"]["value"] >= "2024" for d in docs)
    assert all(any(e["id"] == "Q56226" for e in d["entities"]) for d in docs)
    total = sqlite3.connect(sample_store).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert len(docs) < total
    code, out, _ = run("--db", db, "--format", "events-csv", "--entity", "金正恩")
    assert code == 0
    import io

    df = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    assert len(df) > 0
    involved = df.actor_qid + ";" + df.recipient_qid + ";" + df.place_qid
    assert involved.str.contains("Q56226").all()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "parquet"], "needs --out FOLDER"),
        (["--format", "jsonl", "--entity", "メドベージェフ"], "no entity called 'メドベージェフ'"),
        (["--format", "jsonl", "--from", "June 2024"], "not a date like 2024"),
        (["--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_clear_errors(sample_store: Path, args: list[str], message: str) -> None:
    code, _, err = run("--db", str(sample_store), *args)
    assert code != 0 and message in err


def test_parquet_out_must_not_be_a_file(sample_store: Path, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    code, _, err = run("--db", str(sample_store), "--format", "parquet", "--out", str(tmp_path / "f"))
    assert code != 0 and "is a file" in err
