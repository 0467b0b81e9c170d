"""Cleaning a page copied from a browser: the article's paragraphs, and the lines
around them that say who wrote it, when, and for whom.

Why hodo's own code and not trafilatura here: trafilatura needs markup to tell an
`<article>` from a `<nav>`; copied text has none, and wrapped as HTML paragraphs it keeps
everything (measured, see shared/notes/measured.md). So the page is read as browsers
render it: lines, list items, and zones.

1. Every line is classified once (`lines.py`): chrome, caption, notice, date, byline,
   list item, prose, short text.
2. Blocks: a ranking / related-articles heading opens a block skipped until article prose
   resumes; a comments / references heading ends the article.
3. The article runs from the first to the last prose line outside such blocks; inside it
   prose and short headings stay, lists stay only when their items are sentences.
4. Lines repeated within the page are kept once (prose) or dropped (short chrome), and
   lines repeated across pages of one site (templates) are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass, field
from itertools import pairwise

from hodo.clean.lines import Kind, Line, is_sentence_like, ja_ratio, split_lines
from hodo.clean.patterns import lexicon, nfkc

_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
_SEPARATORS = " \t|｜/／:：-–—・,、()（）[]【】"


@dataclass
class TextPage:
    body: str
    lines: list[Line]
    kept: list[Line]
    first_prose: int | None
    last_prose: int | None
    zone: dict[int, str]
    """Line index → `main`, `skip` (a ranking or related block) or `end` (after the article)."""
    title: str | None = None
    title_line: int | None = None
    authors: list[str] = field(default_factory=list)


def _zones(lines: list[Line]) -> dict[int, str]:
    zone: dict[int, str] = {}
    state = "main"
    seen_prose = False
    for ln in lines:
        if ln.kind is Kind.BLANK:
            zone[ln.idx] = state
            continue
        if state == "end":
            zone[ln.idx] = "end"
            continue
        if ln.kind is Kind.END_HEAD and seen_prose:
            state = "end"
            zone[ln.idx] = "end"
            continue
        if ln.kind is Kind.SKIP_HEAD:
            state = "skip"
            zone[ln.idx] = "skip"
            continue
        if state == "skip":
            if ln.kind is Kind.PROSE and not ln.list_item:
                state = "main"
            else:
                zone[ln.idx] = "skip"
                continue
        zone[ln.idx] = "main"
        if ln.kind is Kind.PROSE:
            seen_prose = True
    return zone


def _list_runs(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        if ln.kind is Kind.BLANK:
            continue
        if ln.list_item or ln.continuation:
            if ln.list_item and cur and not cur[-1].list_item and not cur[-1].continuation:
                runs.append(cur)
                cur = []
            cur.append(ln)
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _title_candidates(lines: list[Line], before: int) -> list[tuple[int, Line, str]]:
    """(score, line, title text) for header lines that could be the headline."""
    lex = lexicon()
    list_texts = {ln.norm for ln in lines if ln.list_item}
    header = [ln for ln in lines[:before] if ln.kind is not Kind.BLANK]
    out: list[tuple[int, Line, str]] = []
    for pos, ln in enumerate(header):
        if ln.kind not in (Kind.SHORT, Kind.DATE) or ln.list_item or ln.continuation:
            continue
        text = ln.text
        if ln.dates:
            # `見出し2024年06月19日 21:19`: a headline with the date glued on.
            d = ln.dates[-1]
            if len(nfkc(text).rstrip()) - d.end > 2:
                continue
            text = nfkc(text)[: d.start].rstrip(_SEPARATORS)
            for label in (*lex.published_labels, *lex.updated_labels):
                text = text.removesuffix(label).rstrip(_SEPARATORS)
        norm = nfkc(text).strip()
        if len(norm) < 5 or len(norm) > 150 or norm.endswith("。"):
            continue
        if ja_ratio(norm) == 0 and len(norm) < 20:
            continue
        score = 0
        if norm in list_texts:
            score += 3  # the last breadcrumb repeats the headline
        if len(norm) >= 12:
            score += 1
        if ln.dates:
            score += 2
        following = [x for x in header[pos + 1 :] if x.kind not in (Kind.CAPTION, Kind.UI)][:1]
        if following and following[0].kind in (Kind.BYLINE, Kind.DATE):
            score += 2
        preceding = [x for x in header[:pos] if x.kind not in (Kind.CAPTION, Kind.UI)][-1:]
        if preceding and preceding[0].kind is Kind.DATE:
            score += 2
        nxt = header[pos + 1] if pos + 1 < len(header) else None
        if nxt is not None and nxt.list_item:
            score -= 3  # a tagline or site name above a menu
        if re.fullmatch(f".{{0,14}}{lex.outlet_suffix}(デジタル|オンライン|日本語版)?", norm):
            score -= 3  # the site's name
        out.append((score, ln, text.strip()))
    return out


def _signature_names(lines: list[Line], after: int) -> list[str]:
    """A name line right above an e-mail address, after the article: the writer."""
    lex = lexicon()
    tail = [ln for ln in lines[after + 1 :] if ln.kind is not Kind.BLANK]
    names = []
    for a, b in pairwise(tail):
        if (
            a.kind is Kind.SHORT
            and _EMAIL.match(b.norm)
            and lex.name.fullmatch(a.norm)
            and a.norm not in lex.not_names
            and len(a.norm.replace(" ", "")) <= 10
        ):
            names.append(a.norm)
    return names


def _unpunctuated_body(lines: list[Line], zone: dict[int, str], title_line: int | None) -> list[int]:
    """For a page with no sentence punctuation at all (a blog post written in short
    lines): the Japanese text lines after the headline, when there are enough of them to
    be an article rather than a menu. Lists, chrome and skipped blocks never count."""
    start = title_line + 1 if title_line is not None else 0
    text = [
        ln.idx
        for ln in lines[start:]
        if ln.kind is Kind.SHORT and zone[ln.idx] == "main" and not ln.list_item and ja_ratio(ln.norm) >= 0.5
    ]
    if len(text) >= 3 and sum(len(lines[i].norm) for i in text) >= 80:
        return text
    return []


def clean_text_page(text: str, templates: Set[str] = frozenset()) -> TextPage:
    """Split a copied page into its article body and the lines around it."""
    lines = split_lines(text)
    for ln in lines:
        if ln.norm in templates and ln.kind is not Kind.PROSE:
            ln.kind = Kind.UI
    zone = _zones(lines)
    prose = [ln.idx for ln in lines if ln.kind is Kind.PROSE and zone[ln.idx] == "main" and not ln.list_item]
    page = TextPage(
        body="",
        lines=lines,
        kept=[],
        first_prose=prose[0] if prose else None,
        last_prose=prose[-1] if prose else None,
        zone=zone,
    )
    cands = _title_candidates(lines, prose[0] if prose else len(lines))
    if cands:
        best = max(cands, key=lambda c: (c[0], -c[1].idx))
        if best[0] >= 1:
            page.title, page.title_line = best[2], best[1].idx
    if page.title is None and len(prose) > 1:
        # `2012-02-22T17:53:00+0900` then a headline that happens to end with 。: the line
        # right under the page's date line, short, with the article following it.
        head = lines[prose[0]]
        above = [ln for ln in lines[: head.idx] if ln.kind is not Kind.BLANK][-1:]
        if above and above[0].kind is Kind.DATE and len(head.norm) <= 80:
            page.title, page.title_line = head.text, head.idx
            prose = prose[1:]
            page.first_prose = prose[0]
    if not prose:
        prose = _unpunctuated_body(lines, zone, page.title_line)
        if not prose:
            return page
        page.first_prose, page.last_prose = prose[0], prose[-1]
    first, last = prose[0], prose[-1]

    keep_list: set[int] = set()
    for run in _list_runs(lines[first : last + 1]):
        sentences = sum(is_sentence_like(ln.norm) for ln in run)
        if sentences * 2 >= len(run) and all(zone[ln.idx] == "main" for ln in run):
            keep_list.update(ln.idx for ln in run)

    counts = Counter(ln.norm for ln in lines if ln.kind is not Kind.BLANK)
    title_norm = nfkc(page.title).strip() if page.title else None
    seen: set[str] = set()
    for ln in lines[first : last + 1]:
        if zone[ln.idx] != "main" or ln.norm in seen:
            continue
        if ln.kind is Kind.LIST and ln.idx not in keep_list:
            continue
        if ln.kind not in (Kind.PROSE, Kind.SHORT, Kind.LIST):
            continue
        if ln.kind is Kind.SHORT and (counts[ln.norm] > 1 or ln.norm == title_norm):
            continue
        seen.add(ln.norm)
        page.kept.append(ln)
    page.body = "\n".join(ln.text[ln.byline_prefix :].strip() for ln in page.kept)

    authors: list[str] = []
    for ln in lines:
        if ln.kind is Kind.BYLINE or (ln.names and ln in page.kept):
            authors.extend(ln.names)
    authors.extend(_signature_names(lines, last))
    for a in authors:
        if all(a.replace(" ", "").replace("\u3000", "") != b.replace(" ", "") for b in page.authors):
            page.authors.append(a)
    return page
