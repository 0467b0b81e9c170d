"""Quotations: who said what, and the speech act.

Direct quotes are words in 「」/『』/“ ” followed by the quotative と and a speech verb
(「…」と述べた, 「…」とロシアに警告した). Indirect quotes are clauses ending in と before a
speech verb (…無駄な試みだと批判した). The speaker is the subject (は/が) of the speech
verb or of the predicate above it; 彼, 同氏, 同省, 同報道官 … (titles.toml `[[anaphor]]`)
resolve to the last person who was a subject, or the last organisation whose name ends
the same way; a sentence with no speaker of its own continues the previous quote's.
The stance comes from the speech verb (hodo/data/speech.toml); an assertion whose words
deny that something was done is a denial.

Pure: a `Context` (units, mentions) in, `Quote` values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from hodo.extract.clauses import Context, Ref, children, named_refs, role_of, unit_span_text
from hodo.models import Quote
from hodo.resources import load_toml

_PASSIVE = re.compile(r"^(さ|され|れ)")


@dataclass(frozen=True)
class Anaphor:
    form: str
    type: str
    suffix: str | None


@dataclass(frozen=True)
class SpeechLexicon:
    stance_of: dict[str, str]
    """Speech-verb form → stance."""
    pattern: re.Pattern[str]
    quotative: tuple[str, ...]
    continuation: tuple[str, ...]
    denial: re.Pattern[str]
    feeling: tuple[str, ...]
    anaphors: tuple[Anaphor, ...]


@cache
def speech_lexicon() -> SpeechLexicon:
    data: dict[str, Any] = load_toml("speech.toml")
    verbs = [(form, v["stance"]) for v in data["verb"] for form in v["forms"]]
    verbs.sort(key=lambda x: len(x[0]), reverse=True)
    q = data["quote"]
    anaphors = tuple(
        Anaphor(a["form"], a.get("type", "PERSON"), a.get("suffix"))
        for a in load_toml("titles.toml").get("anaphor", [])
        if not a.get("plural")
    )
    return SpeechLexicon(
        stance_of=dict(verbs),
        pattern=re.compile("|".join(re.escape(f) for f, _ in verbs)),
        quotative=tuple(sorted(q["quotative"], key=len, reverse=True)),
        continuation=tuple(q["continuation"]),
        denial=re.compile(q["denial_pattern"]),
        feeling=tuple(q["feeling_words"]),
        anaphors=tuple(sorted(anaphors, key=lambda a: len(a.form), reverse=True)),
    )


@dataclass
class _Speaker:
    entity: str | None
    text: str | None
    type: str | None


def _verb(lex: SpeechLexicon, cue: str) -> str:
    """The first speech verb in `cue` ('' when there is none)."""
    m = lex.pattern.search(cue)
    return m.group() if m else ""


def _stance(lex: SpeechLexicon, verb: str, words: str) -> str:
    """The verb's stance; an assertion whose words deny an act is a denial."""
    stance = lex.stance_of[verb]
    if stance in ("assert", "explain"):
        d = lex.denial.search(words)
        if d is not None and not any(f in words[max(0, d.start() - 8) : d.end()] for f in lex.feeling):
            stance = "deny"
    return stance


def _speech_predicate(ctx: Context, k: int, within: range) -> int | None:
    """The first predicate above unit k (the verb the quotative と depends on)."""
    p = ctx.units[k].parent
    seen = 0
    while p is not None and p in within and seen < 30:
        if ctx.units[p].predicate:
            return p
        p = ctx.units[p].parent
        seen += 1
    return None


class _Tracker:
    """Who was speaking, and which people and organisations were last named as subjects."""

    def __init__(self) -> None:
        self.last_quote: _Speaker | None = None
        self.last_quote_sentence = -10
        self.last_person: Ref | None = None
        self.last_topic: _Speaker | None = None

    def note_subjects(self, ctx: Context, within: range) -> None:
        self.last_topic = None
        for k in within:
            u = ctx.units[k]
            if u.suffix.endswith("は") and role_of(u) == "subject" and not ctx.in_quote(u.start, u.end):
                refs = [r for r in ctx.refs.get(k, []) if r.type in ("PERSON", "ORG")]
                if refs:
                    self.last_topic = _Speaker(
                        refs[-1].entity, ctx.body[refs[-1].start : refs[-1].end], refs[-1].type
                    )
                break
        for k in within:
            if role_of(ctx.units[k]) == "subject":
                people = [r for r in ctx.refs.get(k, []) if r.type == "PERSON"]
                if people:
                    self.last_person = people[-1]


