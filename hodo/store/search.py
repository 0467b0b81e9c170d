"""Full-text search over the store, made to work for Japanese.

The index (`documents_fts`, migration 0002) uses FTS5's trigram tokenizer: any substring
of 3 or more characters can be found, whatever the script, but a MATCH term shorter than
3 characters finds nothing. Japanese readers search with 2-character words (北朝, 会談,
金氏), so a query is run in two parts:

- the query is split on whitespace (ASCII and the full-width space U+3000) into terms,
  and every term must occur in the title or the body (AND);
- terms of 3 or more characters become one FTS5 MATCH expression, each quoted as an FTS5
  string (`"` doubled), so no user input is ever read as FTS5 syntax (`*`, `OR`, `NEAR(`,
  `-`, `col:` are all just text);
- terms of 1–2 characters are filtered with `LIKE '%term%'` (with `%`, `_`, `\\` escaped)
  over title and body, on top of the MATCH — or over every document when there is no
  longer term (a scan: fine for tens of thousands of articles, slower beyond).

Matching is case-insensitive for ASCII in both parts (trigram folds case, LIKE does too).
Results are ranked by bm25 (title weighted 5× the body) when there is a MATCH term,
otherwise newest first (`published` desc, undated last, then `doc_id`). `SearchHit.score`
is `-bm25` — higher is better — or 0.0 without a MATCH term.

Filters (`SearchFilters`: entity, outlet, date range, event type) narrow either mode;
with no query at all, `list_documents` gives the filtered documents newest first.

`raw=True` hands the query to MATCH unchanged, for people who know FTS5 syntax; a syntax
error there becomes `QueryError`. Snippets are made in Python for both modes: about 80
characters around the first match, matches in 【 】, `…` where the text was cut.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from hodo.errors import QueryError
from hodo.models import SearchHit
from hodo.store.sql import date_range, marks

MAX_QUERY_CHARS = 1000
MIN_MATCH_CHARS = 3
"""The trigram tokenizer cannot match a term shorter than this."""
SNIPPET_CHARS = 80
TITLE_WEIGHT = 5.0
BODY_WEIGHT = 1.0
OPEN_MARK, CLOSE_MARK = "【", "】"
ELLIPSIS = "…"

# Private-use characters that FTS5 highlight() puts around matches in raw mode.
_HL_OPEN, _HL_CLOSE = "\ue000", "\ue001"
_HL_SPAN = re.compile(f"{_HL_OPEN}(.*?){_HL_CLOSE}", re.DOTALL)
_WHITESPACE = re.compile(r"\s+")

Span = tuple[int, int]


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]
    """Every term, in query order (for snippets)."""
    match: str | None
    """The FTS5 MATCH expression, or None when no term is long enough."""
    short_terms: tuple[str, ...]
    """Terms too short for trigram MATCH, filtered with LIKE."""


def fts5_string(term: str) -> str:
    """`term` as an FTS5 string literal: matched as text, never read as syntax."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    """`%term%` for `LIKE ? ESCAPE '\\'`, with the LIKE wildcards in `term` escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_query(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(query)} characters (max {MAX_QUERY_CHARS})")
    if not query.replace("\x00", " ").strip():
        raise QueryError("empty search query")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError("search query is not valid text (unpaired surrogate)") from exc


def parse_query(query: str) -> ParsedQuery:
    """Split a user's query into terms: long ones for MATCH, short ones for LIKE."""
    check_query(query)
    # NUL ends an FTS5 string early ("unterminated string"); it can't be in text anyway.
    terms = tuple(dict.fromkeys(query.replace("\x00", " ").split()))
    long_terms = [t for t in terms if len(t) >= MIN_MATCH_CHARS]
    short_terms = tuple(t for t in terms if len(t) < MIN_MATCH_CHARS)
    match = " ".join(fts5_string(t) for t in long_terms) if long_terms else None
    return ParsedQuery(terms=terms, match=match, short_terms=short_terms)


