"""Japanese date expressions in news text, normalised against the article's date.

    find_timexes(body, anchor) -> list[Timex]

`anchor` is the document's publication date as an ISO 8601 prefix of any precision
(`2024-06-19T21:19`, `2024-06-19`, `2024-06`, `2024`) or None. Every date expression in `body`
comes back once, in order and without overlaps, with exact offsets (`body[start:end] == text`)
and a value that is an ISO prefix whose length is its precision, or None when the anchor does
not give enough to resolve it. A range has `value` (first) and `end_value` (last, inclusive).

What is found (the grammar is in `timex_rules`, the word lists in `hodo/data/timex.toml`):

- absolute dates: `2024年6月19日(水)`, `2024年6月`, `2024年`, `2024/6/19`, `2024.6.19`,
  full-width digits, kanji numerals (`二〇一六年`, `一月十九日`), eras (`令和6年`, `平成元年`);
- two-digit years as the press writes them (`23年9月`, `96年`), pivoted to the century that
  puts them nearest at or before the anchor year + 1 (1950-2049 without an anchor);
- months and days without a year or month (`5月`, `1月14日`, `18日`), relative words
  (`今年`, `昨年9月`, `先月25日`, `きょう`, `先週`, `来週の月曜日`), offsets (`3年前`, `2日後`),
  weekdays (`木曜日`, `金曜`), fixed-date days (`元日`, `大みそか`);
- ranges: `2000年7月19〜20日`, `13〜15日`, `15、16両日`, `18日から19日まで`, `6月18日〜19日`,
  `2023年9月から10月`, `4〜6月期`, with any of 〜 ～ ~ ー − - – —;
- periods: `60年代` (1960..1969), `1990年代後半` (1995..1999), `21世紀` (2000..2099),
  `2024年度` (fiscal: 2024-04..2025-03), `2024年3月期` (the 12 months ending then),
  `6月下旬` (days 21..30), `2024年前半` (months 1..6);
- a clock time right after a day attaches to it: `19日午後3時` → `2024-06-19T15:00`.

Not dates, never returned: `24年ぶり`, `24年間`, `5年連続`, `3日間`, `24時間`, `3月号`, `24日号`,
`1日あたり`, `約20年`, `戦後70年`, `贅沢な1日`, and a time without a day (`21時19分`, `午後3時`).
Found with value None (they count from an event the text names, not from the article):
`同日`, `前日`, `翌年`, `同月`, `翌週`, `その3日後`, `事件の2日前`, `入社から3年後`.

Rules where the text leaves a choice (the anchor is the article's date, A):

- a month without a year is the latest such month at or before A's month, or the month right
  after A's (`MONTH_LOOKAHEAD`: `7月` in June, `1月` in December is next January); in a clause
  marked as future (`…する予定`, `方針`, `…へ`, `…すると発表した`, `公開される『…』`) the next such
  month at or after A's; in a clause marked as past (`…した`) the latest at or before A's.
  With a year-only anchor: A's year.
- a day without a month is in A's month if day <= A's day + 3 (`DAY_LOOKAHEAD`), else in the
  month before; future: the next such day at or after A; past: A's month if day <= A's day + 1.
  A weekday written with the date (`24日(金)`) picks, among the neighbouring months, the one
  where that day is a Friday; a day the chosen month lacks (`29日` after a short February)
  falls in A's month. With a month-precision anchor: A's month; with a year-only anchor: None.
- the clause is the text from the expression to the end of its sentence. A date set off by a
  comma (`Xは16日、…予定の新機種を発表した。`) takes the tense of the sentence's last marker, any
  other date the first marker after it (`16日に発売する新機種を紹介した` → future).
  `bench/README.md` measures both rules and the markers on livedoor.
- a bare weekday is the nearest such day on or before A (an article of Sunday the 21st that says
  `日曜日` means that day); in a future clause, on or after A; `次の金曜日` strictly after.
  In a range it follows the start: `来週の水曜日から金曜日`.
- weeks run Monday..Sunday: `先週` is the previous week as a day range, `今週末` its Saturday..Sunday,
  `先週29日` the 29th in that week, `2週間前` the week that held A - 14 days. ISO week values
  are not in the output contract.
- offsets keep the precision of their unit: `3年前` a year, `3カ月前` a month, `3日前` a day;
  after `Xから` they count from X (`2020年から3年後` → 2023).
- `21世紀` is 2000..2099 (the ISO century `20`), not the formal 2001..2100.
- a two-digit decade (`30年代`) takes the century that puts it nearest at or before A's year + 10
  (2030s in 2024, but `60年代` is 1960s); without an anchor 1930..2029.
- seasons (`今夏`, `来春`) give the year only; `年末`, `年内` the year, `月末` the month.
- in a range, the end takes what it leaves out from the start (`2000年7月19〜20日`, `12月25日〜1月5日`
  crosses into the next year), and a start without a year takes it from an end that has one
  (`11月から2024年2月` → 2023-11..2024-02). If only one end resolves, the two are returned apart.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from hodo.models import Timex
from hodo.nlp.timex_rules import Rules, fold, kanji_number, rules

Tense = Literal["future", "past", "unknown"]

# A day without a month is still in the anchor's month up to this many days after the anchor's
# day (late-night and time-zone-shifted datelines, and "on the 18th" in an article of the 17th).
DAY_LOOKAHEAD = 3
PAST_DAY_LOOKAHEAD = 1
# A month without a year is still ahead of the anchor up to this many months (else the last one).
MONTH_LOOKAHEAD = 1
# Four-digit numbers read as a year before 年 (`1000年に一度` and larger are counts).
YEAR_MIN, YEAR_MAX = 1000, 2199
_ANCHOR = re.compile(r"\s*([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_CJK = re.compile(r"[\u3005\u4e00-\u9fff]")
_CJK_OR_DIGIT = re.compile(r"[0-9\u3005\u4e00-\u9fff〇]")
_LIST_SEPS = ("、", "・", ",")
_TOPIC = re.compile(r"(?:に|には|は|にも)?[、,]")
_NOW_FROM = ("今から", "今日から", "本日から", "きょうから")


@dataclass(frozen=True)
class Anchor:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def parse_anchor(anchor: str | None) -> Anchor:
    """The year, month and day an ISO prefix gives; what is missing or malformed stays None."""
    if not anchor:
        return Anchor()
    m = _ANCHOR.match(anchor)
    if not m:
        return Anchor()
    y = int(m.group(1))
    if not 1 <= y <= 9999:
        return Anchor()
    if m.group(2) is None or not 1 <= int(m.group(2)) <= 12:
        return Anchor(y)
    mo = int(m.group(2))
    if m.group(3) is None or not 1 <= int(m.group(3)) <= calendar.monthrange(y, mo)[1]:
        return Anchor(y, mo)
    return Anchor(y, mo, int(m.group(3)))


@dataclass(frozen=True)
class _Val:
    """A resolved point at the precision of its last non-None field."""

    y: int
    m: int | None = None
    d: int | None = None
    hm: tuple[int, int] | None = None

    def iso(self) -> str | None:
        if not 1 <= self.y <= 9999:
            return None
        s = f"{self.y:04d}"
        if self.m is not None:
            s += f"-{self.m:02d}"
            if self.d is not None:
                s += f"-{self.d:02d}"
                if self.hm is not None:
                    s += f"T{self.hm[0]:02d}:{self.hm[1]:02d}"
        return s

    def first(self) -> date:
        return date(self.y, self.m or 1, self.d or 1)

    def last(self) -> date:
        m = self.m or 12
        return date(self.y, m, self.d or calendar.monthrange(self.y, m)[1])


_Span = tuple[_Val, _Val]
"""The first and the last point an expression stands for (the same one for a point)."""


def _val(d: date, hm: tuple[int, int] | None = None) -> _Val:
    return _Val(d.year, d.month, d.day, hm)


@dataclass(frozen=True)
class _P:
    """One end of a date expression, as written: what is None was not said."""

    y: int | None = None
    y2: int | None = None
    """A two-digit year (`23年`), given a century only when resolved."""
    yrel: int | None = None
    fiscal: bool = False
    fy_end: bool = False
    """`2024年3月期`: the twelve months ending then."""
    m: int | None = None
    mrel: int | None = None
    d: int | None = None
    drel: int | None = None
    wrel: int | None = None
    wd: int | None = None
    next_wd: bool = False
    weekend: bool = False
    sub: tuple[int, int] | None = None
    """A part of the unit (`下旬`: days 21..31, `前半`: months 1..6, decade `後半`: years 5..9)."""
    decade: int | None = None
    century: int | None = None
    crel: int | None = None
    hm: tuple[int, int] | None = None
    offset: bool = False
    """`3年前`, `2日後`: the relative fields count from the anchor (or from a date before から)."""
    null: bool = False


@dataclass
class _C:
    """A candidate: one span, one point or a range (`hi`), or a list of two (`cut`)."""

    start: int
    end: int
    lo: _P
    hi: _P | None = None
    cut: tuple[int, int] | None = None
    """For `15、17日`: the end of the first item and the start of the second."""


def _shift(y: int, m: int, by: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + by
    return k // 12, k % 12 + 1


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def pivot(yy: int, latest: int) -> int:
    """The year ending in the two digits `yy` that is nearest at or before `latest`."""
    return latest - ((latest - yy) % 100)


def _year_for_month(m: int, d: int | None, wd: int | None, a: Anchor, tense: Tense) -> int:
    assert a.year is not None
    if a.month is None:
        base = a.year
    elif tense == "future":
        base = a.year if m >= a.month else a.year + 1
    elif tense == "past":
        base = a.year if m <= a.month else a.year - 1
    elif 0 < (m - a.month) % 12 <= MONTH_LOOKAHEAD:  # next month (December → January too)
        base = a.year if m > a.month else a.year + 1
    else:
        base = a.year if m <= a.month else a.year - 1
    if wd is not None and d is not None:
        for y in (base, a.year, a.year - 1, a.year + 1):
            if _valid(y, m, d) and date(y, m, d).weekday() == wd:
                return y
    return base


def _month_for_day(d: int, wd: int | None, a: Anchor, tense: Tense) -> tuple[int, int]:
    assert a.year is not None and a.month is not None
    y, m = a.year, a.month
    if a.day is None:
        return y, m
    if tense == "future":
        base = (y, m) if d >= a.day else _shift(y, m, 1)
    elif tense == "past":
        base = (y, m) if d <= a.day + PAST_DAY_LOOKAHEAD else _shift(y, m, -1)
    else:
        base = (y, m) if d <= a.day + DAY_LOOKAHEAD else _shift(y, m, -1)
    if wd is not None:
        for yy, mm in (base, (y, m), _shift(y, m, -1), _shift(y, m, 1)):
            if _valid(yy, mm, d) and date(yy, mm, d).weekday() == wd:
                return yy, mm
    if not _valid(*base, d):  # `29日` in an article of 22 March 2018: not February, so March
        for yy, mm in ((y, m), _shift(y, m, 1)):
            if _valid(yy, mm, d):
                return yy, mm
    return base


def _resolve(
    p: _P, a: Anchor, tense: Tense, ctx: _Val | None = None, before: _Val | None = None
) -> _Span | None:
    """The first and last point `p` stands for, or None when the anchor does not say.
    `ctx` is the resolved start of a range whose end `p` is: what `p` leaves out comes from it.
    `before` is the resolved end of a range whose start `p` is (`11月から2017年2月`)."""
    if p.null:
        return None
    if p.decade is not None:
        start = p.decade
        if start < 100:
            start = pivot(start, a.year + 10 if a.year is not None else 2029)
        lo, hi = p.sub or (0, 9)
        return _Val(start + lo), _Val(start + hi)
    if p.century is not None or p.crel is not None:
        if p.century is not None:
            c = p.century
        elif a.year is not None and p.crel is not None:
            c = a.year // 100 + 1 + p.crel
        else:
            return None
        lo, hi = p.sub or (0, 99)
        if c < 2:
            return None
        return _Val((c - 1) * 100 + lo), _Val((c - 1) * 100 + hi)
    today = a.date
    if p.drel is not None:
        if today is None:
            return None
        v = _val(today + timedelta(days=p.drel), p.hm)
        return v, v
    if p.weekend and p.wrel is None:
        if today is None:
            return None
        wd = today.weekday()
        if p.next_wd:
            sat = today + timedelta(days=(5 - wd) % 7 or 7)
        elif wd == 6:
            sat = today - timedelta(days=1)
        elif tense == "future":
            sat = today + timedelta(days=5 - wd)
        else:
            sat = today - timedelta(days=(wd - 5) % 7)
        return _val(sat), _val(sat + timedelta(days=1))
    if p.wrel is not None:
        if today is None:
            return None
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=p.wrel)
        if p.d is not None:  # `先週29日`
            days = [monday + timedelta(days=i) for i in range(7)]
            hit = next((x for x in days if x.day == p.d), None)
            return (_val(hit, p.hm), _val(hit, p.hm)) if hit else None
        if p.wd is not None:
            v = _val(monday + timedelta(days=p.wd), p.hm)
            return v, v
        if p.weekend:
            return _val(monday + timedelta(days=5)), _val(monday + timedelta(days=6))
        return _val(monday), _val(monday + timedelta(days=6))
    if p.wd is not None and p.d is None and p.m is None and p.mrel is None:
        if ctx is not None and ctx.m is not None and ctx.d is not None:  # `来週の水曜日から金曜日`
            since = date(ctx.y, ctx.m, ctx.d)
            v = _val(since + timedelta(days=(p.wd - since.weekday()) % 7), p.hm)
            return v, v
        if today is None:
            return None
        if p.next_wd:
            day = today + timedelta(days=(p.wd - today.weekday()) % 7 or 7)
        elif tense == "future":
            day = today + timedelta(days=(p.wd - today.weekday()) % 7)
        else:
            day = today - timedelta(days=(today.weekday() - p.wd) % 7)
        v = _val(day, p.hm)
        return v, v

    y: int | None = None
    m, d = p.m, p.d
    if p.y is not None:
        y = p.y
    elif p.y2 is not None:
        if ctx is not None and ctx.y >= 1000:
            y = ctx.y // 100 * 100 + p.y2
            if y < ctx.y:
                y += 100
        else:
            y = pivot(p.y2, a.year + 1 if a.year is not None else 2049)
    elif p.yrel is not None:
        if a.year is None:
            return None
        if p.fiscal:
            if a.month is None:
                return None
            y = (a.year if a.month >= 4 else a.year - 1) + p.yrel
        else:
            y = a.year + p.yrel
    if p.mrel is not None:
        if a.year is None or a.month is None:
            return None
        y, m = _shift(a.year, a.month, p.mrel)
    if y is None:
        if ctx is not None:
            y = ctx.y
            if m is None:
                if ctx.m is None:
                    return None
                m = ctx.m
                if d is not None and ctx.d is not None and d < ctx.d:
                    y, m = _shift(y, m, 1)
            elif ctx.m is not None and m < ctx.m:
                y += 1
        elif before is not None and (m is not None or before.m is not None):
            y = before.y
            if m is None:
                assert before.m is not None and d is not None
                m = before.m
                if before.d is not None and d > before.d:
                    y, m = _shift(y, m, -1)
            elif (m, d or 1) > (before.m or 12, before.d or 31):
                y -= 1
        elif m is not None:
            if a.year is None:
                return None
            y = _year_for_month(m, d, p.wd, a, tense)
        elif d is not None:
            if a.year is None or a.month is None:
                return None
            y, m = _month_for_day(d, p.wd, a, tense)
        else:
            return None
    if not 1 <= y <= 9999:
        return None
    if m is None:
        if p.fiscal:
            return _Val(y, 4), _Val(y + 1, 3)
        if p.sub:
            return _Val(y, p.sub[0]), _Val(y, p.sub[1])
        return _Val(y), _Val(y)
    if not 1 <= m <= 12:
        return None
    if d is None:
        if p.fy_end:
            return _Val(*_shift(y, m, -11)), _Val(y, m)
        if p.sub:
            last = calendar.monthrange(y, m)[1]
            return _Val(y, m, min(p.sub[0], last)), _Val(y, m, min(p.sub[1], last))
        return _Val(y, m), _Val(y, m)
    if not _valid(y, m, d):
        return None
    v = _Val(y, m, d, p.hm)
    return v, v


# --------------------------------------------------------------------------- candidates


_DURATION_LIST = re.compile(r"[0-9〇一二三四五六七八九十]年(?:間)?[、・]$")


def _starts_after(s: str, pos: int, words: tuple[str, ...]) -> bool:
    return any(s.endswith(w, 0, pos) for w in words)


def _num(text: str | None) -> int | None:
    return kanji_number(text) if text else None


def _from_cal(mt: re.Match[str], s: str, r: Rules) -> _C | None:
    found = mt.groupdict()
    g: dict[str, Any] = {k: found.get(k) for k in r.cal_groups}
    lo: dict[str, Any] = {}
    hi: dict[str, Any] | None = None
    cut: tuple[int, int] | None = None
    level = ""  # the unit a written range is in: `y` (2014〜16年), `m` (4〜6月), `d` (19〜20日)

    if g["ya"]:
        ya, yb = int(g["ya"]), int(g["yb"])
        if not YEAR_MIN <= ya <= YEAR_MAX:
            return None
        lo["y"] = ya
        hi = {"y": yb} if len(g["yb"]) == 4 else {"y2": yb}
        level = "y"
    elif g["era"]:
        ey = 1 if g["ey"] == "元" else _num(g["ey"])
        if ey is None or not 1 <= ey <= 99:
            return None
        lo["y"] = r.eras[g["era"]] + ey - 1
    elif g["y4"] or g["yk"] or g["yp"] or g["yp2"]:
        y = _num(g["y4"] or g["yk"] or g["yp"] or g["yp2"]) or 0
        if not YEAR_MIN <= y <= YEAR_MAX:
            return None
        lo["y"] = y
    elif g["y2"]:
        lo["y2"] = int(g["y2"])
    elif g["yrel"]:
        if g["yrel"] in r.bare_period and _CJK_OR_DIGIT.match(s, mt.start() - 1) and mt.start() > 0:
            return None  # `4年内`, `高年初産`
        if g["yrel"] in r.anaphoric:
            lo["null"] = True
        else:
            lo["yrel"] = r.rel_year[g["yrel"]]
    has_year = any(g[k] for k in ("ya", "yp", "yp2", "era", "y4", "yk", "y2", "yrel"))

    if g["ma"]:
        ma, mb = int(g["ma"]), int(g["mb"])
        if not (1 <= ma <= 12 and 1 <= mb <= 12) or ma == mb or level:
            return None
        lo["m"] = ma
        hi = {"m": mb}
        level = "m"
        if g["msep"] in _LIST_SEPS and mb != ma % 12 + 1:
            cut = (mt.end("ma"), mt.start("mb"))
    elif g["m"] or g["mk"]:
        mo = _num(g["m"] or g["mk"])
        if mo is None or not 1 <= mo <= 12:
            return None
        (hi if hi is not None else lo)["m"] = mo
    elif g["mrel"]:
        if g["mrel"] in r.bare_period and _CJK_OR_DIGIT.match(s, mt.start() - 1) and mt.start() > 0:
            return None
        if g["mrel"] in r.anaphoric:
            lo["null"] = True
        else:
            lo["mrel"] = r.rel_month[g["mrel"]]
    has_month = bool(g["ma"] or g["m"] or g["mk"] or g["mrel"])

    if g["da"]:
        da, db = int(g["da"]), int(g["db"])
        if not (1 <= da <= 31 and 1 <= db <= 31) or da == db or level:
            return None
        lo["d"] = da
        hi = {"d": db}
        level = "d"
        if g["dsep"] in _LIST_SEPS and db != da + 1:
            cut = (mt.end("da"), mt.start("db"))
    elif g["d"] or g["dk"]:
        dd = _num(g["d"] or g["dk"])
        if dd is None or not 1 <= dd <= 31:
            return None
        (hi if hi is not None else lo)["d"] = dd
    has_day = bool(g["da"] or g["d"] or g["dk"])

    if g["hol"]:
        lo["m"], lo["d"] = r.holidays[g["hol"]]

    wd = g["wp"] or g["wb"]
    if wd:
        (hi if hi is not None else lo)["wd"] = r.weekdays[wd]

    ysuf, msuf = g["ysuf"], g["msuf"]
    if ysuf == "度":
        lo["fiscal"] = True
        if hi is not None:
            hi["fiscal"] = True
    elif g["q"]:
        q = _num(g["q"]) or 1
        lo["sub"] = (3 * q - 2, 3 * q)
    elif ysuf and ysuf.lstrip("の") in r.year_parts:
        lo["sub"] = r.year_parts[ysuf.lstrip("の")]
    if msuf == "期":
        if level == "m":
            pass  # `4〜6月期`: the quarter is the month range itself
        elif has_year and not lo.get("null") and "yrel" not in lo and hi is None:
            lo["fy_end"] = True
        else:
            return None
    elif msuf in r.month_parts:
        (hi if hi is not None else lo)["sub"] = r.month_parts[msuf]

    start = mt.start()
    # Bare forms that are too often not dates.
    # `約20年`, `戦後70年` are spans of years; so is the second of `3年、5年` (a list of
    # durations) — but `関係が悪化し、96年に失効した` is a year.
    bare_y2 = g["y2"] and not has_month and not g["hol"]
    if bare_y2 and (
        _starts_after(s, start, r.short_year_before) or _DURATION_LIST.search(s, max(0, start - 8), start)
    ):
        return None
    if has_day and not has_month and not has_year:
        if _starts_after(s, start, r.day_before):
            return None
        if g["dk"] and not any(c in g["dk"] for c in "十廿"):
            return None
        first = int(g["da"] or g["d"]) if (g["da"] or g["d"]) else 10
        if first < 10 and s.startswith(r.small_day_after, mt.end()):
            return None
        if first == 1 and (
            _starts_after(s, start, r.one_day_before) or s.startswith(r.one_day_after, mt.end())
        ):
            return None  # `贅沢な1日`, `1日中`
    if g["mk"] and not has_day and not has_year and not msuf and _CJK.match(s, mt.end()):
        return None
    if lo.get("null"):
        return _C(start, mt.end(), _P(null=True))
    return _C(start, mt.end(), _P(**lo), _P(**hi) if hi is not None else None, cut)


def _time(mt: re.Match[str]) -> tuple[int, int] | None:
    g = mt.groupdict()
    if g["noon"]:
        return 12, 0
    h = g["h"] or g["h2"] or g["h3"]
    mi = g["mi"] or g["mi2"] or g["mi3"]
    half = g["half"] or g["half2"]
    if h is None:
        return None
    hh, mm = int(h), int(mi) if mi else (30 if half else 0)
    if g["ampm"] == "午後" and hh < 12:
        hh += 12
    elif g["ampm"] == "午前" and hh == 12:
        hh = 0
    if hh > 23 or mm > 59:
        return None
    return hh, mm


def _candidates(s: str, r: Rules) -> list[_C]:
    out: list[_C] = []
    for pat in r.cal:
        for mt in pat.finditer(s):
            if mt.end() > mt.start():
                c = _from_cal(mt, s, r)
                if c is not None:
                    out.append(c)
    for mt in r.numeric.finditer(s):
        y, mo, dd = int(mt["ny"]), int(mt["nm"]), int(mt["nd"])
        if YEAR_MIN <= y <= YEAR_MAX and _valid(y, mo, dd):
            wd = r.weekdays[mt["nw"]] if mt["nw"] else None
            out.append(_C(mt.start(), mt.end(), _P(y=y, m=mo, d=dd, wd=wd)))
    for mt in r.slash.finditer(s):
        mo, dd = int(mt["sm"]), int(mt["sd"])
        if 1 <= mo <= 12 and 1 <= dd <= 31:
            out.append(_C(mt.start(), mt.end(), _P(m=mo, d=dd, wd=r.weekdays[mt["sw"]])))
    for mt in r.rel_day.finditer(s):
        w = mt["rday"]
        p = _P(null=True) if w in r.anaphoric else _P(drel=r.rel_day_words[w])
        out.append(_C(mt.start(), mt.end(), p))
    for mt in r.week.finditer(s):
        w = mt["wrel"]
        if w in r.anaphoric:
            p = _P(null=True)
        elif mt["wday"]:
            dd = int(mt["wday"])
            if not 1 <= dd <= 31:
                continue
            p = _P(wrel=r.rel_week[w], d=dd)
        else:
            wd = r.weekdays[mt["wwd"]] if mt["wwd"] else None
            p = _P(wrel=r.rel_week[w], wd=wd, weekend=bool(mt["wend"]))
        out.append(_C(mt.start(), mt.end(), p))
    for mt in r.weekend.finditer(s):
        out.append(_C(mt.start(), mt.end(), _P(weekend=True, next_wd=bool(mt["wknext"]))))
    for mt in r.weekday.finditer(s):
        out.append(_C(mt.start(), mt.end(), _P(wd=r.weekdays[mt["bwd"]], next_wd=bool(mt["bnext"]))))
    for mt in r.offset.finditer(s):
        n = _num(mt["on"])
        if not n:
            continue
        sign = -1 if mt["odir"] == "前" else 1
        unit = mt["ou"]
        # `その3日後`, `入社から3年後` count from an event, not from the article (`今から` does).
        null = _starts_after(s, mt.start(), r.before_offset) and not _starts_after(s, mt.start(), _NOW_FROM)
        if unit == "年":
            p = _P(yrel=sign * n, offset=True, null=null)
        elif unit == "日":
            p = _P(drel=sign * n, offset=True, null=null)
        elif unit.startswith("週"):
            p = _P(wrel=sign * n, offset=True, null=null)
        else:
            p = _P(mrel=sign * n, offset=True, null=null)
        out.append(_C(mt.start(), mt.end(), p))
    for mt in r.decade.finditer(s):
        dec = int(mt["dec"])
        if dec % 10:
            continue
        part = mt["dpart"]
        out.append(_C(mt.start(), mt.end(), _P(decade=dec, sub=r.decade_parts.get(part or ""))))
    for mt in r.century.finditer(s):
        part = r.century_parts.get(mt["cpart"] or "")
        if mt["crel"]:
            p = _P(crel=-1 if mt["crel"] == "前" else 0, sub=part)
        else:
            n = _num(mt["cn"])
            if not n or n > 30:
                continue
            p = _P(century=n, sub=part)
        out.append(_C(mt.start(), mt.end(), p))
    return out


def _select(cands: list[_C]) -> list[_C]:
    """Leftmost-longest, without overlaps."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[_C] = []
    last = -1
    for c in cands:
        if c.start >= last:
            chosen.append(c)
            last = c.end
    return chosen


