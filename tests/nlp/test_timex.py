import calendar
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hodo.models import Timex
from hodo.nlp.timex import Anchor, find_timexes, parse_anchor, pivot


def found(body: str, anchor: str | None) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value, t.end_value) for t in find_timexes(body, anchor)]


def one(body: str, anchor: str | None) -> tuple[str | None, str | None]:
    """The value of the only timex in `body`."""
    ts = find_timexes(body, anchor)
    assert len(ts) == 1, [(t.text, t.value) for t in ts]
    return ts[0].value, ts[0].end_value


# --------------------------------------------------------------------------- the brief's examples

JUNE_17 = "2024-06-17"


@pytest.mark.parametrize(
    ("body", "text", "value", "end_value"),
    [
        ("18日に", "18日", "2024-06-18", None),
        ("16日のテレビ出演で", "16日", "2024-06-16", None),
        ("13日", "13日", "2024-06-13", None),
        ("00年7月", "00年7月", "2000-07", None),
        ("14年に", "14年", "2014", None),
        ("22年2月", "22年2月", "2022-02", None),
        ("5月", "5月", "2024-05", None),
        ("23年9月", "23年9月", "2023-09", None),
        ("23年11月", "23年11月", "2023-11", None),
        ("24年4月", "24年4月", "2024-04", None),
        ("96年", "96年", "1996", None),
        ("60年代", "60年代", "1960", "1969"),
        ("昨年9月", "昨年9月", "2023-09", None),
        ("18〜19日", "18〜19日", "2024-06-18", "2024-06-19"),
        ("2000年7月19〜20日", "2000年7月19〜20日", "2000-07-19", "2000-07-20"),
        ("13〜15日", "13〜15日", "2024-06-13", "2024-06-15"),
        ("15、16両日", "15、16両日", "2024-06-15", "2024-06-16"),
    ],
)
def test_examples_anchored_on_17_june_2024(body: str, text: str, value: str, end_value: str | None) -> None:
    assert found(body, JUNE_17) == [(text, value, end_value)]


def test_n_years_since_is_not_a_date() -> None:
    assert found("2000年以来24年ぶりの優勝", JUNE_17) == [("2000年", "2000", None)]


@pytest.mark.parametrize(
    ("body", "value", "end_value"),
    [
        ("日曜日", "2024-01-21", None),
        ("木曜日", "2024-01-18", None),
        ("金曜日", "2024-01-19", None),
        ("1月14日", "2024-01-14", None),
        ("先週", "2024-01-08", "2024-01-14"),
    ],
)
def test_examples_anchored_on_sunday_21_january_2024(body: str, value: str, end_value: str | None) -> None:
    assert one(body, "2024-01-21") == (value, end_value)


@pytest.mark.parametrize(
    ("body", "value"),
    [("今年9月", "2025-09"), ("昨年10月", "2024-10"), ("来年", "2026"), ("5月", "2025-05"), ("19日", None)],
)
def test_year_only_anchor(body: str, value: str | None) -> None:
    assert one(body, "2025") == (value, None)


def test_without_anchor() -> None:
    assert one("2024年6月", None) == ("2024-06", None)
    assert one("18日", None) == (None, None)
    assert one("今年", None) == (None, None)
    assert one("木曜日", None) == (None, None)


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("2024年6月19日", "2024-06-19"),
        ("２０２４年６月１９日", "2024-06-19"),
        ("2024/6/19", "2024-06-19"),
        ("2024.6.19", "2024-06-19"),
        ("2024-06-19", "2024-06-19"),
        ("2024年", "2024"),
        ("令和6年6月20日", "2024-06-20"),
        ("令和６年", "2024"),
        ("平成31年", "2019"),
        ("令和元年", "2019"),
        ("昭和64年1月7日", "1989-01-07"),
        ("明治16(1883)年7月2日", "1883-07-02"),
        ("平成二十二年一月二十九日", "2010-01-29"),
        ("二〇一六年", "2016"),
        ("2018年 十月一日", "2018-10-01"),
        ("6/19(水)", "2024-06-19"),
        ("元日", "2024-01-01"),
    ],
)
def test_absolute_forms(body: str, value: str) -> None:
    assert one(body, JUNE_17) == (value, None)


def test_weekday_after_a_date_belongs_to_it() -> None:
    assert found("2024年6月19日（水）に", JUNE_17) == [("2024年6月19日（水）", "2024-06-19", None)]
    assert found("19日(水)午後", JUNE_17) == [("19日(水)", "2024-06-19", None)]


