"""The gazetteer: real-world identities (Wikidata QIDs, names, aliases, offices with
dates), loaded from `hodo/data/gazetteer.toml` and any user files of the same format
(`--gazetteer FILE`, merged by `id`: a user entry replaces or adds)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hodo.errors import HodoError
from hodo.extract.names import is_katakana, name_key
from hodo.resources import load_toml


class GazetteerError(HodoError):
    """A gazetteer file that cannot be read or is malformed."""


@dataclass(frozen=True)
class Office:
    title: str
    of: str
    start: str
    end: str


@dataclass(frozen=True)
class GazEntry:
    id: str
    type: str
    name: str
    qid: str | None
    en: str | None
    aliases: tuple[str, ...]
    abbrev: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    capital_of: str | None = None
    part_of: str | None = None
    located_in: str | None = None
    date: str | None = None
    """For events: when it happened (ISO prefix); `end` for a span."""
    end: str | None = None
    participants: tuple[str, ...] = ()
    """For events: ids of the entities taking part."""
    triggers: tuple[str, ...] = ()
    """For events: words of the act (訪問, 署名)."""

    @property
    def entity_id(self) -> str:
        return self.qid or f"hodo:{self.id}"


@dataclass
class Gazetteer:
    entries: dict[str, GazEntry] = field(default_factory=dict)
    by_key: dict[str, list[str]] = field(default_factory=dict)
    """name_key of every name and alias → entry ids."""
    forms: list[tuple[str, GazEntry]] = field(default_factory=list)
    """Every matchable name and alias with its entry, longest first (built by `index`)."""
    by_form: dict[str, GazEntry] = field(default_factory=dict)
    katakana_forms: tuple[str, ...] = ()
    """The katakana ones of 3+ characters (glued-name checks)."""
    pattern: re.Pattern[str] | None = None
    """One alternation of `forms`, longest first; None for an empty gazetteer."""

    def add(self, e: GazEntry) -> None:
        self.entries[e.id] = e

    def index(self) -> None:
        """Build the lookup structures once; call after the last `add`."""
        self.by_key = {}
        for e in self.entries.values():
            for form in {e.name, *e.aliases}:
                k = name_key(form)
                if k and e.id not in self.by_key.setdefault(k, []):
                    self.by_key[k].append(e.id)
        # Dated events are phrases (北朝鮮のロシア派兵) whose states are mentions of their own:
        # they date pages (extract.dating) rather than cover their words.
        forms = [
            (f, e) for e in self.entries.values() if not e.date for f in {e.name, *e.aliases} if len(f) >= 2
        ]
        self.forms = sorted(forms, key=lambda fe: (-len(fe[0]), fe[0], fe[1].id))
        self.by_form = dict(self.forms)
        self.katakana_forms = tuple(f for f, _ in self.forms if is_katakana(f) and len(f) >= 3)
        self.pattern = re.compile("|".join(re.escape(f) for f, _ in self.forms)) if self.forms else None

    def lookup(self, text: str, type_: str | None = None) -> GazEntry | None:
        """The one entry whose name or alias has this key (and type); None when none or several."""
        ids = self.by_key.get(name_key(text), [])
        hits = [self.entries[i] for i in ids if type_ is None or _compatible(self.entries[i].type, type_)]
        return hits[0] if len(hits) == 1 else None

    def surface_forms(self) -> list[tuple[str, GazEntry]]:
        """Every matchable name and alias with its entry, longest first."""
        return self.forms

    def dated_events(self) -> list[GazEntry]:
        return [e for e in self.entries.values() if e.type == "EVENT" and e.date]

    def holder_by_title(self, title: str, date: str | None, of: str | None = None) -> list[GazEntry]:
        """People who held an office called `title` (or ending with it: 委員長 for
        国務委員長), of `of` when given, at `date`, an ISO prefix (any overlap at its
        precision counts)."""
        out = []
        for e in self.entries.values():
            for o in e.offices:
                if (
                    (o.title == title or o.title.endswith(title))
                    and (of is None or o.of == of)
                    and (date is None or _overlaps(date, o.start, o.end))
                ):
                    out.append(e)
                    break
        return out


def _compatible(a: str, b: str) -> bool:
    places = {"GPE", "LOC"}
    return a == b or (a in places and b in places)


def _overlaps(date: str, start: str, end: str) -> bool:
    lo, hi = date, date + "\uffff"
    return not ((end and lo > end + "\uffff") or (start and hi < start))


def _entry(raw: dict[str, Any], where: str) -> GazEntry:
    try:
        offices = tuple(
            Office(str(o["title"]), str(o.get("of", "")), str(o.get("start", "")), str(o.get("end", "")))
            for o in raw.get("offices", [])
        )
        return GazEntry(
            id=str(raw["id"]),
            type=str(raw["type"]).upper(),
            name=str(raw["name"]),
            qid=str(raw["qid"]) if raw.get("qid") else None,
            en=str(raw["en"]) if raw.get("en") else None,
            aliases=tuple(str(a) for a in raw.get("aliases", [])),
            abbrev=tuple(str(a) for a in raw.get("abbrev", [])),
            offices=offices,
            capital_of=str(raw["capital_of"]) if raw.get("capital_of") else None,
            part_of=str(raw["part_of"]) if raw.get("part_of") else None,
            located_in=str(raw["located_in"]) if raw.get("located_in") else None,
            date=str(raw["date"]) if raw.get("date") else None,
            end=str(raw["end"]) if raw.get("end") else None,
            participants=tuple(str(p) for p in raw.get("participants", [])),
            triggers=tuple(str(t) for t in raw.get("triggers", [])),
        )
    except (KeyError, TypeError) as e:
        raise GazetteerError(f"{where}: entity needs id, type and name ({e})") from e


def read_entry(raw: dict[str, Any], where: str) -> GazEntry:
    """One `[[entity]]` table as an entry; GazetteerError when it lacks id, type or name."""
    return _entry(raw, where)


def _entries(data: dict[str, Any], where: str) -> Iterable[GazEntry]:
    for raw in data.get("entity", []):
        yield _entry(raw, where)


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    g = Gazetteer()
    for e in _entries(load_toml("gazetteer.toml"), "hodo/data/gazetteer.toml"):
        g.add(e)
    for path in extra:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise GazetteerError(f"cannot read gazetteer {path}: {exc}") from exc
        for entry in _entries(data, str(path)):
            g.add(entry)
    g.index()
    return g