def _resolve_anaphor(
    ctx: Context, text: str, at: int, track: _Tracker, lex: SpeechLexicon
) -> _Speaker | None:
    for a in lex.anaphors:
        if a.form not in text:
            continue
        if a.type == "PERSON":
            if track.last_quote and track.last_quote.type == "PERSON":
                return _Speaker(track.last_quote.entity, a.form, "PERSON")
            if track.last_person:
                return _Speaker(track.last_person.entity, a.form, "PERSON")
            return _Speaker(None, a.form, "PERSON")
        best: Ref | None = None
        for refs in ctx.refs.values():
            for r in refs:
                fits = r.end <= at and r.type == a.type and (a.suffix is None or r.text.endswith(a.suffix))
                if fits and (best is None or r.end > best.end):
                    best = r
        return _Speaker(best.entity if best else None, a.form, a.type)
    return None


def _subject_speaker(ctx: Context, j: int, within: range, track: _Tracker, lex: SpeechLexicon) -> _Speaker:
    u = ctx.units[j]
    text = ctx.body[u.start : u.end]
    ana = _resolve_anaphor(ctx, text, u.start, track, lex)
    if ana is not None:
        return ana
    refs = named_refs(ctx, j, within)
    if refs:
        people = [r for r in refs if r.type == "PERSON"]
        r = (people or refs)[-1]
        return _Speaker(r.entity, unit_span_text(ctx, j, within), r.type)
    return _Speaker(None, unit_span_text(ctx, j, within), None)


def _speaker(
    ctx: Context,
    v: int,
    content: range,
    start: int,
    within: range,
    si: int,
    track: _Tracker,
    lex: SpeechLexicon,
) -> _Speaker | None:
    us = ctx.units
    chain = [v]
    p = us[v].parent
    while p is not None and p in within and len(chain) < 6:
        if us[p].predicate:
            chain.append(p)
        p = us[p].parent
    for a in chain:
        for j in children(ctx, a, within):
            if j in content or role_of(us[j]) != "subject" or ctx.in_quote(us[j].start, us[j].end):
                continue
            return _subject_speaker(ctx, j, within, track, lex)
    # the parse lost the link (GiNZA splits sentences inside 「…。…」)
    if _continues(ctx, within, lex) and track.last_quote is not None and si - track.last_quote_sentence <= 2:
        return track.last_quote  # さらに、…と主張した: still the previous speaker
    before = [
        j
        for j in within
        if us[j].end <= start
        and j not in content
        and role_of(us[j]) == "subject"
        and us[j].suffix.endswith(("は", "が"))
        and not ctx.in_quote(us[j].start, us[j].end)
        and (
            named_refs(ctx, j, within)
            or _resolve_anaphor(ctx, ctx.body[us[j].start : us[j].end], 0, track, lex)
        )
    ]
    if before:
        # the sentence's topic (Xは、…「…」と述べた) before any other subject
        topics = [j for j in before if us[j].suffix.endswith("は")]
        pick = ([j for j in topics if us[j].comma] or topics or before[-1:])[0]
        return _subject_speaker(ctx, pick, within, track, lex)
    if track.last_quote is not None and si - track.last_quote_sentence <= 2:
        return track.last_quote
    if track.last_topic is not None:
        return track.last_topic
    return None


def _continues(ctx: Context, within: range, lex: SpeechLexicon) -> bool:
    if not within:
        return False
    start = ctx.units[within[0]].start
    return ctx.body.startswith(lex.continuation, start)


