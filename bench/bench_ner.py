"""Benchmark of hodo's entity stage against plain GiNZA (`ja_ginza`).

1. Accuracy on two public NER gold sets, each sentence run as its own body (`date=None`):
     wiki  Stockmark Wikipedia NER (ner-wikipedia-ja), the fixed held-out split: sentences
           whose int(sha1(curid).hexdigest(), 16) % 10 == 0 (520 sentences, 1,354 entities)
     gsd   UD Japanese-GSD test with the Megagon NE layer (543 sentences). ja_ginza is trained
           on UD GSD, so here plain GiNZA is in-domain.
   Systems:
     ginza        spacy.load("ja_ginza"), all components, `doc.ents`, labels mapped to coarse
                  types with hodo's own table hodo/data/ginza_labels.toml (unlisted = no entity)
     hodo         hodo.nlp.ginza.ner() + hodo.extract.entities.extract_entities() with the
                  packaged gazetteer; every mention gets its entity's type
     hodo-nogaz   the same with an empty gazetteer (what the rules alone do)
   Types compared: PERSON, ORG, PLACE (= GPE + LOC), FAC, PRODUCT, EVENT. Predicted OTHER
   (laws, treaties) is dropped: neither gold set has that class. Exact = same span and type;
   lenient = overlapping span and same type (precision over predictions, recall over gold).
2. Throughput on the first N livedoor articles (sorted by path, body = lines 4+), each mode
   in a fresh process (peak RSS = that process's ru_maxrss, model load included):
     hodo        ner() + extract_entities()
     ginza-full  nlp.pipe over the bodies, all components (what a user would otherwise run)
     ginza-ner   nlp.pipe with hodo's NER-only component set
     sudachi     SudachiPy tokenisation alone, split mode C (the floor)

    .venv/bin/python bench/bench_ner.py                         # all sentences, 60 articles: ~3.5 min
    .venv/bin/python bench/bench_ner.py --quick                 # 150 + 150 sentences, 10 articles
    .venv/bin/python bench/bench_ner.py --limit 100 --sizes 50 --json out/bench_ner.json

The data are only read, never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import resource
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import hodo_revision  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared" / "data"
DEFAULT_WIKI = SHARED / "ner-wikipedia-ja" / "ner.json"
DEFAULT_GSD = SHARED / "ner-ud-japanese-gsd" / "ja_gsd-ud-test.ne.conllu"
DEFAULT_LIVEDOOR = SHARED / "livedoor" / "text"
LABELS_TOML = REPO / "hodo" / "data" / "ginza_labels.toml"

TYPES = ("PERSON", "ORG", "PLACE", "FAC", "PRODUCT", "EVENT")
WIKI_TYPES = {
    "人名": "PERSON",
    "法人名": "ORG",
    "政治的組織名": "ORG",
    "その他の組織名": "ORG",
    "地名": "PLACE",
    "施設名": "FAC",
    "製品名": "PRODUCT",
    "イベント名": "EVENT",
}
GSD_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "FAC",
    "PRODUCT": "PRODUCT",
    "EVENT": "EVENT",
}
# hodo / table types -> compared class (OTHER is not compared): the same names as GSD's
PRED_TYPES = GSD_TYPES
SYSTEMS = ("ginza", "hodo", "hodo-nogaz")
MODES = ("hodo", "ginza-full", "ginza-ner", "sudachi")

# (start, end, type)
Span = tuple[int, int, str]


@dataclass
class Sentence:
    sid: str
    text: str
    gold: set[Span]
    pred: dict[str, set[Span]] = field(default_factory=dict)
    src: dict[Span, str] = field(default_factory=dict)
    """hodo's predictions -> "gaz" (entity resolved to a gazetteer entry) or "ginza/rule"."""
    raw: list[tuple[int, int, str]] = field(default_factory=list)
    """plain GiNZA's entities with their fine labels (for the examples)."""


# --------------------------------------------------------------------------- gold


def wiki_heldout(curid: str) -> bool:
    return int(hashlib.sha1(curid.encode("utf-8")).hexdigest(), 16) % 10 == 0


