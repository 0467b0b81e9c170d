"""`hodo serve`: the app factory its worker processes import, and --workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

from hodo.api.app import ENV_ALLOW_INGEST, ENV_DB, factory
from hodo.errors import HodoError
from hodo.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    db = tmp_path / "hodo.db"
    Store(db).close()
    return db


def test_factory_takes_its_configuration_from_the_environment(
    empty_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DB, str(empty_store))
    monkeypatch.setenv(ENV_ALLOW_INGEST, "1")
    with TestClient(factory()) as client:
        stats = client.get("/api/stats").json()
    assert stats["documents"] == 0 and stats["ingest"] is True
    monkeypatch.setenv(ENV_ALLOW_INGEST, "0")
    with TestClient(factory()) as client:
        assert client.get("/api/stats").json()["ingest"] is False
        assert client.post("/api/ingest", json={"pages": []}).status_code in (404, 405)


def test_factory_without_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_DB, raising=False)
    with pytest.raises(HodoError, match=ENV_DB):
        factory()
    monkeypatch.setenv(ENV_DB, str(tmp_path / "missing.db"))
    with pytest.raises(HodoError, match="no store"):
        factory()


def test_serve_with_two_workers(empty_store: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in (ENV_DB, ENV_ALLOW_INGEST)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hodo.cli",
            "serve",
            "--db",
            str(empty_store),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"{base}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, "hodo serve exited"
                assert time.monotonic() < deadline, "hodo serve did not answer within 30 s"
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["documents"] == 0
        with httpx.Client(base_url=base, timeout=10) as client:
            assert all(
                client.get("/api/search", params={"q": "北朝鮮"}).status_code == 200 for _ in range(20)
            )
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert b"2 workers" in err


def test_serve_refuses_a_bad_worker_count(empty_store: Path) -> None:
    from click.testing import CliRunner

    from hodo.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(empty_store), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output
