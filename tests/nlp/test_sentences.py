from hypothesis import given
from hypothesis import strategies as st

from hodo.nlp.sentences import split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_quotes_keep_their_sentences_together() -> None:
    body = "報道官は「我々は懸念していない。懸念しているのは関係強化だ」と述べた。次の文だ。"
    assert texts(body) == [
        "報道官は「我々は懸念していない。懸念しているのは関係強化だ」と述べた。",
        "次の文だ。",
    ]


def test_nested_brackets_and_marks() -> None:
    body = "外相は『「協議は行っていない。」と伝えた』と語った。本当か？そうだ！"
    assert texts(body) == ["外相は『「協議は行っていない。」と伝えた』と語った。", "本当か？", "そうだ！"]


def test_lines_and_bullets_are_boundaries() -> None:
    body = "【要点】\n・両国が協定に署名。\n・協力を拡大\n本文の文。"
    assert texts(body) == ["【要点】", "・両国が協定に署名。", "・協力を拡大", "本文の文。"]


def test_an_unclosed_bracket_does_not_swallow_the_paragraph() -> None:
    body = "「閉じない引用。次の文。さらに次。"
    assert texts(body) == ["「閉じない引用。", "次の文。", "さらに次。"]


def test_english_style_quotes() -> None:
    body = "声明は“早い時期。”に実現すると述べた。以上。"
    assert texts(body) == ["声明は“早い時期。”に実現すると述べた。", "以上。"]


@given(st.text(alphabet=st.sampled_from(list("あい。「」『』()！？\n ・abc")), max_size=200))
def test_spans_are_exact_and_ordered(body: str) -> None:
    last = 0
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
