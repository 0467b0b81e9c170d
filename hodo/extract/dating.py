"""Dating a page from what it says about events the gazetteer knows.

`昨年10月に北朝鮮のロシア派兵を受けて…`: the deployment is known to be October 2024, and
the page calls that month 「昨年10月」, so the page is written in 2025. The rule is
general: a relative year expression (今年, 昨年, 一昨年, 来年, N年前), with a month that
agrees with the event's when one is given, right before a known dated event's phrase in
the same sentence. Pages with a printed date are never re-dated; clues that disagree give
nothing (a wrong date is worse than none).
"""

from __future__ import annotations

import re

from hodo.extract.gazetteer import Gazetteer
from hodo.models import Published

_RELATIVE = re.compile(
    r"(?P<rel>今年|本年|昨年|去年|前年|一昨年|おととし|来年|(?P<n>\d{1,2})年前)(?:(?P<m>\d{1,2})月)?"
)
_OFFSET = {"今年": 0, "本年": 0, "昨年": -1, "去年": -1, "前年": -1, "一昨年": -2, "おととし": -2, "来年": 1}
_WINDOW = 30  # characters between the date and the event's phrase, within one sentence
_BARE_DAY = re.compile(r"(?<![0-9月/])(?P<d>[0-9]{1,2})日")


def date_from_known_events(body: str, gaz: Gazetteer) -> Published | None:
    years: dict[int, str] = {}
    for event in gaz.dated_events():
        assert event.date is not None
        ev_year, ev_month = int(event.date[:4]), event.date[5:7]
        for alias in {event.name, *event.aliases}:
            start = body.find(alias)
            while start >= 0:
                before = body[max(0, start - _WINDOW) : start]
                before = re.split(r"[。\n]", before)[-1]
                for m in _RELATIVE.finditer(before):
                    offset = -int(m.group("n")) if m.group("n") else _OFFSET[m.group("rel")]
                    if m.group("m") and (not ev_month or int(m.group("m")) != int(ev_month)):
                        continue
                    years.setdefault(
                        ev_year - offset, f"{m.group(0)}…{alias} ({event.en or event.name}: {event.date})"
                    )
                start = body.find(alias, start + 1)
    if len(years) != 1:
        return None
    ((year, evidence),) = years.items()
    return Published(value=f"{year:04d}", basis="inferred", evidence=evidence, confidence=0.7)


def _names(gaz: Gazetteer, entity_id: str) -> list[str]:
    e = gaz.entries.get(entity_id)
    return [f for f in {e.name, *e.aliases} if len(f) >= 2] if e else []


def month_from_known_events(body: str, year: str, gaz: Gazetteer) -> Published | None:
    """For a page dated to a year only: a sentence that names every participant of a known
    event of that year and one of its trigger words, with a bare day that is the event's
    first or last day (`プーチン大統領は18日から北朝鮮を訪問する` in a page of 2024), puts
    the page in the event's month. Clues that disagree give nothing."""
    months: dict[str, str] = {}
    sentences = re.split(r"(?<=[。\n])", body)
    for event in gaz.dated_events():
        assert event.date is not None
        if (
            not event.participants
            or not event.triggers
            or not event.date.startswith(year)
            or len(event.date) < 10
        ):
            continue
        days = {int(event.date[8:10])} | (
            {int(event.end[8:10])} if event.end and len(event.end) >= 10 else set()
        )
        names = [_names(gaz, p) for p in event.participants]
        for sent in sentences:
            if not all(any(n in sent for n in ns) for ns in names):
                continue
            if not any(t in sent for t in event.triggers):
                continue
            for m in _BARE_DAY.finditer(sent):
                if int(m.group("d")) in days:
                    months.setdefault(
                        event.date[:7], f"{sent.strip()[:60]} ({event.en or event.name}: {event.date})"
                    )
    if len(months) != 1:
        return None
    ((month, evidence),) = months.items()
    return Published(value=month, basis="inferred", evidence=evidence, confidence=0.6)
