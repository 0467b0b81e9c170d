"""A publication date reasoned from the content, for pages that print none.

Only conclusions the text itself supports, at the precision the reasoning reaches:
- `2000年以来24年ぶり` says the article is written in 2024 (a year);
- `昨年9月の…訪ロ以降、9ヶ月ぶり`, once the year is known, says June 2024 (a month).
Each carries its evidence; the function abstains when there is no clue or when clues
disagree: a wrong date is worse than none.
"""

from __future__ import annotations

import re

from hodo.clean.patterns import nfkc
from hodo.models import Published

# `2000年以来24年ぶり`, `2000年7月19〜20日以降、24年ぶり`, `2019年の…以来、5年ぶり`
_SINCE_YEARS = re.compile(
    r"(?P<y>(?:19|20)\d{2})年[^。]{0,25}?(?:以来|以降|から)[、,]?[^。]{0,15}?(?P<n>\d{1,3})年ぶり"
)
# `…以降、9ヶ月ぶり` after a dated expression (the timex is found separately)
_SINCE_MONTHS = re.compile(
    r"[^。]{0,30}?(?:以来|以降|から)[、,]?[^。]{0,10}?(?P<n>\d{1,2})\s*[ヶカかケ箇ヵ]月ぶり"
)


def _year(body: str) -> tuple[int, str] | None:
    years: dict[int, str] = {}
    for m in _SINCE_YEARS.finditer(body):
        years.setdefault(int(m.group("y")) + int(m.group("n")), m.group(0))
    if len(years) != 1:
        return None  # nothing, or clues that disagree
    ((year, evidence),) = years.items()
    return year, evidence


def _month(body: str, year: int) -> tuple[str, str] | None:
    from hodo.nlp.timex import find_timexes  # the timex rules resolve 昨年9月 against the year

    months: dict[str, str] = {}
    for t in find_timexes(body, f"{year:04d}"):
        if not t.value or len(t.value) != 7 or t.end_value:
            continue
        m = _SINCE_MONTHS.match(body, t.end)
        if not m:
            continue
        y, mo = int(t.value[:4]), int(t.value[5:7]) + int(m.group("n"))
        y, mo = y + (mo - 1) // 12, (mo - 1) % 12 + 1
        if y == year:
            months.setdefault(f"{y:04d}-{mo:02d}", t.text + m.group(0))
    if len(months) != 1:
        return None
    ((value, evidence),) = months.items()
    return value, evidence


def infer_published(body: str) -> Published | None:
    text = nfkc(body)
    found = _year(text)
    if found is None:
        return None
    year, evidence = found
    month = _month(text, year)
    if month:
        return Published(value=month[0], basis="inferred", evidence=f"{evidence}; {month[1]}", confidence=0.7)
    return Published(value=f"{year:04d}", basis="inferred", evidence=evidence, confidence=0.8)
