from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hodo.errors import QueryError
from hodo.store import Store, make_snippet, parse_query
from hodo.store.search import find_spans, fts5_string, like_pattern

from .helpers import make_doc, payload_of

DOCS = [
    make_doc(
        "doc-a",
        "北朝鮮の金正恩総書記は19日、平壌でロシアのプーチン大統領と会談した。両首脳は包括的戦略パートナーシップ条約に署名した。",
        title="北朝鮮とロシアが首脳会談",
        published="2024-06-19",
    ),
    make_doc(
        "doc-b",
        "岸田首相は記者会見で、北朝鮮の弾道ミサイル発射について「断じて容認できない」と述べた。",
        title="首相、ミサイル発射を非難",
        published="2024-05-30",
    ),
    make_doc(
        "doc-c",
        "東京株式市場で日経平均株価が反発した。半導体関連株に買いが入った。",
        title="日経平均が反発",
        published="2024-06-20",
    ),
    make_doc(
        "doc-d",
        "米中首脳が電話会談を行い、台湾問題などを協議した。",
        title="米中電話会談",
        published=None,
    ),
]


@pytest.fixture
def filled(store: Store) -> Store:
    for doc in DOCS:
        store.upsert_document(doc, payload_of(doc))
    return store


def ids(store: Store, query: str, *, limit: int = 20, offset: int = 0, raw: bool = False) -> list[str]:
    return [h.doc_id for h in store.search(query, limit=limit, offset=offset, raw=raw)]


# -- query parsing ----------------------------------------------------------------------


def test_parse_query_splits_on_ascii_and_fullwidth_spaces() -> None:
    parsed = parse_query("北朝鮮\u3000会談  金 ロシア\t")
    assert parsed.terms == ("北朝鮮", "会談", "金", "ロシア")
    assert parsed.match == '"北朝鮮" "ロシア"'
    assert parsed.short_terms == ("会談", "金")


def test_fts5_string_doubles_quotes() -> None:
    assert fts5_string('a"b') == '"a""b"'


def test_like_pattern_escapes_wildcards() -> None:
    assert like_pattern("5%_\\") == "%5\\%\\_\\\\%"


# -- matching ---------------------------------------------------------------------------


def test_three_char_term_uses_index(filled: Store) -> None:
    assert sorted(ids(filled, "北朝鮮")) == ["doc-a", "doc-b"]
    assert ids(filled, "プーチン") == ["doc-a"]


def test_two_char_term(filled: Store) -> None:
    # 会談 is in a, d (title and body); too short for trigram MATCH.
    assert ids(filled, "会談") == ["doc-a", "doc-d"]  # newest first, undated last
    assert ids(filled, "北朝") == ["doc-a", "doc-b"]
    assert ids(filled, "首相") == ["doc-b"]


def test_one_char_term(filled: Store) -> None:
    assert ids(filled, "株") == ["doc-c"]


def test_and_semantics(filled: Store) -> None:
    assert ids(filled, "北朝鮮 会談") == ["doc-a"]
    assert ids(filled, "会談 台湾") == ["doc-d"]
    assert ids(filled, "北朝鮮 ミサイル") == ["doc-b"]
    assert ids(filled, "北朝鮮 日経平均") == []
    assert ids(filled, "首脳 電話") == ["doc-d"]


def test_term_matching_only_the_title(filled: Store) -> None:
    assert ids(filled, "非難") == ["doc-b"]
    hit = filled.search("非難")[0]
    assert "【非難】" in hit.snippet


def test_ascii_is_case_insensitive(store: Store) -> None:
    doc = make_doc("doc-x", "NATO首脳会議がワシントンで開かれた。", title="NATO summit")
    store.upsert_document(doc, payload_of(doc))
    assert ids(store, "nato") == ["doc-x"]
    assert ids(store, "Summit") == ["doc-x"]
    assert ids(store, "na") == ["doc-x"]


def test_no_hits(filled: Store) -> None:
    assert filled.search("存在しない言葉") == []
    assert filled.search("無") == []


def test_hit_fields(filled: Store) -> None:
    (hit,) = filled.search("プーチン")
    assert hit.title == "北朝鮮とロシアが首脳会談"
    assert hit.source == "doc-a.txt"
    assert hit.outlet == "テスト新聞"
    assert hit.published == "2024-06-19"
    assert hit.score > 0


