"""Benchmark of hodo's cleaning stage on the livedoor news corpus.

For each size N (the first N article files in sorted path order) a fresh Python process
reads, decodes and cleans the pages with hodo's own API and reports, as one JSON line:

  ingest     `hodo.ingest.iter_pages` over the N file paths (stat, read, decode, hash)
  templates  `hodo.clean.build_templates` over the N pages (the corpus-level pass)
  clean      `hodo.clean.clean_page` on every page (HodoError -> a failure, by reason)
  sentences  `hodo.nlp.sentences.split_sentences` on every cleaned body

plus peak RSS of that process, failures grouped by reason, and sanity figures that need
no gold: the share of documents whose title is line 3 of the file, whose published value
starts with line 2's date, the mean of len(body) / len(page text), and line recall (the
share of the characters of the file's lines below the title that the body keeps verbatim).

The parent process runs the sizes one after another and prints Markdown tables.

    .venv/bin/python bench/bench_clean.py                       # sizes 1000 and 7367
    .venv/bin/python bench/bench_clean.py --sizes 200           # smoke run, a few seconds
    .venv/bin/python bench/bench_clean.py --sizes 1000,all --repeat 3 --json out/bench.json
    .venv/bin/python bench/bench_clean.py --profile 1000        # cProfile, top functions

The corpus files are only read, never written or copied (CC BY-ND).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _common import hodo_revision, run_sizes, write_raw  # bench/ is on sys.path when a script runs

if TYPE_CHECKING:
    from hodo.models import Document, RawPage

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "livedoor" / "text"
DEFAULT_SIZES = "1000,7367"
STAGES = ("ingest", "templates", "clean", "sentences")
MISMATCH_EXAMPLES = 5


# --------------------------------------------------------------------------- corpus


def article_paths(data: Path) -> list[Path]:
    """Every article file (`<category>/<category>-NNNN.txt`), sorted by path. LICENSE.txt,
    README.txt and CHANGES.txt do not match the pattern."""
    return sorted(p for p in data.glob("*/*-[0-9]*.txt") if p.is_file())


def reference_lines(path: Path) -> tuple[str, str, list[str]]:
    """(line 2, line 3, the non-blank lines after line 3, stripped) of a livedoor file: the
    timestamp, the title and the text below it, read independently of hodo (UTF-8, as the
    corpus is)."""
    lines = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    rest = [s for s in (ln.strip() for ln in lines[3:]) if s]
    lines += ["", "", ""]
    return lines[1].strip(), lines[2].strip(), rest


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


# --------------------------------------------------------------------------- one size


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(paths: list[Path]) -> dict[str, Any]:
    """Run the four timed passes over `paths`; return timings, counts, failures and
    the documents' quality figures (computed after the timed passes)."""
    t = time.perf_counter()
    from hodo.clean import build_templates, clean_page
    from hodo.errors import HodoError
    from hodo.ingest import iter_pages
    from hodo.models import Failure, RawPage
    from hodo.nlp.sentences import split_sentences

    import_s = time.perf_counter() - t
    seconds: dict[str, float] = {}
    cpu0 = time.process_time()

    t = time.perf_counter()
    items = list(iter_pages([str(p) for p in paths]))
    seconds["ingest"] = time.perf_counter() - t
    pages = [it for it in items if isinstance(it, RawPage)]
    failures: list[tuple[str, str, str]] = [
        (it.source, "ingest", it.reason) for it in items if isinstance(it, Failure)
    ]

    t = time.perf_counter()
    templates = build_templates(pages)
    seconds["templates"] = time.perf_counter() - t

    docs: list[tuple[RawPage, Document]] = []
    per_page: list[float] = []
    t = time.perf_counter()
    for page in pages:
        t1 = time.perf_counter()
        try:
            docs.append((page, clean_page(page, templates)))
        except HodoError as exc:
            failures.append((page.source, "clean", f"{type(exc).__name__}: {exc}"))
        except Exception as exc:  # a bug in hodo: report it, keep measuring
            failures.append((page.source, "clean", f"internal error: {type(exc).__name__}: {exc}"))
        per_page.append(time.perf_counter() - t1)
    seconds["clean"] = time.perf_counter() - t

    t = time.perf_counter()
    n_sentences = sum(len(split_sentences(doc.body)) for _, doc in docs)
    seconds["sentences"] = time.perf_counter() - t
    cpu_s = time.process_time() - cpu0

    slowest = max(range(len(per_page)), key=per_page.__getitem__, default=None)
    return {
        "import_s": import_s,
        "seconds": seconds,
        "cpu_s": cpu_s,
        "pages": pages,
        "docs": docs,
        "failures": failures,
        "sentences": n_sentences,
        "templates": {site: len(lines) for site, lines in templates.items()},
        "clean_page_ms": {
            "median": statistics.median(per_page) * 1000 if per_page else 0.0,
            "p95": _percentile(per_page, 0.95) * 1000,
            "max": max(per_page, default=0.0) * 1000,
            "slowest": pages[slowest].source if slowest is not None else None,
        },
    }


