"""Draw the random sample of events and quotes judged for precision (issue 4).

    python bench/sample_precision.py OUT_DIR [OUT_DIR …] > sample.md

OUT_DIR holds a `documents.jsonl` written by `hodo analyze`. A fixed seed draws 40 events
and 30 quotes over all the directories given; the table shows each with its sentence so
a reader can judge it. The judged table is committed as bench/precision_events_quotes.md.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

SEED = 4


def _load(dirs: list[str]) -> list[dict[str, Any]]:
    docs = []
    for d in dirs:
        with open(Path(d) / "documents.jsonl", encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f)
    return docs


def main(argv: list[str]) -> int:
    docs = _load(argv)
    events, quotes = [], []
    for d in docs:
        names = {e["id"]: e["name"] for e in d["entities"]}
        body = d["body"]
        sent = [body[s["start"] : s["end"]] for s in d["sentences"]]
        src = Path(d["source"]).stem
        for e in d["events"]:
            events.append((src, e, names, sent[e["sentence"]]))
        for q in d["quotes"]:
            quotes.append((src, q, names, sent[q["sentence"]]))
    rng = random.Random(SEED)
    ev = sorted(rng.sample(events, min(40, len(events))), key=lambda x: (x[0], x[1]["sentence"]))
    qs = sorted(rng.sample(quotes, min(30, len(quotes))), key=lambda x: (x[0], x[1]["sentence"]))
    drawn = f"{len(events)} events and {len(quotes)} quotes in {len(docs)} documents"
    print(f"Drawn with seed {SEED} from {drawn}.\n")
    print("## Events\n")
    print("| # | page | event | sentence | ok |")
    print("|---|---|---|---|---|")
    for i, (src, e, names, s) in enumerate(ev, 1):

        def n(ids: list[str], names: dict[str, str] = names) -> str:
            return ",".join(names.get(x, x) for x in ids)

        t = (e.get("time") or {}).get("value")
        desc = (
            f"{e['type']}/{e.get('mode') or '-'} 「{e['trigger']['text']}」"
            f" A={n(e['actors'])} R={n(e['recipients'])} T={t} {e['status']}"
        )
        print(f"| {i} | {src} | {desc} | {s.replace('|', '｜')} |  |")
    print("\n## Quotes\n")
    print("| # | page | quote | sentence | ok |")
    print("|---|---|---|---|---|")
    for i, (src, q, names, s) in enumerate(qs, 1):
        spk = names.get(q["speaker"] or "", q["speaker_text"])
        desc = f"{q['kind']} {q['stance']} speaker={spk} «{q['text'][:40]}»"
        print(f"| {i} | {src} | {desc} | {s.replace('|', '｜')[:120]} |  |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
