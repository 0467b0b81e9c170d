"""The runner: inputs → ingest → clean → nlp → outputs and store.

The only module besides the front-ends that touches `hodo.store`. Each page goes through
the stages inside its own guard: a page that fails is recorded with its reason and the
batch goes on. Outputs are written to temporary files and renamed, so a killed run never
leaves a half-written `documents.jsonl` behind.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from hodo.clean import build_templates
from hodo.contract import corpus_json, document_json
from hodo.extract.gazetteer import Gazetteer, load_gazetteer
from hodo.ingest import DEFAULT_MAX_BYTES, iter_pages
from hodo.link.clusters import ClusterIndex, EventKey, Geography, cluster_events, event_keys, geography
from hodo.link.contradictions import across_documents, within_document
from hodo.link.duplicates import find_duplicates
from hodo.link.identity import link_entities
from hodo.models import (
    Contradiction,
    Document,
    DuplicateGroup,
    EventCluster,
    Failure,
    RawPage,
)
from hodo.resume import WORK_FILE, Checkpoint, document_key, fingerprint
from hodo.scale import EngineName, run_engine
from hodo.stages import clean_document, guarded, understand
from hodo.store import Store

__all__ = [
    "Options",
    "RunResult",
    "analyze",
    "analyze_into_store",
    "clean_document",
    "run_pages",
    "understand",
]

PROGRESS_MIN_PAGES = 5


@dataclass
class RunResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    same_content: list[tuple[str, str]] = field(default_factory=list)
    """(source, doc_id) of pages whose content another page of the run already had."""
    store_changes: dict[str, int] = field(default_factory=dict)
    duplicates: list[DuplicateGroup] = field(default_factory=list)
    clusters: list[EventCluster] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    resumed: int = 0
    stages: list[tuple[str, float, float]] = field(default_factory=list)
    """(stage, start, end) in `time.perf_counter` seconds: where the run's time went
    (read, templates, clean, duplicates, analyse, identities, events, outputs, store)."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stages.append((name, start, time.perf_counter()))

    """Documents whose analysis an interrupted earlier run had left (not analysed again)."""


@dataclass(frozen=True)
class Options:
    """What a run does beyond cleaning."""

    nlp: bool = True
    """Entities and dates (GiNZA); off gives clean documents only, much faster."""
    gazetteers: tuple[str, ...] = ()
    """User gazetteer files merged over hodo/data/gazetteer.toml."""
    batch: int = 32
    """Documents per GiNZA batch (the unit of work handed to an engine)."""
    workers: int = 1
    """Processes running GiNZA (local engine) or Ray actors (ray engine)."""
    engine: EngineName = "local"
    address: str | None = None
    """A running Ray cluster to join (ray engine); none starts a local Ray instance."""


def run_pages(
    pages: Sequence[RawPage],
    *,
    progress: bool | None = None,
    options: Options = Options(),
    checkpoint: Checkpoint | None = None,
) -> RunResult:
    result = RunResult()
    with result.stage("templates"):
        templates = build_templates(pages)
    first_source: dict[str, str] = {}
    show = progress if progress is not None else (len(pages) > PROGRESS_MIN_PAGES and sys.stderr.isatty())
    cleaned: list[Document] = []
    with result.stage("clean"):
        for page in tqdm(pages, desc="clean", unit="page", disable=not show, file=sys.stderr):
            if page.content_hash in first_source:
                result.same_content.append((page.source, first_source[page.content_hash]))
                continue
            out = guarded(page.source, lambda p=page: clean_document(p, templates))  # type: ignore[misc]
            if isinstance(out, Failure):
                result.failures.append(out)
            else:
                first_source[page.content_hash] = out.doc_id
                cleaned.append(out)
    with result.stage("duplicates"):
        result.duplicates = find_duplicates((d.doc_id, d.body) for d in cleaned)
    if not options.nlp:
        result.documents = cleaned
        return result
    gaz = load_gazetteer(options.gazetteers)
    with result.stage("analyse"):
        analysed, result.resumed = analyse(cleaned, gaz, options, show, checkpoint)
    for out in analysed:
        if isinstance(out, Failure):
            result.failures.append(out)
        else:
            result.documents.append(out)
    with result.stage("identities"):
        result.documents = link_entities(result.documents)
    with result.stage("events"):
        result.clusters, result.contradictions = link_events(result.documents, gaz)
    return result


