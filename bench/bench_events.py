"""Throughput of the events-and-quotes stage (issue 4) on livedoor, next to the GiNZA
parse that feeds it.

    python bench/bench_events.py [--n 120]

The first N livedoor articles (sorted by path; body = lines 4+, as bench_ner.py) are
parsed once with GiNZA (`hodo.nlp.ginza.parse`: NER + dependency parser); then entities,
dates, and the stage measured here — `build_context` + `extract_events` +
`extract_quotes` — run on the parsed documents. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import time

from _common import hodo_revision
from bench_ner import DEFAULT_LIVEDOOR, bodies

from hodo.extract.clauses import build_context
from hodo.extract.entities import extract_entities
from hodo.extract.events import extract_events
from hodo.extract.gazetteer import load_gazetteer
from hodo.extract.quotes import extract_quotes
from hodo.nlp.ginza import parse
from hodo.nlp.sentences import split_sentences
from hodo.nlp.timex import find_timexes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=120)
    args = ap.parse_args()
    texts = bodies(DEFAULT_LIVEDOOR, args.n)
    chars = sum(len(t) for t in texts)
    gaz = load_gazetteer()
    t0 = time.perf_counter()
    parsed = parse(texts)
    t_parse = time.perf_counter() - t0
    prepared = []
    for body, p in zip(texts, parsed, strict=True):
        ents = extract_entities(body, list(p.ents), gaz, None)
        prepared.append((body, tuple(split_sentences(body)), ents, tuple(find_timexes(body, None)), p.tokens))
    n_events = n_quotes = 0
    t0 = time.perf_counter()
    for body, sents, ents, tx, toks in prepared:
        ctx = build_context(body, sents, ents, tx, toks)
        n_events += len(extract_events("doc", body, ctx, gaz, None))
        n_quotes += len(extract_quotes(ctx))
    t_stage = time.perf_counter() - t0
    print(f"hodo {hodo_revision()}; {len(texts)} livedoor articles, {chars:,} characters\n")
    print("| step | seconds | docs/s | chars/s |")
    print("|---|---|---|---|")
    for name, t in (("GiNZA parse (NER + parser)", t_parse), ("events + quotes", t_stage)):
        print(f"| {name} | {t:.2f} | {len(texts) / t:,.0f} | {chars / t:,.0f} |")
    share = 100 * t_stage / t_parse
    print(f"\n{n_events} events, {n_quotes} quotes; the stage costs {share:.1f} % of the parse.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