def test_limit_and_offset(filled: Store) -> None:
    everything = ids(filled, "。")
    assert len(everything) == 4
    assert ids(filled, "。", limit=2) == everything[:2]
    assert ids(filled, "。", limit=2, offset=2) == everything[2:]
    with pytest.raises(QueryError):
        filled.search("会談", limit=0)
    with pytest.raises(QueryError):
        filled.search("会談", offset=-1)


def test_like_wildcards_are_literal(store: Store) -> None:
    doc = make_doc("doc-x", "支持率は30%だった。")
    other = make_doc("doc-y", "支持率は三割だった。")
    for d in (doc, other):
        store.upsert_document(d, payload_of(d))
    assert ids(store, "0%") == ["doc-x"]
    assert ids(store, "%") == ["doc-x"]
    assert ids(store, "_") == []


# -- ranking ----------------------------------------------------------------------------


def test_bm25_title_and_body_ranks_first(store: Store) -> None:
    docs = [
        make_doc("doc-1", "政府は本日、経済対策を発表した。財源は国債で賄う。", title="予算案"),
        make_doc("doc-2", "大統領選挙の行方に注目が集まる。選挙戦は終盤に入った。", title="大統領選挙の行方"),
        make_doc("doc-3", "野党は大統領選挙について談話を発表した。", title="野党が談話"),
        make_doc("doc-4", "天気は晴れ。気温は平年並み。", title="天気"),
    ]
    for d in docs:
        store.upsert_document(d, payload_of(d))
    hits = store.search("大統領選挙")
    assert [h.doc_id for h in hits] == ["doc-2", "doc-3"]
    assert hits[0].score > hits[1].score


def test_title_weighted_above_body(store: Store) -> None:
    in_title = make_doc("doc-1", "きょうの動きをまとめた。", title="国連総会の動き")
    in_body = make_doc("doc-2", "国連総会で演説があった。", title="きょうの動き")
    filler = [make_doc(f"doc-f{i}", f"関係のない記事その{i}。", title="別件") for i in range(3)]
    for d in (in_body, in_title, *filler):
        store.upsert_document(d, payload_of(d))
    assert ids(store, "国連総会") == ["doc-1", "doc-2"]


def test_short_only_query_orders_by_date(filled: Store) -> None:
    assert ids(filled, "。") == ["doc-c", "doc-a", "doc-b", "doc-d"]
    assert all(h.score == 0.0 for h in filled.search("。"))


# -- snippets ---------------------------------------------------------------------------


def test_snippet_marks_terms(filled: Store) -> None:
    (hit,) = filled.search("プーチン 会談")
    assert "【プーチン】" in hit.snippet
    assert "【会談】" in hit.snippet
    (hit,) = filled.search("首相")
    assert "【首相】" in hit.snippet


def test_snippet_is_cut_with_ellipses() -> None:
    text = "あ" * 200 + "北朝鮮" + "い" * 200
    snippet = make_snippet(text, find_spans(text, ["北朝鮮"]))
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "【北朝鮮】" in snippet
    assert 75 <= len(snippet) <= 90


def test_snippet_at_start_and_end() -> None:
    text = "北朝鮮" + "い" * 200
    assert make_snippet(text, find_spans(text, ["北朝鮮"])).startswith("【北朝鮮】")
    text = "あ" * 200 + "北朝鮮"
    snippet = make_snippet(text, find_spans(text, ["北朝鮮"]))
    assert snippet.startswith("…")
    assert snippet.endswith("【北朝鮮】")


def test_snippet_short_text_uncut() -> None:
    assert make_snippet("北朝鮮が発表。", find_spans("北朝鮮が発表。", ["発表"])) == "北朝鮮が【発表】。"


def test_snippet_merges_overlapping_terms() -> None:
    text = "北朝鮮が発表"
    assert make_snippet(text, find_spans(text, ["北朝", "朝鮮"])) == "【北朝鮮】が発表"


def test_snippet_collapses_whitespace() -> None:
    text = "一行目\n\n二行目  北朝鮮\t三行目"
    assert make_snippet(text, find_spans(text, ["北朝鮮"])) == "一行目 二行目 【北朝鮮】 三行目"


def test_snippet_without_match_is_the_start() -> None:
    text = "い" * 200
    assert make_snippet(text, []) == "い" * 80 + "…"


# -- index kept in sync -----------------------------------------------------------------


def test_fts_follows_update(filled: Store) -> None:
    doc = DOCS[2]
    changed = dataclasses.replace(doc, body="円相場が急落した。為替介入への警戒感が強まった。")
    assert filled.upsert_document(changed, payload_of(changed)) == "updated"
    assert ids(filled, "日経平均") == ["doc-c"]  # still in the title
    assert ids(filled, "半導体") == []
    assert ids(filled, "為替介入") == ["doc-c"]
    assert_index_in_sync(filled)


