"""The cleaning lexicons (`hodo/data/boilerplate.toml`, `outlets.toml`) compiled once.

Placeholders in the data: `__AGENCY__` becomes an alternation of every agency name and
alias; `__NAME__` the byline name shape."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from hodo.resources import load_toml

# What follows an outlet's name for one of its editions: `毎朝新聞デジタル`, `中央日報日本語版`.
_EDITION = "(?:デジタル|オンライン|電子版|日本語版|ウェブ|web)?"


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    agency: bool
    photo_only: bool = False


@dataclass(frozen=True)
class Lexicon:
    ui_exact: frozenset[str]
    ui: tuple[re.Pattern[str], ...]
    block_skip: tuple[re.Pattern[str], ...]
    block_end: tuple[re.Pattern[str], ...]
    captions: tuple[re.Pattern[str], ...]
    notices: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    dateline_agency: re.Pattern[str]
    byline_lines: tuple[re.Pattern[str], ...]
    name: re.Pattern[str]
    not_names: frozenset[str]
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]
    outlets: tuple[Outlet, ...]
    agency_alt: str
    outlet_suffix: str
    outlet_shaped: str
    """A name shaped like an outlet's: `…新聞`, `…通信`, `…ニュース(デジタル)`."""
    descriptors: frozenset[str]


def _alternation(words: list[str]) -> str:
    # Longest first so `共同通信` wins over `共同`.
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _compile(pats: list[str], agency: str, name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(
        re.compile(p.replace("__AGENCY__", agency).replace("__NAME__", name), re.IGNORECASE) for p in pats
    )


@cache
def lexicon() -> Lexicon:
    bp: dict[str, Any] = load_toml("boilerplate.toml")
    ol: dict[str, Any] = load_toml("outlets.toml")
    outlets: list[Outlet] = []
    for kind in ("agency", "outlet"):
        for o in ol.get(kind, []):
            outlets.append(
                Outlet(
                    name=o["name"],
                    aliases=tuple(o.get("aliases", [])),
                    domains=tuple(o.get("domains", [])),
                    agency=kind == "agency",
                    photo_only=bool(o.get("photo_only", False)),
                )
            )
    agency_words = [nfkc(w) for o in outlets if o.agency for w in (o.name, *o.aliases)]
    agency = _alternation(agency_words)
    name = bp["bylines"]["name"]
    return Lexicon(
        ui_exact=frozenset(nfkc(w).lower() for w in bp["ui"]["exact"]),
        ui=_compile(bp["ui"]["patterns"], agency, name),
        block_skip=_compile(bp["blocks"]["skip"], agency, name),
        block_end=_compile(bp["blocks"]["end"], agency, name),
        captions=_compile(bp["captions"]["patterns"], agency, name),
        notices=_compile(bp["notices"]["patterns"], agency, name),
        dateline=_compile([bp["bylines"]["dateline"]], agency, name)[0],
        dateline_agency=_compile([bp["bylines"]["dateline_agency"]], agency, name)[0],
        byline_lines=_compile(bp["bylines"]["line_patterns"], agency, name),
        name=re.compile(f"(?:{name})"),
        not_names=frozenset(bp["bylines"]["not_names"]),
        published_labels=tuple(bp["dates"]["published_labels"]),
        updated_labels=tuple(bp["dates"]["updated_labels"]),
        outlets=tuple(outlets),
        agency_alt=agency,
        outlet_suffix=ol["cite"]["outlet_suffix"],
        outlet_shaped=(rf"[ァ-ヴー・一-龥A-Za-z0-9]{{0,12}}?{ol['cite']['outlet_suffix']}" + _EDITION),
        descriptors=frozenset(ol["cite"]["descriptors"]),
    )


def find_outlet(text: str) -> Outlet | None:
    """The known outlet or agency whose name or alias is exactly `text` (after NFKC)."""
    t = nfkc(text).strip().lower()
    for o in lexicon().outlets:
        if t == nfkc(o.name).lower() or any(t == nfkc(a).lower() for a in o.aliases):
            return o
    return None


def outlet_for_domain(host: str) -> Outlet | None:
    host = host.lower().removeprefix("www.")
    for o in lexicon().outlets:
        for d in o.domains:
            if host == d or host.endswith("." + d):
                return o
    return None


def names_an_outlet(name: str) -> bool:
    """An outlet-shaped name that names one: `聯合ニュース`, `北東アジア通信`; not a mere
    description such as `国営テレビ`, `米紙` or `地元メディア`."""
    lex = lexicon()
    n = nfkc(name).strip()
    if find_outlet(n):
        return True
    m = re.fullmatch(f"(?P<head>.*?)(?:{lex.outlet_suffix}){_EDITION}", n)
    if not m:
        return False
    head = m.group("head")
    while head:
        for d in sorted(lex.descriptors, key=len, reverse=True):
            if head.startswith(d):
                head = head[len(d) :]
                break
        else:
            return True
    return False
