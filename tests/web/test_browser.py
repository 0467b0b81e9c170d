"""The web UI in a real browser (Debian's Chromium through Playwright) over the sample
store: an analyst's path from a search to a cited briefing, the other views, errors
shown as messages, and a hostile page that must stay text.

Every test fails on a dialog, a console error it did not expect, a script error, or a
request to anything but the app on 127.0.0.1 (see conftest.UI.problems). Screenshots of
every view go to $HODO_ARTIFACTS (default out/test-artifacts/)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import HOSTILE_PAGE
from tests.web.conftest import UI

HOSTILE_TITLE = HOSTILE_PAGE.splitlines()[0]


def test_search_to_cited_briefing(ui: UI) -> None:
    page = ui.page
    ui.go("#/search")
    page.locator("#f-q").fill("プーチン")
    page.locator("#f-q").press("Enter")
    expect(page).to_have_url(re.compile(r"#/search\?q="))
    hits = page.locator(".hit")
    expect(hits.first).to_be_visible()
    expect(page.locator(".hit .snippet mark").first).to_have_text("プーチン")
    ui.shot("01-search")

    # a document: entities, dates and event triggers drawn over the text, one span per sentence
    page.locator(".hit h3 a", has_text="ロ朝首脳が新条約に署名").click()
    expect(page).to_have_url(re.compile(r"#/doc/doc-[0-9a-f]+$"))
    ui.shown("doc")
    expect(page.locator(".doc-head h1")).to_have_text(re.compile("ロ朝首脳が新条約に署名"))
    body = page.locator(".body")
    expect(body.locator("a.ent").first).to_be_visible()
    assert body.locator(".timex").count() > 0
    assert body.locator(".trigger").count() > 0
    assert body.locator(".quote").count() > 0
    assert body.locator(".sent").count() > 5
    # the highlights cut the text without losing or moving a character
    doc = page.evaluate(
        "async (url) => (await fetch(url)).json()", page.url.replace("/#/doc/", "/api/documents/")
    )
    assert body.text_content() == doc["body"]
    for n in (0, len(doc["sentences"]) - 1):
        expect(page.locator(f"#s{n}")).to_have_text(doc["sentences"][n]["text"])
    putin = next(e for e in doc["entities"] if "プーチン" in e["name"])
    first = body.locator(f'a.ent[href="#/entity/{putin["id"]}"]').first
    expect(first).to_have_text(putin["mentions"][0]["text"])
    expect(page.locator(".side .ev-item").first).to_be_visible()
    ui.shot("02-document")

    # its entity: the page has a chart of the entity's clusters
    body.locator("a.ent-PERSON", has_text="プーチン").first.click()
    expect(page).to_have_url(re.compile(r"#/entity/"))
    ui.shown("entity")
    expect(page.locator("h1")).to_contain_text("プーチン")
    expect(page.locator(".entity-head a.ext")).to_have_attribute(
        "href", re.compile(r"^https://www\.wikidata\.org/wiki/Q\d+$")
    )
    expect(page.locator("svg.tl-chart .mark").first).to_be_visible()
    ui.shot("03-entity")

    # the entity's timeline: an SVG chart with one mark per cluster, and the list below
    page.locator(".entity-head .actions a", has_text="タイムライン").click()
    expect(page).to_have_url(re.compile(r"#/timeline\?entity="))
    ui.shown("timeline")
    marks = page.locator("svg.tl-chart .mark")
    expect(marks.first).to_be_visible()
    assert marks.count() == page.locator(".tl-item").count() >= 3
    assert page.locator("svg.tl-chart .mark .dot.hollow").count() > 0  # undated clusters
    marks.first.hover()
    expect(page.locator(".tl-details .detail-card")).to_be_visible()
    source_link = page.locator(".tl-item .source a.doc-link").first
    expect(source_link).to_have_attribute("href", re.compile(r"^#/doc/doc-[0-9a-f]+\?s=\d+$"))
    ui.shot("04-timeline")

    # a cluster told by several outlets, side by side
    several = page.locator(".tl-item").filter(has_text=re.compile(r"裏付け [2-9]媒体"))
    several.first.locator(".tl-counts .compare-link").click()
    expect(page).to_have_url(re.compile(r"#/compare/clu-"))
    ui.shown("compare")
    cards = page.locator(".card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 2
    expect(page.locator(".card mark.trigger").first).to_be_visible()
    expect(page.locator(".card .badge").first).to_be_visible()
    ui.shot("05-compare")

    # back to the timeline, on to the entity's briefing
    page.go_back()
    page.locator(".actions.related a", has_text="ブリーフィング").click()
    expect(page).to_have_url(re.compile(r"#/brief\?entity="))
    ui.shown("brief")
    expect(page.locator(".brief .overview")).to_be_visible()
    for heading in ("概要", "詳細", "要点", "係争点", "出典"):
        expect(page.locator(".brief h2", has_text=heading)).to_be_visible()
    expect(page.locator(".downloads a").first).to_have_attribute(
        "href", re.compile(r"^/api/brief\?.*format=md")
    )
    ui.shot("06-brief")

    # a citation leads to the cited sentence, highlighted and in view
    cite = page.locator(".brief .overview a.cite").first
    cited_text = cite.get_attribute("title")
    assert cited_text
    cite.click()
    expect(page).to_have_url(re.compile(r"#/doc/doc-[0-9a-f]+\?s=\d+$"))
    ui.shown("doc")
    target = page.locator(".sent.target")
    expect(target).to_have_count(1)
    expect(target).to_have_text(cited_text)
    expect(target).to_be_in_viewport()
    ui.shot("07-cited-sentence", full_page=False)  # scrolled to the sentence


def test_search_filters_and_listing(ui: UI) -> None:
    page = ui.page
    ui.go("#/search")
    expect(page.locator(".hit").first).to_be_visible()  # no words: the newest documents
    assert page.locator(".hit").count() >= 10
    expect(page.locator(".pager .disabled", has_text="次へ")).to_be_visible()
    # pages of results (the API does not count matches: a full page offers a next one)
    ui.go("#/search?limit=5")
    ui.shown("search")
    expect(page.locator(".count")).to_have_text("1〜5件目")
    hrefs = "els => els.map(a => a.getAttribute('href'))"
    first_page = page.locator(".hit h3 a").evaluate_all(hrefs)
    page.locator(".pager a", has_text="次へ").click()
    expect(page.locator(".count")).to_have_text("6〜10件目")
    assert not set(first_page) & set(page.locator(".hit h3 a").evaluate_all(hrefs))
    page.locator(".pager a", has_text="前へ").click()
    expect(page.locator(".count")).to_have_text("1〜5件目")

    page.locator("#f-outlet").select_option("毎朝新聞デジタル")
    page.locator(".filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"outlet="))
    ui.shown("search")
    expect(page.locator(".hit")).to_have_count(1)
    expect(page.locator(".hit .meta")).to_contain_text("毎朝新聞デジタル")


def test_graph(ui: UI) -> None:
    page = ui.page
    ui.go("#/graph")
    nodes = page.locator("svg.graph a.node")
    expect(nodes.first).to_be_visible()
    assert nodes.count() >= 3
    assert page.locator("svg.graph path.edge").count() >= 2
    assert page.locator("svg.graph .edge-label").count() == page.locator("svg.graph path.edge").count()
    ui.shot("08-graph")
    nodes.filter(has_text="ロシア").first.click()
    expect(page).to_have_url(re.compile(r"#/entity/"))
    ui.shown("entity")
    expect(page.locator("h1")).to_contain_text("ロシア")

    # filters take names: the links they lead to find the entity by its name too
    ui.go("#/graph?entity=プーチン")
    expect(page.locator("h1")).to_contain_text("ウラジーミル・プーチン")
    page.locator(".actions.related a", has_text="実体のページ").click()
    ui.shown("entity")
    expect(page.locator("h1")).to_contain_text("ウラジーミル・プーチン")


def test_contradictions(ui: UI) -> None:
    page = ui.page
    ui.go("#/contradictions")
    rows = page.locator(".con-row")
    expect(rows.first).to_be_visible()
    denial = rows.first.locator(".con-side.denial")
    denial_text = denial.locator("blockquote").inner_text()
    ui.shot("09-contradictions")
    denial.locator("a.doc-link").click()
    expect(page).to_have_url(re.compile(r"#/doc/doc-[0-9a-f]+\?s=\d+$"))
    ui.shown("doc")
    expect(page.locator(".sent.target")).to_have_text(denial_text)


def test_errors_are_shown(ui: UI) -> None:
    page = ui.page
    ui.expect_console_error(r"status of 400")  # the browser logs the API's answers
    ui.expect_console_error(r"status of 404")

    ui.go("#/search?q=AND%20(&raw=1")  # raw FTS5 syntax, broken
    expect(page.locator(".error")).to_contain_text("invalid search syntax")
    ui.shot("10-search-error")

    ui.go("#/brief?entity=NoSuchEntity")
    expect(page.locator(".error")).to_contain_text("no entity called 'NoSuchEntity' in the store")
    ui.shot("11-unknown-entity")

    ui.go("#/timeline?entity=NoSuchEntity")
    expect(page.locator(".error")).to_contain_text("no entity called 'NoSuchEntity' in the store")

    ui.go("#/entity/no-such-id")
    expect(page.locator(".error")).to_contain_text("no entity 'no-such-id'")
    ui.go("#/entity/存在しない名前")
    expect(page.locator(".error")).to_contain_text("no entity called '存在しない名前' in the store")
    ui.go("#/nowhere")
    expect(page.locator(".error")).to_contain_text("#/nowhere")


def test_hostile_page_stays_text(ui: UI) -> None:
    page = ui.page
    ui.go("#/search?q=北朝鮮とロシア")
    hit = page.locator(".hit h3 a", has_text="<script>alert('title')</script>")
    expect(hit).to_be_visible()
    expect(hit).to_have_text(HOSTILE_TITLE)
    hit.click()
    ui.shown("doc")
    expect(page.locator(".doc-head h1")).to_have_text(HOSTILE_TITLE)
    expect(page.get_by_text("<script>alert('title')</script>", exact=False).first).to_be_visible()
    body = page.locator(".body")
    expect(body).to_contain_text('<script>alert("body")</script>')
    expect(body).to_contain_text('<img src=x onerror="alert(2)">')
    expect(body).to_contain_text("<b onmouseover=alert(3)>")
    body.hover()
    page.locator(".doc-head h1").hover()
    assert page.locator("img[onerror]").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("b[onmouseover], [onmouseover], [onerror]").count() == 0
    assert page.locator("script").count() == 1  # the UI's own module only
    assert page.evaluate("document.title").startswith("<script>alert('title')</script>")
    ui.shot("12-hostile-page")
    assert not ui.dialogs


def test_offsets_are_code_points(ui: UI) -> None:
    """hodo's offsets are Python (code point) indices: a character outside the BMP must
    not shift the highlights after it."""
    ui.go("#/search")
    segments = ui.page.evaluate(
        """async () => {
            const { segment } = await import("/static/segments.js");
            return segment("𠮷野家で会談した", [
                { start: 0, end: 3, k: "a" }, { start: 2, end: 6, k: "b" }, { start: 7, end: 99, k: "c" },
                { start: 5, end: 5, k: "empty" },
            ]).map((s) => [s.text, s.spans.map((x) => x.k).join("")]);
        }"""
    )
    assert segments == [["𠮷野", "a"], ["家", "ab"], ["で会談", "b"], ["し", ""], ["た", "c"]]


def test_links_and_marks_from_data_stay_inert(ui: UI) -> None:
    """Only http(s) URLs from pages become links; search matches are split, not parsed."""
    ui.go("#/search")
    result = ui.page.evaluate(
        """async () => {
            const { link, marked } = await import("/static/dom.js");
            const tag = (url) => link(url, {}, "x").tagName;
            const box = document.createElement("div");
            box.appendChild(marked("a【b】c<img src=x onerror=alert(1)>【d"));
            return {
                js: tag("javascript:alert(1)"),
                data: tag("data:text/html,<script>alert(1)</script>"),
                protocolRelative: tag("//evil.example/"),
                https: tag("https://example.org/a"),
                rel: link("https://example.org/a", {}, "x").rel,
                marks: [...box.querySelectorAll("mark")].map((m) => m.textContent),
                text: box.textContent,
                elements: box.querySelectorAll("*").length,
            };
        }"""
    )
    assert result == {
        "js": "SPAN",
        "data": "SPAN",
        "protocolRelative": "SPAN",
        "https": "A",
        "rel": "noopener noreferrer nofollow",
        "marks": ["b"],
        "text": "abc<img src=x onerror=alert(1)>【d",
        "elements": 1,
    }


def test_chart_dates(ui: UI) -> None:
    """ISO prefixes of any precision place a cluster in time, before 1970 too."""
    ui.go("#/search")
    placed = ui.page.evaluate(
        """async () => {
            const { placeInTime } = await import("/static/chart.js");
            const iso = (p) => p && [new Date(p.t0).toISOString().slice(0, 10), new Date(p.t1).toISOString().slice(0, 10), p.dated];
            return [
                { time: { value: "1961", end_value: null } },
                { time: { value: "2024-06", end_value: null } },
                { time: { value: "2024-06-18", end_value: "2024-06-19" } },
                { time: { value: "2024-06-19T21:19", end_value: null } },
                { time: null, sort_date: "2024-11-05T18:02:00+09:00" },
                { time: null, sort_date: null },
            ].map((e) => iso(placeInTime(e)));
        }"""
    )
    assert placed == [
        ["1961-01-01", "1962-01-01", True],
        ["2024-06-01", "2024-07-01", True],
        ["2024-06-18", "2024-06-20", True],
        ["2024-06-19", "2024-06-20", True],
        ["2024-11-05", "2024-11-06", False],  # undated: at its first report, drawn hollow
        None,  # no date at all: the 日付不明 column
    ]
