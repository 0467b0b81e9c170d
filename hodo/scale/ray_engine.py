"""The Ray engine: the per-document stages as Ray Data actors, one GiNZA per actor.

`hodo analyze --engine ray` starts a local Ray instance with `--workers` CPUs, or joins a
running cluster with `--address` (`ray start --head` on one machine, `ray start
--address=HEAD:6379` on the others; every machine needs hodo installed). Batches travel
as contract JSON (hodo.contract), the actors return the analysed documents the same way,
and the runner puts them back in input order: everything before and after — reading,
cleaning, the corpus-level stages, the outputs and the store — is the local runner's, so
both engines write identical files (tests/scale/test_engines.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from hodo.contract import document_from_json, document_record
from hodo.errors import EngineError
from hodo.extract.gazetteer import Gazetteer
from hodo.models import Document, Failure
from hodo.scale import Analysed, Batch
from hodo.stages import analyse_documents


def _dumps(r: Document | Failure) -> str:
    return json.dumps(
        {"failure": asdict(r)} if isinstance(r, Failure) else document_record(r), ensure_ascii=False
    )


def _loads(text: str) -> Document | Failure:
    d = json.loads(text)
    return Failure(**d["failure"]) if "failure" in d else document_from_json(d)


class _Analyser:
    """A Ray Data actor: loads GiNZA once, then analyses the batches it is given."""

    def __init__(self, gaz: Gazetteer) -> None:
        from hodo.nlp.ginza import PARSE_DISABLE, load

        self.gaz = gaz
        load(PARSE_DISABLE)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        docs = [_loads(t) for t in batch["doc"]]
        out = analyse_documents([d for d in docs if isinstance(d, Document)], self.gaz)
        return {"i": list(batch["i"]), "doc": [_dumps(r) for r in out]}


def analyse_on_ray(
    batches: Iterable[Batch], gaz: Gazetteer, *, workers: int = 1, address: str | None = None
) -> Iterator[Analysed]:
    try:
        import ray
        import ray.data
    except ImportError as e:
        raise EngineError(f"--engine ray needs Ray: pip install 'hodo[ray]' ({e})") from e

    window = list(batches)
    if not window:
        return
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
        if address is None:
            kwargs["num_cpus"] = workers
        try:
            ray.init(address=address, **kwargs)
        except Exception as e:  # ConnectionError, or Ray's own errors, depending on version
            raise EngineError(f"cannot start or reach Ray at {address or 'a new local instance'}: {e}") from e
        started = True
    try:
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        rows = [{"i": i, "doc": _dumps(d)} for i, d in enumerate(d for b in window for d in b)]
        # one dataset for the whole run: the actors (and their models) live as long as it
        ds = ray.data.from_items(rows, override_num_blocks=len(window)).map_batches(
            _Analyser,
            fn_constructor_kwargs={"gaz": gaz},
            batch_size=max(len(b) for b in window),
            compute=ray.data.ActorPoolStrategy(size=max(1, workers)),
            batch_format="numpy",
        )
        del rows
        results: dict[int, Document | Failure] = {}
        it = iter(window)
        batch = next(it, None)
        first = 0
        for row in ds.iter_rows():
            results[int(row["i"])] = _loads(row["doc"])
            while batch is not None and all(j in results for j in range(first, first + len(batch))):
                yield [results.pop(j) for j in range(first, first + len(batch))]
                first += len(batch)
                batch = next(it, None)
    finally:
        if started:
            ray.shutdown()