def quality(
    docs: list[tuple[RawPage, Document]], ref: dict[str, tuple[str, str, list[str]]]
) -> dict[str, Any]:
    """Sanity figures without gold. `ref` maps a source to (line 2, line 3, later lines).

    Line recall: the share of the characters of the file's non-blank lines below the title
    (stripped) that occur verbatim in the body. livedoor articles end with related-article
    lists, credits and shop links that a cleaner should drop, so 100 % is not the target;
    a document far below half, though, has lost article text."""
    n_docs = len(docs)
    title_eq = title_eq_norm = title_none = date_ok = 0
    ratios: list[float] = []
    recalls: list[tuple[float, str]] = []
    kept_chars = ref_chars = 0
    title_misses: list[dict[str, Any]] = []
    date_misses: list[dict[str, Any]] = []
    for page, doc in docs:
        line2, line3, rest = ref[page.source]
        if doc.title is None:
            title_none += 1
        if doc.title == line3:
            title_eq += 1
        elif doc.title is not None and len(title_misses) < MISMATCH_EXAMPLES:
            title_misses.append({"source": page.source, "line3": line3, "title": doc.title})
        if doc.title is not None and _norm(doc.title) == _norm(line3):
            title_eq_norm += 1
        published = doc.published.value if doc.published else None
        if published is not None and len(line2) >= 10 and published.startswith(line2[:10]):
            date_ok += 1
        elif len(date_misses) < MISMATCH_EXAMPLES:
            date_misses.append({"source": page.source, "line2": line2, "published": published})
        ratios.append(len(doc.body) / len(page.text))
        total = sum(len(ln) for ln in rest)
        kept = sum(len(ln) for ln in rest if ln in doc.body)
        kept_chars += kept
        ref_chars += total
        if total:
            recalls.append((kept / total, page.source))

    def share(k: int) -> float:
        return k / n_docs if n_docs else 0.0

    recalls.sort()
    return {
        "title_eq_line3": share(title_eq),
        "title_eq_line3_nfkc": share(title_eq_norm),
        "title_none": share(title_none),
        "published_matches_line2": share(date_ok),
        "body_over_raw_mean": statistics.fmean(ratios) if ratios else 0.0,
        "body_over_raw_min": min(ratios, default=0.0),
        "body_over_raw_below_half": sum(r < 0.5 for r in ratios),
        "line_recall_chars": kept_chars / ref_chars if ref_chars else 0.0,
        "line_recall_mean": statistics.fmean(r for r, _ in recalls) if recalls else 0.0,
        "line_recall_below_half": sum(r < 0.5 for r, _ in recalls),
        "lowest_line_recall": [{"source": src, "recall": r} for r, src in recalls[:MISMATCH_EXAMPLES]],
        "title_mismatch_examples": title_misses,
        "date_mismatch_examples": date_misses,
    }


def run_one(data: Path, n: int) -> dict[str, Any]:
    """Everything for one size, as a JSON-able dict (run in its own process)."""
    all_paths = article_paths(data)
    if not all_paths:
        raise SystemExit(f"no article files under {data}")
    paths = all_paths[:n]
    rss_start = peak_rss_mib()
    m = measure(paths)
    rss_peak = peak_rss_mib()

    pages, docs = m["pages"], m["docs"]
    input_chars = sum(len(p.text) for p in pages)
    input_bytes = sum(p.stat().st_size for p in paths)
    hashes = Counter(p.content_hash for p in pages)

    # Quality sanity figures, after all timing (reading the files again warms nothing timed).
    q = quality(docs, {str(p): reference_lines(p) for p in paths})
    n_docs = len(docs)
    seconds = m["seconds"]
    total_s = sum(seconds.values())
    return {
        "n": n,
        "files": len(paths),
        "pages": len(pages),
        "docs": n_docs,
        "failed": len(m["failures"]),
        "failure_reasons": dict(Counter(f"{stage}: {reason}" for _, stage, reason in m["failures"])),
        "failure_examples": [list(f) for f in m["failures"][:MISMATCH_EXAMPLES]],
        "duplicate_content_pages": sum(c - 1 for c in hashes.values()),
        "input_chars": input_chars,
        "input_bytes": input_bytes,
        "body_chars": sum(len(d.body) for _, d in docs),
        "sentences": m["sentences"],
        "seconds": seconds,
        "total_s": total_s,
        "cpu_s": m["cpu_s"],
        "import_s": m["import_s"],
        "pages_per_s": len(pages) / total_s if total_s else 0.0,
        "chars_per_s": input_chars / total_s if total_s else 0.0,
        "clean_page_ms": m["clean_page_ms"],
        "templates": m["templates"],
        "rss_start_mib": rss_start,
        "peak_rss_mib": rss_peak,
        **q,
    }


# --------------------------------------------------------------------------- parent


def parse_sizes(text: str, available: int) -> list[int]:
    sizes: list[int] = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part == "all":
            n = available
        else:
            try:
                n = int(part)
            except ValueError:
                raise SystemExit(f"--sizes: not a number or 'all': {part!r}") from None
            if n <= 0:
                raise SystemExit(f"--sizes: must be positive: {n}")
            if n > available:
                print(f"note: only {available} articles; size {n} -> {available}", file=sys.stderr)
                n = available
        if n not in sizes:
            sizes.append(n)
    if not sizes:
        raise SystemExit("--sizes: nothing to run")
    return sizes


