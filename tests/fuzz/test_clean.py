"""Fuzzing the cleaner on copied-text and HTML pages, and what runs on its output.

Properties: `clean_page` returns a Document or raises `EmptyPageError` (a HodoError),
nothing else; a text page's body is made of its own lines; the offsets the cleaner's
helpers report (dates on a line, lines in a page) point at their text; the sentence
splitter and the date normaliser then run on the body with the page's own date.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from hodo.clean import build_templates, clean_page
from hodo.clean.dates import find_dates
from hodo.clean.lines import split_lines
from hodo.clean.patterns import nfkc
from hodo.errors import EmptyPageError
from hodo.ingest.readers import make_page
from hodo.models import Document, RawPage
from hodo.nlp.sentences import split_sentences
from hodo.nlp.timex import find_timexes
from tests.nlp.test_timex import check_invariants

from ._fuzz import fuzz, japanese_text, prose_slices, sample_pages, sample_prose

_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}([+-]\d{2}:\d{2})?)?)?)?)?")

# Lines a copied page has around its article: chrome, bylines, dates, lists, credits.
page_furniture = st.sampled_from(
    [
        "",
        "  ",
        "ログイン　会員登録(無料)",
        "  • トップ",
        "  • 政治",
        "• ",
        "- ",
        "ホーム > 国際 > 朝鮮半島",
        "2024.6.18(火) 10:05 配信",
        "2024年06月19日 21時19分",
        "令和6年6月20日",
        "2011-10-02T10:00:00+0900",
        "June 19, 2024",
        "配信",
        "コメント(12)",
        "関連記事",
        "アクセスランキング",
        "【ソウル=甲原潤之介】",
        "【ワシントン共同】",
        "(共同)",
        "写真=ロイター",
        "記者 山田太郎",
        "山田太郎",
        "yamada@example.jp",
        "Copyright © 2024 Example Inc. All rights reserved.",
        "無断転載を禁じます。",
        "参考文献",
        "出典: 朝鮮中央通信",
        "https://www.toa-jiho.example/news/korea/20240618",
        "1/3ページ",
        "\t",
        "。",
        "「",
        "」と述べた。",
    ]
)
text_lines = st.one_of(page_furniture, prose_slices(max_size=120), japanese_text)
text_pages = st.one_of(
    st.lists(text_lines, max_size=25).map("\n".join),
    st.sampled_from([t for n, t in sample_pages().items() if n.endswith(".txt")]).flatmap(
        # a real page with lines dropped or repeated
        lambda t: st.lists(st.sampled_from(t.split("\n")), max_size=60).map("\n".join)
    ),
    japanese_text,
)

html_fragments = st.one_of(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<article>",
            "</article>",
            "<nav>",
            "<br>",
            "<title>",
            "</title>",
            "<h1>",
            "</h1>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![CDATA[",
            '<meta charset="Shift_JIS">',
            '<meta property="article:published_time" content="2024-06-19T21:19:00+09:00">',
            '<meta property="og:title" content="見出し | サイト">',
            '<script type="application/ld+json">{"@graph": [{"datePublished": 3}]}</script>',
            '<script type="application/ld+json">[1, {"@graph": 2}]</script>',
            '<script type="application/ld+json">' + "[" * 3000 + "</script>",
            '<time pubdate datetime="2024-13-45">',
            '<span class="date">06月24日 11時30分</span>',
            "20240624",
            "&amp;",
            "&#0;",
            "&#x110000;",
            "<",
            ">",
            "\x00",
        ]
    ),
    prose_slices(max_size=120),
    japanese_text,
)
html_pages = st.one_of(
    st.lists(html_fragments, max_size=40).map("".join),
    st.sampled_from(["08_sekai-news-navi.html", "10_hokuto-tsushin.html"]).flatmap(
        lambda n: st.tuples(st.just(sample_pages()[n]), st.floats(0, 1), st.floats(0, 1)).map(
            # a real page, cut at both ends
            lambda t: t[0][int(len(t[0]) * min(t[1], t[2])) : int(len(t[0]) * max(t[1], t[2]))]
        )
    ),
)


def check_document(doc: Document, page: RawPage) -> None:
    assert doc.body.strip()
    assert doc.title is None or isinstance(doc.title, str)
    if doc.published is not None:
        assert _ISO_PREFIX.fullmatch(doc.published.value), doc.published
    if page.kind == "text":
        for line in doc.body.split("\n"):
            assert line in page.text, line
    anchor = doc.published.value if doc.published else None
    for s in split_sentences(doc.body):
        assert doc.body[s.start : s.end] == s.text
    check_invariants(doc.body, find_timexes(doc.body, anchor))


def clean_or_empty(page: RawPage, templates: dict[str, frozenset[str]] | None = None) -> None:
    try:
        doc = clean_page(page, templates)
    except EmptyPageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_document(doc, page)


@fuzz(120)
@given(text_pages, st.one_of(st.none(), st.sampled_from(["https://www.toa-jiho.example/a", "not a url", ""])))
def test_text_pages(text: str, url: str | None) -> None:
    clean_or_empty(make_page("p.txt", "text", text, "utf_8", url=url or None))


@fuzz(30)
@given(st.lists(text_pages, min_size=2, max_size=4))
def test_text_pages_of_one_site_with_templates(texts: list[str]) -> None:
    pages = [make_page(f"p{i}.txt", "text", "toa-jiho.example\n" + t, "utf_8") for i, t in enumerate(texts)]
    templates = build_templates(pages)
    for page in pages:
        clean_or_empty(page, templates)


@fuzz(40)
@given(html_pages, st.one_of(st.none(), st.just("https://example.jp/20240619/a.html")))
def test_html_pages(html: str, url: str | None) -> None:
    clean_or_empty(make_page("p.html", "html", html, "utf_8", url=url))


@fuzz(60)
@given(
    st.one_of(text_pages, html_pages),
    st.one_of(
        st.none(), st.sampled_from(["2024-06-19", "昨日", "2024年13月1日", "令和99年1月1日", "9999-12-31"])
    ),
)
def test_published_field_of_a_container(text: str, published: str | None) -> None:
    kind = "html" if "<" in text[:50] else "text"
    clean_or_empty(make_page("feed.jsonl#1", kind, text, "utf_8", published=published))


@fuzz(200)
@given(
    st.one_of(
        text_pages,
        st.text(
            alphabet=st.sampled_from(list("0123456789年月日時分秒/.-:T+ 令和平成昭和元(火)GMTJSTZJune,"))
        ),
    )
)
def test_printed_dates_point_at_their_text(text: str) -> None:
    s = nfkc(text)
    for d in find_dates(text):
        assert s[d.start : d.end] == d.text
        assert _ISO_PREFIX.fullmatch(d.value), d


@fuzz(100)
@given(text_pages)
def test_lines_point_at_their_text(text: str) -> None:
    for line in split_lines(text):
        assert text[line.start : line.start + len(line.raw)] == line.raw
        assert line.text in line.raw


def test_sample_prose_is_there() -> None:
    assert len(sample_prose()) > 5000