def extract_quotes(ctx: Context) -> tuple[Quote, ...]:
    lex = speech_lexicon()
    out: list[Quote] = []
    track = _Tracker()
    closes = {b: a for a, b in ctx.quoted}
    for si, span in enumerate(ctx.sentences):
        within = ctx.sentence_units(si)
        found: list[Quote] = []
        for k in within:
            u = ctx.units[k]
            text = ctx.body[u.start : u.end]
            quot = next((q for q in lex.quotative if u.suffix.endswith(q)), None)
            if quot is None or u.suffix.endswith("との"):
                continue
            q_at = u.start + text.rfind(quot)
            if q_at < span.start or q_at >= span.end:
                continue
            after_mark = q_at - 1 in closes and ctx.body[q_at - 1] in '」』”"'
            if not (after_mark or u.predicate):
                continue  # 北朝鮮とロシアは: と joins names, it quotes nothing
            v = _speech_predicate(ctx, k, within)
            if v is None:
                continue
            cue_text = ctx.body[q_at + len(quot) : min(ctx.units[v].end, span.end)].rstrip("。、")
            verb = _verb(lex, cue_text)
            if not verb or _PASSIVE.match(cue_text[cue_text.find(verb) + len(verb) :]):
                continue  # …と指摘されている: hearsay without a speaker, not a quote
            close = q_at - 1
            if after_mark:
                start, end, kind = closes[close], close, "direct"
                lead: int | None = None
                content = range(k, k + 1)
            else:
                kind = "indirect"
                members = _subtree(ctx, k, within)
                content = range(min(members), k + 1)
                first = min(members)
                while first < k and (
                    ctx.units[first].head_tag.startswith("接続詞")
                    or ctx.units[first].dep == "cc"
                    or ctx.units[first].parent == v
                ):
                    first += 1
                lead = _leading_speaker(ctx, first, k, within)
                if lead is not None:
                    first = lead + 1
                    content = range(first, k + 1)
                elif _continues(ctx, within, lex) and first > within[0]:
                    first = (
                        within[0] + 1
                    )  # さらに、|ロシアは…と主張した: the words start after the connective
                start, end = ctx.units[first].start, q_at
                if ctx.in_quote(start, end):
                    continue
            words = ctx.body[start:end].strip()
            if len(words) < 2:
                continue
            stance = _stance(lex, verb, ctx.body[start:end])
            if kind == "indirect" and lead is not None:
                spk: _Speaker | None = _subject_speaker(ctx, lead, within, track, lex)
            else:
                spk = _speaker(ctx, v, content, start, within, si, track, lex)
            found.append(
                Quote(
                    speaker=spk.entity if spk else None,
                    speaker_text=spk.text if spk else None,
                    text=ctx.body[start:end],
                    start=start,
                    end=end,
                    kind=kind,
                    cue=verb,
                    stance=stance,
                    sentence=si,
                )
            )
            if spk is not None:
                track.last_quote = spk
                track.last_quote_sentence = si
        out.extend(_outermost(found))
        track.note_subjects(ctx, within)
    return tuple(out)


def _leading_speaker(ctx: Context, first: int, k: int, within: range) -> int | None:
    """`Xは、…と述べた` parsed with X inside the clause: a topic with a comma that names
    someone (or is 同省, 彼 …) inside the words is the speaker, not the words."""
    for j in range(first, k):
        u = ctx.units[j]
        topic = u.suffix.endswith("は") and u.comma and role_of(u) == "subject"
        if topic and (named_refs(ctx, j, within) or ctx.body[u.start : u.end].startswith(("同", "彼"))):
            return j
    return None


def _subtree(ctx: Context, k: int, within: range) -> list[int]:
    members = [k]
    stack = [k]
    while stack:
        j = stack.pop()
        for c in children(ctx, j, within):
            members.append(c)
            stack.append(c)
    return members


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """A quote inside another (…と述べたと述べた) is kept only as part of the outer one,
    unless it is a direct quote."""
    keep: list[Quote] = []
    for q in quotes:
        inside = any(
            o is not q and o.start <= q.start and q.end <= o.end and (o.end - o.start) > (q.end - q.start)
            for o in quotes
        )
        if inside and q.kind == "indirect":
            continue
        keep.append(q)
    return keep
