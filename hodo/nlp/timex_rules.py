"""The grammar of `hodo.nlp.timex`: regexes built once from the lexicons in `hodo/data/timex.toml`.

All patterns run on the *folded* body (`fold`): full-width ASCII mapped to ASCII and the
ideographic space to a space, one character for one, so every offset is an offset into the
original body. Digits are matched as `[0-9]`, never `\\d` (which would take any script's digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from hodo.resources import load_toml

# Full-width ASCII (！..～) to ASCII and U+3000 to a space: length-preserving, unlike NFKC.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20


def fold(text: str) -> str:
    return text.translate(_FOLD)


KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def kanji_number(s: str) -> int | None:
    """`二〇一六` → 2016 (positional), `二十二` → 22, `二千` → 2000, `廿一` → 21; None otherwise."""
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if all(c in KANJI_DIGITS for c in s):
        n = 0
        for c in s:
            n = n * 10 + KANJI_DIGITS[c]
        return n
    total, cur = 0, 0
    for c in s:
        if c in KANJI_DIGITS:
            cur = KANJI_DIGITS[c]
        elif c == "廿":
            total += 20
            cur = 0
        elif c in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (cur or 1) * unit
            cur = 0
        else:
            return None
    return total + cur


# A range connector between two parts (`18〜19日`, `9月から10月`); `ー` and `−` are written for `〜`.
CONN = r"[ ]?(?:〜|~|ー|−|-|–|—|‐|―|から)[ ]?"
# A list separator (`15、16両日`, `6・7月`).
LIST = r"[、・,]"
_KNUM = "〇一二三四五六七八九十"
_CJK = r"\u3005\u4e00-\u9fff"
_WD = "月火水木金土日"


def _alt(words: list[str] | dict[str, Any]) -> str:
    """A group of the words, longest first, so that `一昨年` is tried before `昨年`."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _lead(*parts: str | list[str] | dict[str, Any]) -> str:
    """A lookahead for the characters a match can start with. Python's regex engine tries every
    branch (and lookbehind) at every position; this one test first makes the scan ~10x faster."""
    chars = "".join(p if isinstance(p, str) else "".join(sorted({w[0] for w in p})) for p in parts)
    return f"(?=[{chars}])"


def _frag(frags: list[str]) -> str:
    """Regex fragments from the data, as one alternation (they are already regexes)."""
    return "|".join(f"(?:{f})" for f in frags)


@dataclass(frozen=True)
class Rules:
    cal: tuple[re.Pattern[str], ...]
    cal_groups: frozenset[str]
    """Every group name of the `cal` patterns (each pattern has a subset)."""
    numeric: re.Pattern[str]
    slash: re.Pattern[str]
    rel_day: re.Pattern[str]
    week: re.Pattern[str]
    weekend: re.Pattern[str]
    weekday: re.Pattern[str]
    offset: re.Pattern[str]
    decade: re.Pattern[str]
    century: re.Pattern[str]
    time: re.Pattern[str]
    gap: re.Pattern[str]
    """What may stand between the two ends of a range (full match)."""
    range_tail: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    clause_end: re.Pattern[str]
    eras: dict[str, int]
    weekdays: dict[str, int]
    rel_year: dict[str, int]
    rel_month: dict[str, int]
    rel_week: dict[str, int]
    rel_day_words: dict[str, int]
    anaphoric: frozenset[str]
    bare_period: frozenset[str]
    before_offset: tuple[str, ...]
    holidays: dict[str, tuple[int, int]]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    decade_parts: dict[str, tuple[int, int]]
    century_parts: dict[str, tuple[int, int]]
    short_year_before: tuple[str, ...]
    day_before: tuple[str, ...]
    small_day_after: tuple[str, ...]
    one_day_before: tuple[str, ...]
    one_day_after: tuple[str, ...]
    weekday_before: tuple[str, ...]


