"""Bunsetu units over GiNZA's dependency parse: the phrases Japanese case grammar works on.

GiNZA's parser attaches every token either inside its bunsetu (compound, case, aux, …) or,
for the bunsetu's content head, to another bunsetu's head (`*_bunsetu` labels). A `Unit`
is one bunsetu: its head token, its particles and auxiliaries (`suffix`, e.g. `は`, `への`,
`した`), and the unit it depends on. Event and quote extraction read roles from the
suffix (が/は → subject, に → goal, …) and clause structure from the unit tree. Pure
functions over `Token` values; no spaCy object is used here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hodo.nlp.ginza import Token

CLAUSE_DEPS = frozenset({"ROOT", "advcl", "acl", "ccomp", "csubj", "xcomp", "parataxis"})
# Auxiliaries that make a noun-headed bunsetu a predicate (訪問|する, 署名|した, 国|だ).
_PREDICATE_SUFFIX = re.compile(
    r"^(する|し|さ|せ|され|した|して|しており|している|できる|でき|だ|である|であり|です|でした|だった|となる|となった)"
)
# A clause cut in its continuative form (開き、 / して、): its tense is its governor's.
_CONTINUATIVE = re.compile(r"(し|て|で|き|り|い|ち|み|び|ぎ|け|め|せ|れ|え|ており|ず|つつ)$")


@dataclass(frozen=True)
class Unit:
    index: int
    head: int
    """Token index of the content head."""
    first: int
    last: int
    """Token indices, inclusive."""
    start: int
    end: int
    """Character offsets into the body (end exclusive, trailing punctuation included)."""
    dep: str
    parent: int | None
    """Index of the unit this one depends on (None for a root)."""
    head_text: str
    head_lemma: str
    head_tag: str
    suffix: str
    """Particles and auxiliaries after the head, punctuation removed: `は`, `への`, `した`."""
    comma: bool
    """The unit ends with 、 or ，."""
    content_start: int
    """Offset where the head token begins."""

    @property
    def predicate(self) -> bool:
        return (
            self.head_tag.startswith(("動詞", "形容詞"))
            or self.dep in CLAUSE_DEPS
            or bool(_PREDICATE_SUFFIX.match(self.suffix))
        )

    @property
    def continuative(self) -> bool:
        """Cut in the continuative form (…し、 …て、): a chained clause."""
        return self.predicate and bool(_CONTINUATIVE.search(self.head_text + self.suffix))


def _unit_head_of(tokens: Sequence[Token], i: int) -> int:
    seen = 0
    while not tokens[i].unit_head and tokens[i].head != i and seen < 64:
        i = tokens[i].head
        seen += 1
    return i


# によって, について: the verb inside a compound particle is `fixed` to it
_FUNCTION_DEPS = frozenset({"case", "mark", "fixed", "aux", "cop"})
_FUNCTION_TAGS = ("助詞", "助動詞", "動詞-非自立可能", "形容詞-非自立可能", "接尾辞-名詞的-一般")


def _suffix(after: Sequence[Token]) -> str:
    """The particles and auxiliaries ending a unit (`(当時)と` → `と`; `…協定に` → `に`):
    the trailing run of function words, punctuation at the very end skipped."""
    out: list[str] = []
    i = len(after) - 1
    while i >= 0 and after[i].tag.startswith("補助記号"):
        i -= 1
    while i >= 0 and (after[i].tag.startswith(_FUNCTION_TAGS) or after[i].dep in _FUNCTION_DEPS):
        out.append(after[i].text)
        i -= 1
    return "".join(reversed(out))


def units(tokens: Sequence[Token]) -> list[Unit]:
    """The bunsetu units of a parsed body, in text order."""
    if not tokens:
        return []
    owner = [_unit_head_of(tokens, i) for i in range(len(tokens))]
    members: dict[int, list[int]] = {}
    for i, h in enumerate(owner):
        members.setdefault(h, []).append(i)
    heads = sorted(members, key=lambda h: min(members[h]))
    index_of = {h: k for k, h in enumerate(heads)}
    out: list[Unit] = []
    for k, h in enumerate(heads):
        idx = sorted(members[h])
        first, last = idx[0], idx[-1]
        tok = tokens[h]
        parent_tok = tok.head
        parent = None
        if parent_tok != h:
            ph = owner[parent_tok]
            parent = index_of.get(ph)
            if parent == k:
                parent = None
        after = [tokens[j] for j in idx if j > h]
        suffix = _suffix(after)
        comma = any(t.text in ("、", "，", ",") for t in after)
        out.append(
            Unit(
                index=k,
                head=h,
                first=first,
                last=last,
                start=tokens[first].start,
                end=tokens[last].end,
                dep=tok.dep,
                parent=parent,
                head_text=tok.text,
                head_lemma=tok.lemma,
                head_tag=tok.tag,
                suffix=suffix,
                comma=comma,
                content_start=tok.start,
            )
        )
    return out


def unit_at(us: Sequence[Unit], offset: int) -> int | None:
    """Index of the unit covering character `offset` (binary search over starts)."""
    lo, hi = 0, len(us) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        u = us[mid]
        if offset < u.start:
            hi = mid - 1
        elif offset >= u.end:
            lo = mid + 1
        else:
            return mid
    return None


def ancestors(us: Sequence[Unit], k: int, lo: int, hi: int) -> list[int]:
    """Units above `k`, nearest first, staying inside character range [lo, hi)."""
    out: list[int] = []
    p = us[k].parent
    while p is not None and p not in out and lo <= us[p].start < hi:
        out.append(p)
        p = us[p].parent
    return out
