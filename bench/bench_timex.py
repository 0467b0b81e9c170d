"""Benchmark of hodo's Japanese date expressions (`hodo.nlp.timex.find_timexes`).

1. Accuracy on the Recognizers-Text Japanese DateTime specs (Microsoft, MIT), the cases of type
   `date` / `daterange` in DateParser.json, DatePeriodParser.json, HolidayParser.json and
   DateTimeModel.json, each resolved against its `ReferenceDateTime`:
     detected   an output span overlaps the expected span
     compared   the expected Timex is a calendar value we can compare (see `expected_check`)
     correct    ... and the best-overlapping output has that value
   per file and in total.
2. Speed: characters/s over the first N livedoor news articles (line 2's date as the anchor,
   lines 4+ as the body), and what is found there.
3. The month/day rules, checked on livedoor without gold: explicit `M月D日` with the month deleted
   (does the bare-day rule bring the month back?) and `YYYY年M月` with the year deleted.
4. Optionally ja-timex on the same spec cases (`--ja-timex-python`, an interpreter with ja-timex
   installed; it is not a dependency of hodo).

    .venv/bin/python bench/bench_timex.py
    .venv/bin/python bench/bench_timex.py --ja-timex-python /tmp/jatimex-venv/bin/python --misses 20

The data are only read, never copied.
"""

from __future__ import annotations

import argparse
import calendar
import json
import platform
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from hodo.nlp import timex as tx  # noqa: E402
from hodo.nlp.timex_rules import rules  # noqa: E402
from hodo.resources import load_toml  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
DEFAULT_SPECS = SHARED / "timex-ja" / "recognizers-text-datetime-ja"
DEFAULT_LIVEDOOR = SHARED / "livedoor" / "text"
SPEC_FILES = ("DateParser.json", "DatePeriodParser.json", "HolidayParser.json", "DateTimeModel.json")
DATE_TYPES = {"date", "daterange", "datetimeV2.date", "datetimeV2.daterange"}

# (start, end, value, end_value) for one output span.
Out = tuple[int, int, str | None, str | None]
# Per spec file: (input, anchor, the spans of every expected result of any type).
Cases = dict[str, list[tuple[str, str | None, list[tuple[int, int]]]]]
Outputs = dict[tuple[str, str, str | None], list[Out]]
Finder = Callable[[str, str | None], list[Out]]


# --------------------------------------------------------------------------- gold


@dataclass
class Expected:
    file: str
    input: str
    anchor: str | None
    start: int
    end: int
    text: str
    timexes: list[str]
    others: list[tuple[int, int]] = field(default_factory=list)
    """Spans of every expected result of the case (any type), to tell extra output apart."""


def load_cases(spec_dir: Path) -> tuple[list[Expected], Cases]:
    """The date/daterange results, and per file every case (input, anchor, all expected spans)."""
    exps: list[Expected] = []
    cases: Cases = {}
    for name in SPEC_FILES:
        data = json.loads((spec_dir / name).read_text(encoding="utf-8-sig"))
        cases[name] = []
        for case in data:
            text = case["Input"]
            anchor = (case.get("Context") or {}).get("ReferenceDateTime")
            spans: list[tuple[int, int]] = []
            mine: list[Expected] = []
            for res in case.get("Results", []):
                if "Length" in res:
                    s, e = res["Start"], res["Start"] + res["Length"]
                else:
                    s, e = res["Start"], res["End"] + 1
                spans.append((s, e))
                kind = res.get("Type") or res.get("TypeName")
                if kind not in DATE_TYPES:
                    continue
                if "Value" in res:
                    timexes = [res["Value"].get("Timex")] if res.get("Value") else []
                else:
                    timexes = [v.get("timex") for v in (res.get("Resolution") or {}).get("values", [])]
                mine.append(Expected(name, text, anchor, s, e, res["Text"], [str(t) for t in timexes]))
            for m in mine:
                m.others = spans
            exps.extend(mine)
            cases[name].append((text, anchor, spans))
    return exps, cases


# --------------------------------------------------------------------------- comparing values


