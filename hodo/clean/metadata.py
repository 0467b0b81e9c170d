"""Page metadata from the lines around a copied article: publication date, outlet, site."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlparse

from hodo.clean.lines import Kind, Line
from hodo.clean.patterns import find_outlet, lexicon, nfkc, outlet_for_domain
from hodo.models import Published

_OWN_URL = re.compile(
    r"(?i)(?:\burl\s*=\s*[\"']?|href\s*=\s*[\"']?|short\s*url\s*[:：]\s*|canonical\s*[:：]?\s*)https?://([A-Za-z0-9.\-]+)"
)
_EMAIL_HOST = re.compile(r"[\w.+-]+@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")
_SOCIAL = (
    "facebook.com",
    "twitter.com",
    "x.com",
    "line.me",
    "instagram.com",
    "youtube.com",
    "t.co",
    "b.hatena.ne.jp",
    "getpocket.com",
    "google.com",
    "apple.com",
)
_SECOND_LEVEL = ("co", "ne", "or", "go", "ac", "ed", "com", "net", "org")


def registrable(host: str) -> str:
    """`news.example.co.jp` → `example.co.jp`: the part of a host that names the site."""
    parts = host.lower().removeprefix("www.").split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


@lru_cache(maxsize=4096)
def site_key(text: str, url: str | None) -> str | None:
    """The site a page comes from: its own URL's domain; else the domain its share widgets
    and short links point to (`url="…"`, `Short Url: …`); else its staff e-mail domain.
    A bare URL line is not used: in an article it is usually a cited source.
    Cached: the template pass and the cleaner ask for every page of a batch."""
    if url:
        host = urlparse(url).hostname
        if host:
            return registrable(host)
    hosts = [registrable(h) for h in _OWN_URL.findall(text)]
    hosts = [h for h in hosts if not any(h == s or h.endswith("." + s) for s in _SOCIAL)]
    if not hosts:
        hosts = [registrable(h) for h in _EMAIL_HOST.findall(text)]
    if not hosts:
        return None
    counts = Counter(hosts)
    best = max(counts.values())
    return next(h for h in hosts if counts[h] == best)


def published_from_lines(lines: list[Line], zone: dict[int, str], body_lines: set[int]) -> Published | None:
    """The page's printed date: a date line (or a headline with the date glued on)
    outside the article body and outside reference sections. A labelled publication
    date wins over an update date; the first of equals wins."""
    lex = lexicon()
    first_body = min(body_lines, default=len(lines))
    best: tuple[int, int, int, Published] | None = None
    for ln in lines:
        if not ln.dates or ln.idx in body_lines or zone.get(ln.idx) in ("end", "skip"):
            continue
        if ln.kind not in (Kind.DATE, Kind.SHORT, Kind.UI):
            continue
        if ln.kind is Kind.SHORT and len(ln.norm) - ln.dates[-1].end > 2:
            continue  # a date inside a longer line is not the page's date
        low = ln.norm.lower()
        rank = 1
        if any(lab.lower() in low for lab in lex.published_labels):
            rank = 0
        elif any(lab.lower() in low for lab in lex.updated_labels):
            rank = 2
        d = ln.dates[0]
        pub = Published(value=d.value, basis="explicit", evidence=ln.norm[:80])
        footer = int(ln.idx > first_body)  # a date above the article beats any below it
        if best is None or (footer, rank, ln.idx) < best[:3]:
            best = (footer, rank, ln.idx, pub)
    return best[3] if best else None


def _copyright_holder(norm: str) -> str | None:
    s = re.sub(r"(?i)(copyright|\(c\)|©|all rights reserved\.?|無断転載(を)?禁(ず|じます|止)?)", " ", norm)
    s = re.sub(r"\d{4}(\s*[-–]\s*\d{4})?", " ", s)
    s = re.sub(r"(?i)\b(inc|co|ltd|llc|corp|corporation)\b\.?", " ", s)
    s = re.sub(r"(株式会社|有限会社|\(株\)|[.,。、|｜])", " ", s).strip()
    return s if 2 <= len(s) <= 30 and s.lower() not in {"all", "rights"} else None


def outlet_from_lines(lines: list[Line], site: str | None, title_line: int | None) -> str | None:
    """The outlet: a known site's domain; a site-name line in the header; a copyright
    holder; the title given to a share widget."""
    lex = lexicon()
    if site:
        o = outlet_for_domain(site)
        if o:
            return o.name
    header_end = title_line if title_line is not None else 0
    for ln in lines[:header_end]:
        if ln.kind in (Kind.SHORT, Kind.UI) and not ln.list_item:
            o = find_outlet(ln.norm)
            if o and not o.agency:
                return o.name
            if re.fullmatch(f".{{1,14}}{lex.outlet_suffix}(デジタル|オンライン|日本語版|電子版)?", ln.norm):
                return ln.norm
    for ln in reversed(lines):
        if ln.kind is Kind.NOTICE and re.search(r"(?i)(©|\(c\)|copyright)", ln.norm):
            holder = _copyright_holder(ln.norm)
            if holder:
                return canonical_outlet(holder)
    for ln in lines:
        m = re.search(r"\[[a-z_]*share[a-z_]*\s[^\]]*title=[\"'](?P<t>[^\"']{2,40})[\"']", ln.norm)
        if m:
            return m.group("t")
    return site  # the site's domain names the outlet when nothing else does


def canonical_outlet(name: str) -> str:
    o = find_outlet(name)
    return o.name if o else nfkc(name).strip()
