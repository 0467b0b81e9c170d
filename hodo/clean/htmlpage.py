"""Cleaning an HTML page: trafilatura finds the main text and metadata, htmldate the date
when the markup's own date fields say nothing; hodo's line rules then remove what
trafilatura keeps on Japanese pages (captions with credits, copyright lines, UI words)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import htmldate
import lxml.html
import trafilatura
from trafilatura.settings import use_config

from hodo.clean.dates import find_dates
from hodo.clean.lines import Kind, split_lines
from hodo.clean.patterns import nfkc
from hodo.models import Published

# Markup fields that state a publication date, most specific first.
_META_DATE = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
)


# trafilatura's size thresholds are set for English (250 characters); a Japanese article
# says as much in far fewer characters, and below the threshold trafilatura falls back
# to a baseline that flattens paragraphs into one line, captions included.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "10")


@dataclass
class HtmlPage:
    body: str
    title: str | None
    authors: list[str] = field(default_factory=list)
    published: Published | None = None
    outlet: str | None = None
    agencies: list[str] = field(default_factory=list)
    reference_lines: list[str] = field(default_factory=list)


def _meta_date(tree: Any) -> Published | None:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key in _META_DATE and content and key not in found:
            found[key] = content
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):  # not JSON, or nested too deep to parse
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph", [item])
            # `@graph` is a list of nodes; pages also put a single node or junk there
            for node in graph if isinstance(graph, list) else [graph]:
                if isinstance(node, dict) and isinstance(node.get("datePublished"), str):
                    found.setdefault("datepublished", node["datePublished"])
    for el in tree.iter("time"):
        if el.get("pubdate") is not None and el.get("datetime"):
            found.setdefault("pubdate", el.get("datetime"))
    for key in _META_DATE:
        if key in found:
            dates = find_dates(found[key])
            if dates:
                return Published(
                    value=dates[0].value, basis="explicit", evidence=f"<meta {key}> {found[key]}"
                )
    return None


_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:[^\d]{0,4}(?P<H>\d{1,2})(?:時|:)(?P<M>\d{2}))?")


def _dated_element(tree: Any, html: str) -> Published | None:
    """A date element that prints only month and day (`[06月24日 11時30分]`, as NHK does),
    completed with the year of a compact `YYYYMMDD` token for the same day in the page's
    URLs or ids. Abstains unless exactly one year fits."""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if "date" not in marks and "time" not in marks:
            continue
        text = nfkc(el.text_content() or "").strip()
        m = _MONTH_DAY.search(text)
        if not m or len(text) > 40:
            continue
        month, day = int(m.group("m")), int(m.group("d"))
        years = set(re.findall(rf"(?<!\d)((?:19|20)\d{{2}}){month:02d}{day:02d}(?!\d)", html))
        if len(years) != 1:
            continue
        value = f"{years.pop()}-{month:02d}-{day:02d}"
        if m.group("H"):
            value += f"T{int(m.group('H')):02d}:{m.group('M')}"
        return Published(value=value, basis="explicit", evidence=f"{text} + YYYYMMDD in the page's links")
    return None


def _title(tree: Any, fallback: str | None, sitename: str | None) -> str | None:
    """The headline from og:title or <title>, without the site name some sites put before
    or after it (`NEWS WEB EASY|見出し`, `見出し | 読売新聞オンライン`)."""
    raw = None
    if tree is not None:
        for el in tree.iter("meta"):
            if (el.get("property") or el.get("name") or "").lower() == "og:title" and el.get("content"):
                raw = el.get("content")
                break
        if raw is None:
            t = tree.find(".//title")
            raw = t.text_content() if t is not None else None
    raw = nfkc(raw or fallback or "").strip()
    if not raw:
        return None
    parts = [p.strip() for p in re.split(r"\s*[|｜]\s*|\s+[-–—]\s+", raw) if p.strip()]
    if len(parts) > 1:
        site = nfkc(sitename or "").lower()
        rest = [p for p in parts if not (site and (p.lower() in site or site in p.lower()))]
        parts = rest or parts
        if len(parts) > 1:
            # what is left beside the headline is a site or section name: keep the longest part
            parts = [max(parts, key=len)]
    return parts[0]


def clean_html_page(html: str, url: str | None = None) -> HtmlPage:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        config=_CONFIG,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = (getattr(doc, "title", None) or None) if doc is not None else None
    sitename = (getattr(doc, "sitename", None) or None) if doc is not None else None
    author = (getattr(doc, "author", None) or "") if doc is not None else ""

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        tree = None
    page = HtmlPage(body="", title=_title(tree, title, sitename))
    page.outlet = sitename
    page.authors = [a.strip() for a in re.split(r"[;；]", author) if a.strip()]

    kept: list[str] = []
    seen: set[str] = set()
    ended = False
    for ln in split_lines(text):
        if ln.kind is Kind.END_HEAD:
            ended = True
        if ended:
            if ln.text:
                page.reference_lines.append(ln.text)
            continue
        page.agencies.extend(ln.agencies)
        page.authors.extend(ln.names)
        if ln.kind not in (Kind.PROSE, Kind.SHORT, Kind.LIST) or ln.norm in seen:
            continue
        if page.title and ln.norm == nfkc(page.title) and not kept:
            continue  # the headline repeated as the first line
        seen.add(ln.norm)
        kept.append(ln.text[ln.byline_prefix :].strip())
    page.body = "\n".join(k for k in kept if k)

    if tree is not None:
        page.published = _meta_date(tree) or _dated_element(tree, html)
    if page.published is None:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url=url)
        if found:
            page.published = Published(value=found, basis="explicit", evidence="htmldate: markup date")
    return page
