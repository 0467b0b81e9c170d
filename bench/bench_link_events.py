"""Benchmark of hodo's event linking (`hodo.link.clusters`, `hodo.link.contradictions`): how
its cost grows with the corpus.

The input is the `documents.jsonl` of a `hodo analyze` run over the livedoor corpus (events
need GiNZA, whose cost is measured elsewhere; this script times what comes after it):

    .venv/bin/hodo analyze ../shared/data/livedoor/text --out out/livedoor --no-db
    .venv/bin/python bench/bench_link_events.py --docs out/livedoor/documents.jsonl

For each size N (the first N documents of the file, which `hodo analyze` writes in input
order: sorted paths) a fresh Python process reads the documents (not timed), then times

  keys       `event_keys` for every document (participants → states, time → day interval)
  cluster    `ClusterIndex.add` over all keys (blocking by type/state/month, no all-pairs)
  contra     contradictions within every page and across the pages of every cluster
  increment  the last 10 % of the documents added to an index restored from the first
             90 % (what a later `hodo analyze` into the same store does)

and reports peak RSS of the linking (peak reset after loading, as bench_link.py does), and
the largest block an event was compared against. The parent prints a Markdown table and
time(largest) / time(smallest).

    .venv/bin/python bench/bench_link_events.py --docs F --sizes 1000,all --repeat 3
    .venv/bin/python bench/bench_link_events.py --docs synthetic --sizes 1000,7367
    .venv/bin/python bench/bench_link_events.py --docs synthetic-steady --sizes 1000,7367,50000

livedoor is lifestyle news with few political events (about one per seven articles), so
`--docs synthetic` adds a made-up load of 10 events per document (see `synthetic`): the
scaling there is the one to read; the livedoor row says what a real corpus costs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import run_sizes, write_raw
from bench_clean import machine, peak_rss_mib
from bench_link import _current_rss_mib, _reset_peak_rss

REPO = Path(__file__).resolve().parents[1]


def synthetic(n: int, per_doc: int = 10, seed: int = 0, per_day: float | None = None) -> list[Any]:
    """`n` made-up documents of `per_doc` events each, for a load livedoor (lifestyle news,
    few political events) does not give: types, two participants from 30 states and 60
    people, dates at day / month / year precision or none, statuses drawn at random.
    Published over four years whatever `n` is (the corpus gets denser as it grows), or,
    with `per_day`, over n / per_day days (an archive that grows with time at a steady
    rate). Labelled synthetic wherever reported."""
    import random

    from hodo.models import Document, Entity, Event, Published, Span, When

    rng = random.Random(seed)
    types = ["CONSULT", "AID", "AGREE", "ACCUSE", "REJECT", "COOPERATE", "SANCTION", "MOBILIZE", "ASSAULT"]
    states = [f"S{i}" for i in range(30)]
    people = [f"P{i}" for i in range(60)]
    statuses = ["occurred"] * 6 + ["planned", "possible", "alleged", "denied", "negated"]
    docs = []
    for i in range(n):
        span = 4 * 365 if per_day is None else max(1, int(n / per_day))
        day = 738_000 + rng.randrange(span)  # from 2021-07
        pub = dt.date.fromordinal(day).isoformat()
        events = []
        for j in range(per_doc):
            a, b = rng.choice(states + people), rng.choice(states + people)
            when = None
            r = rng.random()
            d = dt.date.fromordinal(day - rng.randrange(60))
            if r < 0.4:
                when = When(d.isoformat())
            elif r < 0.6:
                when = When(d.isoformat()[:7])
            elif r < 0.7:
                when = When(d.isoformat()[:4])
            events.append(
                Event(
                    f"e{j}",
                    rng.choice(types),
                    (a,),
                    (b,),
                    None,
                    when,
                    rng.choice(statuses),
                    j,
                    Span(0, 1, "x"),
                )
            )
        ents = tuple(Entity(x, x, "PERSON" if x[0] == "P" else "GPE", ()) for x in {*states, *people})
        docs.append(
            Document(
                f"syn{i}",
                f"syn{i}",
                None,
                (),
                None,
                Published(pub, "explicit", pub),
                (),
                "x",
                entities=ents,
                events=tuple(events),
            )
        )
    return docs


def load(path: Path, n: int) -> list[Any]:
    from hodo.contract import document_from_json

    if str(path) == "synthetic":
        return synthetic(n)
    if str(path) == "synthetic-steady":
        return synthetic(n, per_day=5.0)

    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(docs) >= n:
                break
            docs.append(document_from_json(json.loads(line)))
    return docs


def run_one(path: Path, n: int) -> dict[str, Any]:
    from hodo.extract.gazetteer import load_gazetteer
    from hodo.link.clusters import ClusterIndex, event_keys, geography
    from hodo.link.contradictions import across_documents, within_document

    docs = load(path, n)
    geo = geography(load_gazetteer())
    gc.collect()
    peak_reset = _reset_peak_rss()
    rss_before = _current_rss_mib()

    t = time.perf_counter()
    keys = [event_keys(d, geo) for d in docs]
    keys_s = time.perf_counter() - t

    t = time.perf_counter()
    index = ClusterIndex()
    index.add(k for ks in keys for k in ks)
    cluster_s = time.perf_counter() - t

    t = time.perf_counter()
    within = [c for d in docs for c in within_document(d, geo, index.cluster_of)]
    across = across_documents(index)
    contra_s = time.perf_counter() - t
    peak = peak_rss_mib()

    cut = int(len(docs) * 0.9)
    first = ClusterIndex()
    first.add(k for ks in keys[:cut] for k in ks)
    restored = ClusterIndex()
    for c in first.clusters():
        restored.restore(c.id, first.members(c.id))
    t = time.perf_counter()
    restored.add(k for ks in keys[cut:] for k in ks)
    increment_s = time.perf_counter() - t

    clusters = index.clusters()
    multi = [c for c in clusters if len(c.doc_ids) > 1]
    return {
        "n": n,
        "docs": len(docs),
        "events": sum(len(ks) for ks in keys),
        "clusters": len(clusters),
        "multi_doc_clusters": len(multi),
        "events_in_multi": sum(len(c.members) for c in multi),
        "largest_cluster": max((len(c.members) for c in clusters), default=0),
        "largest_block": index.largest_block(),
        "contradictions_within": len(within),
        "contradictions_across": len(across),
        "keys_s": keys_s,
        "cluster_s": cluster_s,
        "contra_s": contra_s,
        "total_s": keys_s + cluster_s + contra_s,
        "increment_docs": len(docs) - cut,
        "increment_s": increment_s,
        "rss_before_mib": rss_before,
        "peak_rss_mib": peak,
        "peak_is_linking_only": peak_reset,
    }


def aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(runs[0])
    out["repeats"] = len(runs)
    for key in ("keys_s", "cluster_s", "contra_s", "total_s", "increment_s", "rss_before_mib"):
        out[key] = statistics.median(r[key] for r in runs)
    out["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return out


def markdown(results: list[dict[str, Any]], info: dict[str, Any], repeats: int) -> str:
    out = [
        f"hodo {info['hodo']}. Machine: {info['cores']} cores, {info['implementation']} "
        f"{info['python']}, {info['platform']}; "
        f"{'median of ' + str(repeats) + ' runs' if repeats > 1 else 'one run'} per size, each in a "
        "fresh process; reading the documents not timed.",
        "",
        "| docs | events | keys s | cluster s | contradictions s | total s | docs/s | clusters "
        "| multi-page clusters (events) | largest cluster | largest block | contradictions in / across "
        "| last 10 % added s | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        total = r["total_s"]
        mark = "" if r["peak_is_linking_only"] else " (whole process)"
        out.append(
            f"| {r['docs']:,} | {r['events']:,} | {r['keys_s']:.2f} | {r['cluster_s']:.2f} "
            f"| {r['contra_s']:.2f} | {total:.2f} | {r['docs'] / total if total else 0:,.0f} "
            f"| {r['clusters']:,} | {r['multi_doc_clusters']:,} ({r['events_in_multi']:,}) "
            f"| {r['largest_cluster']:,} | {r['largest_block']:,} "
            f"| {r['contradictions_within']:,} / {r['contradictions_across']:,} "
            f"| {r['increment_s']:.2f} ({r['increment_docs']:,} docs) "
            f"| {r['peak_rss_mib'] - r['rss_before_mib']:+.0f} of {r['peak_rss_mib']:.0f}{mark} |"
        )
    if len(results) > 1:
        small, big = results[0], results[-1]
        out += [
            "",
            f"time({big['docs']:,}) / time({small['docs']:,}) = {big['total_s'] / small['total_s']:.2f} "
            f"(documents × {big['docs'] / small['docs']:.2f}, "
            f"events × {big['events'] / small['events']:.2f}; "
            "quadratic cost would give the square)",
        ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--docs",
        type=Path,
        required=True,
        help="documents.jsonl of a hodo analyze run; `synthetic` (made-up documents of 10 events over "
        "four years) or `synthetic-steady` (5 documents a day)",
    )
    ap.add_argument("--sizes", default="1000,all", help="comma-separated document counts, or 'all'")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (fresh process each); median")
    ap.add_argument("--json", type=Path, help="write raw numbers (every run) to this file")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    made_up = str(args.docs) in ("synthetic", "synthetic-steady")
    path: Path = args.docs if made_up else args.docs.resolve()
    if not made_up and not path.is_file():
        raise SystemExit(f"no such file: {path}")
    if args.one is not None:
        print(json.dumps(run_one(path, args.one)))
        return 0
    if made_up:
        total = max(int(s) for s in args.sizes.split(",") if s != "all")
    else:
        with path.open(encoding="utf-8") as f:
            total = sum(1 for _ in f)
    sizes = [total if s == "all" else min(int(s), total) for s in args.sizes.split(",")]
    info = machine()
    results, all_runs = run_sizes(Path(__file__).resolve(), path, sizes, args.repeat, aggregate, "--docs")
    print(markdown(results, info, args.repeat))
    if args.json:
        write_raw(args.json, info, path, sizes, args.repeat, results, all_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
