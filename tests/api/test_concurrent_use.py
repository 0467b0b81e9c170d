"""Concurrent use of one store: the API answers while `hodo analyze` writes into it.

The server is the app under uvicorn in a thread, on a free port; two `hodo analyze
--clean-only` processes write new pages into the same store meanwhile; reader threads
list, search and open documents over HTTP the whole time. Nothing may fail: no 5xx, no
"database is locked" (readers under WAL never wait for the writer, the second writer
waits for the first), and readers only ever see whole documents: every id a list or a
search returns opens with its full payload, whose sentences point into its body, and
the count of documents never goes down.
"""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from hodo.api import create_app
from hodo.cli import main

_KANJI = [chr(c) for c in range(0x4E00, 0x9FA0)]
_PARTICLES = ("は", "が", "を", "に", "で", "の", "と", "について", "、")


def _page(rng: random.Random, i: int) -> str:
    """A small page of made-up words (no two pages near-duplicates), with 北朝鮮 in it."""

    def word() -> str:
        return "".join(rng.choices(_KANJI, k=rng.randint(2, 4)))

    sentences = [
        "".join(word() + rng.choice(_PARTICLES) for _ in range(6)) + f"北朝鮮の{word()}を発表した。"
        for _ in range(3)
    ]
    return (
        f"{word()}、{word()}の{word()} 第{i}報\n\n2024年6月{1 + i % 28}日 10:00 配信\n\n"
        + "\n".join(sentences)
        + "\n"
    )


def _pages(folder: Path, start: int, n: int) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(start)
    for i in range(start, start + n):
        (folder / f"{i:05d}.txt").write_text(_page(rng, i), encoding="utf-8")
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def seeded_store(tmp_path: Path) -> Path:
    db = tmp_path / "hodo.db"
    pages = _pages(tmp_path / "seed", 0, 30)
    result = CliRunner().invoke(
        main, ["analyze", str(pages), "--out", str(tmp_path / "seed-out"), "--db", str(db), "--clean-only"]
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def server(seeded_store: Path) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(seeded_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


class Reader(threading.Thread):
    """Lists, searches and opens documents until told to stop; records what went wrong."""

    def __init__(self, base: str, seed: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.rng, self.stop = base, random.Random(seed), stop
        self.errors: list[str] = []
        self.requests = 0
        self.opened = 0
        self.slowest = 0.0
        self.counts: list[int] = []

    def get(self, client: httpx.Client, path: str, **params: Any) -> Any:
        start = time.perf_counter()
        r = client.get(path, params=params)
        self.slowest = max(self.slowest, time.perf_counter() - start)
        self.requests += 1
        if r.status_code != 200:
            self.errors.append(f"{path} {params}: HTTP {r.status_code} {r.text[:200]}")
            return None
        return r.json()

    def check_document(self, client: httpx.Client, doc_id: str) -> None:
        doc = self.get(client, f"/api/documents/{doc_id}")
        if doc is None:
            return
        self.opened += 1
        body = doc["body"]
        if doc["doc_id"] != doc_id or not body or not doc["sentences"] or not doc["seen_as"]:
            self.errors.append(f"{doc_id}: incomplete document {str(doc)[:200]}")
        for s in doc["sentences"]:
            if body[s["start"] : s["end"]] != s["text"]:
                self.errors.append(f"{doc_id}: sentence {s} does not point into the body")

    def round(self, client: httpx.Client) -> None:
        stats = self.get(client, "/api/stats")
        if stats is not None:
            self.counts.append(stats["documents"])
        listed = self.get(client, "/api/documents", limit=20, offset=self.rng.randrange(0, 400))
        found = self.get(client, "/api/search", q=self.rng.choice(["北朝鮮", "発表", "配信 北朝鮮"]))
        ids = [d["doc_id"] for d in listed or []]
        ids += [h["doc_id"] for h in (found or {}).get("hits", [])]
        for doc_id in self.rng.sample(ids, min(4, len(ids))):
            self.check_document(client, doc_id)

    def run(self) -> None:
        try:
            with httpx.Client(base_url=self.base, timeout=30) as client:
                while not self.stop.is_set():
                    self.round(client)
                self.round(client)  # one more, wholly after the writers finished
        except Exception as exc:  # a transport error or a bug here: the test must see it
            self.errors.append(f"{type(exc).__name__}: {exc}")


def test_api_answers_while_analyze_writes(tmp_path: Path, server: str, seeded_store: Path) -> None:
    batches = [_pages(tmp_path / f"new{k}", 1000 * (k + 1), 250) for k in range(2)]
    stop = threading.Event()
    readers = [Reader(server, seed, stop) for seed in range(3)]
    for reader in readers:
        reader.start()
    time.sleep(0.3)  # readers running before the writers start
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hodo.cli",
                "analyze",
                str(pages),
                "--out",
                str(tmp_path / f"out{k}"),
                "--db",
                str(seeded_store),
                "--clean-only",
                "--no-progress",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k, pages in enumerate(batches)
    ]
    outcomes = [w.communicate(timeout=60) for w in writers]
    stop.set()
    for reader in readers:
        reader.join(30)

    for writer, (_, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err
        assert "250 new" in err and "locked" not in err, err
    errors = [e for r in readers for e in r.errors]
    assert errors == []
    assert sum(r.opened for r in readers) > 20
    for r in readers:
        assert r.counts == sorted(r.counts), "the number of documents went down"
        assert r.counts[0] >= 30 and r.counts[-1] == 530
        assert r.slowest < 4, f"a request took {r.slowest:.1f} s (waited on the writer's lock?)"