def test_full_width_offsets_are_exact() -> None:
    body = "会談は２０２４年６月１９日（水）に行われ、１８日には準備会合があった。"
    ts = find_timexes(body, JUNE_17)
    assert [(t.text, t.value) for t in ts] == [
        ("２０２４年６月１９日（水）", "2024-06-19"),
        ("１８日", "2024-06-18"),
    ]
    for t in ts:
        assert body[t.start : t.end] == t.text


def test_one_span_for_a_nested_date() -> None:
    assert found("2024年6月19日", JUNE_17) == [("2024年6月19日", "2024-06-19", None)]
    assert found("今年9月", JUNE_17) == [("今年9月", "2024-09", None)]
    assert found("先月25日", JUNE_17) == [("先月25日", "2024-05-25", None)]


def test_a_time_attaches_to_its_day_and_is_skipped_alone() -> None:
    assert one("19日午後3時に", JUNE_17) == ("2024-06-19T15:00", None)
    assert one("19日午前10時半", JUNE_17) == ("2024-06-19T10:30", None)
    assert one("2024年6月19日 21:19", JUNE_17) == ("2024-06-19T21:19", None)
    assert found("21時19分ごろ", JUNE_17) == []
    assert found("午後3時に", JUNE_17) == []


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "body",
    [
        "24時間体制",
        "24年ぶりの優勝",
        "24年間勤めた",
        "5年連続",
        "3日間の日程",
        "5日目",
        "3月号",
        "1日あたり",
        "第2日曜",
        "毎週日曜",
        "約20年",
        "戦後70年",
        "震災から13年",
        "結婚して30年",
        "13年5カ月",
        "10年以上前",
        "1000年に一度",
        "元日本代表",
        "小泉今日子さん",
        "高年初産",
        "3日で完売",
        "5年生",
        "1年半",
        "週刊文春（24日号）",
        "金曜ロードショー",
        "30年の歴史",
        "20年に及ぶ経歴",
        "本当に贅沢な1日だった",
        "1日中",
        "今日本に必要なのは",
        "明日香村",
    ],
)
def test_not_dates(body: str) -> None:
    assert found(body, JUNE_17) == []


# --------------------------------------------------------------------------- relative expressions


@pytest.mark.parametrize(
    ("body", "value", "end_value"),
    [
        ("今年", "2024", None),
        ("昨年", "2023", None),
        ("去年", "2023", None),
        ("来年", "2025", None),
        ("一昨年", "2022", None),
        ("来年1月", "2025-01", None),
        ("今月", "2024-06", None),
        ("先月", "2024-05", None),
        ("来月", "2024-07", None),
        ("今月2日", "2024-06-02", None),
        ("来月の4日", "2024-07-04", None),
        ("きょう", "2024-06-17", None),
        ("今日", "2024-06-17", None),
        ("本日", "2024-06-17", None),
        ("昨日", "2024-06-16", None),
        ("きのう", "2024-06-16", None),
        ("明日", "2024-06-18", None),
        ("あすの会議", "2024-06-18", None),
        ("おととい", "2024-06-15", None),
        ("今週", "2024-06-17", "2024-06-23"),
        ("来週", "2024-06-24", "2024-06-30"),
        ("来週の月曜日", "2024-06-24", None),
        ("先週金曜", "2024-06-14", None),
        ("今週末", "2024-06-22", "2024-06-23"),
        ("先週13日", "2024-06-13", None),
        ("24年前", "2000", None),
        ("3年後", "2027", None),
        ("3カ月前", "2024-03", None),
        ("2日後", "2024-06-19", None),
        ("2週間前", "2024-06-03", "2024-06-09"),
        ("今年度", "2024-04", "2025-03"),
        ("今夏", "2024", None),
        ("来春", "2025", None),
    ],
)
def test_relative(body: str, value: str, end_value: str | None) -> None:
    assert one(body, JUNE_17) == (value, end_value)


@pytest.mark.parametrize(
    "body", ["同日", "前日", "翌年", "同月", "その3日後", "事件の2日前", "入社から3年後", "翌週"]
)
def test_anaphoric_are_found_without_value(body: str) -> None:
    assert one(body, JUNE_17) == (None, None)


def test_offsets_count_from_now_or_from_a_date_before_kara() -> None:
    assert one("今から3年前", JUNE_17)[0] == "2021"
    assert one("2020年から3年後", JUNE_17) == ("2023", None)
    assert one("今日から2日後", JUNE_17) == ("2024-06-19", None)


# --------------------------------------------------------------------------- choices the anchor leaves


