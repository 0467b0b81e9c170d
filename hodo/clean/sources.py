"""Sources a page credits or cites: wire credits (`AP`, `(共同)`, `(AFP=時事)`),
datelines (`【ワシントン共同】`), attributions in the text (`聯合ニュースによると`,
`朝鮮中央通信は…と報じた`) and reference sections (`【引用・参照・底本】`).

Known agencies and outlets come from `hodo/data/outlets.toml` and are written under
their canonical name; an unknown outlet is kept as written when its name has the shape
of one (`…新聞`, `…通信`, `…ニュース`, …)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from urllib.parse import urlparse

from hodo.clean.patterns import Outlet, find_outlet, lexicon, names_an_outlet, nfkc, outlet_for_domain

_URL = re.compile(r"https?://[^\s\"'<>）)]+")


@cache
def _attribution() -> re.Pattern[str]:
    lex = lexicon()
    known = "|".join(
        re.escape(nfkc(w))
        for w in sorted(
            {w for o in lex.outlets if not o.photo_only for w in (o.name, *o.aliases)}, key=len, reverse=True
        )
    )
    # `「聯合ニュース」によると`, `米紙X(電子版)によれば`, `朝鮮中央通信は…と報じた`,
    # `…を朝鮮中央通信が公開した`, `朝鮮中央通信を通じて`, `韓国KBSのインタビューで`, `Xから配信`
    return re.compile(
        rf"「?(?P<src>{known}|{lex.outlet_shaped})」?(?:\s*[(（][^)）]{{0,10}}[)）])?"
        rf"(?:の報道|の取材|など複数のメディア)?"
        rf"(?:によると|によれば|が報じた|は[^。]{{0,120}}?(?:と|ことを|よう)報じ|が伝えた|は[^。]{{0,80}}?と伝え"
        rf"|を通じて|が[^。]{{0,30}}?(?:公開|公表|報道|配信)し|(?:の|との)(?:インタビュー|取材)|から(?:の)?配信)"
    )


def canonical(name: str) -> str:
    o = find_outlet(name)
    return o.name if o else name.strip()


def from_text(body: str) -> list[str]:
    out = []
    for m in _attribution().finditer(nfkc(body)):
        src = m.group("src")
        if not names_an_outlet(src):
            continue
        out.append(canonical(src))
    return out


def from_reference_lines(lines: Iterable[str]) -> list[str]:
    """Outlets named in a references section: known names, URL domains, `NAME 2024.06.19`."""
    lex = lexicon()
    out: list[str] = []
    for line in lines:
        n = nfkc(line)
        for m in _URL.finditer(n):
            o = outlet_for_domain(urlparse(m.group(0)).hostname or "")
            if o:
                out.append(o.name)
        text = _URL.sub(" ", n)
        for o in lex.outlets:
            for w in (o.name, *o.aliases):
                if re.search(rf"(?<![A-Za-z]){re.escape(nfkc(w))}(?![A-Za-z])", text):
                    out.append(o.name)
                    break
        m3 = re.match(rf"\s*(?P<name>{lex.outlet_shaped}|[^「」\s]{{2,20}})\s*「", text)
        if m3 and names_an_outlet(m3.group("name")):
            out.append(canonical(m3.group("name")))
        m2 = re.search(r"(?P<name>[^\s,、]{2,30})\s+\d{4}[./\-年]\d{1,2}[./\-月]\d{1,2}日?\s*$", text)
        if m2 and re.search(r"[A-Za-z]", m2.group("name")) and not find_outlet(m2.group("name")):
            out.append(m2.group("name"))
    return out


def from_agencies(names: Iterable[str]) -> list[str]:
    out = []
    for n in names:
        o: Outlet | None = find_outlet(n)
        if o and not o.photo_only:
            out.append(o.name)
        elif o is None and names_an_outlet(n):
            out.append(nfkc(n))
    return out


def unique(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        key = nfkc(n).lower().replace(" ", "")
        if n and key not in seen:
            seen.add(key)
            out.append(n)
    return out