def interval(value: str | None, end_value: str | None) -> tuple[date, date, date] | None:
    """The first and last day an ISO prefix (or a pair) covers, and the first day of the last
    unit (2014 in `2014..2018` gives 2018-01-01); the time of day is dropped."""
    if value is None:
        return None
    try:
        first = _bounds(value)[0]
        end_first, last = _bounds(end_value or value)
    except ValueError:
        return None
    return first, last, end_first


def _bounds(v: str) -> tuple[date, date]:
    v = v[:10]
    parts = [int(x) for x in v.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return date(y, 1, 1), date(y, 12, 31)
    m = parts[1]
    if len(parts) == 2:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    d = date(y, m, parts[2])
    return d, d


def _pattern_matches(pat: str, d: date) -> bool:
    """`XXXX-10-02` (or `XX70-01-01`) against a date: X matches any digit."""
    iso = d.isoformat()
    return len(pat) == len(iso) and all(p in ("X", c) for p, c in zip(pat, iso, strict=True))


_DAY = re.compile(r"^[0-9X]{4}-[0-9X]{2}-[0-9X]{2}$")
Check = Callable[[date, date, date], bool]


def expected_check(timex: str) -> Check | str:
    """A test of (first, last) for a Timex we can compare, or why it cannot be compared."""
    t = timex.strip()
    if not t or t == "None":
        return "unresolved in gold"
    if re.search(r"-(SU|SP|FA|WI)$|^(SU|SP|FA|WI)$", t):
        return "season"
    if "#" in t or re.search(r"-[0-9X]{2}-W", t):
        return "n-th weekday / week of month"
    if re.fullmatch(r"X+(-X+)?(-WXX)?(-WE)?", t):
        return "anaphoric (その週, 同じ年)"
    if t.startswith("("):
        m = re.fullmatch(r"\(([^,]+),([^,]+),([^)]+)\)", t)
        if not m or not (_DAY.match(m.group(1)) and _DAY.match(m.group(2))):
            return "range with a week or weekday end"
        s, e = m.group(1), m.group(2)
        if not (_plausible(s) and _plausible(e)):
            return "invalid date in gold"

        def check_range(first: date, last: date, end_first: date) -> bool:
            if not _pattern_matches(s, first):
                return False
            # Recognizers ends a unit period at the next unit's first day (1990年代 → 1990-01-01..
            # 2000-01-01), a written day range at its last day (4日から22日 → ..-22), and a range of
            # months or years at the first day of the last one (2014年から2018年 → ..2018-01-01).
            return any(_pattern_matches(e, d) for d in (last, last + timedelta(days=1), end_first))

        return check_range
    m = re.fullmatch(r"([0-9]{4})-W([0-9]{2})(-WE)?", t)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return "invalid date in gold"
        lo = monday + timedelta(days=5) if m.group(3) else monday
        hi = monday + timedelta(days=6)
        return lambda first, last, _: (first, last) == (lo, hi)
    m = re.fullmatch(r"XXXX-WXX-([1-7])", t)
    if m:
        wd = int(m.group(1))
        return lambda first, last, _: first == last and first.isoweekday() == wd
    if _DAY.match(t):
        if not _plausible(t):
            return "invalid date in gold"
        return lambda first, last, _: first == last and _pattern_matches(t, first)
    m = re.fullmatch(r"([0-9X]{4})-([0-9]{2})", t)
    if m:
        ys, mo = m.group(1), int(m.group(2))

        def check_month(first: date, last: date, _: date) -> bool:
            if first.day != 1 or first.month != mo or (ys != "XXXX" and first.year != int(ys)):
                return False
            return last == date(first.year, mo, calendar.monthrange(first.year, mo)[1])

        return check_month
    if re.fullmatch(r"[0-9]{4}", t):
        y = int(t)
        return lambda first, last, _: y >= 1 and (first, last) == (date(y, 1, 1), date(y, 12, 31))
    return "other"


def _plausible(pat: str) -> bool:
    """Whether some date fits the pattern (`2016-11-31` and `XXXX-02-30` do not)."""
    y, m, d = pat.split("-")
    try:
        mm = int(m) if "X" not in m else 1
        dd = int(d) if "X" not in d else 1
        yy = int(y.replace("X", "0")) or 2000
        if "X" in y and mm == 2 and dd == 29:
            return True
        date(yy, mm, dd)
    except ValueError:
        return False
    return True


def classify(timexes: list[str]) -> list[Check] | str:
    checks: list[Check] = []
    reasons = []
    for t in timexes:
        c = expected_check(t)
        if isinstance(c, str):
            reasons.append(c)
        else:
            checks.append(c)
    if checks:
        return checks
    return reasons[0] if reasons else "unresolved in gold"


def partial_gold(timexes: list[str]) -> bool:
    """The expected value leaves the year (or more) open: XXXX-10-02, XXXX-XX-27, XXXX-WXX-5."""
    return any(t.startswith(("XXXX", "(XXXX", "XX")) for t in timexes)


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    mentions: int = 0
    detected: int = 0
    comparable: int = 0
    comparable_detected: int = 0
    correct: int = 0
    correct_any: int = 0
    """... or any overlapping output has it (kinder to a finder that splits `今年の9月` in two)."""
    partial_compared: int = 0
    partial_correct: int = 0
    extra: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k in ("mentions", "detected", "comparable", "comparable_detected", "correct", "correct_any"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.partial_compared += other.partial_compared
        self.partial_correct += other.partial_correct
        self.extra += other.extra
        self.skipped.update(other.skipped)


def score(
    exps: list[Expected],
    cases: Cases,
    outputs: Outputs,
) -> dict[str, Score]:
    per: dict[str, Score] = {name: Score() for name in SPEC_FILES}
    for e in exps:
        sc = per[e.file]
        sc.mentions += 1
        outs = outputs.get((e.file, e.input, e.anchor), [])
        overlaps = [(min(e.end, o[1]) - max(e.start, o[0]), o) for o in outs]
        overlaps = [x for x in overlaps if x[0] > 0]
        kind = classify(e.timexes)
        if isinstance(kind, str):
            sc.skipped[kind] += 1
        else:
            sc.comparable += 1
        if not overlaps:
            if not isinstance(kind, str):
                sc.misses.append(f"MISSED  {e.input!r} [{e.text}] gold={e.timexes} anchor={e.anchor}")
            continue
        sc.detected += 1
        if isinstance(kind, str):
            continue
        sc.comparable_detected += 1
        best = max(overlaps, key=lambda x: x[0])[1]
        iv = interval(best[2], best[3])
        ok = iv is not None and any(c(*iv) for c in kind)
        sc.correct += ok
        ivs = [interval(o[2], o[3]) for _, o in overlaps]
        sc.correct_any += any(v is not None and any(c(*v) for c in kind) for v in ivs)
        if partial_gold(e.timexes):
            sc.partial_compared += 1
            sc.partial_correct += ok
        if not ok:
            got = f"[{e.input[best[0] : best[1]]}]={best[2]}..{best[3]}"
            sc.misses.append(f"WRONG   {e.input!r} [{e.text}] gold={e.timexes} got {got} anchor={e.anchor}")
    for name, items in cases.items():
        for text, anchor, spans in items:
            for o in outputs.get((name, text, anchor), []):
                if not any(min(o[1], e) - max(o[0], s) > 0 for s, e in spans):
                    per[name].extra += 1
    return per


def run_hodo(cases: Cases) -> Outputs:
    out: Outputs = {}
    for name, items in cases.items():
        for text, anchor, _ in items:
            found = tx.find_timexes(text, anchor)
            out[(name, text, anchor)] = [(t.start, t.end, t.value, t.end_value) for t in found]
    return out


# ja-timex runs in its own interpreter: it pins an old pendulum and is no dependency of hodo.
JA_TIMEX_ADAPTER = r"""
import json, sys, time
import pendulum
from ja_timex import TimexParser

def iso(t, prec):
    d = t.to_datetime()
    if d is None:
        return None
    return {"y": d.strftime("%Y"), "m": d.strftime("%Y-%m"), "d": d.strftime("%Y-%m-%d")}[prec]

def value(t):
    if t.type == "DATE":
        v = t.value
        if "W" in v:
            return None
        y, m, d = (v.split("-") + ["XX", "XX"])[:3]
        prec = "d" if "X" not in d else "m" if "X" not in m else "y" if "X" not in y else None
        return iso(t, prec) if prec else None
    if t.type == "DURATION" and t.mod in ("BEFORE", "AFTER", "NOW"):
        unit = t.value[-1]
        return iso(t, {"Y": "y", "M": "m"}.get(unit, "d"))
    return None

def run(text, anchor):
    ref = pendulum.parse(anchor[:19], tz="Asia/Tokyo") if anchor else pendulum.now("Asia/Tokyo")
    found = TimexParser(reference=ref).parse(text)
    out = []
    for t in found:
        if t.type not in ("DATE", "DURATION"):
            continue
        try:
            v = value(t)
        except Exception:
            v = None
        if t.type == "DURATION" and t.mod not in ("BEFORE", "AFTER", "NOW"):
            continue
        s, e = t.span
        if out and getattr(t, "range_end", None) and out[-1][4]:
            ps, pe, pv, _, _ = out.pop()
            out.append([ps, e, pv, v, False])
            continue
        out.append([s, e, v, None, bool(getattr(t, "range_start", None))])
    return [o[:4] for o in out]

req = json.load(sys.stdin)
res = {"cases": [], "seconds": None, "chars": 0}
for text, anchor in req["cases"]:
    try:
        res["cases"].append(run(text, anchor))
    except Exception as exc:
        res["cases"].append([])
t0 = time.perf_counter()
for text, anchor in req["timing"]:
    try:
        run(text, anchor)
    except Exception:
        pass
    res["chars"] += len(text)
res["seconds"] = time.perf_counter() - t0
json.dump(res, sys.stdout)
"""


def run_ja_timex(
    python: str,
    cases: Cases,
    timing: list[tuple[str, str]],
) -> tuple[Outputs, float, int]:
    flat = [(name, text, anchor) for name, items in cases.items() for text, anchor, _ in items]
    req = {"cases": [[t, a] for _, t, a in flat], "timing": timing}
    proc = subprocess.run(
        [python, "-c", JA_TIMEX_ADAPTER], input=json.dumps(req), capture_output=True, text=True, check=True
    )
    res = json.loads(proc.stdout)
    out: Outputs = {}
    for key, found in zip(flat, res["cases"], strict=True):
        out[key] = [(int(s), int(e), v, ev) for s, e, v, ev in found]
    return out, float(res["seconds"]), int(res["chars"])


# --------------------------------------------------------------------------- livedoor


def livedoor(data: Path, n: int) -> list[tuple[str, str]]:
    """(body, anchor date) of the first n articles in sorted path order."""
    paths = sorted(p for p in data.glob("*/*-[0-9]*.txt") if p.is_file())[:n]
    out = []
    for p in paths:
        lines = p.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
        if len(lines) < 4:
            continue
        out.append(("\n".join(lines[3:]), lines[1].strip()[:10]))
    return out


def time_livedoor(docs: list[tuple[str, str]], repeat: int) -> dict[str, Any]:
    rules.cache_clear()
    load_toml.cache_clear()
    re.purge()
    t0 = time.perf_counter()
    tx.find_timexes("2024年6月19日", "2024-06-19")  # read the lexicon, compile the patterns
    first = time.perf_counter() - t0
    runs = []
    found: list[tx.Timex] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = [t for body, anchor in docs for t in tx.find_timexes(body, anchor)]
        runs.append(time.perf_counter() - t0)
    chars = sum(len(b) for b, _ in docs)
    secs = statistics.median(runs)
    resolved = sum(t.value is not None for t in found)
    ranges = sum(t.end_value is not None for t in found)
    prec = Counter(len(t.value) for t in found if t.value)
    return {
        "docs": len(docs),
        "chars": chars,
        "seconds": secs,
        "chars_per_s": chars / secs,
        "first_call_s": first,
        "timexes": len(found),
        "resolved": resolved,
        "ranges": ranges,
        "precision": {"year": prec[4], "month": prec[7], "day": prec[10], "day+time": prec[16]},
    }


_MD = re.compile(r"^([0-9]{1,2})月(?=[0-9]{1,2}日)")
_YM = re.compile(r"^((?:[0-9]{4}|[0-9]{2})年)(?=[0-9]{1,2}月)")


def _cut(body: str, start: int, n: int) -> tuple[str, int]:
    """The text around `start` (its line, at most 300 characters on), without body[start:start+n],
    and where `start` now is in it."""
    lo = max(body.rfind("\n", 0, start) + 1, start - 300)
    hi = body.find("\n", start)
    hi = len(body) if hi < 0 else min(hi, start + 300)
    return body[lo:start] + body[start + n : hi], start - lo


def rule_checks(docs: list[tuple[str, str]]) -> dict[str, Any]:
    """Delete the month of explicit `M月D日` (or the year of `YYYY年M月`) and see whether the
    bare-day (bare-month) rule brings it back: for several look-ahead windows, and with the
    clause-tense markers switched off. Only mentions within a month (a year) of the anchor count,
    where a bare form could be meant. The year of an explicit `M月D日` is itself inferred."""
    day_cases: list[tuple[str, int, str, str]] = []  # text without the month, start, anchor, YYYY-MM
    month_cases: list[tuple[str, int, str, str]] = []  # text without the year, start, anchor, YYYY
    for body, anchor in docs:
        a = tx.parse_anchor(anchor)
        if a.year is None or a.month is None or a.day is None:
            continue
        for t in tx.find_timexes(body, anchor):
            if t.value is None or t.end_value is not None:
                continue
            folded = unicodedata.normalize("NFKC", t.text)
            m = _MD.match(folded)
            if m and len(t.value) >= 10:
                months = int(t.value[:4]) * 12 + int(t.value[5:7]) - (a.year * 12 + a.month)
                if months in (-1, 0, 1):
                    day_cases.append((*_cut(body, t.start, len(m.group(0))), anchor, t.value[:7]))
            m = _YM.match(folded)
            if m and len(t.value) >= 7 and abs(int(t.value[:4]) - a.year) <= 1:
                month_cases.append((*_cut(body, t.start, len(m.group(1))), anchor, t.value[:4]))

    def recover(cases: list[tuple[str, int, str, str]]) -> float:
        ok = 0
        for body, start, anchor, want in cases:
            got = next((t for t in tx.find_timexes(body, anchor) if t.start == start), None)
            ok += bool(got and got.value and got.value.startswith(want))
        return ok / max(1, len(cases))

    saved = (tx.DAY_LOOKAHEAD, tx.MONTH_LOOKAHEAD, tx._tense)
    day_sweep, month_sweep = {}, {}
    try:
        for k in (0, 1, 2, 3, 5, 7, 10, 31):
            tx.DAY_LOOKAHEAD = k
            day_sweep[k] = recover(day_cases)
        tx.DAY_LOOKAHEAD = saved[0]
        for k in (0, 1, 2, 3, 6, 11):
            tx.MONTH_LOOKAHEAD = k
            month_sweep[k] = recover(month_cases)
        tx.MONTH_LOOKAHEAD = saved[1]
        tx._tense = lambda s, pos, r: "unknown"  # type: ignore[assignment]
        no_tense = (recover(day_cases), recover(month_cases))
    finally:
        tx.DAY_LOOKAHEAD, tx.MONTH_LOOKAHEAD, tx._tense = saved  # type: ignore[assignment]
    return {
        "day_cases": len(day_cases),
        "day_recovered_by_lookahead": day_sweep,
        "day_recovered_without_tense": no_tense[0],
        "month_cases": len(month_cases),
        "month_recovered_by_lookahead": month_sweep,
        "month_recovered_without_tense": no_tense[1],
    }


# --------------------------------------------------------------------------- report


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} %" if b else "–"


def table(per: dict[str, Score], title: str) -> str:
    rows = [
        f"**{title}**",
        "",
        "| file | date/daterange mentions | detected (a) | comparable | value correct / compared (b) | "
        "of which year-less gold | any overlap correct | supported overall (c) | extra spans |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = Score()
    for name, sc in per.items():
        total.add(sc)
        rows.append(_row(name, sc))
    rows.append(_row("**total**", total))
    skipped = ", ".join(f"{k} {v}" for k, v in total.skipped.most_common())
    rows += ["", f"Not comparable (counted in (a) and in the denominator of (c)): {skipped}."]
    return "\n".join(rows)


def _row(name: str, sc: Score) -> str:
    return (
        f"| {name} | {sc.mentions} | {sc.detected} ({pct(sc.detected, sc.mentions)}) | {sc.comparable} | "
        f"{sc.correct} / {sc.comparable_detected} ({pct(sc.correct, sc.comparable_detected)}) | "
        f"{sc.partial_correct} / {sc.partial_compared} | {sc.correct_any} | "
        f"{sc.correct} / {sc.mentions} ({pct(sc.correct, sc.mentions)}) | {sc.extra} |"
    )


def as_json(per: dict[str, Score]) -> dict[str, Any]:
    return {k: {**vars(v), "skipped": dict(v.skipped)} for k, v in per.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    ap.add_argument("--livedoor", type=Path, default=DEFAULT_LIVEDOOR)
    ap.add_argument("--n", type=int, default=1000, help="livedoor articles to time (default 1000)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ja-timex-python", help="an interpreter with ja-timex installed, to compare")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per file")
    ap.add_argument("--no-rules", action="store_true", help="skip the livedoor rule checks")
    ap.add_argument(
        "--rules-n", type=int, default=100_000, help="livedoor articles for the rule checks (all)"
    )
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    exps, cases = load_cases(args.specs)
    hodo_out = run_hodo(cases)
    per = score(exps, cases, hodo_out)
    report: dict[str, Any] = {"python": platform.python_version(), "hodo": {}}
    print(table(per, "hodo.nlp.timex"))
    report["hodo"]["spec"] = as_json(per)
    if args.misses:
        for name, sc in per.items():
            print(f"\n{name}: {len(sc.misses)} misses")
            for line in sc.misses[: args.misses]:
                print("  " + line)

    docs = livedoor(args.livedoor, args.n) if args.livedoor.exists() else []
    if docs:
        speed = time_livedoor(docs, args.repeat)
        report["hodo"]["livedoor"] = speed
        print(
            f"\nlivedoor: {speed['docs']} articles, {speed['chars']:,} chars in {speed['seconds']:.2f} s "
            f"= {speed['chars_per_s']:,.0f} chars/s (median of {args.repeat}; "
            f"first call {speed['first_call_s'] * 1000:.0f} ms). "
            f"{speed['timexes']} timexes, {speed['resolved']} with a value, {speed['ranges']} ranges; "
            f"precision {speed['precision']}"
        )
        if not args.no_rules:
            rdocs = livedoor(args.livedoor, args.rules_n)
            rc = rule_checks(rdocs)
            report["hodo"]["rules"] = rc
            for unit, what in (
                ("day", "month deleted from explicit M月D日"),
                ("month", "year deleted from YYYY年M月"),
            ):
                sweep = ", ".join(
                    f"+{k}: {100 * v:.1f} %" for k, v in rc[f"{unit}_recovered_by_lookahead"].items()
                )
                print(
                    f"bare-{unit} rule on {len(rdocs)} articles, {what} ({rc[f'{unit}_cases']} cases), "
                    f"recovered with look-ahead {sweep}; "
                    f"with the default look-ahead but no tense markers "
                    f"{100 * rc[f'{unit}_recovered_without_tense']:.1f} %"
                )

    if args.ja_timex_python:
        timing = [(b, a) for b, a in docs]
        try:
            jt_out, secs, chars = run_ja_timex(args.ja_timex_python, cases, timing)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"\nja-timex could not be run: {exc}")
        else:
            jt = score(exps, cases, jt_out)
            print("\n" + table(jt, "ja-timex (to_datetime() against the same reference)"))
            if secs:
                rate = f"{chars:,} chars in {secs:.2f} s = {chars / secs:,.0f} chars/s"
                print(f"\nja-timex on the same livedoor articles: {rate}")
            report["ja_timex"] = {
                "spec": as_json(jt),
                "livedoor_chars_per_s": chars / secs if secs else None,
            }
            if args.misses:
                for name, sc in jt.items():
                    print(f"\nja-timex {name}: {len(sc.misses)} misses")
                    for line in sc.misses[: args.misses]:
                        print("  " + line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
