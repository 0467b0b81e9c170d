"""Entity identities across documents.

Within a document, `extract.entities` already joins short forms to full names; known
entities carry gazetteer ids, and other names get ids from their type and name key, so
the same full name is one identity everywhere. What is left needs the corpus: a surname
used alone in one document (`ブルミストロフ`) and a full name in another
(`オレグ・ブルミストロフ`). They merge only on strong evidence: the full name is the only
person in the corpus with that surname. Two people who share a given name (セルゲイ・ショイグ
/ セルゲイ・ラブロフ) never merge: only the last part (the surname) is compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from hodo.extract.names import is_katakana, katakana_parts, name_key
from hodo.models import Document, Entity, Event


def _surname_map(docs: Sequence[Document]) -> dict[str, str]:
    fulls: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for d in docs:
        for e in d.entities:
            if e.type != "PERSON":
                continue
            for m in {e.name, *(x.text for x in e.mentions)}:
                parts = katakana_parts(m) if is_katakana(m) else []
                if len(parts) > 1:
                    fulls[name_key(parts[-1])].add(e.id)
            names[e.id] = e.name
    remap = {}
    for d in docs:
        for e in d.entities:
            if (
                e.type != "PERSON"
                or e.wikidata
                or not is_katakana(e.name)
                or len(katakana_parts(e.name)) != 1
            ):
                continue
            targets = fulls.get(name_key(e.name), set()) - {e.id}
            if len(targets) == 1:
                remap[e.id] = next(iter(targets))
    return remap


def _merge(entities: Sequence[Entity], remap: dict[str, str]) -> tuple[Entity, ...]:
    out: dict[str, Entity] = {}
    for e in entities:
        eid = remap.get(e.id, e.id)
        if eid in out:
            have = out[eid]
            out[eid] = replace(
                have, mentions=tuple(sorted((*have.mentions, *e.mentions), key=lambda m: m.start))
            )
        else:
            out[eid] = replace(e, id=eid)
    return tuple(out.values())


def link_entities(docs: Sequence[Document]) -> list[Document]:
    remap = _surname_map(docs)
    if not remap:
        return list(docs)
    return [
        replace(
            d,
            entities=_merge(d.entities, remap),
            events=tuple(_remap_event(e, remap) for e in d.events),
            quotes=tuple(
                replace(q, speaker=remap.get(q.speaker, q.speaker)) if q.speaker else q for q in d.quotes
            ),
        )
        for d in docs
    ]


def _remap_event(e: Event, remap: dict[str, str]) -> Event:
    def ids(xs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(remap.get(x, x) for x in xs))

    return replace(
        e,
        actors=ids(e.actors),
        recipients=ids(e.recipients),
        place=remap.get(e.place, e.place) if e.place else None,
        reported_by=ids(e.reported_by),
    )
