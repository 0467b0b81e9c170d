"""PLOVER events from Japanese sentences: trigger lexicon + case particles + clause tree.

For each trigger (hodo/data/events.toml: verbs, light-verb nouns, 訪朝-style visit nouns)
the event's arguments are the bunsetu units whose nearest predicate-or-trigger ancestor is
the trigger (or the light verb it is the object of: 会談を|開き): their particles give the
role (が/は → actor, に/へ → recipient, と → partner, で → place, の on an event noun →
actor). A missing subject is inherited from the governing clause, a preceding chained
clause, or the previous sentence's topic. Time is the date expression in the clause;
status comes from the words after the trigger and above it (hodo/data/events.toml
`[[status]]`), corrected by the time against the publication date.

Pure: (body, sentences, entities, timexes, tokens, date) → events. Rules are data;
this module holds only the procedure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from hodo.extract.clauses import (
    ACTOR_TYPES,
    PLACE_TYPES,
    Context,
    Ref,
    children,
    named_refs,
    phrase_refs,
    role_of,
    unit_span_text,
)
from hodo.extract.gazetteer import GazEntry, Gazetteer
from hodo.extract.names import titles
from hodo.ids import stable_id
from hodo.models import Event, Span, Timex, When
from hodo.nlp.syntax import ancestors, unit_at
from hodo.resources import load_toml

# A date expression followed by these is a reference point, not the event's time
# (2000年以来24年ぶり, 昨年9月以降).
_REFERENCE_AFTER = ("以来", "以降", "ぶり", "振り")
_PAST = re.compile(r"(た|だ)(と|という|とされ|との|こと|ことが|ことで|もの|が|。|$)|ていた|た$")
# Speech acts that are also events (plover.md): saying them is doing them.
SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT"})
_PROGRESSIVE = re.compile(r"て(いる|おり|い)|でいる")


@dataclass(frozen=True)
class TriggerRule:
    type: str
    mode: str | None
    meet: bool
    goal_in_compound: bool
    not_before: tuple[str, ...]
    goal: str | None = None
    """Gazetteer id of the place a visit noun names (訪朝 → north-korea)."""


@dataclass(frozen=True)
class StatusRule:
    status: str
    where: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    rules: dict[str, TriggerRule]
    pattern: re.Pattern[str]
    status: tuple[StatusRule, ...]
    light_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    intention_nouns: dict[str, str]
    source_markers: tuple[str, ...]


@cache
def lexicon() -> Lexicon:
    data: dict[str, Any] = load_toml("events.toml")
    rules: dict[str, TriggerRule] = {}
    for t in data["trigger"]:
        rule = TriggerRule(
            type=t["type"],
            mode=t.get("mode"),
            meet=bool(t.get("meet", False)),
            goal_in_compound=bool(t.get("goal_in_compound", False)),
            not_before=tuple(t.get("not_before", ())),
        )
        for form in t["forms"]:
            rules.setdefault(form, rule)
    for noun, gid in titles().visit_nouns.items():
        rules[noun] = TriggerRule("CONSULT", "visit", False, True, (), goal=gid)
    forms = sorted(rules, key=len, reverse=True)
    syntax = data["syntax"]
    return Lexicon(
        rules=rules,
        pattern=re.compile("|".join(re.escape(f) for f in forms)),
        status=tuple(StatusRule(s["status"], s["where"], re.compile(s["pattern"])) for s in data["status"]),
        light_verbs=frozenset(syntax["light_verbs"]),
        receive_verbs=frozenset(syntax["receive_verbs"]),
        intention_nouns=dict(syntax["intention_nouns"]),
        source_markers=tuple(data["attribution"]["source_markers"]),
    )


@dataclass
class _Found:
    start: int
    end: int
    rule: TriggerRule
    k: int


def _triggers(ctx: Context, si: int, lex: Lexicon) -> list[_Found]:
    s = ctx.sentences[si]
    out: list[_Found] = []
    for m in lex.pattern.finditer(ctx.body, s.start, s.end):
        rule = lex.rules[m.group()]
        after = ctx.body[m.end() : m.end() + 4]
        if any(after.startswith(x) for x in rule.not_before):
            continue
        if ctx.in_quote(m.start(), m.end()):
            continue
        k = unit_at(ctx.units, m.end() - 1)
        if k is None:
            continue
        out.append(_Found(m.start(), m.end(), rule, k))
    return out


def _usable_time(ctx: Context, t: Timex) -> bool:
    after = ctx.body[t.end : t.end + 2]
    return not any(after.startswith(x) for x in _REFERENCE_AFTER)


def _time_of(ctx: Context, units: list[int], before: int) -> Timex | None:
    """The date expression of these units nearest before offset `before` (else the first after)."""
    cands = [t for k in units for t in ctx.times.get(k, []) if _usable_time(ctx, t)]
    if not cands:
        return None
    prior = [t for t in cands if t.end <= before]
    if prior:
        return max(prior, key=lambda t: t.end)
    return min(cands, key=lambda t: t.start)


def _cmp(a: str, b: str) -> int:
    """Compare ISO prefixes at the coarser precision: -1, 0 (overlap), 1."""
    n = min(len(a), len(b), 10)
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


class _Sentence:
    """One sentence's units, anchors (predicates and trigger units) and helpers."""

    def __init__(self, ctx: Context, si: int, trigger_units: set[int]) -> None:
        self.ctx = ctx
        self.span = ctx.sentences[si]
        self.within = ctx.sentence_units(si)
        self.triggers = trigger_units
        self.anchors = {k for k in self.within if ctx.units[k].predicate} | trigger_units

    def parent(self, k: int) -> int | None:
        p = self.ctx.units[k].parent
        return p if p is not None and p in self.within else None

    def anchor_of(self, k: int) -> int | None:
        p = self.parent(k)
        seen = 0
        while p is not None and p not in self.anchors and seen < 50:
            p = self.parent(p)
            seen += 1
        return p

    def attached(self, group: set[int]) -> list[int]:
        ctx = self.ctx
        return [
            j
            for j in self.within
            if j not in group
            and self.anchor_of(j) in group
            and not ctx.in_quote(ctx.units[j].content_start, ctx.units[j].end)
        ]

    def top_below(self, j: int, group: set[int]) -> int:
        """The unit on j's path that depends directly on the group."""
        k = j
        seen = 0
        while True:
            p = self.parent(k)
            if p is None or p in group or seen > 50:
                return k
            k = p
            seen += 1

    def subjects(self, a: int) -> list[Ref]:
        ctx = self.ctx
        out: list[Ref] = []
        for j in children(ctx, a, self.within):
            if role_of(ctx.units[j]) == "subject" and not ctx.in_quote(ctx.units[j].start, ctx.units[j].end):
                out.extend(named_refs(ctx, j, self.within))
        return out


