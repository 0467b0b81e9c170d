"""GiNZA (`ja_ginza`, spaCy) named-entity spans for document bodies.

The model is loaded once per process and only the components NER needs run (the parser,
morphologizer, compound splitter and bunsetu recognizer are disabled: shared/notes measured
NER and the layer feeding it as the cost, the parser adds time without helping NER).
A body is cut below SudachiPy's input limit (49,149 bytes) at line or sentence ends and
the spans are mapped back to body offsets. Output is plain `NerSpan` values: no spaCy
object leaves this module.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

# SudachiPy refuses longer input; keep a margin for safety.
MAX_CHUNK_BYTES = 40_000
NER_ONLY_DISABLE = ("parser", "morphologizer", "compound_splitter", "bunsetu_recognizer")


@dataclass(frozen=True)
class NerSpan:
    start: int
    end: int
    label: str
    text: str


@cache
def load(disable: tuple[str, ...] = NER_ONLY_DISABLE) -> Any:
    """The ja_ginza pipeline (installed from PyPI; nothing is downloaded at run time)."""
    import spacy

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


def ner(bodies: Sequence[str], batch_size: int = 16, workers: int = 1) -> list[list[NerSpan]]:
    """Entity spans for each body, offsets into that body. `workers` > 1 runs the model in
    that many processes (spaCy's `n_process`; each loads the model once)."""
    pieces: list[tuple[int, int, str]] = []  # (body index, offset, text)
    for i, body in enumerate(bodies):
        for off, text in chunks(body):
            pieces.append((i, off, text))
    out: list[list[NerSpan]] = [[] for _ in bodies]
    if not pieces:
        return out
    nlp = load()
    docs = nlp.pipe((p[2] for p in pieces), batch_size=batch_size, n_process=max(1, workers))
    for (i, off, _), doc in zip(pieces, docs, strict=True):
        for e in doc.ents:
            out[i].append(NerSpan(off + e.start_char, off + e.end_char, e.label_, e.text))
    return out