# --------------------------------------------------------------------------- resolution


def _tense(s: str, pos: int, r: Rules) -> Tense:
    """Future or past, from the markers between `pos` and the end of the sentence. A date set off
    by a comma (`Xは16日、…を発表した。`) belongs to the sentence's last predicate; otherwise to the
    first one after it (`16日に発売する新機種を紹介した` → future)."""
    end_m = r.clause_end.search(s, pos, pos + 160)
    end = end_m.start() if end_m else min(len(s), pos + 160)
    found: list[tuple[int, Tense]] = [(m.start(), "future") for m in r.future.finditer(s, pos, end)]
    found += [(m.start(), "past") for m in r.past.finditer(s, pos, end)]
    if not found:
        return "unknown"
    return max(found)[1] if _TOPIC.match(s, pos) else min(found)[1]


def _needs_tense(p: _P) -> bool:
    bare_wd = (p.wd is not None or p.weekend) and p.d is None and p.m is None
    bare_wd = bare_wd and p.wrel is None and p.mrel is None
    no_year = p.y is None and p.y2 is None and p.yrel is None and p.mrel is None
    return bare_wd or (no_year and (p.m is not None or p.d is not None))


def _yearless(p: _P) -> bool:
    """A calendar date with no year of its own (`11月`, `18日`), to be inferred."""
    return (
        p.y is None
        and p.y2 is None
        and p.yrel is None
        and p.mrel is None
        and (p.m is not None or p.d is not None)
    )