def load_wiki(path: Path) -> list[Sentence]:
    out = []
    for i, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        if not wiki_heldout(str(item["curid"])):
            continue
        text = item["text"]
        gold = set()
        for e in item["entities"]:
            s, t = e["span"]
            if text[s:t] != e["name"]:
                raise ValueError(f"wiki item {i}: span {s}:{t} is not {e['name']!r}")
            gold.add((s, t, WIKI_TYPES[e["type"]]))
        out.append(Sentence(f"{item['curid']}#{i}", text, gold))
    return out


def load_gsd(path: Path) -> list[Sentence]:
    """Sentences with character offsets rebuilt from the tokens and SpaceAfter=No; each
    rebuilt text must equal the `# text` line."""
    out: list[Sentence] = []
    sid, text, parts, spans, open_ = "", "", [], [], None
    pos = 0

    def close() -> None:
        rebuilt = "".join(parts).rstrip(" ")
        if rebuilt != text:
            raise ValueError(f"GSD {sid}: offsets do not rebuild the text: {rebuilt!r} != {text!r}")
        gold = {(s, e, GSD_TYPES[t]) for s, e, t in spans if t in GSD_TYPES}
        out.append(Sentence(sid, text, gold))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            sid = line.split("=", 1)[1].strip()
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if parts:
                close()
            parts, spans, open_, pos = [], [], None, 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            form, misc = cols[1], cols[9].split("|")
            start, end = pos, pos + len(form)
            parts.append(form)
            pos = end
            if "SpaceAfter=No" not in misc:
                parts.append(" ")
                pos += 1
            ne = next((m[3:] for m in misc if m.startswith("NE=")), "O")
            tag, _, typ = ne.partition("-")
            if tag in ("B", "U"):
                open_ = (start, typ)
            if tag in ("L", "U") and open_ is not None:
                if open_[1] != typ:
                    raise ValueError(f"GSD {sid}: {ne} closes {open_[1]}")
                spans.append((open_[0], end, typ))
                open_ = None
    if parts:
        close()
    return out


# --------------------------------------------------------------------------- systems


def label_table() -> dict[str, str]:
    data = tomllib.loads(LABELS_TOML.read_text(encoding="utf-8"))
    return {lab: t for t, labs in data.items() if isinstance(labs, list) for lab in labs}


def run_ginza(sents: list[Sentence], nlp: Any, table: dict[str, str]) -> float:
    t0 = time.perf_counter()
    for s, doc in zip(sents, nlp.pipe(s.text for s in sents), strict=True):
        s.raw = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        s.pred["ginza"] = {
            (a, b, PRED_TYPES[table[lab]]) for a, b, lab in s.raw if PRED_TYPES.get(table.get(lab, ""))
        }
    return time.perf_counter() - t0


def run_hodo(sents: list[Sentence], gaz: Any, name: str) -> tuple[float, list[str]]:
    """Returns (seconds, ids of the sentences whose raw ner() spans, NER-only components,
    differ from plain GiNZA's doc.ents, all components)."""
    from hodo.extract.entities import extract_entities
    from hodo.nlp.ginza import ner

    t0 = time.perf_counter()
    spans = ner([s.text for s in sents])
    differ = []
    for s, sp in zip(sents, spans, strict=True):
        if [(x.start, x.end, x.label) for x in sp] != s.raw:
            differ.append(s.sid)
        pred: set[Span] = set()
        for ent in extract_entities(s.text, sp, gaz, date=None):
            t = PRED_TYPES.get(ent.type)
            if t is None:
                continue
            for m in ent.mentions:
                pred.add((m.start, m.end, t))
                if name == "hodo":
                    s.src[(m.start, m.end, t)] = "rule" if ent.id.startswith("ent-") else "gaz"
        s.pred[name] = pred
    return time.perf_counter() - t0, differ


