"""User gazetteer files: where the default one lives, reading and writing the TOML format
of `hodo/data/gazetteer.toml`, and merging new entries into one (`hodo gazetteer add`).

Pure: texts in, texts out; the command line reads and writes the files.

Merging, by `id`:
- entries in hodo's own format replace the entry with the same id (as `--gazetteer`
  does when analysing) or are added;
- entries converted from Wikidata *extend*: an item whose QID hodo already knows (built
  in or in the user file) keeps that entry's id; names, aliases and offices are added to
  it, and its fields fill only what the entry lacks (curated values win). A built-in
  entry that gains something is copied, extended, into the user file, where it replaces
  the built-in one when analysing.
Adding the same file twice changes nothing the second time.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hodo.extract.gazetteer import GazetteerError, read_entry
from hodo.extract.names import name_key
from hodo.extract.wikidata import Conversion, convert, parse_entities
from hodo.resources import load_toml

ENV_VAR = "HODO_GAZETTEER"
Kind = Literal["toml", "wikidata"]

HEADER = """\
# hodo user gazetteer, written by `hodo gazetteer add` (comments are not kept).
# The format of hodo/data/gazetteer.toml; an entry replaces the built-in one with its id.
# Use it:  hodo analyze PAGES... --out DIR --gazetteer "$(hodo gazetteer path)"
"""

# The order keys are written in (the built-in file's); others follow, sorted.
_KEY_ORDER = (
    "id",
    "qid",
    "type",
    "name",
    "en",
    "aliases",
    "abbrev",
    "surname",
    "ko",
    "ru",
    "capital_of",
    "seat_of",
    "located_in",
    "part_of",
    "offices",
    "died",
    "dissolved",
    "date",
    "end",
    "participants",
    "triggers",
)
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def default_path(env: Mapping[str, str], home: Path) -> Path:
    """The user gazetteer `hodo gazetteer add` writes by default: `$HODO_GAZETTEER`, else
    `$XDG_CONFIG_HOME/hodo/gazetteer.toml` (`~/.config/hodo/gazetteer.toml`)."""
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR]).expanduser()
    config = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
    return config / "hodo" / "gazetteer.toml"


def current_default_path() -> Path:
    return default_path(os.environ, Path.home())


# -- the TOML format -----------------------------------------------------------------------


def read_entries(text: str, where: str) -> list[dict[str, Any]]:
    """The `[[entity]]` tables of a gazetteer file, checked like `load_gazetteer` checks them."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GazetteerError(f"cannot read gazetteer {where}: {exc}") from exc
    entries = data.get("entity", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise GazetteerError(f"{where}: `entity` must be an array of tables ([[entity]])")
    for raw in entries:
        read_entry(raw, where)
    return entries


def _key(k: str) -> str:
    return k if _BARE_KEY.match(k) else _string(k)


def _string(s: str) -> str:
    # JSON's escapes are TOML's; DEL is the one control character JSON leaves as is
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007F")


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }" if v else "{}"
    if isinstance(v, list | tuple):
        if v and all(isinstance(x, dict) for x in v):
            return "[\n" + "".join(f"  {_value(x)},\n" for x in v) + "]"
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise GazetteerError(f"cannot write {type(v).__name__} values to a gazetteer file")


def dump_entries(entries: Iterable[Mapping[str, Any]]) -> str:
    """A gazetteer file holding these entries (tomllib reads back the same values)."""
    parts = [HEADER]
    for e in entries:
        keys = [k for k in _KEY_ORDER if k in e] + sorted(k for k in e if k not in _KEY_ORDER)
        parts.append("\n[[entity]]\n" + "".join(f"{_key(k)} = {_value(e[k])}\n" for k in keys))
    return "".join(parts)


# -- merging -------------------------------------------------------------------------------


@dataclass
class AddReport:
    added: list[str] = field(default_factory=list)
    """Ids of identities new to hodo."""
    extended: list[str] = field(default_factory=list)
    """Ids of built-in identities now extended in the user file."""
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def _union(old: Sequence[Any], new: Sequence[Any]) -> list[Any]:
    out = list(old)
    for x in new:
        if x not in out:
            out.append(x)
    return out


def extend_entry(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """`old` with what `new` adds: list values joined (old first), other values only
    where `old` has none."""
    out = dict(old)
    for k, v in new.items():
        if isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = _union(out[k], v)
        elif out.get(k) in (None, "", []):
            out[k] = v
    return out


def detect_kind(name: str, text: str) -> Kind:
    """`toml` or `wikidata`, by the file's name, else its first character."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(".toml"):
        return "toml"
    if lower.endswith((".json", ".jsonl", ".ndjson")):
        return "wikidata"
    head = text.lstrip()[:2]
    return "wikidata" if head.startswith("{") or (head.startswith("[") and head != "[[") else "toml"


def add(
    current: str | None,
    incoming: str,
    *,
    kind: Kind,
    where: str,
    default_type: str | None = None,
) -> tuple[str | None, AddReport]:
    """The user gazetteer `current` (its text; None when there is none yet) with the
    entries of `incoming` merged in, and what changed. The text returned is `current`
    itself (None included) when nothing changed."""
    mine = read_entries(current, "user gazetteer") if current is not None else []
    builtin = {str(e["id"]): e for e in load_toml("gazetteer.toml")["entity"]}
    by_id = {str(e["id"]): e for e in mine}
    report = AddReport()
    if kind == "toml":
        new = read_entries(incoming, where)
        extend = False
    else:
        conversion = _convert(parse_entities(incoming, where), builtin, mine, default_type)
        new, extend = conversion.entries, True
        report.skipped, report.notes = conversion.skipped, conversion.notes
    order = list(by_id)
    for entry in new:
        entry_id = str(entry["id"])
        base = by_id.get(entry_id) or (builtin.get(entry_id) if extend else None)
        merged = extend_entry(base, entry) if extend and base is not None else dict(entry)
        if entry_id in by_id:
            (report.unchanged if by_id[entry_id] == merged else report.updated).append(entry_id)
        elif entry_id in builtin and extend:
            if merged == builtin[entry_id]:
                report.unchanged.append(entry_id)
                continue
            report.extended.append(entry_id)
        else:
            report.added.append(entry_id)
        if entry_id not in by_id:
            order.append(entry_id)
        by_id[entry_id] = merged
    if not (report.added or report.extended or report.updated):
        return current, report
    text = dump_entries(by_id[i] for i in order)
    return (current if text == current else text), report


def _convert(
    items: list[dict[str, Any]],
    builtin: Mapping[str, Mapping[str, Any]],
    mine: Sequence[Mapping[str, Any]],
    default_type: str | None,
) -> Conversion:
    """Wikidata items as entries, with ids and names checked against both gazetteers."""
    everything = {**builtin, **{str(e["id"]): e for e in mine}}
    ids_by_qid = {str(e["qid"]): i for i, e in everything.items() if e.get("qid")}
    owners: dict[str, set[str]] = {}
    for i, e in everything.items():
        for form in {e.get("name", ""), *e.get("aliases", [])}:
            if key := name_key(str(form)):
                owners.setdefault(key, set()).add(i)
    return convert(
        items, ids_by_qid=ids_by_qid, taken_ids=everything, owners=owners, default_type=default_type
    )
