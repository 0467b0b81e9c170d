#!/usr/bin/env python3
"""Self-check of examples/gold.json against examples/pages, decoding each page with its real encoding.

shared/eval/score.py --pages reads every page as UTF-8, so it reports the cp932, EUC-JP and
ISO-2022-JP pages as missing snippets. This check decodes strictly with the encoding listed below
(the same table as examples/README.md) and exits 1 on any problem. Standard library only:

    python3 examples/check_gold.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENCODINGS = {
    "01_toa-jiho.txt": "utf-8",
    "02_maiasa-digital.txt": "cp932",
    "03_asia-josei-note.txt": "iso2022_jp",
    "04_newspost24.txt": "utf-8-sig",
    "05_kan-taiheiyo.txt": "utf-8",
    "06_kyokuto-watch.txt": "utf-8",
    "07_nihonkai-shinpo.txt": "euc_jp",
    "08_sekai-news-navi.html": "cp932",
    "09_minato-nippo.txt": "utf-8",
    "10_hokuto-tsushin.html": "utf-8",
    "11_toto-keizai.txt": "utf-8",
    "12_feed-export.jsonl": "utf-8",
}


def main() -> int:
    problems: list[str] = []
    pages = HERE / "pages"
    on_disk = {p.name for p in pages.iterdir() if p.is_file()}
    for name in sorted(on_disk ^ set(ENCODINGS)):
        problems.append(f"page and encoding table disagree: {name}")
    texts: dict[str, str] = {}
    for name, enc in ENCODINGS.items():
        path = pages / name
        if not path.exists():
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problems.append(f"{name}: not valid {enc}: {e}")
            continue
        if enc == "utf-8" and text.startswith("\ufeff"):
            problems.append(f"{name}: unexpected BOM")
        if enc == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{name}: BOM missing")
        if "\ufffd" in text:
            problems.append(f"{name}: replacement character in text")
        texts[path.stem] = text
        if name.endswith(".jsonl"):
            for i, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                if not (rec.get("text") or rec.get("html")) or "url" not in rec or "published" not in rec:
                    problems.append(f"{name}:{i}: record needs text|html, url, published")

    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    for stem, g in gold["docs"].items():
        t = texts.get(stem)
        if t is None:
            problems.append(f"gold doc without page: {stem}")
            continue
        snippets = g.get("body_keep", []) + g.get("body_drop", [])
        snippets += [x[0] for x in g.get("timexes", []) + g.get("timex_ranges", [])]
        snippets += [x[0] for x in g.get("body_max_count", [])] + g.get("title_not", [])
        for s in snippets:
            if s not in t:
                problems.append(f"{stem}: snippet not in page: {s}")
        if g.get("title") is not None and g["title"] not in t:
            problems.append(f"{stem}: title not in page")
        if not 4 <= len(g.get("body_keep", [])) <= 6:
            problems.append(f"{stem}: {len(g.get('body_keep', []))} body_keep snippets")
    for c in gold.get("contradictions", []):
        for stem, s in (c["a"], c["b"]):
            if s not in texts.get(stem, ""):
                problems.append(f"contradiction {c['key']}: snippet not in {stem}")
    for group in gold.get("duplicates", []):
        for stem in group:
            if stem not in texts:
                problems.append(f"duplicate group names a missing page: {stem}")

    for p in problems:
        print("gold:", p)
    print(f"gold self-check ({len(texts)} pages, real encodings): {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
