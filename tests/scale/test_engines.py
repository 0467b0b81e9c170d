"""The engines give identical outputs: the local engine in this process, its pool of
worker processes, and Ray (a local Ray instance started by the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hodo.pipeline import Options, analyze

REPO = Path(__file__).resolve().parents[2]
PAGES = str(REPO / "examples" / "pages")
FILES = ("documents.jsonl", "corpus.json", "failures.jsonl")


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    analyze([PAGES], out, options=Options(batch=4))
    return out


def _same(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_pool_of_workers_gives_what_one_process_gives(local_run: Path, tmp_path: Path) -> None:
    analyze([PAGES], tmp_path, options=Options(batch=3, workers=2))
    _same(local_run, tmp_path)


def test_ray_gives_what_the_local_engine_gives(local_run: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    result = analyze(
        [PAGES], tmp_path, db_path=tmp_path / "hodo.db", options=Options(batch=3, workers=2, engine="ray")
    )
    assert len(result.documents) > 10 and result.store_changes["inserted"] == len(result.documents)
    _same(local_run, tmp_path)


def test_ray_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from hodo.errors import EngineError

    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    with pytest.raises(EngineError, match=r"pip install 'hodo\[ray\]'"):
        analyze([PAGES], tmp_path, options=Options(engine="ray"))
    assert not (tmp_path / "documents.jsonl").exists()


def test_a_worker_killed_mid_run_costs_no_page(
    local_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import threading

    from hodo.scale import local

    pools = []
    new = local._Pool._new

    def recorded(self: local._Pool) -> object:
        pools.append(new(self))
        return pools[-1]

    monkeypatch.setattr(local._Pool, "_new", recorded)
    original = local._next
    killed = threading.Event()

    def kill_after_first(pending, pool):  # type: ignore[no-untyped-def]
        out = original(pending, pool)
        if not killed.is_set():  # one result is back: the workers are busy with the next
            killed.set()
            os.kill(next(iter(pools[0]._processes)), signal.SIGKILL)
        return out

    monkeypatch.setattr(local, "_next", kill_after_first)
    result = analyze([PAGES], tmp_path, options=Options(batch=1, workers=2))
    assert killed.is_set() and len(pools) == 2  # the pool was replaced once
    assert not result.failures
    _same(local_run, tmp_path)