def analyse(
    cleaned: Sequence[Document],
    gaz: Gazetteer,
    options: Options,
    show: bool = False,
    checkpoint: Checkpoint | None = None,
) -> tuple[list[Document | Failure], int]:
    """The per-document analysis of every cleaned document, in order, on the options'
    engine, and how many of them the checkpoint already held (those are not analysed
    again); each finished batch is added to the checkpoint."""
    keys = [document_key(d) for d in cleaned] if checkpoint is not None else []
    done: list[Document | Failure | None] = [None] * len(cleaned)
    if checkpoint is not None:
        done = [checkpoint.get(k) for k in keys]
    todo = [i for i, d in enumerate(done) if d is None]
    step = max(1, options.batch)
    chunks = [todo[j : j + step] for j in range(0, len(todo), step)]
    bar = tqdm(
        total=len(cleaned),
        initial=len(cleaned) - len(todo),
        desc="analyze",
        unit="doc",
        disable=not show,
        file=sys.stderr,
    )
    engine = run_engine(
        options.engine,
        ([cleaned[i] for i in chunk] for chunk in chunks),
        gaz,
        workers=options.workers,
        address=options.address,
    )
    for chunk, out in zip(chunks, engine, strict=True):
        for i, r in zip(chunk, out, strict=True):
            done[i] = r
        if checkpoint is not None:
            checkpoint.add([(keys[i], r) for i, r in zip(chunk, out, strict=True) if isinstance(r, Document)])
        bar.update(len(chunk))
    bar.close()
    return [d for d in done if d is not None], len(cleaned) - len(todo)


def link_events(docs: Sequence[Document], gaz: Gazetteer) -> tuple[list[EventCluster], list[Contradiction]]:
    """The corpus-level event stages: clusters, then contradictions within and across
    pages (pure)."""
    geo = geography(gaz)
    clusters, index = cluster_events(docs, geo)
    contradictions = [c for d in docs for c in within_document(d, geo, index.cluster_of)]
    seen = {c.id for c in contradictions}
    contradictions += [c for c in across_documents(index) if c.id not in seen]
    return clusters, contradictions