# --------------------------------------------------------------------------- scoring


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(sents: list[Sentence], system: str) -> dict[str, Any]:
    c: Counter[tuple[str, str]] = Counter()
    for s in sents:
        pred = s.pred[system]
        for g in s.gold:
            c["gold", g[2]] += 1
            c["tp", g[2]] += g in pred
            c["len_g", g[2]] += any(p[2] == g[2] and _overlap(p, g) for p in pred)
        for p in pred:
            c["pred", p[2]] += 1
            c["len_p", p[2]] += any(g[2] == p[2] and _overlap(p, g) for g in s.gold)

    def block(types: Sequence[str]) -> dict[str, Any]:
        n = {k: sum(c[k, t] for t in types) for k in ("gold", "pred", "tp", "len_g", "len_p")}
        return {
            "gold": n["gold"],
            "pred": n["pred"],
            "tp": n["tp"],
            "exact": _prf(n["tp"], n["pred"], n["tp"], n["gold"]),
            "lenient": _prf(n["len_p"], n["pred"], n["len_g"], n["gold"]),
        }

    return {"micro": block(TYPES), "types": {t: block([t]) for t in TYPES}}


# --------------------------------------------------------------------------- error analysis


def by_source(sents: list[Sentence]) -> dict[str, dict[str, int]]:
    """hodo's predictions by where their entity comes from (gazetteer entry or not), and how
    many of them are exactly right."""
    out: dict[str, dict[str, int]] = {}
    for s in sents:
        for p in s.pred["hodo"]:
            b = out.setdefault(s.src.get(p, "rule"), {"pred": 0, "correct": 0})
            b["pred"] += 1
            b["correct"] += p in s.gold
    return out


def _fmt(text: str, spans: Sequence[Span], src: dict[Span, str] | None = None) -> str:
    if not spans:
        return "—"
    out = []
    for sp in sorted(spans):
        tag = f"/{src[sp]}" if src and sp in src else ""
        out.append(f"{text[sp[0] : sp[1]]}:{sp[2]}{tag}")
    return ", ".join(out)


def compare(sents: list[Sentence], limit: int) -> dict[str, Any]:
    """Where hodo and plain GiNZA differ on a gold entity or a prediction (exact match)."""
    counts: Counter[str] = Counter()
    examples: dict[str, list[dict[str, str]]] = {}

    def add(
        kind: str, s: Sentence, gold: Sequence[Span], hodo: Sequence[Span], ginza: Sequence[Span]
    ) -> None:
        counts[kind] += 1
        if len(examples.setdefault(kind, [])) < limit:
            examples[kind].append(
                {
                    "sid": s.sid,
                    "text": s.text,
                    "gold": _fmt(s.text, gold),
                    "hodo": _fmt(s.text, hodo, s.src),
                    "ginza": _fmt(s.text, ginza),
                    "ginza_raw": ", ".join(
                        f"{s.text[a:b]}:{lab}"
                        for a, b, lab in s.raw
                        if any(_overlap((a, b, ""), x) for x in (*gold, *hodo))
                    ),
                }
            )

    for s in sents:
        h, g = s.pred["hodo"], s.pred["ginza"]
        for gold in sorted(s.gold):
            near_h = [p for p in h if _overlap(p, gold)]
            near_g = [p for p in g if _overlap(p, gold)]
            if gold in g and gold not in h:
                same_type = [p for p in near_h if p[2] == gold[2]]
                kind = "lost: boundary" if same_type else "lost: type" if near_h else "lost: dropped"
                add(kind, s, [gold], near_h, near_g)
            elif gold in h and gold not in g:
                src = s.src.get(gold, "rule")
                add(f"gained ({src})", s, [gold], near_h, near_g)
        for p in sorted(h - g - s.gold):
            near_gold = [x for x in s.gold if _overlap(p, x)]
            add(
                f"new false positive ({s.src.get(p, 'rule')})",
                s,
                near_gold,
                [p],
                [x for x in g if _overlap(p, x)],
            )
    return {"counts": dict(counts.most_common()), "examples": examples}


# --------------------------------------------------------------------------- throughput