def _entity_for_gid(gaz: Gazetteer, gid: str, present: set[str]) -> str | None:
    entry = gaz.entries.get(gid)
    if entry is None:
        return None
    eid = entry.entity_id
    return eid if eid in present else None


def _dedupe(xs: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(xs))


def _status(
    lex: Lexicon,
    own: str,
    governor: str,
    nominal: bool,
    when: When | None,
    published: str | None,
    speech: bool,
) -> str:
    status: str | None = None
    for rule in lex.status:
        text = own if rule.where == "own" else governor
        if rule.pattern.search(text):
            status = rule.status
            break
    if status is None:
        if (
            nominal or not own.strip("。、 ") or _PAST.search(own) or _PROGRESSIVE.search(own)
        ):  # a noun ends the sentence (…協定に署名。)
            status = "occurred"
        else:
            status = "planned"
    if speech and status == "planned" and not re.match(r"^[^、。]{0,4}(予定|方針|計画|意向)", own):
        status = "occurred"  # 支持すると宣言した, 非難する声明: the speech act is done
    if when is not None and published and status in ("planned", "occurred"):
        last = when.end_value or when.value
        if status == "planned" and _cmp(last, published) < 0:
            status = "occurred"
        elif status == "occurred" and _cmp(when.value, published) > 0:
            status = "planned"
    return status


def extract_events(
    doc_id: str,
    body: str,
    ctx: Context,
    gaz: Gazetteer,
    published: str | None,
) -> tuple[Event, ...]:
    """Events of one document (see the module docstring)."""
    lex = lexicon()
    present = set(ctx.entity_type)
    events: list[Event] = []
    prev_topic: list[Ref] = []
    for si, span in enumerate(ctx.sentences):
        found = _triggers(ctx, si, lex)
        sent = _Sentence(ctx, si, {f.k for f in found})
        reported = _reported_by(ctx, sent, lex)
        if si and "\n" in ctx.body[ctx.sentences[si - 1].end : span.start]:
            prev_topic = []  # a dropped subject is recovered within a paragraph only
        for f in found:
            events.extend(
                _event(doc_id, ctx, sent, f, si, lex, gaz, present, published, prev_topic, reported)
            )
        prev_topic = _topic(sent) or (prev_topic if not _has_subject(sent) else [])
    by_entity = {g.entity_id: g for g in gaz.entries.values()}
    return tuple(_dated_by_known_event(e, gaz, by_entity, published) for e in events)


