"""Wikidata entities → hodo gazetteer entries (pure: text in, plain dicts out).

Reads the JSON Wikidata itself publishes for items: a dump (a JSON array, one entity per
line), `Special:EntityData/Q….json` (`{"entities": {…}}`), one entity, or JSON Lines of
entities. From each item it takes

- labels and aliases: `ja` → `name` and `aliases` (the forms matched in Japanese text,
  NFKC, katakana names with and without the middle dot, never a form with a title or
  honorific such as プーチン大統領, never a form another identity already has);
  the `en`, `ko` and `ru` labels → `en`, `ko`, `ru`. Aliases in other languages are
  not matched in Japanese text and are not kept;
- P31 (instance of) → `type`, by `hodo/data/wikidata.toml`;
- P39 (position held) with its qualifiers P580 / P582 (start / end) and P642 (of) →
  `offices`: the title is the position item's Japanese label (so the position's own
  item must be in the file too), `of` the gazetteer id of the qualifier's, else the
  position's P1001 (applies to jurisdiction) or P17 (country) item, when hodo knows it;
- P17 (country) → `located_in` (places), P1376 → `capital_of`, P361 / P749 → `part_of`
  (organisations), P570 → `died`, P576 → `dissolved`, where those items are known.

Dates keep Wikidata's precision: day `2012-05-07`, month `2012-05`, year `2012`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hodo.extract.gazetteer import GazetteerError
from hodo.extract.names import is_katakana, name_key, split_title
from hodo.resources import load_toml

TYPES_ORDER = ("PERSON", "GPE", "ORG", "LOC", "FAC", "EVENT")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_TIME = re.compile(r"^[+]?(\d{4,})-(\d{2})-(\d{2})T")


@cache
def classes() -> dict[str, str]:
    """P31 value → hodo type (the first type listing it wins)."""
    types = load_toml("wikidata.toml")["types"]
    out: dict[str, str] = {}
    for t in TYPES_ORDER:
        for qid in types.get(t, []):
            out.setdefault(str(qid), t)
    return out


def parse_entities(text: str, where: str = "") -> list[dict[str, Any]]:
    """The entities of a Wikidata JSON file, in file order."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        data = []
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                data.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{where}: line {n} is not JSON: {exc.msg}") from exc
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        data = list(data["entities"].values())
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(
        isinstance(x, dict) and isinstance(x.get("id"), str) for x in data
    ):
        raise GazetteerError(f"{where}: not Wikidata entities (expected objects with id, labels, claims)")
    return data


# -- reading one item ----------------------------------------------------------------------


def _text(item: Mapping[str, Any], key: str, lang: str) -> str | None:
    value = (item.get(key) or {}).get(lang)
    if isinstance(value, dict) and isinstance(value.get("value"), str):
        return _clean(value["value"])
    return None


def _aliases(item: Mapping[str, Any], lang: str) -> list[str]:
    out = []
    for a in (item.get("aliases") or {}).get(lang) or []:
        if isinstance(a, dict) and isinstance(a.get("value"), str) and (s := _clean(a["value"])):
            out.append(s)
    return out


def _clean(text: str) -> str | None:
    s = " ".join(unicodedata.normalize("NFKC", text).split())
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file can hold it
        return None
    return s or None


def _statements(item: Mapping[str, Any], prop: str) -> list[Mapping[str, Any]]:
    claims = (item.get("claims") or {}).get(prop) or []
    return [c for c in claims if isinstance(c, dict) and c.get("rank") != "deprecated"]


def _value(snak: Mapping[str, Any]) -> Any:
    if snak.get("snaktype", "value") != "value":
        return None
    return (snak.get("datavalue") or {}).get("value")


def _item_id(snak: Mapping[str, Any]) -> str | None:
    v = _value(snak)
    if isinstance(v, dict) and isinstance(v.get("id"), str) and _QID.match(v["id"]):
        return str(v["id"])
    if isinstance(v, dict) and isinstance(v.get("numeric-id"), int):
        return f"Q{v['numeric-id']}"
    return None


def wikidata_date(value: Any) -> str:
    """A Wikidata time value as an ISO prefix at its precision; "" when coarser than a
    year, before year 1, or unreadable."""
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return ""
    m = _TIME.match(value["time"])
    precision = value.get("precision", 11)
    if m is None or not isinstance(precision, int) or precision < 9 or int(m.group(1)) < 1:
        return ""
    year, month, day = m.group(1), m.group(2), m.group(3)
    if precision == 9 or month == "00":
        return year
    if precision == 10 or day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _items(item: Mapping[str, Any], props: Iterable[str]) -> list[str]:
    return [q for p in props for c in _statements(item, p) if (q := _item_id(c.get("mainsnak") or {}))]


def _date(item: Mapping[str, Any], prop: str) -> str:
    for c in _statements(item, prop):
        if d := wikidata_date(_value(c.get("mainsnak") or {})):
            return d
    return ""


def _qualifier(statement: Mapping[str, Any], prop: str) -> list[Mapping[str, Any]]:
    return [q for q in (statement.get("qualifiers") or {}).get(prop) or [] if isinstance(q, dict)]


# -- converting ----------------------------------------------------------------------------


@dataclass
class Conversion:
    """What `convert` made of a file: entries (gazetteer dicts), and what it left out."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(QID, why) for items that gave no entry."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(QID, what) for parts of an entry left out (an alias, an office)."""


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _forms(name: str, aliases: Iterable[str]) -> list[str]:
    """The name and aliases, with the dot-less spelling of katakana names beside them."""
    out: list[str] = []
    for form in (name, *aliases):
        for f in (form, form.replace("・", "") if is_katakana(form) else form):
            if f not in out:
                out.append(f)
    return out


