"""GiNZA (`ja_ginza`, spaCy): named-entity spans and the dependency parse of bodies.

The model is loaded once per process. `ner()` runs only what NER needs; `parse()` also
runs the dependency parser (bunsetu-level UD labels, used by event and quote
extraction). The morphologizer, compound splitter and bunsetu recognizer stay off: hodo
reads SudachiPy's tags and GiNZA's raw `*_bunsetu` labels. The `ner` component's model
runs, but its entities are decoded by `hodo.nlp.ner_decode` (same model, same output,
≈ 15× faster decoding; see that module for why). shared/notes measured NER and
the layer feeding it as the cost; the parser adds ≈ 5 % on the seeds (and makes NER
keep names such as 金日成広場 whole). A body is cut below SudachiPy's input limit
(49,149 bytes) at line or sentence ends and offsets are mapped back to the body. Output
is plain `NerSpan` / `Token` values: no spaCy object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from hodo.nlp import ner_decode

# SudachiPy refuses longer input; keep a margin for safety.
MAX_CHUNK_BYTES = 40_000
# Characters the model takes at once (see `_groups`).
BATCH_CHARS = 12_000
# `ner` is always disabled in the pipeline: `_analysed` runs its model and decoder itself.
NER_ONLY_DISABLE = ("parser", "ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")
PARSE_DISABLE = ("ner", "morphologizer", "compound_splitter", "bunsetu_recognizer")


@dataclass(frozen=True, slots=True)
class NerSpan:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    """One SudachiPy token with GiNZA's dependency arc; offsets into the body, `head` an
    index into the body's token list (the root points at itself)."""

    start: int
    end: int
    text: str
    lemma: str
    tag: str
    """SudachiPy part of speech, e.g. `名詞-普通名詞-サ変可能`."""
    dep: str
    """Bunsetu-level UD label without GiNZA's `_bunsetu` suffix (`nsubj`, `obl`, `case`, …)."""
    head: int
    unit_head: bool = False
    """True for the content word heading a bunsetu (GiNZA's `*_bunsetu` labels and ROOT)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    ents: tuple[NerSpan, ...]
    tokens: tuple[Token, ...]


def _numpy_gemm_ops() -> Any:
    """thinc's NumpyOps with matrix products done by numpy's BLAS instead of blis.

    Why: shared/notes/measured.md found that blis runs only generic kernels on these
    machines' AMD CPUs (≈ 33 GFLOP/s against ≈ 189 for numpy's BLAS), and the layer
    feeding GiNZA's NER is mostly matrix products. Same arithmetic in float32; the seed
    and sample outputs are identical (tests/nlp/test_ginza.py)."""
    import numpy
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):  # type: ignore[misc]
        name = "hodo_numpy_matmul"

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    return MatmulOps()


@cache
def load(disable: tuple[str, ...] = NER_ONLY_DISABLE) -> Any:
    """The ja_ginza pipeline (installed from PyPI; nothing is downloaded at run time)."""
    import spacy
    from thinc.api import set_current_ops

    set_current_ops(_numpy_gemm_ops())  # models take the current ops when they are built
    nlp = spacy.load("ja_ginza")
    for name in disable:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    return nlp


def chunks(body: str, max_bytes: int = MAX_CHUNK_BYTES) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces of `body`, each under `max_bytes` in UTF-8, cut after a
    newline or 。 where possible, else hard."""
    start = 0
    n = len(body)
    while start < n:
        # Japanese is 3 bytes a character in UTF-8: a character budget is a safe bound.
        end = min(n, start + max_bytes // 3)
        if end < n:
            cut = max(body.rfind("\n", start, end), body.rfind("。", start, end))
            if cut > start:
                end = cut + 1
        yield start, body[start:end]
        start = end


def _pieces(bodies: Sequence[str]) -> list[tuple[int, int, str]]:
    """(body index, offset, text) for every chunk of every body."""
    return [(i, off, text) for i, body in enumerate(bodies) for off, text in chunks(body)]


def _analysed(nlp: Any, texts: Iterable[str], batch_size: int) -> Iterator[tuple[Any, list[NerSpan]]]:
    """(spaCy doc, entity spans) for each text: the enabled components through
    `nlp.pipe`, then the (disabled) `ner` component's model over each batch, decoded by
    `ner_decode` when it supports the model, else by spaCy itself."""
    component = nlp.get_pipe("ner")
    fast = ner_decode.supported(component)
    with nlp.memory_zone():  # strings and lexemes of these texts are freed afterwards
        yield from _analysed_batches(nlp, component, fast, texts, batch_size)


def _groups(texts: Iterable[str], max_docs: int, max_chars: int = BATCH_CHARS) -> Iterator[list[str]]:
    """Texts in groups of at most `max_docs` and, unless one text alone is longer, at most
    `max_chars` characters. The parser's precomputed features take ≈ 12 KB a token for
    the whole group, so a character budget bounds a worker's memory whatever the pages'
    lengths. On 200 livedoor pages: peak RSS 1.39 GiB with 16 pages a group, 0.90 GiB
    with 8,000 characters, 1.23 GiB with 16,000; the fastest and slowest ≈ 10 % apart."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (len(group) >= max_docs or size + len(text) > max_chars):
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


def _analysed_batches(
    nlp: Any, component: Any, fast: bool, texts: Iterable[str], batch_size: int
) -> Iterator[tuple[Any, list[NerSpan]]]:
    for group in _groups(texts, batch_size):
        batch = list(nlp.pipe(group, batch_size=len(group)))
        if fast:
            found = ner_decode.decode(component, batch)
        else:
            batch = list(component.pipe(batch, batch_size=batch_size))
            found = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in batch]
        for doc, ents in zip(batch, found, strict=True):
            spans = []
            for start, end, label in ents:
                first, last = doc[start], doc[end - 1]
                a, b = first.idx, last.idx + len(last.text)
                spans.append(NerSpan(a, b, label, doc.text[a:b]))
            yield doc, spans


def ner(bodies: Sequence[str], batch_size: int = 16) -> list[list[NerSpan]]:
    """Entity spans for each body, offsets into that body."""
    pieces = _pieces(bodies)
    out: list[list[NerSpan]] = [[] for _ in bodies]
    if not pieces:
        return out
    nlp = load()
    for (i, off, _), (_, spans) in zip(
        pieces, _analysed(nlp, (p[2] for p in pieces), batch_size), strict=True
    ):
        out[i].extend(NerSpan(off + e.start, off + e.end, e.label, e.text) for e in spans)
    return out


def parse(bodies: Sequence[str], batch_size: int = 16) -> list[Parsed]:
    """Entity spans and dependency-parsed tokens for each body (offsets into the body)."""
    pieces = _pieces(bodies)
    ents: list[list[NerSpan]] = [[] for _ in bodies]
    toks: list[list[Token]] = [[] for _ in bodies]
    if pieces:
        nlp = load(PARSE_DISABLE)
        analysed = _analysed(nlp, (p[2] for p in pieces), batch_size)
        for (i, off, _), (doc, spans) in zip(pieces, analysed, strict=True):
            ents[i].extend(NerSpan(off + e.start, off + e.end, e.label, e.text) for e in spans)
            base = len(toks[i])
            for t in doc:
                toks[i].append(
                    Token(
                        start=off + t.idx,
                        end=off + t.idx + len(t.text),
                        text=t.text,
                        lemma=t.lemma_,
                        tag=t.tag_,
                        dep=t.dep_.removesuffix("_bunsetu"),
                        head=base + t.head.i,
                        unit_head=t.dep_.endswith("_bunsetu") or t.dep_ == "ROOT",
                    )
                )
    return [Parsed(tuple(e), tuple(t)) for e, t in zip(ents, toks, strict=True)]