def _months(iso: str) -> int:
    return int(iso[:4]) * 12 + (int(iso[5:7]) - 1 if len(iso) >= 7 else 0)


def _dated_by_known_event(
    e: Event, gaz: Gazetteer, by_entity: dict[str, GazEntry], published: str | None
) -> Event:
    """An untimed event that matches one dated event of the gazetteer (its trigger word,
    every participant among the event's actors, recipients and place, or led by one of
    them at the time) reported within two months of it takes that date: 「最近行った首脳会談」
    in a page of 2024-06-19 is the summit of 2024-06-19. Planned events only take a date
    still ahead."""
    if e.time is not None or not published or e.status not in ("occurred", "planned"):
        return e
    ids = set(e.actors) | set(e.recipients) | ({e.place} if e.place else set())

    def present(pid: str, date: str) -> bool:
        entry = gaz.entries.get(pid)
        if entry is not None and entry.entity_id in ids:
            return True
        return any(
            o.of == pid and _overlap(date, o.start, o.end)
            for i in ids
            if i in by_entity
            for o in by_entity[i].offices
        )

    hits = []
    for ge in gaz.dated_events():
        if ge.date is None or not any(w in e.trigger.text for w in ge.triggers):
            continue
        gap = _months(published) - _months(ge.date)
        if not (0 <= gap <= 2 if e.status == "occurred" else -1 <= gap <= 0):
            continue
        if ge.participants and all(present(p, ge.date) for p in ge.participants):
            hits.append(ge)
    if len(hits) != 1 or hits[0].date is None:
        return e
    return replace(e, time=When(hits[0].date, hits[0].end))


def _overlap(date: str, start: str, end: str) -> bool:
    return (not start or date + "\uffff" >= start) and (not end or date <= end + "\uffff")


def _topic(sent: _Sentence) -> list[Ref]:
    """The は-topic of the sentence's main predicate (the next sentence may drop it)."""
    ctx = sent.ctx
    out: list[Ref] = []
    for r in (k for k in sent.within if sent.parent(k) is None):
        for j in children(ctx, r, sent.within):
            u = ctx.units[j]
            if u.suffix.endswith("は") and role_of(u) == "subject" and not ctx.in_quote(u.start, u.end):
                out.extend(phrase_refs(ctx, j, sent.within))
    return out


def _has_subject(sent: _Sentence) -> bool:
    """Whether the sentence names a subject of its own (昨年は, a time topic, does not)."""
    ctx = sent.ctx
    return any(
        role_of(ctx.units[k]) == "subject"
        and not ctx.in_quote(ctx.units[k].start, ctx.units[k].end)
        and named_refs(ctx, k, sent.within)
        for k in sent.within
    )


def _reported_by(ctx: Context, sent: _Sentence, lex: Lexicon) -> list[str]:
    """`NAMEによると` / `NAMEによれば` in the sentence: entity ids, else the words."""
    out: list[str] = []
    for k in sent.within:
        u = ctx.units[k]
        text = ctx.body[u.start : u.end]
        if any(m in text for m in lex.source_markers):
            refs = [r for r in ctx.refs.get(k, []) if r.type in ACTOR_TYPES]
            if refs:
                out.extend(r.entity for r in refs)
            else:
                name = unit_span_text(ctx, k, sent.within).strip("「」『』")
                if name:
                    out.append(name)
    return out