# -- snippets ---------------------------------------------------------------------------


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted, with overlapping or touching spans joined (北朝 + 朝鮮 → 北朝鮮)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def find_spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Every occurrence of every term in `text` (case-insensitive, overlaps allowed), merged."""
    spans: list[Span] = []
    for term in terms:
        if term:
            pattern = re.compile(f"(?=({re.escape(term)}))", re.IGNORECASE)
            spans.extend((m.start(1), m.end(1)) for m in pattern.finditer(text))
    return merge_spans(spans)


def spans_from_highlight(marked: str | None, plain: str | None) -> list[Span]:
    """The spans FTS5 highlight() marked in `marked`, as offsets into `plain` (empty if the
    marks can't be trusted, e.g. the text itself holds the private-use mark characters)."""
    if marked is None or plain is None:
        return []
    spans: list[Span] = []
    removed = 0
    for m in _HL_SPAN.finditer(marked):
        start = m.start() - removed
        spans.append((start, start + len(m.group(1))))
        removed += 2
    if marked.replace(_HL_OPEN, "").replace(_HL_CLOSE, "") != plain:
        return []
    return merge_spans(spans)


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


Segment = tuple[str, bool]
"""A piece of a snippet, and whether it is a match."""


def snippet_segments(text: str, spans: Sequence[Span], width: int = SNIPPET_CHARS) -> list[Segment]:
    """About `width` characters of `text` around the first span, as pieces marked as
    match or not, `…` where text was cut, whitespace runs made one space."""
    if not spans:
        head = _one_line(text[:width])
        return [(head + ELLIPSIS if len(text) > width else head, False)]
    first_start, first_end = spans[0]
    begin = max(0, first_start - width // 4)
    end = max(min(len(text), begin + width), first_end)
    if end - begin < width:  # near the end of the text: show more before the match
        begin = max(0, end - width)
    for start, stop in spans:  # never cut a match in two
        if start < end < stop:
            end = stop
    parts: list[Segment] = []
    pos = begin
    for start, stop in spans:
        if start >= end:
            break
        if start < pos:
            continue
        parts.append((text[pos:start], False))
        parts.append((text[start:stop], True))
        pos = stop
    parts.append((text[pos:end], False))
    parts = [(_WHITESPACE.sub(" ", t), m) for t, m in parts if t]
    if parts and not parts[0][1]:
        parts[0] = (parts[0][0].lstrip(), False)
    if parts and not parts[-1][1]:
        parts[-1] = (parts[-1][0].rstrip(), False)
    if begin > 0 and text[:begin].strip():
        parts.insert(0, (ELLIPSIS, False))
    if end < len(text) and text[end:].strip():
        parts.append((ELLIPSIS, False))
    return [(t, m) for t, m in parts if t]


def make_snippet(text: str, spans: Sequence[Span], width: int = SNIPPET_CHARS) -> str:
    """The snippet as one string, every match wrapped in 【 】 (for a terminal)."""
    return "".join(OPEN_MARK + t + CLOSE_MARK if m else t for t, m in snippet_segments(text, spans, width))


def plain_and_marks(segments: Sequence[Segment]) -> tuple[str, tuple[Span, ...]]:
    """The snippet's text without marks, and where its matches are (code-point offsets):
    for a UI, where 【 】 would be ambiguous (Japanese news writes 【ワシントン共同】)."""
    out: list[str] = []
    marks: list[Span] = []
    pos = 0
    for t, m in segments:
        if m:
            marks.append((pos, pos + len(t)))
        out.append(t)
        pos += len(t)
    return "".join(out), tuple(marks)


def best_snippet(
    title: str | None, body: str, title_spans: list[Span], body_spans: list[Span]
) -> list[Segment]:
    """From the body when a term is there, else from the title, else the body's start."""
    if body_spans or not title_spans or title is None:
        return snippet_segments(body, body_spans)
    return snippet_segments(title, title_spans)


# -- running a search -------------------------------------------------------------------

_COLUMNS = "d.doc_id, d.title, d.source, d.outlet, d.published, d.body"


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search besides its terms; every set field must hold."""

    entity_groups: tuple[tuple[str, ...], ...] = ()
    """The page mentions one entity id of every group (one group per name asked for)."""
    outlet: str | None = None
    date_from: str | None = None
    """Published on or after this ISO prefix (`2024`, `2024-06`, `2024-06-18`)."""
    date_to: str | None = None
    """Published on or before this ISO prefix (its whole month or year included)."""
    event_type: str | None = None
    """The page reports an event of this PLOVER type."""

    def clauses(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on `documents AS d`, and their parameters."""
        where: list[str] = []
        args: list[Any] = []
        for group in self.entity_groups:
            where.append(
                "EXISTS (SELECT 1 FROM document_entities x WHERE x.doc_id = d.doc_id"
                f" AND x.entity_id IN ({marks(len(group))}))"
            )
            args += list(group)
        if self.outlet:
            where.append("d.outlet = ?")
            args.append(self.outlet)
        dated, dated_args = date_range("d.published", self.date_from, self.date_to)
        where += dated
        args += dated_args
        if self.event_type:
            where.append("EXISTS (SELECT 1 FROM events e WHERE e.doc_id = d.doc_id AND e.type = ?)")
            args.append(self.event_type)
        return where, args


NO_FILTERS = SearchFilters()


def _short_filter(short_terms: Sequence[str]) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for term in short_terms:
        clauses.append("(d.title LIKE ? ESCAPE '\\' OR d.body LIKE ? ESCAPE '\\')")
        pattern = like_pattern(term)
        params.extend((pattern, pattern))
    return clauses, params


def _check_page(limit: int, offset: int) -> None:
    if limit < 1:
        raise QueryError(f"search limit must be at least 1, got {limit}")
    if offset < 0:
        raise QueryError(f"search offset must not be negative, got {offset}")


def run_search(
    conn: sqlite3.Connection,
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    raw: bool = False,
    filters: SearchFilters = NO_FILTERS,
) -> list[SearchHit]:
    _check_page(limit, offset)
    if raw:
        return _run_raw(conn, query, limit, offset, filters)
    parsed = parse_query(query)
    clauses, params = _short_filter(parsed.short_terms)
    more, more_args = filters.clauses()
    clauses += more
    params += more_args
    if parsed.match is not None:
        # Only placeholders and fixed SQL are joined here; every user value is a parameter.
        where = " AND ".join(["documents_fts MATCH ?", *clauses])
        sql = (
            f"SELECT {_COLUMNS}, bm25(documents_fts, ?, ?) AS rank"
            " FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid"
            f" WHERE {where} ORDER BY rank, d.doc_id LIMIT ? OFFSET ?"
        )
        args: list[Any] = [TITLE_WEIGHT, BODY_WEIGHT, parsed.match, *params, limit, offset]
    else:
        where = " AND ".join(clauses)
        sql = (
            f"SELECT {_COLUMNS}, 0.0 AS rank FROM documents AS d WHERE {where}"
            " ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?"
        )
        args = [*params, limit, offset]
    hits: list[SearchHit] = []
    for doc_id, title, source, outlet, published, body, rank in conn.execute(sql, args):
        title_spans = find_spans(title, parsed.terms) if title else []
        body_spans = find_spans(body, parsed.terms)
        hits.append(_hit(doc_id, title, source, outlet, published, body, rank, title_spans, body_spans))
    return hits


def _hit(
    doc_id: str,
    title: str | None,
    source: str,
    outlet: str | None,
    published: str | None,
    body: str,
    rank: float | None,
    title_spans: list[tuple[int, int]],
    body_spans: list[tuple[int, int]],
) -> SearchHit:
    segments = best_snippet(title, body, title_spans, body_spans)
    plain, marks = plain_and_marks(segments)
    return SearchHit(
        doc_id=doc_id,
        title=title,
        source=source,
        outlet=outlet,
        published=published,
        snippet="".join(OPEN_MARK + t + CLOSE_MARK if m else t for t, m in segments),
        score=-float(rank) if rank else 0.0,
        snippet_text=plain,
        marks=marks,
    )


def list_documents(
    conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0, filters: SearchFilters = NO_FILTERS
) -> list[SearchHit]:
    """The documents the filters admit, newest first (undated last), with their opening
    as the snippet: what a search with no terms shows."""
    _check_page(limit, offset)
    where, args = filters.clauses()
    sql = (
        f"SELECT {_COLUMNS}, 0.0 AS rank FROM documents AS d WHERE {' AND '.join(where or ['1'])}"
        " ORDER BY d.published DESC NULLS LAST, d.doc_id LIMIT ? OFFSET ?"
    )
    return [
        _hit(doc_id, title, source, outlet, published, body, rank, [], [])
        for doc_id, title, source, outlet, published, body, rank in conn.execute(sql, [*args, limit, offset])
    ]


def _run_raw(
    conn: sqlite3.Connection, query: str, limit: int, offset: int, filters: SearchFilters
) -> list[SearchHit]:
    check_query(query)
    more, more_args = filters.clauses()
    where = " AND ".join(["documents_fts MATCH ?", *more])
    sql = (
        f"SELECT {_COLUMNS}, bm25(documents_fts, ?, ?) AS rank,"
        " highlight(documents_fts, 0, ?, ?), highlight(documents_fts, 1, ?, ?)"
        " FROM documents_fts JOIN documents AS d ON d.id = documents_fts.rowid"
        f" WHERE {where} ORDER BY rank, d.doc_id LIMIT ? OFFSET ?"
    )
    marks = (_HL_OPEN, _HL_CLOSE)
    args = (TITLE_WEIGHT, BODY_WEIGHT, *marks, *marks, query, *more_args, limit, offset)
    try:
        rows = conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        # FTS5 reports bad syntax as SQLITE_ERROR; "database is locked" etc. are not ours.
        if exc.sqlite_errorcode == sqlite3.SQLITE_ERROR:
            raise QueryError(f"invalid search syntax: {exc}") from exc
        raise
    hits: list[SearchHit] = []
    for doc_id, title, source, outlet, published, body, rank, title_hl, body_hl in rows:
        title_spans = spans_from_highlight(title_hl, title)
        body_spans = spans_from_highlight(body_hl, body)
        hits.append(_hit(doc_id, title, source, outlet, published, body, rank, title_spans, body_spans))
    return hits
