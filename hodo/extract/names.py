"""Name forms: the key two spellings of one name share, and titles split from names.

`name_key("ウラジミール・プーチン") == name_key("ウラジーミル プーチン")`: NFKC, no
separators, ヴ-row folded to バ-row, long-vowel marks and small-vowel variants dropped.
SudachiPy's `normalized_form` does part of this but splits unknown names (金正恩氏 →
金正|恩氏, measured in shared/notes): the key is applied to whole mentions instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from hodo.resources import load_toml

_SEPARATORS = re.compile(r"[\s・･=＝\-‐‑–—·.]+")
_VU = str.maketrans({"ヴ": "ブ"})
_VU_PAIRS = (("ブァ", "バ"), ("ブィ", "ビ"), ("ブェ", "ベ"), ("ブォ", "ボ"), ("ブュ", "ビュ"))
_SMALL = str.maketrans({"ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ"})
_KATAKANA = re.compile(r"^[\u30a0-\u30ff・ー\s]+$")
_KANJI = re.compile(r"[\u3400-\u9fff々]")


def name_key(text: str) -> str:
    """The form two spellings of one name share."""
    s = unicodedata.normalize("NFKC", text)
    s = _SEPARATORS.sub("", s)
    s = s.translate(_VU)
    for a, b in _VU_PAIRS:
        s = s.replace(a, b)
    s = s.replace("ー", "").translate(_SMALL)
    return s.lower()


def is_katakana(text: str) -> bool:
    return bool(_KATAKANA.match(text))


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text))


def katakana_parts(text: str) -> list[str]:
    """`ウラジーミル・プーチン` → [`ウラジーミル`, `プーチン`]."""
    return [p for p in re.split(r"[・･\s=＝]+", unicodedata.normalize("NFKC", text)) if p]


@dataclass(frozen=True)
class Titles:
    honorifics: tuple[str, ...]
    person_titles: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    anaphors: dict[str, str]
    country_abbrev: dict[str, str]
    visit_nouns: dict[str, str]


def _strings(v: object) -> tuple[str, ...]:
    if isinstance(v, list):
        return tuple(sorted((str(x) for x in v), key=len, reverse=True))
    return ()


def _mapping(v: object) -> dict[str, str]:
    if isinstance(v, dict):
        return {str(k): str(x) for k, x in v.items()}
    if isinstance(v, list):  # [{form = "同氏", type = "PERSON"}, …]
        out: dict[str, str] = {}
        for item in v:
            if isinstance(item, dict):
                key = item.get("form") or item.get("word") or item.get("abbrev") or item.get("noun")
                val = item.get("type") or item.get("id") or item.get("refers_to") or item.get("country")
                if key and val:
                    out[str(key)] = str(val)
        return out
    return {}


@cache
def titles() -> Titles:
    t = load_toml("titles.toml")
    return Titles(
        honorifics=_strings(t.get("honorifics")),
        person_titles=_strings(t.get("person_titles")),
        org_suffixes=_strings(t.get("org_suffixes")),
        place_suffixes=_strings(t.get("place_suffixes")),
        anaphors=_mapping(t.get("anaphors")),
        country_abbrev=_mapping(t.get("country_abbrev")),
        visit_nouns=_mapping(t.get("visit_nouns")),
    )


def split_title(text: str) -> tuple[str, str]:
    """`金正恩総書記` → (`金正恩`, `総書記`); `プーチン氏` → (`プーチン`, `氏`). Repeated:
    `プーチン大統領氏` → (`プーチン`, `大統領氏`). Never leaves an empty name."""
    t = titles()
    name, suffix = text, ""
    changed = True
    while changed:
        changed = False
        for w in (*t.honorifics, *t.person_titles):
            if name.endswith(w) and len(name) > len(w):
                name, suffix = name[: -len(w)], w + suffix
                changed = True
                break
    return name, suffix