def aggregate(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median timings over repeats; the largest peak RSS; the rest from the first run
    (cleaning is deterministic, so counts and quality figures do not vary)."""
    out = dict(runs[0])
    out["repeats"] = len(runs)
    out["seconds"] = {s: statistics.median(r["seconds"][s] for r in runs) for s in STAGES}
    out["total_s"] = statistics.median(r["total_s"] for r in runs)
    out["cpu_s"] = statistics.median(r["cpu_s"] for r in runs)
    out["pages_per_s"] = out["pages"] / out["total_s"] if out["total_s"] else 0.0
    out["chars_per_s"] = out["input_chars"] / out["total_s"] if out["total_s"] else 0.0
    out["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    out["clean_page_ms"] = {
        k: statistics.median(r["clean_page_ms"][k] for r in runs) for k in ("median", "p95", "max")
    } | {"slowest": runs[0]["clean_page_ms"]["slowest"]}
    return out


def machine() -> dict[str, Any]:
    return {
        "hodo": hodo_revision(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def markdown(results: list[dict[str, Any]], info: dict[str, Any], repeats: int) -> str:
    out = [
        f"hodo {info['hodo']}. Machine: {info['cores']} cores, "
        f"{info['implementation']} {info['python']}, {info['platform']}; "
        f"{'median of ' + str(repeats) + ' runs' if repeats > 1 else 'one run'} per size, "
        "each size in a fresh process.",
        "",
        "| pages | input chars | ingest s | templates s | clean s | sentences s | total s "
        "| pages/s | chars/s | clean ms/page (median / p95) | peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        s = r["seconds"]
        cp = r["clean_page_ms"]
        out.append(
            f"| {r['pages']:,} | {r['input_chars']:,} | {s['ingest']:.2f} | {s['templates']:.2f} "
            f"| {s['clean']:.2f} | {s['sentences']:.2f} | {r['total_s']:.2f} | {r['pages_per_s']:,.0f} "
            f"| {r['chars_per_s']:,.0f} | {cp['median']:.2f} / {cp['p95']:.2f} | {r['peak_rss_mib']:.0f} |"
        )
    out += [
        "",
        "| pages | docs | failed | sentences | title = line 3 | title = line 3 (NFKC) | no title "
        "| published = line 2 date | body / raw chars (mean) | line recall | docs with line recall < 0.5 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        out.append(
            f"| {r['pages']:,} | {r['docs']:,} | {r['failed']:,} | {r['sentences']:,} "
            f"| {_pct(r['title_eq_line3'])} | {_pct(r['title_eq_line3_nfkc'])} | {_pct(r['title_none'])} "
            f"| {_pct(r['published_matches_line2'])} | {r['body_over_raw_mean']:.3f} "
            f"| {_pct(r['line_recall_chars'])} | {r['line_recall_below_half']:,} |"
        )
    for r in results:
        if r["failure_reasons"]:
            out += ["", f"Failures at {r['pages']:,} pages:"]
            for reason, count in sorted(r["failure_reasons"].items(), key=lambda kv: -kv[1]):
                out.append(f"- {count:,} × {reason}")
    return "\n".join(out)


def profile(data: Path, n: int, top: int, dump: Path | None) -> None:
    import cProfile
    import pstats

    paths = article_paths(data)[:n]
    prof = cProfile.Profile()
    prof.enable()
    m = measure(paths)
    prof.disable()
    total = sum(m["seconds"].values())
    print(
        f"profiled {len(m['pages'])} pages: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in m["seconds"].items())
        + f" (total {total:.2f} s under cProfile)"
    )
    if dump:
        prof.dump_stats(str(dump))
        print(f"stats written to {dump}")
    stats = pstats.Stats(prof, stream=sys.stdout).strip_dirs()
    for key in ("tottime", "cumulative"):
        print(f"\n=== top {top} by {key} ===")
        stats.sort_stats(key).print_stats(top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"livedoor text folder (default {DEFAULT_DATA})"
    )
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated page counts, or 'all'")
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs per size (fresh process each); median reported"
    )
    ap.add_argument("--json", type=Path, help="write raw numbers (every run) to this file")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size, JSON line out
    ap.add_argument("--profile", type=int, metavar="N", help="cProfile one in-process run on N pages instead")
    ap.add_argument("--profile-top", type=int, default=25, help="functions to list with --profile")
    ap.add_argument("--profile-out", type=Path, help="also dump the cProfile stats here")
    args = ap.parse_args(argv)

    if str(REPO) not in sys.path:  # hodo from this checkout even without `pip install -e`
        sys.path.insert(0, str(REPO))
    data: Path = args.data.resolve()
    if not data.is_dir():
        raise SystemExit(f"no such folder: {data} (use --data)")

    if args.one is not None:
        print(json.dumps(run_one(data, args.one), ensure_ascii=False))
        return 0
    if args.profile is not None:
        profile(data, args.profile, args.profile_top, args.profile_out)
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
