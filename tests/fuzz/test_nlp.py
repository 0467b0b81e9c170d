"""Fuzzing the sentence splitter and the date normaliser (`hodo.nlp.timex`).

Properties: `split_sentences` covers every non-space character of the body exactly once,
in order, with `body[start:end] == text`; `find_timexes` returns ordered, disjoint spans
with `body[start:end] == text` and values that are real ISO dates (a range's end never
before its start), for any text and any anchor (None, malformed, any precision, year 1 to
9999). Bodies are built from the words the date grammar knows, so that the fuzzer reaches
its ranges, lists, offsets and clause rules rather than plain text only.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from hodo.nlp.sentences import split_sentences
from hodo.nlp.timex import find_timexes
from tests.nlp.test_timex import check_invariants

from ._fuzz import fuzz, japanese_text, prose_slices

# -- sentences --------------------------------------------------------------------------------

sentence_chars = st.sampled_from(
    [*list("あいう漢字abc \u3000\t\n。．！？!?、「」『』（）()“”【】〔〕［］《》〈〉・…"), "\u2028", "\r"]
)
bodies = st.one_of(
    st.text(alphabet=sentence_chars, max_size=300),
    prose_slices(max_size=600),
    japanese_text,
    st.text(max_size=200),
)


@fuzz(300)
@given(bodies)
def test_sentences_cover_the_body_exactly(body: str) -> None:
    spans = split_sentences(body)
    covered = [False] * len(body)
    last = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(body)
        assert s.start >= last, (s, spans)
        last = s.end
        assert body[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert "\n" not in s.text  # a sentence never runs over a line end
        for i in range(s.start, s.end):
            covered[i] = True
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(body))


# -- dates ------------------------------------------------------------------------------------

_WORDS = [
    # numbers as written: ASCII, full-width, kanji
    *"0123456789",
    "１",
    "２０２４",
    "24",
    "2024",
    "1999",
    "9999",
    "0",
    "00",
    "31",
    "29",
    "二〇一六",
    "十九",
    "二十二",
    "廿一",
    "一",
    "元",
    # units and suffixes
    "年",
    "月",
    "日",
    "週",
    "週間",
    "カ月",
    "ヶ月",
    "年度",
    "年代",
    "世紀",
    "月期",
    "期",
    "時",
    "分",
    "半",
    "午前",
    "午後",
    "正午",
    "上旬",
    "中旬",
    "下旬",
    "前半",
    "後半",
    "初め",
    "末",
    "ごろ",
    "頃",
    # relative words
    "今年",
    "昨年",
    "去年",
    "来年",
    "一昨年",
    "今月",
    "先月",
    "来月",
    "今週",
    "先週",
    "来週",
    "今週末",
    "きょう",
    "昨日",
    "明日",
    "同日",
    "前日",
    "翌日",
    "翌年",
    "同月",
    "その",
    "前",
    "後",
    "以来",
    "ぶり",
    "間",
    "連続",
    "今夏",
    "来春",
    "年末",
    "年内",
    "月末",
    "元日",
    "大みそか",
    "次の",
    # weekdays, eras
    "月曜日",
    "金曜",
    "(水)",
    "（金）",
    "日曜日",
    "令和",
    "平成",
    "昭和",
    # connectors and clause markers
    "〜",
    "～",
    "~",
    "ー",
    "−",
    "-",
    "から",
    "まで",
    "、",
    "・",
    ",",
    "両日",
    "に",
    "は",
    "する予定",
    "した",
    "方針",
    "へ",
    "すると発表した",
    "。",
    "\n",
    " ",
    "　",
    "約",
    "戦後",
    "入社",
]
dateish = st.one_of(
    st.lists(st.sampled_from(_WORDS), max_size=25).map("".join),
    st.lists(st.one_of(st.sampled_from(_WORDS), prose_slices(max_size=30)), max_size=10).map("".join),
    prose_slices(max_size=600),
)
anchors = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).flatmap(
        lambda d: st.sampled_from(
            [
                d.isoformat(),
                d.isoformat()[:7],
                d.isoformat()[:4],
                d.isoformat() + "T21:19",
                d.isoformat() + "T23:59:59+09:00",
            ]
        )
    ),
    st.sampled_from(
        ["0001-01-01", "9999-12-31", "0000", "0000-00-00", "2024-02-30", "2024-13", "10000-01-01", ""]
    ),
    st.text(alphabet=st.sampled_from(list("0123456789-T: ")), max_size=16),
    st.text(max_size=12),
)


@fuzz(400)
@given(dateish, anchors)
def test_timexes_are_exact_and_valid(body: str, anchor: str | None) -> None:
    check_invariants(body, find_timexes(body, anchor))


@fuzz(100)
@given(bodies, anchors)
def test_timexes_on_any_text(body: str, anchor: str | None) -> None:
    check_invariants(body, find_timexes(body, anchor))


@fuzz(100)
@given(dateish, anchors)
def test_timexes_in_sentences_agree_with_the_whole(body: str, anchor: str | None) -> None:
    """Dates found sentence by sentence lie inside their sentence (the analysis stage
    relates each date to the sentence it is in)."""
    for s in split_sentences(body):
        for t in find_timexes(s.text, anchor):
            assert body[s.start + t.start : s.start + t.end] == t.text
