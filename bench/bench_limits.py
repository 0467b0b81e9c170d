"""Many tiny pages: `hodo analyze --clean-only` over N generated pages (default 100,000).

    python bench/bench_limits.py [--pages 100000] [--no-db] [--keep DIR]

Writes N tiny copied-text pages (an outlet, a headline, a date line, two or three
sentences of Japanese-looking prose with words drawn at random; about 250 characters)
into a temporary folder, 1,000 per subfolder, then runs
`hodo analyze FOLDER --out OUT --db STORE --clean-only --no-progress --quiet` in a child
process and reports its wall time, pages/s and peak memory: `ru_maxrss` of the child
(the largest single process) and the largest sum of RSS over the child and its own
children, sampled every 0.1 s with psutil. The temporary folder is removed
afterwards unless `--keep` names where to put it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import hodo_revision

OUTLETS = ("東亜時報", "北東アジア通信", "世界ニュースナビ", "港日報", "日本海新報")
_KANJI = [chr(c) for c in range(0x4E00, 0x9FA0)]
_KANA = [chr(c) for c in range(0x30A1, 0x30F7)]
_PARTICLES = ("は", "が", "を", "に", "で", "の", "と", "から", "について", "によると、", "、")
_ENDINGS = ("した。", "する。", "だ。", "と述べた。", "を発表した。", "となる見通しだ。")


def _word(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return "".join(rng.choices(_KANA, k=rng.randint(3, 6)))
    return "".join(rng.choices(_KANJI, k=rng.randint(2, 4)))


def _sentence(rng: random.Random) -> str:
    parts = [_word(rng) + rng.choice(_PARTICLES) for _ in range(rng.randint(4, 7))]
    return "".join(parts) + _word(rng) + rng.choice(_ENDINGS)


def page(i: int) -> str:
    """A tiny copied page (about 250 characters) whose words are drawn at random for each
    i: no two pages share a document id, and no two are near-duplicates. (Pages of one
    template that differ in a few words are near-duplicates by hodo's rules, and finding
    their groups is quadratic; that is not what this measures. See the README.)"""
    rng = random.Random(i)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    lines = [
        OUTLETS[i % len(OUTLETS)],
        "",
        f"{_word(rng)}、{_word(rng)}の{_word(rng)}　{_word(rng)}",
        "",
        f"2024年{month}月{day}日 {rng.randrange(24):02d}:{rng.randrange(60):02d} 配信",
        "",
        *(_sentence(rng) for _ in range(rng.randint(2, 3))),
    ]
    return "\n".join(lines) + "\n"


def write_pages(root: Path, n: int) -> int:
    total = 0
    for i in range(n):
        folder = root / f"{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        data = page(i).encode("utf-8")
        (folder / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def run_child(cmd: list[str]) -> dict[str, Any]:
    """Run `cmd`; its wall time, exit code, ru_maxrss and the sampled peak RSS of its tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watched = psutil.Process(proc.pid)
    peak_tree = 0
    while proc.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            peak_tree = max(peak_tree, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    _, err = proc.communicate()
    # the child has been reaped by poll(): its rusage is in RUSAGE_CHILDREN (this process's
    # only other children are a few short `git` calls, far smaller)
    import resource

    maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": round(elapsed, 1),
        "exit": proc.returncode,
        "maxrss_mb": round(maxrss_kb / 1024, 1),
        "peak_tree_rss_mb": round(peak_tree / 1024 / 1024, 1),
        "stderr_tail": err.decode("utf-8", "replace").strip().splitlines()[-3:],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--no-db", action="store_true", help="write the output files only (hodo analyze --no-db)")
    ap.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temp dir)")
    ap.add_argument("--raw", type=Path, help="also write the JSON result to this file")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="hodo-limits-")) if args.keep is None else args.keep
    try:
        pages_dir, out_dir, db = tmp / "pages", tmp / "out", tmp / "hodo.db"
        t0 = time.perf_counter()
        size = write_pages(pages_dir, args.pages)
        generated = time.perf_counter() - t0
        print(f"{args.pages} pages ({size / 1e6:.1f} MB) written in {generated:.1f} s", file=sys.stderr)
        cmd = [sys.executable, "-m", "hodo.cli", "analyze", str(pages_dir), "--out", str(out_dir)]
        cmd += ["--no-db"] if args.no_db else ["--db", str(db)]
        cmd += ["--clean-only", "--no-progress", "--quiet"]
        result = run_child(cmd)
        docs = (
            sum(1 for _ in (out_dir / "documents.jsonl").open(encoding="utf-8")) if result["exit"] == 0 else 0
        )
        record: dict[str, Any] = {
            "revision": hodo_revision(),
            "machine": {"cpus": os.cpu_count(), "load_avg_before": [round(x, 2) for x in os.getloadavg()]},
            "command": "hodo " + " ".join(cmd[3:]).replace(str(tmp), "$TMP"),
            "pages": args.pages,
            "input_mb": round(size / 1e6, 1),
            "documents": docs,
            **result,
            "pages_per_s": round(args.pages / result["seconds"], 1) if result["seconds"] else None,
            "documents_jsonl_mb": round((out_dir / "documents.jsonl").stat().st_size / 1e6, 1)
            if docs
            else None,
            "store_mb": round(db.stat().st_size / 1e6, 1) if db.exists() else None,
        }
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    print("| pages | wall s | pages/s | ru_maxrss MB | peak RSS of the tree MB | documents | store MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {record['pages']} | {record['seconds']} | {record['pages_per_s']} | {record['maxrss_mb']} |"
        f" {record['peak_tree_rss_mb']} | {record['documents']} | {record['store_mb']} |"
    )
    line = json.dumps(record, ensure_ascii=False)
    print(line)
    if args.raw:
        args.raw.parent.mkdir(parents=True, exist_ok=True)
        args.raw.write_text(line + "\n", encoding="utf-8")
    if record["exit"] != 0 or record["documents"] != args.pages:
        raise SystemExit(
            f"hodo analyze: exit {record['exit']}, {record['documents']} of {args.pages} documents"
        )


if __name__ == "__main__":
    main()