def convert(
    items: Iterable[Mapping[str, Any]],
    *,
    ids_by_qid: Mapping[str, str],
    taken_ids: Iterable[str],
    owners: Mapping[str, Iterable[str]],
    default_type: str | None = None,
) -> Conversion:
    """Gazetteer entries for the items of a Wikidata file.

    `ids_by_qid`: the gazetteer ids hodo already has for QIDs (an item with one of these
    keeps that id, so its entry extends the existing one); `taken_ids`: every id in use;
    `owners`: name_key of every existing name and alias → the ids that have it (a form
    of another identity is not given to this one); `default_type`: the type of items
    whose P31 is not in hodo/data/wikidata.toml (None: skip them)."""
    by_qid = {str(i["id"]): i for i in items if isinstance(i.get("id"), str) and _QID.match(i["id"])}
    positions = {q for item in by_qid.values() for q in _items(item, ["P39"])}
    known = dict(ids_by_qid)
    taken = set(taken_ids)
    typed: list[tuple[str, str]] = []
    out = Conversion()
    for qid, item in by_qid.items():
        p31 = _items(item, ["P31"])
        type_ = next((classes()[c] for c in p31 if c in classes()), None)
        if type_ is None and qid in positions:
            continue  # read for the title of an office
        type_ = type_ or default_type
        if type_ is None:
            out.skipped.append((qid, f"instance of {', '.join(p31) or 'nothing'}: no hodo type for it"))
            continue
        if _text(item, "labels", "ja") is None and not _aliases(item, "ja"):
            out.skipped.append((qid, "no Japanese label or alias"))
            continue
        if qid not in known:
            base = _slug(_text(item, "labels", "en") or "") or qid.lower()
            slug = base if base not in taken else f"{base}-{qid.lower()}"
            known[qid] = slug
            taken.add(slug)
        typed.append((qid, type_))
    claimed: dict[str, set[str]] = {k: set(v) for k, v in owners.items()}
    for qid, type_ in typed:
        entry = _entry(by_qid[qid], qid, type_, known, by_qid, claimed, out)
        out.entries.append(entry)
    return out


def _entry(
    item: Mapping[str, Any],
    qid: str,
    type_: str,
    known: Mapping[str, str],
    by_qid: Mapping[str, Mapping[str, Any]],
    claimed: dict[str, set[str]],
    out: Conversion,
) -> dict[str, Any]:
    entry_id = known[qid]
    ja = _aliases(item, "ja")
    name = _text(item, "labels", "ja") or ja[0]
    aliases = []
    for form in _forms(name, ja):
        key = name_key(form)
        if len(form) < 2 or not key:
            out.notes.append((qid, f"alias {form!r} left out: too short to match"))
        elif type_ == "PERSON" and form != name and split_title(form)[1]:
            out.notes.append((qid, f"alias {form!r} left out: it carries a title or honorific"))
        elif claimed.get(key, {entry_id}) - {entry_id}:
            others = ", ".join(sorted(claimed[key] - {entry_id}))
            out.notes.append((qid, f"alias {form!r} left out: already a name of {others}"))
        else:
            aliases.append(form)
            claimed.setdefault(key, set()).add(entry_id)
    entry: dict[str, Any] = {"id": entry_id, "qid": qid, "type": type_, "name": name}
    for key in ("en", "ko", "ru"):
        if label := _text(item, "labels", key):
            entry[key] = label
    entry["aliases"] = aliases
    offices = _offices(item, qid, known, by_qid, out) if type_ == "PERSON" else []
    if offices:
        entry["offices"] = offices
    relations = {
        "located_in": _items(item, ["P17"]) if type_ in ("GPE", "LOC", "FAC") else [],
        "capital_of": _items(item, ["P1376"]),
        "part_of": _items(item, ["P361", "P749"]) if type_ == "ORG" else [],
    }
    for key, targets in relations.items():
        ids = [known[t] for t in targets if t in known and t != qid]
        if ids:
            entry[key] = ids[0]
    for key, prop in (("died", "P570"), ("dissolved", "P576")):
        if d := _date(item, prop):
            entry[key] = d
    return entry


def _offices(
    item: Mapping[str, Any],
    qid: str,
    known: Mapping[str, str],
    by_qid: Mapping[str, Mapping[str, Any]],
    out: Conversion,
) -> list[dict[str, str]]:
    offices: list[dict[str, str]] = []
    for c in _statements(item, "P39"):
        position = _item_id(c.get("mainsnak") or {})
        if position is None:
            continue
        post = by_qid.get(position)
        title = _text(post, "labels", "ja") if post is not None else None
        if title is None:
            why = "its item, with a Japanese label, is not in the file"
            out.notes.append((qid, f"office {position} left out: {why}"))
            continue
        of_items = [q for s in _qualifier(c, "P642") if (q := _item_id(s))]
        if post is not None:
            of_items += _items(post, ["P1001", "P17"])
        of = next((known[q] for q in of_items if q in known), "")
        start = next((d for s in _qualifier(c, "P580") if (d := wikidata_date(_value(s)))), "")
        end = next((d for s in _qualifier(c, "P582") if (d := wikidata_date(_value(s)))), "")
        office = {"title": title, "of": of, "start": start, "end": end}
        if office not in offices:
            offices.append(office)
    return offices
