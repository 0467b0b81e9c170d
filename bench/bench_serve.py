"""Latency of the REST API (`hodo serve`) on a store of the livedoor corpus plus the seeds.

    # once: analyse the corpora (GiNZA; livedoor takes ~40 min on 2 cores)
    hodo analyze ../shared/data/livedoor/text --out out/lv --no-db --workers 2
    hodo analyze ../shared/seeds --out out/seeds --no-db
    # then
    python bench/bench_serve.py --docs out/lv/documents.jsonl --docs out/seeds/documents.jsonl

The store is built from the analysed documents (the linking stage runs as in `hodo
analyze --db`) unless it exists already. `hodo serve` runs in its own process, as users
run it; one client sends requests one after another over HTTP on localhost, so each
figure is the whole round trip (HTTP, FastAPI, SQLite, JSON). Each kind of request
cycles through a fixed list of queries; the first `--warmup` requests are not counted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, hodo_revision, hodo_server

# Searches an analyst would type: 2-character words (LIKE scan), 3+ (FTS5 trigram),
# several words, Latin script, and filters.
SEARCHES: list[dict[str, Any]] = [
    {"q": "北朝鮮 ロシア"},
    {"q": "プーチン"},
    {"q": "会談"},
    {"q": "映画"},
    {"q": "iPhone"},
    {"q": "スマートフォン 新機能"},
    {"q": "日本代表"},
    {"q": "結婚 女性"},
    {"q": "ロシア", "entity": "北朝鮮"},
    {"q": "発表", "from": "2012-01", "to": "2012-03"},
    {"q": "選手", "outlet": "Sports Watch"},
    {"q": "ミサイル", "event_type": "AID"},
]
TIMELINES: list[dict[str, Any]] = [
    {},
    {"entity": "ロシア"},
    {"entity": "北朝鮮", "min_sources": 2},
    {"entity": "日本", "from": "2012"},
    {"entity": "金正恩"},
]


def build_store(db: Path, docs_files: list[Path]) -> dict[str, Any]:
    from hodo.contract import document_from_json
    from hodo.extract.gazetteer import load_gazetteer
    from hodo.link.clusters import geography
    from hodo.pipeline import RunResult, save_to_store

    docs = []
    for f in docs_files:
        with f.open(encoding="utf-8") as fh:
            docs += [document_from_json(json.loads(line)) for line in fh if line.strip()]
    db.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    save_to_store(RunResult(documents=docs), db, geography(load_gazetteer()))
    return {"documents": len(docs), "build_s": round(time.perf_counter() - t0, 1)}


def percentiles(ms: list[float]) -> dict[str, float]:
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(q[94], 1),
        "max_ms": round(max(ms), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
    }


def measure(
    client: httpx.Client, path: str, params_list: list[dict[str, Any]], n: int, warmup: int
) -> dict[str, Any]:
    ms: list[float] = []
    per_query: dict[str, list[float]] = {}
    for i in range(n + warmup):
        params = params_list[i % len(params_list)]
        t0 = time.perf_counter()
        r = client.get(path, params=params)
        elapsed = (time.perf_counter() - t0) * 1000
        if r.status_code != 200:
            raise SystemExit(f"{path} {params}: HTTP {r.status_code} {r.text[:200]}")
        if i >= warmup:
            ms.append(elapsed)
            per_query.setdefault(json.dumps(params, ensure_ascii=False), []).append(elapsed)
    medians = {q: round(statistics.median(v), 1) for q, v in per_query.items()}
    slowest = max(medians, key=lambda q: medians[q])
    return {
        **percentiles(ms),
        "slowest_query": slowest,
        "slowest_p50_ms": medians[slowest],
        "per_query_p50_ms": medians,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=Path, action="append", default=[], help="documents.jsonl (repeatable)")
    ap.add_argument("--db", type=Path, default=REPO / "out" / "bench" / "serve.db")
    ap.add_argument("--requests", type=int, default=300, help="timed requests per kind")
    ap.add_argument("--warmup", type=int, default=20)
    args = ap.parse_args()
    built: dict[str, Any] = {}
    if not args.db.exists():
        if not args.docs:
            raise SystemExit("no store yet: give --docs documents.jsonl (see the docstring)")
        built = build_store(args.db, args.docs)
        print(f"built {args.db}: {built}", file=sys.stderr)
    with hodo_server(args.db) as base, httpx.Client(base_url=base, timeout=30) as client:
        stats = client.get("/api/stats").json()
        results = {
            "search": measure(client, "/api/search", SEARCHES, args.requests, args.warmup),
            "timeline": measure(client, "/api/timeline", TIMELINES, args.requests, args.warmup),
        }
    out = {
        "revision": hodo_revision(),
        "store": {k: stats[k] for k in ("documents", "events", "clusters", "entities")},
        "db_mb": round(args.db.stat().st_size / 2**20, 1),
        **built,
        **results,
    }
    print("| request | n | p50 ms | p95 ms | max ms | slowest query (p50) |")
    print("|---|---|---|---|---|---|")
    for kind in ("search", "timeline"):
        r = results[kind]
        print(
            f"| {kind} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |"
            f" `{r['slowest_query']}` ({r['slowest_p50_ms']} ms) |"
        )
    print("\n| request | query | p50 ms |\n|---|---|---:|")
    for kind in ("search", "timeline"):
        for q, p50 in results[kind]["per_query_p50_ms"].items():
            print(f"| {kind} | `{q}` | {p50} |")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