def _event(
    doc_id: str,
    ctx: Context,
    sent: _Sentence,
    f: _Found,
    si: int,
    lex: Lexicon,
    gaz: Gazetteer,
    present: set[str],
    published: str | None,
    prev_topic: list[Ref],
    reported: list[str],
) -> list[Event]:
    us = ctx.units
    rule = f.rule
    t_unit = us[f.k]
    nominal = not t_unit.predicate
    group = {f.k}
    light: int | None = None
    parent = sent.parent(f.k)
    receive = False
    passive_light = False  # 会談が行われた: the event noun is the subject of the light verb
    if parent is not None:
        pu = us[parent]
        light_lemma = pu.head_lemma in lex.light_verbs or pu.head_text in lex.light_verbs
        if role_of(t_unit) == "object" and light_lemma:
            light = parent
        elif role_of(t_unit) == "object" and pu.head_lemma in lex.receive_verbs and pu.suffix != "て":
            # 支援を受ける: received; but 派兵を受けて (in the wake of) is no receiving
            light = parent
            receive = True
        elif role_of(t_unit) == "subject" and light_lemma and t_unit.suffix in ("が", "も"):
            light = parent
            passive_light = True
    if light is not None:
        group.add(light)
        nominal = passive_light
    # 行われた会談 / 開かれた首脳会談: the relative clause's arguments are the event's
    for j in children(ctx, f.k, sent.within):
        if us[j].predicate and us[j].start < t_unit.start and us[j].head_lemma in lex.light_verbs:
            group.add(j)
    intention = None
    if parent is not None and t_unit.suffix == "の" and us[parent].head_text in lex.intention_nouns:
        intention = lex.intention_nouns[us[parent].head_text]

    actors: list[str] = []
    recipients: list[str] = []
    sources: list[str] = []
    place: str | None = None
    has_subject = False
    for j in sent.attached(group):
        u = us[j]
        r = role_of(u)
        top = sent.top_below(j, group)
        if top != j:
            rt = role_of(us[top])
            if r is None and (u.comma or u.suffix in ("", "や", "及び")):
                r = rt
            elif r == "of":
                continue  # modifies another noun: its names come in through phrase_refs(top)
            elif r == "with" and rt not in ("subject", "with", "goal", "agent"):
                pass
            elif r not in ("with",):
                continue
        if r is None:
            continue
        if r in ("subject", "agent"):
            refs = (
                named_refs(ctx, j, sent.within)
                if top == j
                else [x for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES]
            )
            has_subject = has_subject or bool(refs)  # 昨年は is a time topic, not a subject
            (recipients if receive else actors).extend(x.entity for x in refs)
        elif r == "of":
            if (light is None or passive_light) and j in children(ctx, f.k, sent.within):
                actors.extend(x.entity for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES)
        elif r == "goal":
            recipients.extend(x.entity for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES)
        elif r == "with":
            partners = [x.entity for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES]
            (actors if rule.meet else recipients).extend(partners)
        elif r == "object":
            named = [x for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES]
            if not named and rule.type not in ("AID", "MOBILIZE", "ASSAULT", "AGREE"):
                named = phrase_refs(ctx, j, sent.within)
            recipients.extend(x.entity for x in named)
            if rule.mode == "visit" and place is None:
                places = [x for x in ctx.refs.get(j, []) if x.type in PLACE_TYPES]
                if places:
                    place = places[0].entity
        elif r == "place":
            places = [x for x in ctx.refs.get(j, []) if x.type in PLACE_TYPES]
            if places and place is None:
                place = places[0].entity
        elif r == "source":
            sources.extend(x.entity for x in ctx.refs.get(j, []) if x.type in ACTOR_TYPES)
    if receive:
        actors.extend(sources)
    # names inside the trigger's own word: 平壌訪問, ロシア派兵, 北朝鮮・ロシア首脳会談
    for x in ctx.refs.get(f.k, []):
        if x.end <= f.start and x.type in ACTOR_TYPES | PLACE_TYPES:
            if rule.goal_in_compound and x.type != "PERSON":
                recipients.append(x.entity)
            elif rule.meet and x.type in ACTOR_TYPES:
                actors.append(x.entity)
    if rule.goal:
        eid = _entity_for_gid(gaz, rule.goal, present)
        if eid:
            recipients.append(eid)

    circumstantial = nominal and role_of(t_unit) == "place"  # 前回訪朝で…会談した
    if not has_subject and not receive and (not nominal or intention or (circumstantial and not actors)):
        actors = _inherited(ctx, sent, f.k, light, group) + actors
        if not actors and prev_topic and not intention and not _has_subject(sent):
            actors = [x.entity for x in prev_topic]
    actors_t = _dedupe(actors)
    recipients_t = tuple(x for x in _dedupe(recipients) if x not in actors_t)
    if not actors_t:
        return []

    # time
    arg_units = [j for j in sent.attached(group)] + sorted(group)
    tx = _time_of(ctx, arg_units, f.start)
    if tx is None:
        tx = _fallback_time(ctx, sent, f, group, nominal)
    when = When(tx.value, tx.end_value) if tx is not None and tx.value else None

    # status
    own_unit = light if light is not None else f.k
    for g in group:
        if us[g].end > us[own_unit].end and g != f.k:
            own_unit = g
    own_end = min(us[own_unit].end, sent.span.end)
    own = ctx.body[f.end : own_end]
    chain = ancestors(us, own_unit, sent.span.start, sent.span.end)
    k_end = own_unit
    for a in chain:  # chained continuative clauses share their governor's tense
        if us[k_end].continuative:
            own += ctx.body[us[k_end].end : us[a].end]
            k_end = a
        else:
            break
    gov_units = [a for a in ancestors(us, k_end, sent.span.start, sent.span.end)]
    tail = us[k_end].suffix
    governor = tail + "".join(ctx.body[us[a].start : us[a].end] for a in gov_units)
    if intention:
        governor = us[parent].head_text + governor if parent is not None else governor
    status = _status(
        lex, own, governor, nominal and not intention, when, published, rule.type in SPEECH_TYPES
    )
    reported_by = list(reported)
    if status in ("alleged", "denied"):
        for a in gov_units:
            refs = sent.subjects(a)
            if refs:
                reported_by.extend(x.entity for x in refs)
                break
    trigger = Span(f.start, f.end, ctx.body[f.start : f.end])
    out = [
        Event(
            id=stable_id("ev", doc_id, str(f.start), str(f.end), rule.type),
            type=rule.type,
            actors=actors_t,
            recipients=recipients_t,
            place=place,
            time=when,
            status=status,
            sentence=si,
            trigger=trigger,
            mode=rule.mode,
            reported_by=_dedupe(reported_by),
        )
    ]
    prior = _prior_time(ctx, sent, f, nominal)
    if prior is not None and prior.value:
        # the earlier event the sentence presupposes: same act and participants, at T
        earlier = replace(
            out[0],
            id=stable_id("ev", doc_id, str(f.start), str(f.end), rule.type, "prior"),
            place=None,
            time=When(prior.value, prior.end_value),
            status="occurred",
            reported_by=_dedupe(reported),
        )
        out.insert(0, earlier)
    return out


