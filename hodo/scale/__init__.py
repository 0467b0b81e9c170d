"""Engines: where the per-document stages run.

An engine takes batches of cleaned documents and yields, batch by batch and in input
order, each document analysed (or the Failure saying why not). The runner
(hodo.pipeline) does everything else — reading, cleaning, the corpus-level stages, the
outputs and the store — the same way whatever the engine, so the engines' outputs are
identical (tests/scale).

- `local`: this process (one worker) or a pool of worker processes on this machine,
  each loading GiNZA once and keeping it for the whole run.
- `ray`: Ray Data actors on a local or remote Ray cluster, one GiNZA per actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from hodo.extract.gazetteer import Gazetteer
from hodo.models import Document, Failure

EngineName = Literal["local", "ray"]
Batch = list[Document]
Analysed = list[Document | Failure]


def run_engine(
    engine: EngineName,
    batches: Iterable[Batch],
    gaz: Gazetteer,
    *,
    workers: int = 1,
    address: str | None = None,
) -> Iterator[Analysed]:
    """The analysed documents of each batch, batch by batch, in order."""
    if engine == "ray":
        from hodo.scale.ray_engine import analyse_on_ray

        return analyse_on_ray(batches, gaz, workers=workers, address=address)
    from hodo.scale.local import analyse_locally

    return analyse_locally(batches, gaz, workers=workers)
