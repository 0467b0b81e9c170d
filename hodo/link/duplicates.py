"""Near-duplicate documents: the same article carried by several pages.

What counts as a duplicate. Two documents are near-duplicates when their *bodies* (after
cleaning, so site chrome is already gone) share most of their text:

- the exact Jaccard similarity of their sets of character 5-grams is at least `threshold`
  (0.5 by default), or
- at least 80 % of the smaller body's 5-grams occur in the bigger one (containment), and the
  smaller body has at least half as many 5-grams as the bigger one.

Texts are compared after NFKC and with all whitespace removed (`hodo.ids.normalise_for_hash`),
so full-width/half-width variants and line breaks do not matter. Near-duplicate pairs are
joined into groups (connected components).

Why containment. A wire story is often republished shortened: a regional site cuts the last
paragraph. Jaccard divides by the union, so such a copy scores lower the more was cut,
although every sentence of it is the wire's; containment of the smaller body in the bigger
one says what an editor means by "the same story". Why the size condition: a short notice
quoted whole inside a long feature or round-up is fully contained too (containment 1.0,
Jaccard 0.05), but the feature is not a copy of the notice, and since pairs are joined into
groups, one round-up would otherwise chain every notice it quotes into one group of
different stories. Several outlets reporting the same event in their own words share names
and phrases but few 5-grams, so they stay apart on both measures.

Why character 5-grams. Japanese has no spaces to split words on, and a tokenizer would make
this stage depend on a model. Five characters are long enough that unrelated news texts
share only a few percent of them (set phrases such as 「と述べた」), and short enough that a
changed word costs only the few 5-grams around it.

Very short bodies (under 50 characters after normalisation) are never duplicates: a caption,
a one-line notice or a failed extraction would match every other copy of the same text.

How it scales. Each body is sketched once with `datasketch.MinHash` (128 permutations, fixed
seed, so results are the same on every run and machine) and put into a `datasketch.MinHashLSH`
index, which returns only the documents sharing a band of the signature: the candidates.
Each candidate pair is then verified exactly on the stored 5-gram sets (sorted arrays of
64-bit hashes, 8 bytes per distinct 5-gram), so LSH only decides which pairs are looked at,
never which pairs are reported. The cost is one sketch per document plus one set
intersection per candidate: near-linear in the number of documents, with no all-pairs loop.

The banding is set below the verification threshold (`_lsh_params`): the lowest Jaccard the
rules accept is that of a minimal containment pair (0.36 with the defaults), and such a pair
must still become a candidate. datasketch's own banding for threshold 0.5 (25 bands of 5
rows) would find a pair at Jaccard 0.5 only about half of the time; 42 bands of 3 rows find
it 99 % of the time, at the price of more candidates, each a cheap exact check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH

from hodo.ids import normalise_for_hash
from hodo.models import DuplicateGroup

__all__ = [
    "CONTAINMENT",
    "MIN_CHARS",
    "MIN_SIZE_RATIO",
    "SHINGLE",
    "DuplicateGroup",
    "DuplicateIndex",
    "find_duplicates",
    "shingle_hashes",
]

SHINGLE = 5
"""Characters per shingle."""
MIN_CHARS = 50
"""Bodies shorter than this (after normalisation) are never duplicates."""
CONTAINMENT = 0.8
"""Share of the smaller body's shingles found in the bigger one that makes a duplicate."""
MIN_SIZE_RATIO = 0.5
"""Containment counts only when the smaller body has at least this share of the bigger
one's shingles: a trimmed copy, not a paragraph quoted inside a longer article."""
NUM_PERM = 128
SEED = 20240619
"""Fixed seed of the MinHash permutations: the same input always gives the same candidates."""
CANDIDATE_RECALL = 0.85
"""The banding makes a pair at the lowest Jaccard the rules accept a candidate at least
this often (pairs above it, more often: 0.87 at 0.36, 0.99 at 0.5 with the defaults)."""

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a polynomial hash of each k-gram, mod 2**64
_TOP32 = np.uint64(32)

U64Array = npt.NDArray[np.uint64]


