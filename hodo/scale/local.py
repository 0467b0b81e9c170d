"""The local engine: this process, or a pool of worker processes on this machine.

Each worker loads GiNZA once (in its initializer) and keeps it for the whole run; the
runner feeds it batches and at most two batches per worker are in flight, so memory
stays bounded however large the corpus. Workers start from a fresh interpreter
(`forkserver`): nothing of the parent (threads, a loaded model) is copied into them.
Their BLAS is kept to one thread — the processes are the parallelism on these machines.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from hodo.extract.gazetteer import Gazetteer
from hodo.models import Failure
from hodo.scale import Analysed, Batch
from hodo.stages import analyse_documents

_GAZ: Gazetteer | None = None


def _start_worker(gaz: Gazetteer) -> None:
    global _GAZ
    from hodo.nlp.ginza import PARSE_DISABLE, load

    _GAZ = gaz
    load(PARSE_DISABLE)


def _work(batch: Batch) -> Analysed:
    assert _GAZ is not None, "worker not started"
    return analyse_documents(batch, _GAZ)


def _lost(batch: Batch, reason: str) -> Analysed:
    return [Failure(source=d.source, stage="analyze", reason=reason) for d in batch]


class _Pool:
    """A process pool that replaces itself when a worker dies (killed, out of memory, a
    crash in native code): the batches in flight are submitted again once; a batch that
    breaks the pool a second time is recorded as failures with the reason."""

    def __init__(self, workers: int, gaz: Gazetteer) -> None:
        self.workers, self.gaz = workers, gaz
        # the workers' numpy reads this when it loads (in the fresh worker interpreter)
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        self.context = multiprocessing.get_context("forkserver")
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=_start_worker, initargs=(self.gaz,)
        )

    def submit(self, batch: Batch) -> Future[Analysed]:
        try:
            return self.pool.submit(_work, batch)
        except BrokenProcessPool:
            self.restart()
            return self.pool.submit(_work, batch)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def analyse_locally(batches: Iterable[Batch], gaz: Gazetteer, *, workers: int = 1) -> Iterator[Analysed]:
    if workers <= 1:
        for batch in batches:
            yield analyse_documents(batch, gaz)
        return
    pool = _Pool(workers, gaz)
    # (batch, its future, whether it was already resubmitted after a worker died)
    pending: deque[tuple[Batch, Future[Analysed], bool]] = deque()
    try:
        for batch in batches:
            pending.append((batch, pool.submit(batch), False))
            while len(pending) >= 2 * workers:
                yield _next(pending, pool)
        while pending:
            yield _next(pending, pool)
    finally:
        pool.close()


def _next(pending: deque[tuple[Batch, Future[Analysed], bool]], pool: _Pool) -> Analysed:
    while True:
        batch, future, retried = pending[0]
        try:
            out = future.result()
        except BrokenProcessPool:
            # every batch in flight died with the pool: submit them again to a new one, the
            # one that broke it marked; if it was already marked, give it up
            pool.restart()
            if retried:
                pending.popleft()
            else:
                pending[0] = (batch, future, True)
            for i, (b, _, r) in enumerate(list(pending)):
                pending[i] = (b, pool.submit(b), r)
            if retried:
                return _lost(batch, "analysis worker died twice on this batch (killed or out of memory)")
            continue
        pending.popleft()
        return out
