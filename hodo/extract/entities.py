"""Entity mentions of one document, resolved to identities.

1. Gazetteer names found in the body (longest first) are mentions of known entities
   (Wikidata QIDs): high precision, one identity across the corpus by construction.
2. GiNZA's spans fill in the rest, repaired by general rules: titles and honorifics split
   from names (金正恩総書記, プーチン氏), a name glued to the organisation that follows it cut
   there (ジョン・カービーホワイトハウス…), places named after people retyped (金日成広場),
   wars typed as games retyped, labels mapped to contract types through a data table.
3. Within the document, mentions join: a reading in parentheses joins its kanji name
   (趙顕(チョ・ヒョン)); a surname or short form joins the one full name it abbreviates
   (プーチン, 崔氏, 金委員長), with the title deciding between people who share a surname
   (金正恩 / 金正日 / 金与正) through the gazetteer's offices at the document's date.
4. Ids: the gazetteer's (QID) for known entities, otherwise a hash of type and name key,
   so the same name gets the same id in every document; ambiguous short forms keep ids of
   their own rather than merge wrongly.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from hodo.extract.gazetteer import GazEntry, Gazetteer
from hodo.extract.names import has_kanji, is_katakana, katakana_parts, name_key, split_title, titles
from hodo.ids import stable_id
from hodo.models import Entity, Mention
from hodo.nlp.ginza import NerSpan
from hodo.resources import load_toml

_PARTICLE_INSIDE = re.compile(
    r"(?<=[\u3400-\u9fff\u30a1-\u30fa])[のはがをにでとや](?=[\u3400-\u9fff\u30a1-\u30fa])"
)
_TRAILING_PARTICLES = re.compile(r"[のはがをにでともへやらか]+$")
_KATA_CHAR = re.compile(r"[\u30a1-\u30fa\u30fc]")
_KANJI_CHAR = re.compile(r"[\u3400-\u9fff々]")
_READING = re.compile(r"\s*[(（]\s*([\u30a0-\u30ff・ー\s]{2,30})\s*[)）]")


@cache
def _label_types() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    data = load_toml("ginza_labels.toml")
    labels = {label: t for t, labs in data.items() if isinstance(labs, list) for label in labs}
    retype = {t: tuple(ws) for t, ws in data.get("retype", {}).items()}
    return labels, retype


_CONTAINERS = frozenset({"GPE", "LOC", "FAC", "ORG"})


def _named_container(text: str, inner: list[str]) -> bool:
    """Is a span around known names itself a name? It ends like one (…外務省, 東京都,
    日本列島, 日本テレビ) or puts a compass point before one (東日本); 北朝鮮核問題 and
    国連安全保障理事会決議 are phrases."""
    t = titles()
    suffixes = (*t.org_suffixes, *t.place_suffixes, "テレビ", "放送", "列島", "地方")
    if text.endswith(tuple(suffixes)) and not any(text.endswith(i) for i in inner):
        return True
    return len(inner) == 1 and text[0] in "東西南北" and text[1:] == inner[0]


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    type: str
    gaz: GazEntry | None = None
    title: str = ""
    """The title or honorific right after the name (総書記, 氏), if any."""
    group: int = -1


@dataclass
class _Group:
    mentions: list[_Mention] = field(default_factory=list)
    gaz: GazEntry | None = None
    type: str = "OTHER"

    @property
    def name(self) -> str:
        """The gazetteer's name; else the longest kanji form (a katakana reading is the
        kanji name's reading, and the kanji form is what other documents write)."""
        if self.gaz:
            return self.gaz.name
        texts = [m.text for m in self.mentions]
        kanji = [t for t in texts if has_kanji(t)]
        return max(kanji or texts, key=lambda t: (len(name_key(t)), t))


def _inside_katakana_word(body: str, s: int, e: int, gaz: Gazetteer) -> bool:
    """A katakana name inside a longer katakana word, unless what follows is another name
    or a title (`プーチンロシア大統領`, glued as Japanese writes foreign titles)."""
    if s > 0 and _KATA_CHAR.match(body[s - 1]):
        # `プーチンロシア大統領`, `カービーホワイトハウス…補佐官`: name, place and title glued
        after = re.split(r"[、。「」()（）\n]", body[e : e + 20])[0]
        return not any(w in after for w in titles().person_titles)
    if e < len(body) and _KATA_CHAR.match(body[e]):
        rest = body[e : e + 12]
        follows = rest.startswith(gaz.katakana_forms)
        return not (follows or any(rest.startswith(w) for w in titles().person_titles))
    return False


