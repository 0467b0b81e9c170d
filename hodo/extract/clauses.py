"""What events and quotes share: a document's bunsetu units with the entity mentions and
date expressions that fall in each, case roles read from particles, and the phrases a
unit stands for (its own names, else those of the の-phrases that modify it).

Pure: built from a cleaned body, its sentences, entities, timexes and GiNZA tokens.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hodo.extract.names import titles
from hodo.models import Entity, Span, Timex
from hodo.nlp.ginza import Token
from hodo.nlp.syntax import Unit, unit_at, units
from hodo.resources import load_toml

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Quotation marks: an opening mark and what closes it.
QUOTE_MARKS = {"「": "」", "『": "』", "“": "”", "”": "”", '"': '"'}
_DOUBLE = frozenset('“”"')
_ISO = re.compile(r"^\d{4}")


@dataclass(frozen=True)
class Ref:
    """One entity mention as an argument candidate."""

    entity: str
    type: str
    start: int
    end: int
    text: str


@dataclass
class Context:
    body: str
    sentences: Sequence[Span]
    units: list[Unit]
    refs: dict[int, list[Ref]] = field(default_factory=dict)
    """Unit index → mentions whose last character lies in it."""
    times: dict[int, list[Timex]] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) of the text inside quotation marks, marks excluded."""
    entity_type: dict[str, str] = field(default_factory=dict)
    entity_name: dict[str, str] = field(default_factory=dict)

    def sentence_units(self, i: int) -> range:
        s = self.sentences[i]
        lo = unit_at(self.units, s.start)
        hi = unit_at(self.units, max(s.start, s.end - 1))
        if lo is None or hi is None:
            return range(0)
        return range(lo, hi + 1)

    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    def text(self, u: Unit) -> str:
        return self.body[u.start : u.end]


@cache
def roles() -> dict[str, str]:
    data: dict[str, Any] = load_toml("events.toml")
    return {str(k): str(v) for k, v in data["roles"].items()}


def role_of(u: Unit) -> str | None:
    """The case role its particles give a unit: `subject`, `goal`, `with`, `object`,
    `place`, `source`, `of`, `agent` or None."""
    table = roles()
    s = u.suffix
    if s in table:
        return table[s]
    # には → に, とは → と, からも → から: a topic/focus particle after a case particle
    for end in ("は", "も", "こそ"):
        if s.endswith(end) and s[: -len(end)] in table:
            return table[s[: -len(end)]]
    return None


def quoted_spans(body: str) -> list[tuple[int, int]]:
    """Inside-the-marks spans of outermost 「…」, 『…』 and “…” (also the “…“ and "…" that
    machine translations write), matched per line."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(body):
        if ch == "\n":
            stack.clear()
            continue
        if stack:
            opener, at = stack[-1]
            if ch == QUOTE_MARKS[opener] or (opener in _DOUBLE and ch in _DOUBLE):
                stack.pop()
                if not stack:
                    out.append((at + 1, i))
                continue
        if ch in QUOTE_MARKS:
            stack.append((ch, i))
    return out


def build_context(
    body: str,
    sentences: Sequence[Span],
    entities: Sequence[Entity],
    timexes: Sequence[Timex],
    tokens: Sequence[Token],
) -> Context:
    us = units(tokens)
    ctx = Context(body=body, sentences=sentences, units=us, quoted=quoted_spans(body))
    for e in entities:
        ctx.entity_type[e.id] = e.type
        ctx.entity_name[e.id] = e.name
        for m in e.mentions:
            k = unit_at(us, m.end - 1)
            if k is not None:
                ctx.refs.setdefault(k, []).append(Ref(e.id, e.type, m.start, m.end, m.text))
    for t in timexes:
        if t.value and _ISO.match(t.value):
            k = unit_at(us, t.end - 1)
            if k is not None:
                ctx.times.setdefault(k, []).append(t)
    return ctx


def children(ctx: Context, k: int, within: range) -> list[int]:
    return [j for j in within if ctx.units[j].parent == k]


def phrase_refs(ctx: Context, k: int, within: range, types: frozenset[str] = ACTOR_TYPES) -> list[Ref]:
    """The entities a phrase names: its own mentions of `types`; if it has none (当局者,
    報道官), those of the の-phrases and coordinated phrases that modify it
    (韓国外務省の当局者 → 韓国外務省; 米国と韓国の当局者 → 米国, 韓国)."""
    own = [r for r in ctx.refs.get(k, []) if r.type in types]
    if own:
        return own
    out: list[Ref] = []
    for j in children(ctx, k, within):
        u = ctx.units[j]
        if u.suffix in ("の", "と", "や", "") or role_of(u) == "of":
            if u.predicate and u.suffix not in ("の",):
                continue
            out.extend(phrase_refs(ctx, j, within, types))
    return out


def unit_span_text(ctx: Context, k: int, within: range) -> str:
    """The text of a unit with the phrases that modify it (当局者 → 韓国外務省の…当局者)."""
    lo = ctx.units[k].start
    stack = [k]
    while stack:
        j = stack.pop()
        for c in children(ctx, j, within):
            if ctx.units[c].start < lo:
                lo = ctx.units[c].start
            stack.append(c)
    u = ctx.units[k]
    end = u.content_start + len(u.head_text)
    text = ctx.body[lo:end]
    return text[text.rfind("\n") + 1 :].strip()


def named_refs(ctx: Context, j: int, within: range) -> list[Ref]:
    """Names a subject phrase stands for; a bare title (外相は) takes the name just before
    it (趙顕(チョ・ヒョン)|外相は, where the reading splits the phrase)."""
    refs = [r for r in ctx.refs.get(j, []) if r.type in ACTOR_TYPES]
    if refs:
        return refs
    u = ctx.units[j]
    head = ctx.body[u.start : u.content_start + len(u.head_text)]
    if j - 1 in within and head in titles().person_titles:
        prev = ctx.units[j - 1]
        if prev.end == u.start and ctx.body[prev.end - 1] in ")）":
            people = [r for r in ctx.refs.get(j - 1, []) if r.type == "PERSON"]
            if people:
                return people
    return phrase_refs(ctx, j, within)
