"""Load on `hodo serve`: N concurrent clients for T seconds on search, document and
timeline requests, over HTTP on loopback.

    python bench/bench_load.py --db out/bench/serve.db [--clients 32] [--seconds 30] [--workers 1]

(build the store with bench_serve.py first). Each client loops: pick a request kind in
turn (search, document, timeline), send it, wait for the answer, repeat; the server is
`hodo serve --workers N` (uvicorn: per worker process one event loop and FastAPI's thread
pool for the routes). The clients run in this process, on the same machine: on a small
machine they take a share of the CPU the server could use. Reports requests/s and
p50/p95/p99 per kind and overall, and every non-200 answer or transport error (the run
fails if there is one).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, hodo_revision, hodo_server
from bench_serve import SEARCHES, TIMELINES

KINDS = ("search", "document", "timeline")


def pct(ms: list[float], p: int) -> float:
    return round(statistics.quantiles(ms, n=100, method="inclusive")[p - 1], 1) if len(ms) > 1 else 0.0


async def client_loop(
    client: httpx.AsyncClient,
    offset: int,
    doc_ids: list[str],
    deadline: float,
    times: dict[str, list[float]],
    errors: list[str],
) -> None:
    i = offset
    kinds = KINDS
    while time.perf_counter() < deadline:
        kind = kinds[i % 3]
        if kind == "search":
            path, params = "/api/search", SEARCHES[i % len(SEARCHES)]
        elif kind == "document":
            path, params = f"/api/documents/{doc_ids[i % len(doc_ids)]}", {}
        else:
            path, params = "/api/timeline", TIMELINES[i % len(TIMELINES)]
        t0 = time.perf_counter()
        try:
            r = await client.get(path, params=params)
            if r.status_code != 200:
                errors.append(f"{path} {params}: HTTP {r.status_code} {r.text[:120]}")
            else:
                times[kind].append((time.perf_counter() - t0) * 1000)
        except httpx.HTTPError as e:
            errors.append(f"{path} {params}: {type(e).__name__}: {e}")
        i += 1


async def run(base: str, clients: int, seconds: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        doc_ids: list[str] = []
        for offset in range(0, 1000, 100):
            page = (await client.get("/api/documents", params={"limit": 100, "offset": offset})).json()
            doc_ids += [d["doc_id"] for d in page]
        times: dict[str, list[float]] = {"search": [], "document": [], "timeline": []}
        errors: list[str] = []
        start = time.perf_counter()
        deadline = start + seconds
        await asyncio.gather(
            *(client_loop(client, k, doc_ids, deadline, times, errors) for k in range(clients))
        )
        elapsed = time.perf_counter() - start
    out: dict[str, Any] = {"clients": clients, "seconds": round(elapsed, 1), "errors": len(errors)}
    times["all"] = [t for kind in KINDS for t in times[kind]]
    for kind, ms in times.items():
        out[kind] = {
            "requests": len(ms),
            "rps": round(len(ms) / elapsed, 1),
            "p50_ms": round(statistics.median(ms), 1) if ms else 0.0,
            "p95_ms": pct(ms, 95),
            "p99_ms": pct(ms, 99),
        }
    out["rps"] = out["all"]["rps"]
    out["error_samples"] = errors[:5]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=REPO / "out" / "bench" / "serve.db")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=1, help="hodo serve --workers N")
    ap.add_argument("--raw", type=Path, help="also write the JSON result to this file")
    args = ap.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}: build it with bench/bench_serve.py --docs ...")
    load_before = [round(x, 2) for x in os.getloadavg()]
    with hodo_server(args.db, "--workers", str(args.workers)) as base:
        stats = httpx.get(f"{base}/api/stats").json()
        result = asyncio.run(run(base, args.clients, args.seconds))
    workers = f"{args.workers} worker{'s' if args.workers > 1 else ''}"
    head = f"{args.clients} clients, {workers}, {result['seconds']} s"
    print(f"| {head} | requests | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in (*KINDS, "all"):
        r = result[kind]
        print(f"| {kind} | {r['requests']} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} |")
    print(f"errors: {result['errors']}")
    for sample in result["error_samples"]:
        print(f"  {sample}")
    record = {
        "revision": hodo_revision(),
        "machine": {"cpus": os.cpu_count(), "load_avg_before": load_before},
        "documents": stats["documents"],
        "workers": args.workers,
        **result,
    }
    line = json.dumps(record, ensure_ascii=False)
    print(line)
    if args.raw:
        args.raw.parent.mkdir(parents=True, exist_ok=True)
        args.raw.write_text(line + "\n", encoding="utf-8")
    if result["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
