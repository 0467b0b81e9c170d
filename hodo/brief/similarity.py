"""Sentence similarity and maximal marginal relevance (MMR, Carbonell & Goldstein 1998).

Hand-written rather than taken from a library: what is needed is a bigram cosine over a
few hundred short Japanese sentences and a ten-line greedy loop; scikit-learn or a
sentence-embedding model would add a large dependency (or a model download) for it.
Character bigrams suit Japanese, which has no spaces between words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

_NOISE = re.compile(r"[\s、。，．・「」『』（）()〔〕【】\"'“”‘’!?！？:：;；…―ー\-]+")


def bigrams(text: str) -> Counter[str]:
    t = _NOISE.sub("", text)
    return Counter(t[i : i + 2] for i in range(len(t) - 1)) if len(t) > 1 else Counter(t)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def mmr(
    items: Sequence[T],
    score: Callable[[T], float],
    text: Callable[[T], str],
    *,
    k: int,
    lam: float = 0.7,
    redundant: float = 0.6,
    seen: Sequence[str] = (),
) -> list[T]:
    """Up to `k` items, each time the one best balancing its score (scaled to the best
    score) against its likeness to what is already chosen; an item more like a chosen one
    (or one of `seen`) than `redundant` is dropped. Ties keep input order."""
    if not items:
        return []
    top = max(score(i) for i in items) or 1.0
    vectors = [bigrams(text(i)) for i in items]
    chosen_vecs = [bigrams(s) for s in seen]
    left = list(range(len(items)))
    out: list[T] = []
    while left and len(out) < k:
        best, best_val = -1, -math.inf
        for i in list(left):
            sim = max((cosine(vectors[i], v) for v in chosen_vecs), default=0.0)
            if sim > redundant:
                left.remove(i)
                continue
            val = lam * score(items[i]) / top - (1 - lam) * sim
            if val > best_val:
                best, best_val = i, val
        if best < 0:
            break
        out.append(items[best])
        chosen_vecs.append(vectors[best])
        left.remove(best)
    return out