def _gazetteer_mentions(body: str, gaz: Gazetteer) -> list[_Mention]:
    if gaz.pattern is None:
        return []
    out = []
    for m in gaz.pattern.finditer(body):
        form = m.group(0)
        s, e = m.span()
        if is_katakana(form) and _inside_katakana_word(body, s, e, gaz):
            continue  # メルツ in メルツァー, シリア in アッシリア
        entry = gaz.by_form[form]
        out.append(_Mention(s, e, form, entry.type, gaz=entry))
    return out


def _title_after(body: str, end: int) -> str:
    t = titles()
    rest = body[end : end + 12]
    for w in (*t.person_titles, *t.honorifics):
        if rest.startswith(w):
            return w
    return ""


@cache
def _anaphor_forms() -> frozenset[str]:
    return frozenset(str(a["form"]) for a in load_toml("titles.toml").get("anaphor", []))


_CASE_AFTER = "はがのにをともへ"


def _contextual_abbrev(body: str, start: int, end: int, gaz: Gazetteer) -> _Mention | None:
    """北 alone is North Korea in a page that names 北朝鮮 and uses 北 as a noun of its own
    (北は, 北の外務省: preceded by no kanji, followed by a case particle) — the style of
    Korean outlets in translation. titles.toml `[[contextual_abbrev]]`."""
    text = body[start:end]
    for item in load_toml("titles.toml").get("contextual_abbrev", []):
        if text != item["char"]:
            continue
        entry = gaz.entries.get(item["id"])
        if entry is None or body[end : end + 1] == "" or body[end] not in _CASE_AFTER:
            return None
        if start > 0 and has_kanji(body[start - 1]):
            return None
        if any(a in body for a in (entry.name, *entry.aliases) if len(a) > 1):
            return _Mention(start, end, text, entry.type, gaz=entry)
    return None


def _from_ginza(span: NerSpan, body: str, gaz: Gazetteer) -> _Mention | None:
    labels, retype = _label_types()
    label = span.label
    start, end, text = span.start, span.end, span.text
    if text in titles().visit_nouns or text in _anaphor_forms():
        return None  # 訪朝: a visit (an event trigger); 同省, 彼: words referring back, not names
    short = _contextual_abbrev(body, start, end, gaz)
    if short is not None:
        return short
    if label == "Position_Vocation":
        # "persons typed as offices": プーチン大統領 labelled as a position
        name, title = split_title(text)
        if not title or len(name) < 2 or name in titles().person_titles:
            return None
        if not any(w in title for w in titles().person_titles):
            return None  # スタッフさん, エステさん: an honorific alone makes no name
        if not (is_katakana(name) or gaz.lookup(name, "PERSON")):
            return None  # 経済開発大臣, 財務長官: an office, not a name before a title
        end = start + len(name)
        text, label = name, "Person"
    type_ = labels.get(label)
    if type_ is None:
        return None
    # trailing particles and titles off the end
    stripped = _TRAILING_PARTICLES.sub("", text) if type_ != "PERSON" else text
    end -= len(text) - len(stripped)
    text = stripped
    if type_ == "PERSON" and has_kanji(text) and not _title_after(body, end):
        # GiNZA cuts three-character Korean names (朴成|民議員, 崔善|姫外相): extend by up to
        # two kanji when a title or honorific starts right after them
        for extra in (1, 2):
            tail = body[end : end + extra]
            suffix = any(tail.startswith(x) for x in (*titles().place_suffixes, *titles().org_suffixes))
            if (
                len(text) + extra <= 4
                and re.fullmatch(r"[\u4e00-\u9fff]+", tail)
                and not suffix  # 高知|県知事 is a prefecture's governor, not a name
                and _title_after(body, end + extra)
            ):
                end += extra
                text = body[start:end]
                break
    if type_ == "PERSON":
        name, _title = split_title(text)
        end -= len(text) - len(name)
        text = name
        # a name glued to the organisation or title after it: cut where a known form starts
        for i in range(2, len(text) - 1):
            tail = text[i:]
            starts_other = (len(tail) >= 3 and gaz.lookup(tail)) or any(
                tail.startswith(w) for w in titles().person_titles
            )
            if starts_other and text[i - 1] not in "・":
                end = start + i
                text = text[:i]
                break
    for new_type, words in retype.items():
        if any(text.endswith(w) for w in words) and type_ in ("PERSON", "EVENT", "ORG", "OTHER"):
            type_ = new_type
            break
    if not text or (len(text) < 2 and not has_kanji(text)):
        return None
    if _PARTICLE_INSIDE.search(text) and type_ != "EVENT":
        return None  # a phrase (安保理の常任理事国), not a name; 茂森あゆみ, わらび座 are names
    if text in titles().person_titles or text in titles().honorifics:
        return None
    return _Mention(start, end, text, type_)