def _safe(
    p: _P, a: Anchor, tense: Tense, ctx: _Val | None = None, before: _Val | None = None
) -> _Span | None:
    try:
        return _resolve(p, a, tense, ctx, before)
    except (ValueError, OverflowError):  # date arithmetic beyond year 1..9999
        return None


def _span_value(c: _C, a: Anchor, s: str, r: Rules) -> tuple[_Span | None, _Span | None]:
    tense: Tense = "unknown"
    if _needs_tense(c.lo):
        tense = _tense(s, c.end, r)
    lo = _safe(c.lo, a, tense)
    if c.hi is None:
        return lo, None
    hi = _safe(c.hi, a, tense, lo[1] if lo else None) if lo else None
    return lo, hi


def _ordered(lo: _Span, hi: _Span) -> bool:
    try:
        return lo[0].first() <= hi[1].last()
    except ValueError:
        return False


def _timex(body: str, start: int, end: int, v: _Span | None) -> Timex:
    if v is None:
        return Timex(start, end, body[start:end], None)
    first, last = v[0].iso(), v[1].iso()
    if first is None or last is None:
        return Timex(start, end, body[start:end], None)
    return Timex(start, end, body[start:end], first, last if last != first else None)


def find_timexes(body: str, anchor: str | None) -> list[Timex]:
    """Every date expression in `body`, in order, normalised against `anchor` (see the module doc)."""
    if not body:
        return []
    r = rules()
    a = parse_anchor(anchor)
    s = fold(body)
    chosen = _select(_candidates(s, r))

    # A clock time right after a day belongs to it: `19日午後3時`.
    for i, c in enumerate(chosen):
        p = c.lo
        if c.hi is None and (p.d is not None or p.drel is not None or p.wd is not None):
            mt = r.time.match(s, c.end)
            limit = chosen[i + 1].start if i + 1 < len(chosen) else len(s)
            if mt and mt.end() <= limit and (hm := _time(mt)):
                c.lo = replace(p, hm=hm)
                c.end = mt.end()

    out: list[Timex] = []
    i = 0
    while i < len(chosen):
        c = chosen[i]
        lo, hi = _span_value(c, a, s, r)
        if c.cut is not None:
            out.append(_timex(body, c.start, c.cut[0], lo))
            out.append(_timex(body, c.cut[1], c.end, hi))
            i += 1
            continue
        if c.hi is not None:
            v = (lo[0], hi[1]) if lo and hi and _ordered(lo, hi) else None
            out.append(_timex(body, c.start, c.end, v))
            i += 1
            continue
        # Two points joined by 〜 or から make a range: `6月18日〜19日`, `2023年9月から10月`.
        n = chosen[i + 1] if i + 1 < len(chosen) else None
        if n is not None and n.lo.offset and s[c.end : n.start].strip() == "から" and c.hi is None:
            # `2020年から3年後`, `今日から2日後`: the offset counts from the first date.
            left = _safe(c.lo, a, "unknown")
            v = None
            if left is not None:
                base = left[1]
                v = _safe(replace(n.lo, null=False), Anchor(base.y, base.m, base.d), "unknown")
            out.append(_timex(body, c.start, n.end, v))
            i += 2
            continue
        if n is not None and n.hi is None and n.cut is None and r.gap.fullmatch(s, c.end, n.start):
            tense: Tense = _tense(s, n.end, r) if _needs_tense(c.lo) or _needs_tense(n.lo) else "unknown"
            if _yearless(c.lo) and not _yearless(n.lo):  # `11月から2017年2月`: the year comes from the end
                right = _safe(n.lo, a, tense)
                left = _safe(c.lo, a, tense, before=right[1] if right else None)
            else:
                left = _safe(c.lo, a, tense)
                right = _safe(n.lo, a, tense, left[1] if left else None)
            if (left is None) == (right is None) and (left is None or right is None or _ordered(left, right)):
                end = n.end
                tail = r.range_tail.match(s, end)
                if tail:
                    end = tail.end()
                v = (left[0], right[1]) if left and right else None
                out.append(_timex(body, c.start, end, v))
                i += 2
                continue
        out.append(_timex(body, c.start, c.end, lo))
        i += 1
    return out