def article_paths(data: Path) -> list[Path]:
    return sorted(p for p in data.glob("*/*-[0-9]*.txt") if p.is_file())


def bodies(data: Path, n: int) -> list[str]:
    out = []
    for p in article_paths(data)[:n]:
        lines = p.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
        out.append("\n".join(lines[3:]))
    return out


def _status_mib(key: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process from /proc. VmHWM starts afresh at exec,
    unlike ru_maxrss, which a child started by a big parent inherits from the fork."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput_one(mode: str, data: Path, n: int, batch: int) -> dict[str, Any]:
    """One mode in this process: load, warm up on one sentence, then time all bodies.
    `batch` is nlp.pipe's batch_size for the plain GiNZA modes (hodo's ner() uses its own)."""
    texts = bodies(data, n)
    extra: dict[str, Any] = {}
    longest = max(len(t.encode("utf-8")) for t in texts)
    if longest > 40_000:
        raise ValueError(f"a body of {longest} bytes would need hodo's chunking")
    warm = "東京都の岸田首相は記者会見で述べた。"
    t0 = time.perf_counter()
    run: Callable[[list[str]], int]
    if mode == "hodo":
        from hodo.extract.entities import extract_entities
        from hodo.extract.gazetteer import load_gazetteer
        from hodo.nlp.ginza import ner

        gaz = load_gazetteer()

        def run(ts: list[str]) -> int:
            spans = ner(ts)
            t = time.perf_counter()
            k = 0
            for body, sp in zip(ts, spans, strict=True):
                k += sum(len(e.mentions) for e in extract_entities(body, sp, gaz))
            extra["extract_s"] = time.perf_counter() - t
            return k
    elif mode in ("ginza-full", "ginza-ner"):
        import spacy

        from hodo.nlp.ginza import NER_ONLY_DISABLE

        nlp = spacy.load("ja_ginza")
        if mode == "ginza-ner":
            for name in NER_ONLY_DISABLE:
                if name in nlp.pipe_names:
                    nlp.disable_pipe(name)

        def run(ts: list[str]) -> int:
            return sum(len(d.ents) for d in nlp.pipe(ts, batch_size=batch or nlp.batch_size))

        extra["batch_size"] = batch or nlp.batch_size
    elif mode == "sudachi":
        from sudachipy import dictionary, tokenizer

        tok = dictionary.Dictionary().create()
        split = tokenizer.Tokenizer.SplitMode.C

        def run(ts: list[str]) -> int:
            return sum(len(tok.tokenize(t, split)) for t in ts)
    else:
        raise ValueError(mode)
    run([warm])
    load_s = time.perf_counter() - t0
    rss_loaded = _status_mib("VmRSS")
    t1 = time.perf_counter()
    items = run(texts)
    secs = time.perf_counter() - t1
    chars = sum(len(t) for t in texts)
    return {
        "mode": mode,
        "articles": len(texts),
        "chars": chars,
        "load_s": load_s,
        "run_s": secs,
        "chars_per_s": chars / secs,
        "items": items,
        "rss_loaded_mib": rss_loaded,
        "peak_rss_mib": _status_mib("VmHWM"),
        **extra,
    }


def hodo_batch_size() -> int:
    import inspect

    from hodo.nlp.ginza import ner

    return int(inspect.signature(ner).parameters["batch_size"].default)


def throughput_child(mode: str, data: Path, n: int, batch: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--one",
        mode,
        str(n),
        "--livedoor",
        str(data),
        "--pipe-batch",
        str(batch),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} child failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------- report


def _p(x: float) -> str:
    return f"{100 * x:.1f}"


def accuracy_tables(results: dict[str, Any]) -> str:
    out = [
        "| data | system | sentences | gold | pred | exact P | exact R | exact F1 "
        "| lenient P | lenient R | lenient F1 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for ds, r in results.items():
        for sysname in SYSTEMS:
            m = r["scores"][sysname]["micro"]
            e, le = m["exact"], m["lenient"]
            out.append(
                f"| {ds} | {sysname} | {r['sentences']} | {m['gold']} | {m['pred']} | {_p(e['p'])} "
                f"| {_p(e['r'])} | {_p(e['f1'])} | {_p(le['p'])} | {_p(le['r'])} | {_p(le['f1'])} |"
            )
    out.append("")
    for ds, r in results.items():
        out.append(f"Per type, exact match, {ds} (P / R / F1; lenient F1 in brackets):")
        out.append("")
        out.append("| type | gold | ginza | hodo | hodo-nogaz |")
        out.append("|---|---:|---|---|---|")
        for t in TYPES:
            cells = []
            for sysname in SYSTEMS:
                b = r["scores"][sysname]["types"][t]
                e = b["exact"]
                cells.append(f"{_p(e['p'])} / {_p(e['r'])} / **{_p(e['f1'])}** ({_p(b['lenient']['f1'])})")
            out.append(f"| {t} | {r['scores']['ginza']['types'][t]['gold']} | " + " | ".join(cells) + " |")
        out.append("")
    out.append(
        "hodo's predictions by origin (exact precision): "
        + "; ".join(
            f"{ds}: "
            + ", ".join(
                f"{k} {v['correct']}/{v['pred']} = {_p(v['correct'] / v['pred'])} %"
                for k, v in sorted(r["hodo_by_source"].items())
                if v["pred"]
            )
            for ds, r in results.items()
        )
        + "."
    )
    changed = [f"{ds} {len(r['ner_only_spans_differ'])} of {r['sentences']}" for ds, r in results.items()]
    out.append(
        "Sentences where NER-only components change GiNZA's raw spans (vs all components): "
        + "; ".join(changed)
        + "."
    )
    out.append("")
    out.append("Where hodo and plain GiNZA differ (exact match; counts of gold entities or predictions):")
    out.append("")
    kinds = sorted({k for r in results.values() for k in r["diff"]["counts"]})
    out.append("| difference | " + " | ".join(results) + " |")
    out.append("|---|" + "---:|" * len(results))
    for k in kinds:
        cells = [str(r["diff"]["counts"].get(k, 0)) for r in results.values()]
        out.append(f"| {k} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def throughput_table(runs: list[dict[str, Any]]) -> str:
    out = [
        "| articles | mode | chars | load s | run s | chars/s | × ginza-full speed | entities/tokens "
        "| RSS after load MiB | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    # run s of hodo includes extract_entities; its share is given below the table
    for r in runs:
        base = next((x for x in runs if x["articles"] == r["articles"] and x["mode"] == "ginza-full"), r)
        ratio = r["chars_per_s"] / base["chars_per_s"]
        out.append(
            f"| {r['articles']} | {r['mode']} | {r['chars']:,} | {r['load_s']:.1f} | {r['run_s']:.2f} "
            f"| {r['chars_per_s']:,.0f} | {ratio:.2f} | {r['items']:,} "
            f"| {r['rss_loaded_mib']:.0f} | {r['peak_rss_mib']:.0f} |"
        )
    notes = [
        f"{r['articles']} articles: extract_entities {r['extract_s']:.2f} s of hodo's {r['run_s']:.2f} s"
        for r in runs
        if "extract_s" in r
    ]
    batches = sorted({r["batch_size"] for r in runs if "batch_size" in r})
    notes.append(f"nlp.pipe batch_size for the plain GiNZA modes: {', '.join(map(str, batches)) or '-'}")
    return "\n".join(out) + "\n\n" + "; ".join(notes) + "."


def examples_text(results: dict[str, Any]) -> str:
    out = []
    for ds, r in results.items():
        for kind, exs in r["diff"]["examples"].items():
            out.append(f"#### {ds}: {kind}")
            out.append("")
            for x in exs:
                out.append(f"- `{x['sid']}` {x['text']}")
                out.append(
                    f"  - gold: {x['gold']} · hodo: {x['hodo']} · ginza: {x['ginza']} "
                    f"· ginza labels: {x['ginza_raw'] or '—'}"
                )
            out.append("")
    return "\n".join(out)


def accuracy(wiki: Path, gsd: Path, limit: int | None, n_examples: int) -> dict[str, Any]:
    import spacy

    from hodo.extract.gazetteer import GazEntry, Gazetteer, load_gazetteer

    gaz = load_gazetteer()
    # hodo cannot run with a truly empty gazetteer (its alternation regex would be empty and
    # match everywhere): one entry whose name never occurs stands for "no gazetteer".
    empty = Gazetteer()
    empty.add(GazEntry(id="none", type="ORG", name="\ue000\ue000", qid=None, en=None, aliases=()))
    empty.index()
    nlp = spacy.load("ja_ginza")
    table = label_table()
    results: dict[str, Any] = {}
    for name, sents in (("wiki", load_wiki(wiki)), ("gsd", load_gsd(gsd))):
        sents = sents[:limit] if limit else sents
        t_ginza = run_ginza(sents, nlp, table)
        t_hodo, differ = run_hodo(sents, gaz, "hodo")
        run_hodo(sents, empty, "hodo-nogaz")
        results[name] = {
            "sentences": len(sents),
            "seconds": {"ginza": t_ginza, "hodo": t_hodo},
            "ner_only_spans_differ": differ,
            "hodo_by_source": by_source(sents),
            "scores": {s: score(sents, s) for s in SYSTEMS},
            "diff": compare(sents, n_examples),
        }
        print(
            f"[{name}] {len(sents)} sentences; NER-only spans differ from the full pipeline's in "
            f"{len(differ)}: {' '.join(differ[:10])}",
            file=sys.stderr,
        )
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wiki", type=Path, default=DEFAULT_WIKI)
    ap.add_argument("--gsd", type=Path, default=DEFAULT_GSD)
    ap.add_argument("--livedoor", type=Path, default=DEFAULT_LIVEDOOR)
    ap.add_argument("--limit", type=int, default=None, help="at most this many sentences per gold set")
    ap.add_argument("--sizes", default="60", help="comma-separated livedoor article counts (throughput)")
    ap.add_argument("--modes", default=",".join(MODES), help="throughput modes to run, comma-separated")
    ap.add_argument(
        "--pipe-batch",
        type=int,
        default=hodo_batch_size(),
        help="nlp.pipe batch_size for the plain GiNZA modes; 0 = spaCy's default (1000)",
    )
    ap.add_argument("--quick", action="store_true", help="= --limit 150 --sizes 10 (under a minute)")
    ap.add_argument("--examples", type=int, default=6, help="examples printed per kind of difference")
    ap.add_argument("--skip-accuracy", action="store_true")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="write all figures and examples here")
    ap.add_argument("--one", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one:
        mode, n = args.one[0], int(args.one[1])
        print(json.dumps(throughput_one(mode, args.livedoor, n, args.pipe_batch)))
        return 0
    if args.quick:
        args.limit, args.sizes = args.limit or 150, "10"
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    info = {
        "hodo": hodo_revision(),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "wiki_split": "int(sha1(curid).hexdigest(), 16) % 10 == 0",
    }
    report: dict[str, Any] = {"info": info}
    print(f"hodo {info['hodo']}, CPython {info['python']}, {info['machine']}\n")
    if not args.skip_accuracy:
        results = accuracy(args.wiki, args.gsd, args.limit, args.examples)
        report["accuracy"] = results
        print("### Accuracy\n")
        print(accuracy_tables(results))
        print()
    if not args.skip_throughput:
        runs = []
        for n in sizes:
            for mode in args.modes.split(","):
                r = throughput_child(mode, args.livedoor, n, args.pipe_batch)
                print(f"[throughput] {mode} {n}: {r['chars_per_s']:,.0f} chars/s", file=sys.stderr)
                runs.append(r)
        report["throughput"] = runs
        print("### Throughput (livedoor, fresh process per mode)\n")
        print(throughput_table(runs))
        print()
    if not args.skip_accuracy:
        print("### Examples where hodo and plain GiNZA differ\n")
        print(examples_text(report["accuracy"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