def test_month_without_year_is_recent_unless_future() -> None:
    assert one("7月", JUNE_17)[0] == "2024-07"  # next month
    assert one("8月", JUNE_17)[0] == "2023-08"
    assert one("9月に発売する予定だ。", JUNE_17)[0] == "2024-09"
    assert one("3月に開催する方針だ。", JUNE_17)[0] == "2025-03"
    assert one("7月に発売した。", JUNE_17)[0] == "2023-07"


def test_month_rule_wraps_the_year() -> None:
    assert one("1月7日公開の映画", "2011-12-18")[0] == "2012-01-07"
    assert one("12月", "2012-01-10")[0] == "2011-12"


def test_day_without_month() -> None:
    assert one("20日", JUNE_17)[0] == "2024-06-20"  # up to 3 days ahead
    assert one("25日", JUNE_17)[0] == "2024-05-25"
    assert one("25日に開催する予定だ。", JUNE_17)[0] == "2024-06-25"
    assert one("5日に開催する予定だ。", JUNE_17)[0] == "2024-07-05"
    assert one("19日", "2024-06")[0] == "2024-06-19"  # a month anchor: that month
    assert one("29日", "2018-03-22")[0] == "2018-03-29"  # no 29 February 2018


def test_a_date_set_off_by_a_comma_takes_the_sentence_tense() -> None:
    body = "NTTドコモは16日、今夏に発売する予定の新機種を発表した。"
    assert find_timexes(body, "2012-05-23")[0].value == "2012-05-16"


def test_weekday_written_with_a_day_picks_the_month() -> None:
    assert one("24日（金）", "2012-07-23")[0] == "2012-08-24"
    assert one("21日(日)", "2024-01-25")[0] == "2024-01-21"


def test_weekday_in_future_clause_is_the_next_one() -> None:
    # Wednesday 19 June 2024
    assert one("日曜日に", "2024-06-19")[0] == "2024-06-16"
    assert one("日曜日に投開票される予定だ。", "2024-06-19")[0] == "2024-06-23"
    assert one("次の金曜日", "2024-06-21")[0] == "2024-06-28"


def test_weekday_needs_a_day_anchor() -> None:
    assert one("木曜日", "2024-06")[0] is None


# --------------------------------------------------------------------------- ranges and periods


@pytest.mark.parametrize(
    ("body", "value", "end_value"),
    [
        ("18日から19日まで", "2024-06-18", "2024-06-19"),
        ("6月18日〜19日", "2024-06-18", "2024-06-19"),
        ("6月18日～19日", "2024-06-18", "2024-06-19"),
        ("6月18日~19日", "2024-06-18", "2024-06-19"),
        ("6月18日ー19日", "2024-06-18", "2024-06-19"),
        ("6月18日-19日", "2024-06-18", "2024-06-19"),
        ("6月18日–19日", "2024-06-18", "2024-06-19"),
        ("2023年9月から10月", "2023-09", "2023-10"),
        ("12月25日〜1月5日", "2023-12-25", "2024-01-05"),
        ("30〜2日", "2024-05-30", "2024-06-02"),
        ("2014〜16年", "2014", "2016"),
        ("2014年から2018年まで", "2014", "2018"),
        ("4〜6月期", "2024-04", "2024-06"),
        ("6、7月", "2024-06", "2024-07"),
        ("月曜から金曜まで", "2024-06-17", "2024-06-21"),
        ("11月から2024年2月まで", "2023-11", "2024-02"),
        ("2020年代", "2020", "2029"),
        ("1990年代後半", "1995", "1999"),
        ("00年代", "2000", "2009"),
        ("30年代", "2030", "2039"),
        ("21世紀", "2000", "2099"),
        ("2024年度", "2024-04", "2025-03"),
        ("23年度", "2023-04", "2024-03"),
        ("2024年3月期", "2023-04", "2024-03"),
        ("6月下旬", "2024-06-21", "2024-06-30"),
        ("来月上旬", "2024-07-01", "2024-07-10"),
        ("2024年前半", "2024-01", "2024-06"),
        ("2016年の第3四半期", "2016-07", "2016-09"),
    ],
)
def test_ranges(body: str, value: str, end_value: str) -> None:
    assert one(body, JUNE_17) == (value, end_value)


def test_range_span_takes_made_and_kakete() -> None:
    assert [t.text for t in find_timexes("18日から19日にかけて", JUNE_17)] == ["18日から19日にかけて"]
    assert [t.text for t in find_timexes("18日から19日まで開く", JUNE_17)] == ["18日から19日まで"]


def test_a_list_of_days_that_are_not_consecutive_is_two_dates() -> None:
    assert found("3、10日", JUNE_17) == [("3", "2024-06-03", None), ("10日", "2024-06-10", None)]