def test_fts_follows_delete(filled: Store) -> None:
    assert filled.delete_document("doc-a")
    assert ids(filled, "プーチン") == []
    assert ids(filled, "北朝鮮") == ["doc-b"]
    assert_index_in_sync(filled)


def assert_index_in_sync(store: Store) -> None:
    """FTS5's integrity-check with rank=1 compares the index with the documents table
    and raises ("database disk image is malformed") when they differ."""
    store._conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")


# -- bad and hostile queries ------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"北朝鮮',
        "*",
        "北朝鮮*",
        "NEAR(",
        "NEAR(北朝鮮 会談",
        "OR",
        "北朝鮮 OR 日経平均",
        "AND",
        "NOT",
        "-",
        "-北朝鮮",
        "title:北朝鮮",
        "^北朝鮮",
        "(",
        ")",
        "{title body}:北朝鮮",
        "' OR 1=1 --",
        "北朝鮮'; DROP TABLE documents; --",
        "北朝鮮\x00会談",
        "\\",
        "%%%",
    ],
)
def test_injection_attempts_never_raise(filled: Store, query: str) -> None:
    filled.search(query)
    assert filled.count_documents() == 4


def test_operators_are_plain_text(filled: Store) -> None:
    # "OR" is a term that must occur, not an operator: no document has it.
    assert ids(filled, "北朝鮮 OR 日経平均") == []
    assert ids(filled, "-北朝鮮") == []


def test_raw_mode_passes_fts_syntax(filled: Store) -> None:
    assert sorted(ids(filled, "北朝鮮 OR 日経平均", raw=True)) == ["doc-a", "doc-b", "doc-c"]
    assert ids(filled, "北朝鮮 NOT ミサイル", raw=True) == ["doc-a"]
    assert ids(filled, "title:日経平均", raw=True) == ["doc-c"]
    (hit,) = filled.search("プーチン", raw=True)
    assert "【プーチン】" in hit.snippet
    assert hit.score > 0


@pytest.mark.parametrize("query", ['"', "NEAR(", "北朝鮮 AND", "(北朝鮮", "nosuchcolumn:北朝鮮", "*"])
def test_raw_mode_bad_syntax_is_query_error(filled: Store, query: str) -> None:
    with pytest.raises(QueryError, match="invalid search syntax"):
        filled.search(query, raw=True)


@pytest.mark.parametrize("raw", [False, True])
def test_empty_query(filled: Store, raw: bool) -> None:
    for query in ["", "   ", "\u3000\u3000", "\n\t", "\x00"]:
        with pytest.raises(QueryError, match="empty"):
            filled.search(query, raw=raw)


@pytest.mark.parametrize("raw", [False, True])
def test_long_query(filled: Store, raw: bool) -> None:
    filled.search("あ" * 1000, raw=raw)
    with pytest.raises(QueryError, match=r"query too long: 1001 characters \(max 1000\)"):
        filled.search("あ" * 1001, raw=raw)


def test_unpaired_surrogate_is_query_error(filled: Store) -> None:
    with pytest.raises(QueryError):
        filled.search("北朝鮮\ud800")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_any_text_query_runs_or_is_query_error(tmp_path: Path, query: str) -> None:
    with Store(tmp_path / "fuzz.db") as store:
        if store.count_documents() == 0:
            for doc in DOCS:
                store.upsert_document(doc, payload_of(doc))
        try:
            hits = store.search(query)
        except QueryError:
            assert not query.replace("\x00", " ").strip()
            return
        for hit in hits:
            for term in query.replace("\x00", " ").split():
                title = (hit.title or "").lower()
                body = next(d.body for d in DOCS if d.doc_id == hit.doc_id).lower()
                assert term.lower() in title or term.lower() in body


def test_snippet_marks_are_offsets_not_brackets(tmp_path: Path) -> None:
    from hodo.store.search import plain_and_marks, snippet_segments

    body = "【ワシントン共同】米国務省は、北朝鮮とロシアの軍事協力に懸念を示した。　北朝鮮は反発した。"
    segments = snippet_segments(body, find_spans(body, ["北朝鮮"]))
    plain, marks = plain_and_marks(segments)
    assert plain.startswith("【ワシントン共同】")  # the page's own brackets stay text
    assert [plain[a:b] for a, b in marks] == ["北朝鮮", "北朝鮮"]
    assert "　" not in plain  # whitespace runs made one space, as in the 【】 snippet
