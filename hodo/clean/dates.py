"""Explicit publication dates as pages print them.

Formats: `2024年06月19日 21:19`, `2024年6月19日(水)21時19分`, `2024/12/05 06:30`,
`2024.6.18(火) 10:05`, `2024-06-19T21:19:00+09:00`, `2011-10-02T10:00:00+0900`,
`21 Jan 2024 11:01:28 GMT9`, `June 19, 2024`, `令和6年6月20日`.
The value keeps the precision that is printed: a date without a time is `YYYY-MM-DD`,
never a midnight the page did not state.

Hand-written rather than dateparser/htmldate: those libraries parse one string that is
known to be a date; here a date has to be *found* on a line among other words, its span
kept, and its printed precision preserved. htmldate is still used on HTML (see htmlpage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hodo.clean.patterns import nfkc

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}

_WEEKDAY = r"(?:\s*[(（][月火水木金土日](?:曜日?)?[)）]|\s*[月火水木金土日]曜日?)?"
_TIME = r"(?:\s*(?:T|\s)?\s*(?P<H>\d{1,2})(?::|時)(?P<M>\d{2})(?:(?::|分)(?P<S>\d{2})(?:秒)?)?(?:分)?)?"
_TZ = r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|GMT\s*[+-]?\d{1,2}(?::?\d{2})?|UTC\s*[+-]?\d{1,2}|JST))?"

_PATTERNS = [
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _WEEKDAY + _TIME + _TZ),
    re.compile(
        r"(?P<era>令和|平成|昭和)\s*(?P<ey>元|\d{1,2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
        + _WEEKDAY
        + _TIME
    ),
    re.compile(
        r"(?<!\d)(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
        + _WEEKDAY
        + _TIME
        + r"(?::\d{2}(?:\.\d+)?)?"
        + _TZ
    ),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})" + _TIME + _TZ),
    re.compile(r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})" + _TIME + _TZ),
]

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    """Offsets into the NFKC form of the searched text."""
    text: str
    value: str
    """ISO 8601 prefix with the printed precision."""


def _tz(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.replace(" ", "").upper()
    if raw == "Z":
        return "+00:00"
    if raw == "JST":
        return "+09:00"
    m = re.fullmatch(r"(?:GMT|UTC)?([+-]?)(\d{1,2}):?(\d{2})?", raw)
    if not m:
        return ""
    sign = m.group(1) or "+"
    return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def _value(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("era"):
        ey = 1 if g["ey"] == "元" else int(g["ey"])
        year = _ERAS[g["era"]] + ey
    else:
        year = int(g["y"])
    if g.get("mon"):
        month = _MONTHS.get(g["mon"].lower())
        if month is None:
            return None
    else:
        month = int(g["m"])
    day = int(g["d"])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return None
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if g.get("H") is not None:
        hour, minute = int(g["H"]), int(g["M"])
        if hour > 23 or minute > 59:
            return value
        value += f"T{hour:02d}:{minute:02d}"
        if g.get("S") is not None:
            value += f":{int(g['S']):02d}"
            value += _tz(g.get("tz"))
        elif g.get("tz"):
            value += ":00" + _tz(g.get("tz"))
    return value


def find_dates(text: str) -> list[FoundDate]:
    """Every full calendar date (year, month and day) printed in `text`, in order."""
    s = nfkc(text)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(s):
            if any(m.start() < e and b < m.end() for b, e in taken):
                continue
            v = _value(m)
            if v is None:
                continue
            end = m.end()
            while end > m.start() and s[end - 1].isspace():
                end -= 1
            found.append(FoundDate(m.start(), end, s[m.start() : end], v))
            taken.append((m.start(), end))
    found.sort(key=lambda f: f.start)
    return found


def parse_date(text: str) -> str | None:
    """The value of the first date in `text`, or None."""
    found = find_dates(text)
    return found[0].value if found else None
