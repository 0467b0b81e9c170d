"""Benchmark of hodo's near-duplicate detection (`hodo.link.duplicates`) on the livedoor corpus.

For each size N (the first N article files in sorted path order, as in bench_clean.py) a fresh
Python process reads and cleans the pages with hodo's own API (not timed), then times

  add     `DuplicateIndex.add` on every cleaned body (normalise, shingle, MinHash, LSH query,
          exact check of the candidates, LSH insert)
  groups  `DuplicateIndex.groups` (connected components, similarity of each group)

and reports peak RSS while indexing. The peak of the cleaning before it is not counted: on
Linux the process's peak is reset (`/proc/self/clear_refs`) once the pages are cleaned and
dropped, so the figure is the bodies plus the index. Where that reset is not available, the
peak of the whole process is reported and marked.

The parent prints a Markdown table and time(largest) / time(smallest): for linear cost that
ratio equals the ratio of the sizes (in characters: the work is per 5-gram).

    .venv/bin/python bench/bench_link.py                     # sizes 1000 and 7367
    .venv/bin/python bench/bench_link.py --sizes 200         # smoke run
    .venv/bin/python bench/bench_link.py --repeat 3          # median of 3 runs per size

The corpus files are only read, never written or copied (CC BY-ND).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# bench/ is on sys.path when a script runs; the corpus, size and machine helpers are bench_clean's
from _common import run_sizes, write_raw
from bench_clean import DEFAULT_DATA, article_paths, machine, parse_sizes, peak_rss_mib

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = "1000,7367"


def _reset_peak_rss() -> bool:
    """Reset the process's peak RSS to its current RSS (Linux >= 4.0); False if not possible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _current_rss_mib() -> float:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return float("nan")
    return pages * resource.getpagesize() / (1024 * 1024)


def cleaned_bodies(paths: list[Path]) -> tuple[list[tuple[str, str]], int]:
    """(doc_id, body) of every page that cleans, as bench_clean.py reads and cleans them,
    and the number of pages that failed."""
    from hodo.clean import build_templates, clean_page
    from hodo.errors import HodoError
    from hodo.ingest import iter_pages
    from hodo.models import RawPage

    pages = [it for it in iter_pages([str(p) for p in paths]) if isinstance(it, RawPage)]
    templates = build_templates(pages)
    docs: list[tuple[str, str]] = []
    failed = len(paths) - len(pages)
    for page in pages:
        try:
            doc = clean_page(page, templates)
        except HodoError:
            failed += 1
            continue
        docs.append((doc.doc_id, doc.body))
    return docs, failed


def run_one(data: Path, n: int) -> dict[str, Any]:
    """One size, in this process: clean (untimed), then index and group (timed)."""
    from hodo.ids import normalise_for_hash
    from hodo.link.duplicates import MIN_CHARS, DuplicateIndex

    paths = article_paths(data)[:n]
    if not paths:
        raise SystemExit(f"no article files under {data}")
    docs, failed = cleaned_bodies(paths)
    short = sum(len(normalise_for_hash(body)) < MIN_CHARS for _, body in docs)
    body_chars = sum(len(body) for _, body in docs)
    gc.collect()
    peak_reset = _reset_peak_rss()
    rss_before = _current_rss_mib()

    t = time.perf_counter()
    index = DuplicateIndex()
    for doc_id, body in docs:
        index.add(doc_id, body)
    add_s = time.perf_counter() - t
    t = time.perf_counter()
    groups = index.groups()
    groups_s = time.perf_counter() - t
    peak = peak_rss_mib()

    return {
        "n": n,
        "files": len(paths),
        "docs": len(docs),
        "failed": failed,
        "short": short,
        "body_chars": body_chars,
        "groups": len(groups),
        "grouped_docs": sum(len(g.doc_ids) for g in groups),
        "largest_group": max((len(g.doc_ids) for g in groups), default=0),
        "lsh_params": list(index.lsh_params),
        "add_s": add_s,
        "groups_s": groups_s,
        "total_s": add_s + groups_s,
        "rss_before_mib": rss_before,
        "peak_rss_mib": peak,
        "peak_is_indexing_only": peak_reset,
    }


def aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median timings over repeats, the largest peak RSS, the rest from the first run
    (the index is deterministic)."""
    out = dict(runs[0])
    out["repeats"] = len(runs)
    for key in ("add_s", "groups_s", "total_s", "rss_before_mib"):
        out[key] = statistics.median(r[key] for r in runs)
    out["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return out


def markdown(results: list[dict[str, Any]], info: dict[str, Any], repeats: int) -> str:
    out = [
        f"hodo {info['hodo']}. Machine: {info['cores']} cores, "
        f"{info['implementation']} {info['python']}, {info['platform']}; "
        f"{'median of ' + str(repeats) + ' runs' if repeats > 1 else 'one run'} per size, "
        "each size in a fresh process; cleaning not timed.",
        "",
        "| docs | body chars | < 50 chars | LSH bands × rows | add s | groups s | total s | docs/s "
        "| ms/doc | groups | docs in groups | largest | RSS before MiB | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        total = r["total_s"]
        bands, rows = r["lsh_params"]
        mark = "" if r["peak_is_indexing_only"] else " (whole process)"
        out.append(
            f"| {r['docs']:,} | {r['body_chars']:,} | {r['short']:,} | {bands} × {rows} "
            f"| {r['add_s']:.2f} | {r['groups_s']:.3f} | {total:.2f} "
            f"| {r['docs'] / total if total else 0:,.0f} | {1000 * total / max(r['docs'], 1):.2f} "
            f"| {r['groups']:,} | {r['grouped_docs']:,} | {r['largest_group']:,} "
            f"| {r['rss_before_mib']:.0f} | {r['peak_rss_mib']:.0f}{mark} |"
        )
    if len(results) > 1:
        small, big = results[0], results[-1]
        out += [
            "",
            f"time({big['docs']:,}) / time({small['docs']:,}) = "
            f"{big['total_s'] / small['total_s']:.2f} "
            f"(documents × {big['docs'] / small['docs']:.2f}, body characters "
            f"× {big['body_chars'] / small['body_chars']:.2f}: linear cost gives the same ratio)",
        ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"livedoor text folder (default {DEFAULT_DATA})"
    )
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated page counts, or 'all'")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size (fresh process each); median")
    ap.add_argument("--json", type=Path, help="write raw numbers (every run) to this file")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON line out
    args = ap.parse_args(argv)

    if str(REPO) not in sys.path:  # hodo from this checkout even without `pip install -e`
        sys.path.insert(0, str(REPO))
    data: Path = args.data.resolve()
    if not data.is_dir():
        raise SystemExit(f"no such folder: {data} (use --data)")
    if args.one is not None:
        print(json.dumps(run_one(data, args.one)))
        return 0
    if args.repeat < 1:
        raise SystemExit("--repeat must be at least 1")

    sizes = parse_sizes(args.sizes, len(article_paths(data)))
    info = machine()
    results, all_runs = run_sizes(Path(__file__).resolve(), data, sizes, args.repeat, aggregate)
    print(markdown(results, info, args.repeat))
    if args.json:
        write_raw(args.json, info, data, sizes, args.repeat, results, all_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
