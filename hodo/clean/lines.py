"""Lines of a page copied from a browser, each with what it looks like.

A browser renders `<li>` as an indented `•` line; paragraphs as lines of their own;
menus, rankings and footers as runs of short lines. Classifying each line once, from
the lexicons in `hodo/data/boilerplate.toml`, lets the cleaner reason about zones
(header, article, footer) and blocks (rankings, related articles) instead of strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from hodo.clean.dates import FoundDate, find_dates
from hodo.clean.patterns import lexicon, nfkc

# Markers a browser puts before list items when text is copied (`<li>`). The Japanese
# middle dot `・` is typed by writers inside articles, so it is not one of them.
_LIST_MARKER = re.compile(r"^\s*(?:[•◦▪▫‣∙●]|[*\-](?=\s))\s*")
_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々〆ヵヶ]")
_SENTENCE_END = re.compile(r"[。．！？!?][」』）)”]*$")
_PERIOD_END = re.compile(r"[。．][」』）)”]*$")
_CREDIT_END = re.compile(r"。[」』）)”]*\s*[(（【][^)）】]{1,12}[)）】]$")


class Kind(Enum):
    BLANK = "blank"
    UI = "ui"
    CAPTION = "caption"
    NOTICE = "notice"
    SKIP_HEAD = "skip_head"
    END_HEAD = "end_head"
    DATE = "date"
    BYLINE = "byline"
    LIST = "list"
    PROSE = "prose"
    SHORT = "short"


@dataclass
class Line:
    idx: int
    start: int
    """Offset of the line in the page text."""
    raw: str
    text: str
    """The line without surrounding whitespace or list marker."""
    norm: str
    """NFKC of `text`, for matching."""
    indent: int
    list_item: bool = False
    continuation: bool = False
    kind: Kind = Kind.SHORT
    dates: list[FoundDate] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """Author names when the line is (or opens with) a byline."""
    agencies: list[str] = field(default_factory=list)
    """Wire agencies named in a credit or dateline on this line."""
    byline_prefix: int = 0
    """Length of a leading `【ソウル=記者名】` dateline in `text`, to be cut from the body."""


def ja_ratio(s: str) -> float:
    return len(_JA.findall(s)) / len(s) if s else 0.0


def is_sentence_like(norm: str) -> bool:
    """A line of article prose: Japanese, long enough, with sentence punctuation."""
    if len(norm) < 8:
        return False
    ja = ja_ratio(norm)
    if ja < 0.3 and not (ja >= 0.15 and _PERIOD_END.search(norm)):
        return False  # (a sentence ending in 。 may be mostly Latin names: 「Zen Bound 2」などを配信。)
    if len(norm) < 15:
        return ja >= 0.5 and bool(_PERIOD_END.search(norm))
    if len(norm) >= 60:
        # a long line: a paragraph (possibly hard-wrapped mid-sentence)
        return "。" in norm or (bool(_SENTENCE_END.search(norm)) and "、" in norm)
    # Shorter lines must end like a sentence: headlines put 。 mid-line (`…棄権。ブログで明かす`)
    # or end with ！？ without any 。 (`…肌にしよう！`).
    if _PERIOD_END.search(norm) or _CREDIT_END.search(norm):
        return True
    return "。" in norm and bool(_SENTENCE_END.search(norm))


def _date_only(line: Line) -> bool:
    """A line that is a date plus at most a few label words (配信, 更新, a weekday, a section)."""
    if not line.dates:
        return False
    rest = line.norm
    for d in reversed(line.dates):
        rest = rest[: d.start] + rest[d.end :]
    rest = re.sub(r"[\s|｜/／:：,、・()\[\]（）【】]+", "", rest)
    return len(rest) <= 12 and "。" not in rest


def _byline(line: Line) -> bool:
    lex = lexicon()
    for pat in lex.byline_lines:
        m = pat.match(line.norm)
        if m and m.group("name").strip() not in lex.not_names:
            line.names.append(m.group("name").strip())
            return True
    return False


def _dateline(line: Line) -> None:
    """`【ソウル=甲原潤之介】…` or `【ワシントン共同】…` opening a paragraph."""
    lex = lexicon()
    m = lex.dateline_agency.match(line.norm)
    if m:
        line.agencies.append(m.group("agency"))
        line.byline_prefix = _prefix_len(line.text, m.end())
        return
    m = lex.dateline.match(line.norm)
    if not m:
        return
    for part in re.split(r"[、,・/／]", m.group("names")):
        part = part.strip()
        if not part:
            continue
        if re.fullmatch(f"(?:{lex.agency_alt})", part, re.IGNORECASE):
            line.agencies.append(part)
        elif lex.name.fullmatch(part) and part not in lex.not_names:
            line.names.append(part)
        else:
            return
    line.byline_prefix = _prefix_len(line.text, m.end())


def _prefix_len(text: str, norm_len: int) -> int:
    """Map a prefix length in the NFKC form back to the original text."""
    for i in range(len(text) + 1):
        if len(nfkc(text[:i])) >= norm_len:
            return i
    return len(text)


def classify(line: Line) -> Kind:
    lex = lexicon()
    n = line.norm
    low = n.lower()
    if not n:
        return Kind.BLANK
    if any(p.search(n) for p in lex.notices):
        return Kind.NOTICE
    if any(p.match(n) for p in lex.block_end):
        return Kind.END_HEAD
    if low in lex.ui_exact or any(p.match(n) for p in lex.ui):
        # A skip heading is also UI-like (`ランキング`); it matters that it opens a block.
        if any(p.match(n) for p in lex.block_skip):
            return Kind.SKIP_HEAD
        return Kind.UI
    if any(p.match(n) for p in lex.block_skip):
        return Kind.SKIP_HEAD
    credit = re.fullmatch(
        f"[(（【\\[]?\\s*({lex.agency_alt})\\s*[)）】\\]]?", n, re.IGNORECASE
    ) or re.fullmatch(
        f"[(（【\\[]\\s*({lex.outlet_shaped})\\s*[)）】\\]]|(?:配信|提供|出典)\\s*[:：]\\s*({lex.outlet_shaped})",
        n,
    )
    if credit:
        # `AP`, `(共同)`, `(北東アジア通信)`, `配信:…` on a line of its own: the text's credit.
        line.agencies.append(credit.group(credit.lastindex or 1))
        return Kind.UI
    if len(n) <= 200 and any(p.search(n) for p in lex.captions):
        for m in re.finditer(f"(?:{lex.agency_alt})", n, re.IGNORECASE):
            line.agencies.append(m.group(0))
        return Kind.CAPTION
    line.dates = find_dates(line.text)
    if _byline(line):
        return Kind.BYLINE
    if line.list_item or line.continuation:
        return Kind.LIST
    if _date_only(line):
        return Kind.DATE
    _dateline(line)
    body = n[len(nfkc(line.text[: line.byline_prefix])) :] if line.byline_prefix else n
    if is_sentence_like(body):
        tail = re.search(f"[(（【]\\s*({lex.agency_alt})\\s*[)）】]\\s*$", body, re.IGNORECASE)
        if tail:
            line.agencies.append(tail.group(1))
        return Kind.PROSE
    return Kind.SHORT


def split_lines(page: str) -> list[Line]:
    """The page's lines, classified; list items and their indented continuations marked."""
    lines: list[Line] = []
    pos = 0
    list_indent: int | None = None
    for idx, raw in enumerate(page.split("\n")):
        start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        m = _LIST_MARKER.match(raw) if stripped else None
        text = raw[m.end() :].strip() if m else stripped
        line = Line(idx=idx, start=start, raw=raw, text=text, norm=nfkc(text).strip(), indent=indent)
        if m:
            line.list_item = True
            list_indent = indent
        elif stripped and list_indent is not None:
            if indent > list_indent:
                line.continuation = True
            else:
                list_indent = None
        line.kind = classify(line)
        lines.append(line)
    return lines