def _inherited(ctx: Context, sent: _Sentence, k: int, light: int | None, group: set[int]) -> list[str]:
    """Actors for a trigger without a subject: the subject of a chained clause before it,
    else of the clauses above it."""
    us = ctx.units
    base = light if light is not None else k
    for j in children(ctx, base, sent.within):
        if us[j].start < us[base].start and us[j].continuative and j not in group:
            refs = sent.subjects(j)
            if refs:
                return [x.entity for x in refs]
    for a in ancestors(us, base, sent.span.start, sent.span.end):
        if a not in sent.anchors:
            continue
        refs = sent.subjects(a)
        if refs:
            return [x.entity for x in refs]
        for j in children(ctx, a, sent.within):
            if us[j].start < us[a].start and us[j].continuative and j not in group:
                refs = sent.subjects(j)
                if refs:
                    return [x.entity for x in refs]
    return []


def _fallback_time(ctx: Context, sent: _Sentence, f: _Found, group: set[int], nominal: bool) -> Timex | None:
    us = ctx.units
    if nominal:
        # the date of the clause the event noun sits in, up to two clauses up, not
        # crossing another event (ロシアの拒否権によって活動できなくなった ← 24年4月)
        a = sent.anchor_of(f.k)
        for _ in range(2):
            if a is None or a in group or a in sent.triggers:
                return None
            cands = [j for j in sent.within if sent.anchor_of(j) == a or j == a]
            t = _time_of(ctx, cands, f.start)
            if t is not None:
                return t
            a = sent.anchor_of(a)
        return None
    base = max(group, key=lambda g: us[g].end)
    # 前回訪朝で…会談した: the date of an event named as the circumstance
    for j in sent.attached(group):
        if j in sent.anchors and not us[j].predicate and role_of(us[j]) == "place":
            t = _time_of(ctx, [x for x in sent.within if sent.anchor_of(x) == j] + [j], us[j].end)
            if t is not None:
                return t
    # a date before the trigger in a chained clause (2024年6月に、…会談し、…署名)
    for j in children(ctx, base, sent.within):
        if us[j].continuative and us[j].start < f.start and j not in group:
            cands = [x for x in sent.within if sent.anchor_of(x) == j]
            t = _time_of(ctx, cands, f.start)
            if t is not None:
                return t
    if us[base].continuative:
        a = sent.anchor_of(base)
        if a is not None:
            cands = [x for x in sent.within if sent.anchor_of(x) == a and us[x].end <= f.start]
            return _time_of(ctx, cands, f.start)
    return None


def _prior_time(ctx: Context, sent: _Sentence, f: _Found, nominal: bool) -> Timex | None:
    """`AのX は T以来/以降 N年ぶり`: the sentence presupposes an earlier X at T."""
    if not nominal:
        return None
    a = sent.anchor_of(f.k)
    if a is None:
        return None
    scope = ctx.body[f.end : sent.span.end]
    if "ぶり" not in scope and "振り" not in scope:
        return None
    for j in sent.within:
        if sent.anchor_of(j) != a and j != a:
            continue
        for t in ctx.times.get(j, []):
            if ctx.body[t.end : t.end + 2] in ("以来", "以降") and t.start > f.end:
                return t
    return None