def test_months_kept_as_written_in_a_range_without_anchor() -> None:
    assert one("2000年7月19〜20日", None) == ("2000-07-19", "2000-07-20")
    assert one("18〜19日", None) == (None, None)


# --------------------------------------------------------------------------- pieces


def test_pivot() -> None:
    assert pivot(24, 2025) == 2024
    assert pivot(25, 2025) == 2025
    assert pivot(26, 2025) == 1926
    assert pivot(96, 2025) == 1996
    assert pivot(50, 2049) == 1950
    assert pivot(49, 2049) == 2049


def test_two_digit_years_without_anchor_are_1950_to_2049() -> None:
    assert one("96年", None)[0] == "1996"
    assert one("14年", None)[0] == "2014"
    assert one("49年", None)[0] == "2049"
    assert one("60年代", None) == ("1960", "1969")


@pytest.mark.parametrize(
    ("raw", "anchor"),
    [
        ("2024-06-19T21:19", Anchor(2024, 6, 19)),
        ("2024-06-19", Anchor(2024, 6, 19)),
        ("2024-06", Anchor(2024, 6)),
        ("2024", Anchor(2024)),
        ("2024-13-01", Anchor(2024)),
        ("2023-02-29", Anchor(2023, 2)),
        ("yesterday", Anchor()),
        ("", Anchor()),
        (None, Anchor()),
    ],
)
def test_parse_anchor(raw: str | None, anchor: Anchor) -> None:
    assert parse_anchor(raw) == anchor


def test_a_news_paragraph() -> None:
    body = (
        "岸田首相は17日、来週の月曜日に訪米すると発表した。\n"
        "首相は2023年9月にも訪米しており、昨年9月の会談以来となる。15、16両日には閣僚会合が開かれた。"
    )
    assert found(body, JUNE_17) == [
        ("17日", "2024-06-17", None),
        ("来週の月曜日", "2024-06-24", None),
        ("2023年9月", "2023-09", None),
        ("昨年9月", "2023-09", None),
        ("15、16両日", "2024-06-15", "2024-06-16"),
    ]


# --------------------------------------------------------------------------- properties

_ISO = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9]{2}:[0-9]{2})?)?)?")


def _first(v: str) -> date:
    parts = [int(x) for x in v[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last(v: str) -> date:
    parts = [int(x) for x in v[:10].split("-")]
    y, m = parts[0], parts[1] if len(parts) > 1 else 12
    return date(y, m, parts[2] if len(parts) > 2 else calendar.monthrange(y, m)[1])


def check_invariants(body: str, ts: list[Timex]) -> None:
    last_end = 0
    for t in ts:
        assert isinstance(t, Timex)
        assert 0 <= t.start < t.end <= len(body)
        assert t.start >= last_end
        last_end = t.end
        assert body[t.start : t.end] == t.text
        if t.value is None:
            assert t.end_value is None
            continue
        assert _ISO.fullmatch(t.value), t
        _first(t.value)  # a real date
        if t.end_value is not None:
            assert _ISO.fullmatch(t.end_value), t
            assert t.end_value != t.value
            assert _first(t.value) <= _last(t.end_value), t


_DATEISH = list(
    "0123456789０１２３年月日週今昨来先同前翌後〜～-、・から(（)）水木曜末度代期元令和平成上下旬半ばぶり間時分午後予定た。\n 二十一〇"
)
_ANCHORS = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from(
            [d.isoformat(), d.isoformat()[:7], d.isoformat()[:4], d.isoformat() + "T21:19"]
        )
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_DATEISH), max_size=60), _ANCHORS)
def test_any_dateish_text_gives_valid_timexes(body: str, anchor: str | None) -> None:
    check_invariants(body, find_timexes(body, anchor))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), _ANCHORS)
def test_any_text_gives_valid_timexes(body: str, anchor: str | None) -> None:
    check_invariants(body, find_timexes(body, anchor))


@pytest.mark.parametrize("anchor", ["0001-01-01", "9999-12-31", "0001", "9999-12"])
def test_extreme_anchors_do_not_raise(anchor: str) -> None:
    body = "昨日、明日、先週、来週、来年1月、昨年12月、99年、3年後、3日前、日曜日、2024年度、今年度、18日"
    check_invariants(body, find_timexes(body, anchor))


def test_two_digit_year_after_a_comma_is_a_year() -> None:
    from hodo.nlp.timex import find_timexes

    got = find_timexes("ソ連との関係が悪化し、96年に失効した。", "2024")
    assert [(t.text, t.value) for t in got] == [("96年", "1996")]
    assert all(t.text != "15年" for t in find_timexes("任期は10年、15年と延びた。", "2024"))