# `李在明(イ・ジェミョン)`: kanji followed by a katakana reading with a ・ between surname and
# given name is a person's name in Japanese news (place readings have no ・).
_KATA = r"[\u30a1-\u30fa\u30fc]"
_NAME_WITH_READING = re.compile(rf"([\u4e00-\u9fff]{{2,4}})\s*[(（]\s*({_KATA}+・{_KATA}+)\s*[)）]")
# `マリア・ザハロワ`, `オレグ・ ブルミストロフ`: katakana given name and surname
_KATAKANA_FULL_NAME = re.compile(rf"{_KATA}{{2,}}(?:[・･]\s?{_KATA}{{2,}})+")


def _pattern_mentions(body: str, taken: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Person names the shape of the text shows, whatever the model says: a kanji name with
    its reading, and a katakana full name next to a person title (`…外務省特任大使`,
    `国務長官のアントニー・ブリンケン`)."""
    t = titles()
    out: list[_Mention] = []

    def add(m: _Mention) -> None:
        if not any(_overlaps(m, x) for x in (*taken, *out)):
            out.append(m)

    for r in _NAME_WITH_READING.finditer(body):
        add(_Mention(r.start(1), r.end(1), r.group(1), "PERSON"))
        add(_Mention(r.start(2), r.end(2), r.group(2), "PERSON"))
    for k in _KATAKANA_FULL_NAME.finditer(body):
        after = re.split(r"[、。「」()（）\n]", body[k.end() : k.end() + 24])[0]
        before = body[max(0, k.start() - 12) : k.start()]
        titled = any(w in after for w in t.person_titles) or (
            before.endswith("の") and any(before[:-1].endswith(w) for w in t.person_titles)
        )
        if titled:
            name = k.group(0)
            last = katakana_parts(name)[-1]
            for f in gaz.katakana_forms:
                if last.endswith(f) and len(last) > len(f):
                    name = name[: -len(f)]  # ウラジミール・プーチン|ロシア大統領
                    break
            add(_Mention(k.start(), k.start() + len(name), name, "PERSON"))
    return out


def _office_mentions(body: str, taken: list[_Mention], gaz: Gazetteer, date: str | None) -> list[_Mention]:
    """`ロシアの国防相は…` with no name after the title: the person who held that office at
    the document's date, when the gazetteer knows exactly one (never without a date)."""
    if date is None:
        return []
    out = []
    for m in taken:
        if m.gaz is None or m.type != "GPE":
            continue
        rest = body[m.end : m.end + 14]
        lead = 1 if rest.startswith("の") else 0
        for w in titles().person_titles:
            if not rest.startswith(w, lead):
                continue
            end = m.end + lead + len(w)
            nxt = body[end : end + 1]
            if nxt and nxt not in "はがもとにをの、。":
                break  # a name follows: the name is the mention
            holders = gaz.holder_by_title(w, date, of=m.gaz.id)
            if len(holders) == 1:
                out.append(_Mention(m.end + lead, end, w, "PERSON", gaz=holders[0]))
            break
    return out


def _overlaps(a: _Mention, b: _Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _collect(body: str, spans: Sequence[NerSpan], gaz: Gazetteer, date: str | None) -> list[_Mention]:
    mentions = _gazetteer_mentions(body, gaz)
    mentions += _office_mentions(body, mentions, gaz, date)
    for m in _pattern_mentions(body, mentions, gaz):
        known = gaz.lookup(m.text, m.type)
        if known:
            m.gaz, m.type = known, known.type
        mentions.append(m)
    for sp in spans:
        g = _from_ginza(sp, body, gaz)
        if g is None:
            continue
        inner = [x for x in mentions if _overlaps(g, x)]
        # a longer place or organisation name around a known name wins: 東日本, 日本列島,
        # 日本テレビ, ロシア外務省 (the state inside stays recoverable through the name)
        if (
            inner
            and g.type in _CONTAINERS
            and all(x.gaz is not None and g.start <= x.start and x.end <= g.end for x in inner)
            and all((x.end - x.start) < (g.end - g.start) for x in inner)
            and not gaz.lookup(g.text)
            and _named_container(g.text, [x.text for x in inner])
        ):
            mentions = [x for x in mentions if not any(x is y for y in inner)]
        elif inner:
            continue
        known = gaz.lookup(g.text, g.type)
        if known:
            g.gaz, g.type = known, known.type
        mentions.append(g)
    mentions.sort(key=lambda m: (m.start, -m.end))
    for m in mentions:
        if m.type == "PERSON":
            m.title = _title_after(body, m.end)
    return mentions


def _surname_candidates(short: str, fulls: list[_Group]) -> list[_Group]:
    """Full-name groups that `short` abbreviates: the last katakana part (プーチン of
    ウラジーミル・プーチン), or the leading kanji of a kanji name (金 of 金正恩, 崔 of 崔善姫)."""
    out = []
    for g in fulls:
        for m in g.mentions:
            if is_katakana(short) and is_katakana(m.text):
                parts = katakana_parts(m.text)
                if len(parts) > 1 and name_key(parts[-1]) == name_key(short):
                    out.append(g)
                    break
            elif (
                has_kanji(short)
                and has_kanji(m.text)
                and len(m.text) > len(short)
                and m.text.startswith(short)
            ):
                out.append(g)
                break
    return out


def _by_office(cands: list[_Group], title: str, date: str | None, gaz: Gazetteer) -> list[_Group]:
    """The candidates who held the office `title` names at the document's date."""
    if not title:
        return []
    holders = {e.id for e in gaz.holder_by_title(title, date)}
    return [g for g in cands if g.gaz and g.gaz.id in holders]


def _resolve(mentions: list[_Mention], body: str, gaz: Gazetteer, date: str | None) -> list[_Group]:
    groups: list[_Group] = []
    by_gaz: dict[str, int] = {}
    by_key: dict[tuple[str, str], int] = {}

    def join(m: _Mention, gi: int) -> None:
        m.group = gi
        groups[gi].mentions.append(m)

    def new(m: _Mention) -> int:
        groups.append(_Group(gaz=m.gaz, type=m.type))
        gi = len(groups) - 1
        join(m, gi)
        if m.gaz:
            by_gaz[m.gaz.id] = gi
        by_key[(m.type, name_key(m.text))] = gi
        return gi

    # readings in parentheses: 趙顕(チョ・ヒョン) — the katakana mention joins the kanji one
    reading_of: dict[int, _Mention] = {}
    for a in mentions:
        r = _READING.match(body, a.end)
        if r and has_kanji(a.text):
            for b in mentions:
                if b.start >= r.start(1) and b.end <= r.end(1) + 1 and b is not a:
                    reading_of[id(b)] = a
                    if a.gaz is None and b.gaz is not None:
                        a.gaz, a.type = b.gaz, b.gaz.type

    heads = {id(a) for a in reading_of.values()}

    # full forms first, short forms after, so a short form can find its full name
    def is_short(m: _Mention) -> bool:
        if m.gaz is not None or m.type != "PERSON" or id(m) in heads:
            return False  # a name given with its reading is a full name (趙顕(チョ・ヒョン))
        return (is_katakana(m.text) and len(katakana_parts(m.text)) == 1) or (
            has_kanji(m.text) and len(m.text) <= 2
        )

    order = sorted(mentions, key=lambda m: (is_short(m), m.start))
    for m in order:
        if id(m) in reading_of:
            head = reading_of[id(m)]
            if head.group >= 0:
                join(m, head.group)
                continue
        if m.gaz is not None:
            gi = by_gaz.get(m.gaz.id)
            join(m, gi) if gi is not None else new(m)
            continue
        key = (m.type, name_key(m.text))
        if key in by_key and not is_short(m):
            join(m, by_key[key])
            continue
        if is_short(m):  # each short form is resolved on its own: 金総書記 and 金与正氏 differ
            fulls = [g for g in groups if g.type == "PERSON"]
            cands = _surname_candidates(m.text, fulls)
            if len(cands) > 1:
                cands = _by_office(cands, m.title, date, gaz) or cands
            if len(cands) > 1 and m.title:
                # 金委員長 after 金正恩委員長: the one written with the same title
                cands = [g for g in cands if any(x.title == m.title for x in g.mentions)] or cands
            if len(cands) > 1:
                # the most mentioned full name with this surname, when it clearly dominates
                counts = Counter({i: len(g.mentions) for i, g in enumerate(groups) if g in cands})
                (top, n1), *rest = counts.most_common()
                if rest and n1 > 2 * rest[0][1]:
                    cands = [groups[top]]
            if len(cands) == 1:
                join(m, groups.index(cands[0]))
                continue
            if not cands and m.title:
                # 金委員長 with no full name in the document: the office holder, if one
                holders = [e for e in gaz.holder_by_title(m.title, date) if e.name.startswith(m.text)]
                if len(holders) == 1:
                    m.gaz = holders[0]
                    gi = by_gaz.get(holders[0].id)
                    join(m, gi) if gi is not None else new(m)
                    continue
            if key in by_key:
                join(m, by_key[key])
                continue
        new(m)
    return groups


def _propagate(body: str, groups: list[_Group]) -> None:
    """Occurrences the model missed of forms the document already uses for an entity: its
    mention texts, and a katakana full name's surname when no other entity shares it."""
    taken = [(m.start, m.end) for g in groups for m in g.mentions]
    surnames: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        if g.type == "PERSON":
            for m in g.mentions:
                parts = katakana_parts(m.text) if is_katakana(m.text) else []
                if len(parts) > 1 and gi not in surnames[parts[-1]]:
                    surnames[parts[-1]].append(gi)
    forms: dict[str, int] = {}
    for gi, g in enumerate(groups):
        for m in g.mentions:
            if len(m.text) >= 2:
                forms.setdefault(m.text, gi)
    for s, gis in surnames.items():
        if len(gis) == 1 and len(s) >= 3:
            forms.setdefault(s, gis[0])
    for form, gi in sorted(forms.items(), key=lambda f: -len(f[0])):
        start = body.find(form)
        while start >= 0:
            end = start + len(form)
            free = all(end <= a or start >= b for a, b in taken)
            kata = is_katakana(form) and (
                (start > 0 and _KATA_CHAR.match(body[start - 1]))
                or (end < len(body) and _KATA_CHAR.match(body[end]))
            )
            # a kanji form inside a longer kanji word (児童 in 東亜児童大会) is another word
            inside = has_kanji(form) and (
                (start > 0 and _KANJI_CHAR.match(body[start - 1]))
                or (end < len(body) and _KANJI_CHAR.match(body[end]) and not _title_after(body, end))
            )
            if free and not kata and not inside:
                g = groups[gi]
                g.mentions.append(_Mention(start, end, form, g.type, gaz=g.gaz, group=gi))
                taken.append((start, end))
            start = body.find(form, start + 1)


def _entity_id(g: _Group) -> str:
    if g.gaz:
        return g.gaz.entity_id
    return stable_id("ent", g.type, name_key(g.name))


def extract_entities(
    body: str, spans: Sequence[NerSpan], gaz: Gazetteer, date: str | None = None
) -> tuple[Entity, ...]:
    """The document's entities with their mentions (offsets into `body`)."""
    mentions = _collect(body, spans, gaz, date)
    groups = _resolve(mentions, body, gaz, date)
    _propagate(body, groups)
    merged: dict[str, tuple[_Group, list[_Mention]]] = {}
    for g in groups:
        eid = _entity_id(g)
        if eid in merged:
            merged[eid][1].extend(g.mentions)
        else:
            merged[eid] = (g, list(g.mentions))
    out = []
    for eid, (g, ms) in merged.items():
        ms.sort(key=lambda m: m.start)
        types = Counter(m.type for m in ms)
        out.append(
            Entity(
                id=eid,
                name=g.name,
                type=g.gaz.type if g.gaz else types.most_common(1)[0][0],
                mentions=tuple(Mention(m.start, m.end, body[m.start : m.end]) for m in ms),
                wikidata=g.gaz.qid if g.gaz else None,
            )
        )
    out.sort(key=lambda e: e.mentions[0].start)
    return tuple(out)