def _write_atomic(path: Path, lines: Iterable[str]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(line)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def write_outputs(result: RunResult, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_atomic(out_dir / "documents.jsonl", (_dumps(document_json(d)) + "\n" for d in result.documents))
    _write_atomic(
        out_dir / "corpus.json",
        [
            json.dumps(
                corpus_json(result.documents, result.duplicates, result.clusters, result.contradictions),
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        ],
    )
    rows = [{"source": f.source, "stage": f.stage, "reason": f.reason} for f in result.failures]
    rows += [
        {"source": s, "stage": "same-content", "reason": f"same content as document {d}; analysed once"}
        for s, d in result.same_content
    ]
    _write_atomic(out_dir / "failures.jsonl", (_dumps(r) + "\n" for r in rows))


def save_to_store(result: RunResult, db_path: Path, geo: Geography | None = None) -> dict[str, int]:
    """Upsert the run's documents; with a geography (analysed runs), also their entities
    and events, and update clusters, contradictions and duplicates across the store. One
    transaction: a killed run leaves the store as it was."""
    changes: dict[str, int] = {"inserted": 0, "updated": 0, "unchanged": 0}
    run_id = uuid.uuid4().hex[:12]
    with Store(db_path) as store, store.transaction():
        linked = store.links.linked_documents()
        fresh: list[Document] = []
        for doc in result.documents:
            status = store.upsert_document(doc, document_json(doc))
            changes[status] += 1
            store.add_source_name(doc.doc_id, doc.source)
            if status != "unchanged" or doc.doc_id not in linked:
                fresh.append(doc)
        for source, doc_id in result.same_content:
            store.add_source_name(doc_id, source)
        for f in result.failures:
            store.record_failure(f, run_id)
        if geo is not None and fresh:
            link_into_store(store, fresh, geo)
    return changes


def link_into_store(store: Store, docs: Sequence[Document], geo: Geography) -> None:
    """Add these (new or changed) documents to the store's links incrementally: their old
    events leave their clusters, the stored clusters are restored from their members' keys
    (no re-clustering), and the documents' events join them."""
    links = store.links
    affected = links.drop_events([d.doc_id for d in docs])
    index = ClusterIndex()
    for cid, keys in links.cluster_keys():
        index.restore(cid, [EventKey.from_json(k) for k in keys])
    keys_by_doc = {d.doc_id: event_keys(d, geo, index.rules) for d in docs}
    touched = set(index.add(k for ks in keys_by_doc.values() for k in ks)) | affected
    for d in docs:
        links.put_entities(d)
        where = {k.event_id: index.position(d.doc_id, k.event_id) for k in keys_by_doc[d.doc_id]}
        links.put_events(d, {k.event_id: k.to_json() for k in keys_by_doc[d.doc_id]}, where)
    alive = sorted(c for c in touched if c in index)
    # events of earlier pages that joined another cluster in this run (see ClusterIndex.add)
    fresh = {d.doc_id for d in docs}
    links.move_events(
        (index.position(k.doc_id, k.event_id), k.doc_id, k.event_id)
        for cid in alive
        for k in index.members(cid)
        if k.doc_id not in fresh
    )
    links.put_clusters(index.clusters(alive))
    links.drop_empty_clusters()
    links.put_contradictions(c for d in docs for c in within_document(d, geo, index.cluster_of))
    links.drop_cross_contradictions(sorted(touched))
    links.put_contradictions(across_documents(index, alive))
    links.set_duplicates(find_duplicates(links.bodies()))


def analyze(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    db_path: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    options: Options = Options(),
) -> RunResult:
    """Analyse every page named by `inputs`; write the contract files into `out_dir` and,
    when `db_path` is given, upsert the documents into that store."""
    pages: list[RawPage] = []
    read_failures: list[Failure] = []
    started = time.perf_counter()
    for item in iter_pages(inputs, max_bytes=max_bytes):
        if isinstance(item, Failure):
            read_failures.append(item)
            if on_failure:
                on_failure(item)
        else:
            pages.append(item)
    read = ("read", started, time.perf_counter())
    checkpoint = Checkpoint(out_dir / WORK_FILE, fingerprint(options.gazetteers)) if options.nlp else None
    try:
        result = run_pages(pages, progress=progress, options=options, checkpoint=checkpoint)
    finally:
        if checkpoint is not None:
            checkpoint.close()
    if on_failure:
        for f in result.failures:
            on_failure(f)
    result.failures = read_failures + result.failures
    result.stages.insert(0, read)
    with result.stage("outputs"):
        write_outputs(result, out_dir)
    if db_path is not None:
        with result.stage("store"):
            geo = geography(load_gazetteer(options.gazetteers)) if options.nlp else None
            result.store_changes = save_to_store(result, db_path, geo)
    if checkpoint is not None:
        checkpoint.remove()  # everything is written: nothing left to resume
    return result


def analyze_into_store(pages: Sequence[RawPage], db_path: Path, options: Options = Options()) -> RunResult:
    """Analyse pages already in memory (e.g. posted to the API) and save them to a store."""
    result = run_pages(pages, progress=False, options=options)
    geo = geography(load_gazetteer(options.gazetteers)) if options.nlp else None
    result.store_changes = save_to_store(result, db_path, geo)
    return result
