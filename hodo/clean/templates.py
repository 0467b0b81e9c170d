"""Lines repeated across pages of one site: the site's template (menus, footers, taglines).

Built over a batch before cleaning (a corpus-level pass), keyed by site. Only short,
non-sentence lines can be template lines: two pages of one site that share an article
sentence (an updated story, a wire copy) must keep it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from hodo.clean.lines import is_sentence_like
from hodo.clean.metadata import site_key
from hodo.clean.patterns import nfkc
from hodo.models import RawPage

Templates = dict[str, frozenset[str]]


def page_lines(text: str) -> set[str]:
    out = set()
    for raw in text.split("\n"):
        n = nfkc(raw).strip().lstrip("•◦▪‣∙●*- ").strip()
        if n and not is_sentence_like(n) and len(n) <= 120:
            out.add(n)
    return out


def build_templates(pages: Iterable[RawPage], min_pages: int = 2) -> Templates:
    """site → lines found on at least `min_pages` distinct pages of that site."""
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for page in pages:
        if page.kind != "text":
            continue
        site = site_key(page.text, page.url)
        if site is None:
            continue
        for line in page_lines(page.text):
            seen[site][line].add(page.content_hash)
    return {
        site: frozenset(line for line, hashes in lines.items() if len(hashes) >= min_pages)
        for site, lines in seen.items()
    }
