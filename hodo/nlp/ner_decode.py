"""GiNZA's named-entity decoder, run with numpy over a whole batch at once.

Why hodo does not simply call spaCy's `ner` component here: profiling hodo on livedoor
pages (bench/README.md, "Where the time goes") found ≈ 75 % of all analysis time in that
component's greedy decoder, and nearly all of it in one place: for every token, spaCy
asks each of ja_ginza's 758 BILUO moves whether it is valid (`TransitionSystem.set_valid`),
and on spaCy 3.8's compiled code each of those small calls takes a lock. The network
itself (tok2vec, the precomputed lower layer, the 64→758 output layer) is cheap.

This module keeps spaCy's model and its arithmetic and replaces only the decoding loop:
the same weights (`ner.model`'s `tok2vec`, `lower` and `upper` layers), the same state
features (`StateC.set_context_tokens` with three features: the buffer's first token, the
open entity's first token, the token before the buffer), the same float32 sums in the
same order, the output layer through the same BLIS `sgemm`, and the validity rules of
spaCy's `BiluoPushDown` moves (spacy/pipeline/_parser_internals/ner.pyx) for documents
without preset entities, which is what hodo gives it. Every NER action consumes exactly
one token, so all documents of a batch step through their tokens in lock step and each
step is a handful of array operations over (documents × moves).

tests/nlp/test_ner_decode.py checks that the entities are identical to spaCy's own
decoder on the seeds and the sample corpus; bench/bench_analyze.py measures the speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

# BILUO actions as spaCy names them in move names such as `B-Person`.
_ACTIONS = {"B": 1, "I": 2, "L": 3, "U": 4, "O": 5}
BEGIN, IN, LAST, UNIT, OUT = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Moves:
    action: Any
    """(n_moves,) int: BEGIN … OUT, 0 for a move spaCy never allows without presets."""
    label: Any
    """(n_moves,) int: index into `labels`; 0 is the empty label."""
    labels: tuple[str, ...]


@cache
def _moves(ner: Any) -> Moves:
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    labels: dict[str, int] = {"": 0}
    action = np.zeros(len(names), dtype=np.int8)
    label = np.zeros(len(names), dtype=np.int32)
    for i, name in enumerate(names):
        act, _, lab = name.partition("-")
        action[i] = _ACTIONS.get(act, 0)
        label[i] = labels.setdefault(lab, len(labels))
    return Moves(action, label, tuple(labels))


def supported(ner: Any) -> bool:
    """True when the component is the kind this decoder reproduces: a greedy
    transition-based NER with three state features, maxout hidden layer, an output layer
    and no unseen classes (ja_ginza's `ner`). Anything else falls back to spaCy."""
    try:
        model = ner.model
        lower = model.get_ref("lower")
        return (
            ner.cfg.get("beam_width", 1) == 1
            and model.attrs.get("has_upper", True)
            and not model.attrs.get("unseen_classes")
            and lower.get_dim("nF") == 3
            and lower.get_dim("nP") >= 2
            and all(c.split("-")[0] in _ACTIONS for c in map(ner.moves.get_class_name, range(3)))
        )
    except Exception:
        return False


def decode(ner: Any, docs: list[Any]) -> list[list[tuple[int, int, str]]]:
    """(start token, end token, label) entities of each spaCy `Doc`, whose `tensor` the
    pipeline's tok2vec and whose sentence starts its parser have already set — as
    spaCy's `ner` component would set them."""
    from blis.py import gemm

    out: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    if not docs or lengths.max() == 0:
        return out
    model = ner.model
    moves = _moves(ner)
    tokvecs = model.get_ref("tok2vec").predict(docs)
    lower = model.get_ref("lower")
    # (1 + tokens, 3 features, hidden, pieces); row 0 is the padding for absent features
    cached = np.ascontiguousarray(lower.predict(tokvecs), dtype=np.float32)
    feat_bias = lower.get_param("b")
    upper = model.get_ref("upper")
    weights = np.ascontiguousarray(upper.get_param("W"), dtype=np.float32)
    bias = upper.get_param("b")

    from spacy.attrs import IS_SPACE, SENT_START

    arrays = [d.to_array([IS_SPACE, SENT_START]) for d in docs]
    flat = np.concatenate([a for a in arrays if len(a)]) if any(len(a) for a in arrays) else np.zeros((0, 2))
    is_space = flat[:, 0].astype(bool)
    sent_start = flat[:, 1].astype(np.int64) == 1
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])

    n = len(docs)
    is_open = np.zeros(n, dtype=bool)
    open_start = np.zeros(n, dtype=np.int64)
    open_label = np.zeros(n, dtype=np.int64)
    act, lab = moves.action[None, :], moves.label[None, :]
    labelled = lab != 0
    for t in range(int(lengths.max())):
        alive = np.nonzero(lengths > t)[0]
        off, rem = offsets[alive], lengths[alive] - t
        opened = is_open[alive]
        b0 = off + t
        ids0 = 1 + b0
        ids1 = np.where(opened, 1 + off + open_start[alive], 0)
        ids2 = np.where(opened, b0, 0)  # the token before the buffer: 1 + (b0 - 1)
        unmaxed = cached[ids0, 0] + cached[ids1, 1]
        unmaxed += cached[ids2, 2]
        unmaxed += feat_bias
        hidden = np.ascontiguousarray(unmaxed.max(axis=-1))
        scores = gemm(hidden, weights, trans2=True)
        scores += bias
        space = is_space[b0][:, None]
        has_next = rem >= 2
        next_starts = np.zeros(len(alive), dtype=bool)
        next_starts[has_next] = sent_start[b0[has_next] + 1]
        o, more, nxt = opened[:, None], has_next[:, None], next_starts[:, None]
        same = lab == open_label[alive][:, None]
        valid = (
            ((act == BEGIN) & labelled & ~o & more & ~nxt & ~space)
            | ((act == IN) & labelled & o & more & same & ~nxt)
            | ((act == LAST) & labelled & o & same)
            | ((act == UNIT) & labelled & ~o & ~space)
            | ((act == OUT) & ~o)
        )
        guess = np.where(valid, scores, -np.inf).argmax(axis=1)
        chosen, chosen_label = moves.action[guess], moves.label[guess]
        begin = alive[chosen == BEGIN]
        is_open[begin] = True
        open_start[begin] = t
        open_label[begin] = chosen_label[chosen == BEGIN]
        for k in np.nonzero(chosen == LAST)[0]:
            d = alive[k]
            out[d].append((int(open_start[d]), t + 1, moves.labels[open_label[d]]))
            is_open[d] = False
        for k in np.nonzero(chosen == UNIT)[0]:
            out[alive[k]].append((t, t + 1, moves.labels[chosen_label[k]]))
    return out
