"""Benchmark of the whole `hodo analyze` against plain GiNZA and SudachiPy, on livedoor.

Every configuration runs in a fresh child process (its process tree's resident memory
sampled every 0.1 s), on the same pages, in one invocation of this script:

  sudachi        SudachiPy alone (split mode C) over the raw page texts, 1 process: the
                 floor of any Japanese analysis
  ginza-P        plain `ja_ginza`: `spacy.load("ja_ginza")` with all its components and
                 spaCy's default ops, `nlp.pipe(raw page texts, n_process=P,
                 batch_size=64)` — the analysis a user would otherwise run (pages over
                 SudachiPy's input limit cut at line ends, as hodo does)
  hodo-P         `hodo.pipeline.analyze` — what `hodo analyze --workers P` runs: read,
                 clean, GiNZA, entities/dates/events/quotes, identities, duplicates, event
                 clusters and contradictions, the output files and the store
  hodo-ray-P     the same with `--engine ray --workers P` (a local Ray instance)

Pages: N evenly spaced article files of the sorted corpus (all categories), for each
size. BLAS is pinned to one thread in every child (OPENBLAS_NUM_THREADS=1), so P
processes use P cores. Ratios are printed against plain GiNZA with the same number of
processes; hodo's per-stage times come from `RunResult.stages`.

    .venv/bin/python bench/bench_analyze.py                    # everything (≈ 45 min here)
    .venv/bin/python bench/bench_analyze.py --sizes 100 --only hodo-1,ginza-1   # smoke run
    .venv/bin/python bench/bench_analyze.py --profile 200      # py-spy profile of hodo-1

Results accumulate in out/bench/analyze.json (a configuration already measured at this
revision is not run again; --fresh forgets them) and the tables are printed as Markdown.
The corpus files are only read, never written or copied (CC BY-ND).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, hodo_revision

DATA = REPO.parent / "shared" / "data" / "livedoor" / "text"
RESULTS = REPO / "out" / "bench" / "analyze.json"
CONFIGS = ("sudachi", "ginza-1", "ginza-2", "hodo-1", "hodo-2", "hodo-ray-2")
ALL = 7367
# ja_ginza's own default (`nlp.batch_size`, 1000) holds a whole 1,000-page batch's layer
# activations at once: the process grew past 23 GB here and was killed. 64 pages a batch.
GINZA_BATCH = 64


def article_paths(data: Path) -> list[Path]:
    return sorted(p for p in data.glob("*/*-[0-9]*.txt") if p.is_file())


def sample(data: Path, n: int) -> list[Path]:
    paths = article_paths(data)
    if n >= len(paths):
        return paths
    return [paths[i * len(paths) // n] for i in range(n)]


class TreeMemory:
    """Peak resident memory of this process and its children: of the largest single
    process, and of all of them together (sampled every 0.1 s)."""

    def __init__(self) -> None:
        import psutil

        self.proc = psutil.Process()
        self.peak_total = self.peak_single = 0
        self.stop = threading.Event()
        self.series: list[tuple[float, int]] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            rss = []
            for p in [self.proc, *self.proc.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a child that just ended
                    rss.append(p.memory_info().rss)
            total = sum(rss)
            self.peak_total = max(self.peak_total, total)
            self.peak_single = max(self.peak_single, max(rss))
            self.series.append((time.perf_counter(), total))
            self.stop.wait(0.1)

    def finish(self) -> dict[str, float]:
        self.stop.set()
        self.thread.join()
        return {"peak_rss_mib": self.peak_single / 2**20, "peak_rss_total_mib": self.peak_total / 2**20}

    def peak_between(self, start: float, end: float) -> float:
        inside = [m for t, m in self.series if start <= t <= end + 0.1]
        return max(inside, default=0) / 2**20


def _texts(paths: list[Path]) -> list[str]:
    from hodo.nlp.ginza import chunks

    return [piece for p in paths for _, piece in chunks(p.read_text(encoding="utf-8"))]


def run_one(config: str, n: int) -> dict[str, Any]:
    """One configuration on n pages, in this (fresh) process."""
    paths = sample(DATA, n)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    mem = TreeMemory()
    out: dict[str, Any] = {"config": config, "pages": len(paths), "chars": chars}
    if config == "sudachi":
        from sudachipy import Dictionary, SplitMode

        texts = _texts(paths)
        start = time.perf_counter()
        tok = Dictionary().create(SplitMode.C)
        out["tokens"] = sum(len(tok.tokenize(t)) for t in texts)
    elif config.startswith("ginza-"):
        import spacy

        texts = _texts(paths)
        start = time.perf_counter()  # model loading counted, as it is for hodo
        nlp = spacy.load("ja_ginza")
        procs = int(config.split("-")[1])
        out["entities"] = sum(len(d.ents) for d in nlp.pipe(texts, n_process=procs, batch_size=GINZA_BATCH))
    else:
        from hodo.pipeline import Options, analyze

        workers = int(config.rsplit("-", 1)[1])
        engine = "ray" if "ray" in config else "local"
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp) / "pages"
            listing.mkdir()
            for p in paths:  # symlinks: the corpus is only read
                (listing / f"{p.parent.name}-{p.name}").symlink_to(p)
            start = time.perf_counter()
            result = analyze(
                [str(listing)],
                Path(tmp) / "out",
                db_path=Path(tmp) / "hodo.db",
                progress=False,
                options=Options(workers=workers, engine=engine),  # type: ignore[arg-type]
            )
        out["documents"] = len(result.documents)
        out["failures"] = len(result.failures)
        out["events"] = sum(len(d.events) for d in result.documents)
        out["stages"] = {
            name: {"seconds": end - begin, "peak_rss_total_mib": mem.peak_between(begin, end)}
            for name, begin, end in result.stages
        }
        out["body_chars"] = sum(len(d.body) for d in result.documents)
    out["seconds"] = time.perf_counter() - start
    out.update(mem.finish())
    return out


def child(config: str, n: int) -> dict[str, Any]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    cmd = [sys.executable, __file__, "--one", config, "--n", str(n)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"{config} on {n} pages failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads([ln for ln in proc.stdout.splitlines() if ln.startswith("{")][-1])
    result["wall_seconds_with_start"] = time.perf_counter() - t0  # interpreter + model loading included
    return result


def _rate(r: dict[str, Any]) -> tuple[float, float]:
    return r["pages"] / r["seconds"], r["chars"] / r["seconds"]


def _stage_cell(stage: dict[str, float]) -> str:
    """Seconds (peak MiB); a stage shorter than the 0.1 s sampling may have no sample."""
    peak = stage["peak_rss_total_mib"]
    return f"{stage['seconds']:.2f} ({peak:,.0f})" if peak else f"{stage['seconds']:.2f} (–)"


def markdown(store: dict[str, Any]) -> str:
    runs: dict[str, dict[str, Any]] = store["runs"]
    lines = [
        f"hodo {store.get('revision', '?')}; {os.cpu_count()} cores; child processes, BLAS 1 thread each.",
        "",
        "| pages | configuration | seconds | pages/s | chars/s (raw) | peak RSS MiB (largest process / all)"
        " | hodo ÷ plain GiNZA, same processes |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for key in sorted(runs, key=lambda k: (int(k.split("@")[1]), CONFIGS.index(k.split("@")[0]))):
        r = runs[key]
        config, n = key.split("@")
        pages_s, chars_s = _rate(r)
        ratio = ""
        procs = config.rsplit("-", 1)[1] if config != "sudachi" else ""
        base = runs.get(f"ginza-{procs}@{n}")
        if config.startswith("hodo") and base:
            ratio = f"× {pages_s / _rate(base)[0]:.2f}"
        lines.append(
            f"| {r['pages']:,} | {config} | {r['seconds']:.1f} | {pages_s:.2f} | {chars_s:,.0f} | "
            f"{r['peak_rss_mib']:,.0f} / {r['peak_rss_total_mib']:,.0f} | {ratio} |"
        )
    stage_rows = [k for k in runs if k.startswith("hodo-")]
    if stage_rows:
        names = [
            "read",
            "templates",
            "clean",
            "duplicates",
            "analyse",
            "identities",
            "events",
            "outputs",
            "store",
        ]
        lines += [
            "",
            "hodo's stages (seconds; peak RSS of all its processes during the stage, MiB):",
            "",
            "| pages | configuration | " + " | ".join(names) + " |",
            "|---:|---|" + "---:|" * len(names),
        ]
        for key in sorted(stage_rows, key=lambda k: (int(k.split("@")[1]), k)):
            st = runs[key]["stages"]
            cells = [_stage_cell(st[s]) if s in st else "" for s in names]
            lines.append(f"| {runs[key]['pages']:,} | {key.split('@')[0]} | " + " | ".join(cells) + " |")
    scale = []
    link = ("duplicates", "identities", "events")

    def linking(r: dict[str, Any]) -> float:
        return float(sum(r["stages"][s]["seconds"] for s in link))

    for config in ("hodo-1", "hodo-2"):
        small, big = runs.get(f"{config}@1000"), runs.get(f"{config}@{ALL}")
        if small and big:
            scale.append(
                f"- {config}: time({ALL:,}) / time(1,000) = {big['seconds'] / small['seconds']:.2f} "
                f"for the whole run, {linking(big) / linking(small):.2f} for linking "
                f"(duplicates + identities + events: "
                f"{linking(small):.2f} s → {linking(big):.2f} s); pages × {big['pages'] / small['pages']:.2f}"
            )
    if scale:
        lines += ["", *scale]
    return "\n".join(lines)


def profile(n: int) -> None:
    """py-spy over hodo-1 on n pages; prints the functions holding the most samples."""
    out = Path(tempfile.mkdtemp()) / "profile.txt"
    cmd = [sys.executable, __file__, "--one", "hodo-1", "--n", str(n)]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    subprocess.run(
        ["py-spy", "record", "--native", "-r", "100", "-f", "raw", "-o", str(out), "--", *cmd],
        env=env,
        check=True,
    )
    own: dict[str, int] = {}
    total = 0
    # threads waiting (the memory sampler, pool queues) are not where time goes
    idle = ("Condition.wait", "Event.wait")
    busy = [ln for ln in out.read_text().splitlines() if not any(w in ln for w in idle)]
    out.write_text("\n".join(busy) + "\n")
    for line in busy:
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        total += int(count)
        own[frames[-1]] = own.get(frames[-1], 0) + int(count)
    top = sorted(own.items(), key=lambda kv: -kv[1])
    for frame, count in top[:25]:
        print(f"{count / total:6.1%}  {frame[:140]}")
    # what calls the three hottest frames (native frames have no names of their own)
    for frame, _ in top[:3]:
        callers: dict[str, int] = {}
        for line in out.read_text().splitlines():
            stack, _, count = line.rpartition(" ")
            frames = stack.split(";")
            if frames[-1] == frame:
                path = " <- ".join(f.split(" (")[0][:50] for f in frames[-2:-6:-1])
                callers[path] = callers.get(path, 0) + int(count)
        print(f"\n{frame[:80]} is called from:")
        for path, count in sorted(callers.items(), key=lambda kv: -kv[1])[:4]:
            print(f"{count / total:6.1%}  {path}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=f"1000,{ALL}", help="page counts (default 1000,7367)")
    ap.add_argument(
        "--only",
        default="",
        help="configurations to run (default: all on 1,000 pages; hodo-2 on 7,367)",
    )
    ap.add_argument("--results", type=Path, default=RESULTS)
    ap.add_argument(
        "--fresh", action="store_true", help="forget earlier results (else measured ones are kept)"
    )
    ap.add_argument("--profile", type=int, metavar="N", help="py-spy profile of hodo-1 on N pages")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.n)))
        return 0
    if args.profile:
        profile(args.profile)
        return 0
    revision = hodo_revision()
    store: dict[str, Any] = {"revision": revision, "runs": {}}
    if args.results.exists() and not args.fresh:
        store = json.loads(args.results.read_text())
    only = [c for c in args.only.split(",") if c]
    for n in [int(s) for s in args.sizes.split(",")]:
        configs = only or (list(CONFIGS) if n <= 1000 else ["hodo-2"])
        for config in configs:
            key = f"{config}@{n}"
            if key in store["runs"]:
                continue
            print(f"{config} on {n:,} pages ...", file=sys.stderr, flush=True)
            r = child(config, n)
            r["revision"] = revision
            store["runs"][key] = r
            store["revision"] = revision
            args.results.parent.mkdir(parents=True, exist_ok=True)
            args.results.write_text(json.dumps(store, indent=1) + "\n")
            print(f"  {r['seconds']:.1f} s, {_rate(r)[0]:.2f} pages/s", file=sys.stderr, flush=True)
    print(markdown(store))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