def _pairs(d: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {k: (int(v[0]), int(v[1])) for k, v in d.items()}


@cache
def rules() -> Rules:
    data: dict[str, Any] = load_toml("timex.toml")
    rel = data["relative"]
    ana = data["anaphoric"]
    ex = data["exclude"]
    parts = data["parts"]
    eras: dict[str, int] = dict(data["eras"])
    holidays = {k: (int(v[:2]), int(v[3:])) for k, v in data["holidays"].items()}

    year_words = {**rel["year"], **{w: 0 for w in ana["year"]}}
    month_words = {**rel["month"], **{w: 0 for w in ana["month"]}}
    week_words = {**rel["week"], **{w: 0 for w in ana["week"]}}
    day_words = {**rel["day"], **{w: 0 for w in ana["day"]}}
    keep = _alt(parts["keep"])
    # `中` (during) only before a particle or punctuation: `2024年中に` but not `2024年中国`.
    during = r"中(?=[にはのもを、。]|$)|内(?=[にはのもを、。]|$)"
    # `2024年(の)前半`, `2016年の第3四半期` (calendar quarters), `2024年度`, `2024年末`, `2024年中に`.
    ysuf = f"(?P<ysuf>度|の?(?:{_alt(parts['year'])}|第(?P<q>[1-4一二三四])四半期)|{keep}|{during})"
    msuf = f"(?P<msuf>{_alt(parts['month'])}|{keep}|{during}|期)"

    year_not = f"(?!{_frag(ex['year_after'])})"
    short_not = f"(?!{_frag(ex['short_year_after'])})"
    month_not = f"(?!{_frag(ex['month_after'])})"
    # Digits right after `N日` only when they are a clock time (`19日21時`, not `1日3回`).
    day_not = rf"(?!{_frag(ex['day_after'])})(?!(?=[0-9])(?![0-9]{{1,2}}(?:時(?!間)|:[0-9]{{2}})))"

    era = rf"(?P<era>{_alt(eras)})(?P<ey>元|[0-9]{{1,2}}|[{_KNUM}]{{1,3}})"
    # `明治16(1883)年`, `1883(明治16)年`: the Western year is the one in or before the brackets.
    era_paren = (
        rf"{_alt(eras)}(?:元|[0-9]{{1,2}})\((?P<yp>[0-9]{{4}})\)"
        rf"|(?<![0-9])(?P<yp2>[0-9]{{4}})\({_alt(eras)}(?:元|[0-9]{{1,2}})\)"
    )
    year_abs = (
        rf"(?:(?<![0-9.,/])(?P<ya>[0-9]{{4}})(?P<ysep>{CONN}|{LIST})(?P<yb>[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
        rf"|{era_paren}"
        rf"|{era}"
        rf"|(?<![0-9.,/])(?P<y4>[0-9]{{4}})"
        rf"|(?<![0-9.,/])(?P<y2>[0-9]{{2}})"
        rf"|(?<![{_KNUM}])(?P<yk>[〇一二三四五六七八九]{{4}}|[一二]千(?:[一二三四五六七八九]?十)?[一二三四五六七八九]?))年"
    )
    year_part = rf"(?:{year_abs}|(?P<yrel>{_alt(year_words)}))"
    year_tail = rf"(?:{ysuf}|(?(y2){short_not}{year_not}|{year_not}))"

    month_part = (
        rf"(?:(?<![0-9.,/])(?P<ma>[0-9]{{1,2}})(?P<msep>{CONN}|{LIST})(?P<mb>[0-9]{{1,2}})月"
        rf"|(?<![0-9.,/])(?P<m>[0-9]{{1,2}})月"
        rf"|(?<![{_KNUM}])(?P<mk>十[一二]?|[一二三四五六七八九])月"
        rf"|(?P<mrel>{_alt(month_words)}))"
    )
    month_tail = rf"(?:{msuf}|{month_not})"
    kday = "[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二三四五六七八九]"
    day_part = (
        rf"(?:(?<![0-9.,/])(?P<da>[0-9]{{1,2}})(?P<dsep>{CONN}|{LIST})(?P<db>[0-9]{{1,2}})(?P<dunit>日|の?両日)"
        rf"|(?<![0-9.,/])(?P<d>[0-9]{{1,2}})日"
        rf"|(?<![{_KNUM}廿数])(?P<dk>{kday})日)"
    )
    wd_suffix = (
        rf"(?:[ ]?\((?P<wp>[{_WD}])(?:曜日?)?(?:[・,、]?[祝休祭振]日?)?\)"
        rf"|[ ]?の?(?P<wb>[{_WD}])曜(?:日)?)?"
    )
    day_full = rf"{day_part}{day_not}{wd_suffix}"
    hol = rf"(?<![ァ-ヴー])(?P<hol>{_alt(holidays)})(?!・?[ァ-ヴー]|本)"
    sep = "[ ]?の?[ ]?"
    # One pattern per shape (Python's re allows a group name once per pattern); the candidates of
    # all of them are merged leftmost-longest, so `2024年6月` beats the `6月` inside it.
    digits = f"0-9{_KNUM}"
    year_lead = _lead(digits, eras, year_words)
    cal = (
        rf"{year_lead}{year_part}{sep}(?:{month_part}(?:{sep}{day_full}|{month_tail})|{hol})",
        rf"{year_lead}{year_part}{year_tail}",
        rf"{_lead(digits, month_words)}{month_part}(?:{sep}{day_full}|{month_tail})",
        _lead(digits, "廿") + day_full,
        _lead(holidays) + hol,
    )

    numeric = (
        rf"(?=[0-9])(?<![0-9./\-])(?P<ny>[0-9]{{4}})(?P<ns>[/.\-])(?P<nm>[0-9]{{1,2}})(?P=ns)(?P<nd>[0-9]{{1,2}})"
        rf"(?![0-9]|[./\-][0-9])(?:[ ]?\((?P<nw>[{_WD}])(?:曜日?)?(?:[・,、]?[祝休祭振]日?)?\))?"
    )
    # `6/19` only with a weekday after it: alone it is as often a fraction or a score.
    slash = (
        rf"(?=[0-9])(?<![0-9./\-])(?P<sm>[0-9]{{1,2}})/(?P<sd>[0-9]{{1,2}})(?![0-9/])"
        rf"[ ]?\((?P<sw>[{_WD}])(?:曜日?)?(?:[・,、]?[祝休祭振]日?)?\)"
    )
    # Hiragana words (`あす`, `きょう`) must end where a particle or a non-hiragana starts: not `あすか`.
    particle = r"(?=の|に|は|も|から|まで|へ|が|で|と|こそ|や|[^\u3041-\u3096]|$)"
    # not `明日香`, `今日的`, `小泉今日子`, `今日本に` (今 日本)
    rel_day = rf"{_lead(day_words)}(?P<rday>{_alt(day_words)}){particle}(?!香|的|子|(?<=今日)本)"
    week = (
        rf"{_lead(week_words)}(?P<wrel>{_alt(week_words)})(?:(?P<wend>末)|{sep}(?P<wwd>[{_WD}])曜(?:日)?"
        # `先週29日`: the 29th that falls in last week
        rf"|[ ]?の?(?P<wday>[0-9]{{1,2}})日(?:[ ]?\((?P<wdw>[{_WD}])(?:曜日?)?\))?{day_not}"
        rf"|(?P<wkeep>明け|初め|半ば|中(?=[にはのもを、。]|$)|いっぱい))?"
    )
    # A bare `週末`: the weekend nearest the anchor (`今週末`, `先週末` are in `week`).
    weekend = r"(?=[次今週])(?P<wknext>次の|今度の)?(?<![今先来翌前同次々])週末(?!年始)"
    wd_before = "".join(f"(?<!{re.escape(w)})" for w in ex["weekday_before"])
    weekday = (
        rf"(?=[{_WD}次今]){wd_before}(?<![0-9{_KNUM}])(?<!第)(?P<bnext>次の|今度の)?(?P<bwd>[{_WD}])曜(?:日)?"
        r"(?!大工|版|[ァ-ヴ])"  # `日曜大工`, `金曜ロードショー`
    )
    units = "年|カ月|ヶ月|か月|ケ月|ヵ月|箇月|週間|週|日"
    offset = (
        rf"(?=[{digits}])(?<![0-9.,{_KNUM}数])(?P<on>[0-9]{{1,3}}|[{_KNUM}]{{1,3}})(?P<ou>{units})"
        rf"(?P<odir>前|後|先)(?!半|期|者|後|払)"
    )
    dparts = _alt(list(parts["decade"]) + list(parts["keep"]))
    decade = rf"(?=[0-9])(?<![0-9.,])(?P<dec>[0-9]{{4}}|[0-9]{{2}})年代(?P<dpart>{dparts})?"
    cparts = _alt(list(parts["century"]) + list(parts["keep"]))
    century = (
        rf"(?=[{digits}今前])(?:(?<![0-9.,{_KNUM}])(?<!紀元前)(?P<cn>[0-9]{{1,2}}|[一二]?十?[一二三四五六七八九]?)"
        rf"|(?P<crel>今|前))世紀(?P<cpart>{cparts})?"
    )
    time = (
        r"[ ]?の?[ ]?(?:(?P<ampm>午前|午後)[ ]?(?P<h>[0-9]{1,2})時(?:(?P<mi>[0-9]{1,2})分|(?P<half>半))?"
        r"|(?P<h2>[0-9]{1,2})時(?:(?P<mi2>[0-9]{1,2})分|(?P<half2>半))?"
        r"|T?(?P<h3>[0-9]{1,2}):(?P<mi3>[0-9]{2})(?![0-9])"
        r"|(?P<noon>正午))(?!間)"
    )
    cal_patterns = tuple(re.compile(c) for c in cal)
    return Rules(
        cal=cal_patterns,
        cal_groups=frozenset(name for c in cal_patterns for name in c.groupindex),
        numeric=re.compile(numeric),
        slash=re.compile(slash),
        rel_day=re.compile(rel_day),
        week=re.compile(week),
        weekend=re.compile(weekend),
        weekday=re.compile(weekday),
        offset=re.compile(offset),
        decade=re.compile(decade),
        century=re.compile(century),
        time=re.compile(time),
        gap=re.compile(CONN),
        range_tail=re.compile(r"まで|にかけて"),
        future=re.compile(_frag(data["tense"]["future"])),
        past=re.compile(_frag(data["tense"]["past"])),
        clause_end=re.compile(r"[。！？!?\n]"),
        eras=eras,
        weekdays={k: int(v) for k, v in data["weekdays"].items()},
        rel_year={k: int(v) for k, v in rel["year"].items()},
        rel_month={k: int(v) for k, v in rel["month"].items()},
        rel_week={k: int(v) for k, v in rel["week"].items()},
        rel_day_words={k: int(v) for k, v in rel["day"].items()},
        anaphoric=frozenset(ana["year"] + ana["month"] + ana["week"] + ana["day"]),
        bare_period=frozenset(data["bare"]["period"]),
        before_offset=tuple(ana["before_offset"]),
        holidays=holidays,
        month_parts=_pairs(parts["month"]),
        year_parts=_pairs(parts["year"]),
        decade_parts=_pairs(parts["decade"]),
        century_parts=_pairs(parts["century"]),
        short_year_before=tuple(ex["short_year_before"]),
        day_before=tuple(ex["day_before"]),
        small_day_after=tuple(ex["small_day_after"]),
        one_day_before=tuple(ex["one_day_before"]),
        one_day_after=tuple(ex["one_day_after"]),
        weekday_before=tuple(ex["weekday_before"]),
    )