def shingle_hashes(text: str, k: int = SHINGLE) -> U64Array:
    """The distinct k-grams of `text` as sorted 64-bit hashes, the same in every process
    (unlike `hash()`). `text` is used as given: normalise it first."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # uint64 array arithmetic wraps around: modulo 2**64, no warning
        h = h * _MULTIPLIER + codes[j : j + n]
    return np.unique(h)


def _overlap(a: U64Array, b: U64Array) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


def _jaccard(a: U64Array, b: U64Array) -> float:
    inter = _overlap(a, b)
    return inter / (a.size + b.size - inter)


def _lowest_jaccard(threshold: float, containment: float, min_size_ratio: float) -> float:
    """The lowest Jaccard of a pair the rules accept. A contained pair with sizes ρ·n and n
    shares at least c·ρ·n shingles of a union of at most (1 + ρ - c·ρ)·n."""
    c, rho = containment, min_size_ratio
    return min(threshold, c * rho / (1 + rho - c * rho))


def _lsh_params(lowest: float) -> tuple[int, int]:
    """(bands, rows): the most selective banding of NUM_PERM permutations that still makes a
    pair at Jaccard `lowest` a candidate with probability CANDIDATE_RECALL. A pair shares
    one band with probability J**rows, so it is a candidate with 1 - (1 - J**rows)**bands."""
    for rows in (8, 7, 6, 5, 4, 3, 2):
        bands = NUM_PERM // rows
        if 1 - (1 - lowest**rows) ** bands >= CANDIDATE_RECALL:
            return bands, rows
    return NUM_PERM, 1


def _identity(value: Any) -> Any:
    return value


class DuplicateIndex:
    """Incremental near-duplicate detection (see the module docstring for the decision).

    `add` documents one at a time, in any order; `groups` returns the connected components
    of the near-duplicate pairs found so far. Whether two documents are a pair does not depend
    on the order they were added in, so an incremental index and a batch give the same groups.
    """

    def __init__(
        self,
        threshold: float = 0.5,
        *,
        containment: float = CONTAINMENT,
        min_size_ratio: float = MIN_SIZE_RATIO,
    ) -> None:
        for name, value in (
            ("threshold", threshold),
            ("containment", containment),
            ("min_size_ratio", min_size_ratio),
        ):
            if not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], not {value}")
        self.threshold = threshold
        self.containment = containment
        self.min_size_ratio = min_size_ratio
        self.lsh_params = _lsh_params(_lowest_jaccard(threshold, containment, min_size_ratio))
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=self.lsh_params)
        self._permutations = MinHash(num_perm=NUM_PERM, seed=SEED).permutations
        self._fingerprints: dict[str, bytes] = {}
        self._shingles: dict[str, U64Array] = {}
        self._neighbours: dict[str, set[str]] = {}

    def __len__(self) -> int:
        """Documents added (short ones included)."""
        return len(self._fingerprints)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._fingerprints

    def add(self, doc_id: str, body: str) -> None:
        """Index one document. Adding a `doc_id` again with the same body (after normalisation)
        does nothing. Document ids are content hashes, so the same id with another body is a
        caller's mistake: ValueError."""
        text = normalise_for_hash(body)
        fingerprint = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        known = self._fingerprints.get(doc_id)
        if known is not None:
            if known != fingerprint:
                raise ValueError(f"{doc_id} was already added with another body")
            return
        self._fingerprints[doc_id] = fingerprint
        if len(text) < MIN_CHARS:
            return
        shingles = shingle_hashes(text)
        sketch = self._sketch(shingles)
        for other in self._lsh.query(sketch):
            if self._is_pair(shingles, self._shingles[other]):
                self._neighbours.setdefault(doc_id, set()).add(other)
                self._neighbours.setdefault(other, set()).add(doc_id)
        self._lsh.insert(doc_id, sketch, check_duplication=False)
        self._shingles[doc_id] = shingles

    def groups(self) -> list[DuplicateGroup]:
        """Connected components of the near-duplicate pairs (two or more documents each),
        members sorted, groups sorted by their first member."""
        seen: set[str] = set()
        out: list[DuplicateGroup] = []
        for start in sorted(self._neighbours):
            if start in seen:
                continue
            component: list[str] = []
            stack = [start]
            seen.add(start)
            while stack:
                node = stack.pop()
                component.append(node)
                for nxt in self._neighbours[node]:
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            members = tuple(sorted(component))
            first = self._shingles[members[0]]
            similarity = min(_jaccard(first, self._shingles[m]) for m in members[1:])
            out.append(DuplicateGroup(members, round(similarity, 3)))
        return out  # `start` runs in sorted order and is each component's smallest id

    def similarity(self, a: str, b: str) -> tuple[float, float]:
        """(exact Jaccard, containment of the smaller in the bigger) of two added documents;
        (0.0, 0.0) when either is too short to be indexed. For reports and tuning."""
        for doc_id in (a, b):
            if doc_id not in self._fingerprints:
                raise KeyError(doc_id)
        sa, sb = self._shingles.get(a), self._shingles.get(b)
        if sa is None or sb is None:
            return 0.0, 0.0
        inter = _overlap(sa, sb)
        return inter / (sa.size + sb.size - inter), inter / min(sa.size, sb.size)

    def _sketch(self, shingles: U64Array) -> MinHash:
        # The top 32 bits of each 64-bit shingle hash feed the default 32-bit MinHash scheme
        # (half the work of the 64-bit one); the exact check uses all 64 bits.
        sketch = MinHash(
            num_perm=NUM_PERM,
            seed=SEED,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme="affine32",
        )
        sketch.update_batch((shingles >> _TOP32).tolist())
        return sketch

    def _is_pair(self, a: U64Array, b: U64Array) -> bool:
        inter = _overlap(a, b)
        if inter >= self.threshold * (a.size + b.size - inter):
            return True
        small, big = min(a.size, b.size), max(a.size, b.size)
        return small >= self.min_size_ratio * big and inter >= self.containment * small


def find_duplicates(docs: Iterable[tuple[str, str]], threshold: float = 0.5) -> list[DuplicateGroup]:
    """Near-duplicate groups of `(doc_id, body)` pairs, as `DuplicateIndex.groups` gives them."""
    index = DuplicateIndex(threshold)
    for doc_id, body in docs:
        index.add(doc_id, body)
    return index.groups()
