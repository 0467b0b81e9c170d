"""End to end through the CLI: the contract files, the store, bad input, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hodo.cli import main

ARTICLE = (
    "北東アジア通信\n\n首脳会談、来月開催へ\n\n2024年5月10日 09:00 配信\n\n"
    "両国政府は10日、首脳会談を来月開くと発表した。聯合ニュースによると、議題の調整が続いている。\n\n"
    "外務省の報道官は「対話の扉は開いている」と述べた。\n\nコメント0\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_analyze_writes_the_contract_and_validates(tmp_path: Path, shared: Path) -> None:
    import jsonschema

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "b.txt").write_text(ARTICLE.replace("来月", "今秋"), encoding="cp932")
    code, _ = run("analyze", str(pages), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "h.db"))
    assert code == 0
    schema = json.loads((shared / "contract" / "analysis-v1.schema.json").read_text(encoding="utf-8"))
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    corpus = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    for d in docs:
        jsonschema.validate(d, {**schema, "$ref": "#/$defs/document"})
        for s in d["sentences"]:
            assert d["body"][s["start"] : s["end"]] == s["text"]
    jsonschema.validate(corpus, {**schema, "$ref": "#/$defs/corpus"})
    assert [Path(d["source"]).name for d in docs] == ["a.txt", "b.txt"]
    assert docs[0]["title"] == "首脳会談、来月開催へ"
    assert docs[1]["published"]["value"] == "2024-05-10T09:00"
    assert (tmp_path / "out" / "failures.jsonl").read_text(encoding="utf-8") == ""


def test_seeds_validate_against_the_contract(tmp_path: Path, shared: Path) -> None:
    import jsonschema

    code, _ = run("analyze", str(shared / "seeds"), "--out", str(tmp_path), "--no-db")
    assert code == 0
    schema = json.loads((shared / "contract" / "analysis-v1.schema.json").read_text(encoding="utf-8"))
    docs = read_jsonl(tmp_path / "documents.jsonl")
    assert len(docs) == 5
    for d in docs:
        jsonschema.validate(d, {**schema, "$ref": "#/$defs/document"})


def test_bad_input_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "01_good.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "02_empty.txt").write_bytes(b"")
    (pages / "03_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (pages / "04_undecodable.txt").write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81]) * 100)
    (pages / "05_boilerplate.txt").write_text(
        "メニュー\nホーム\nランキング\n  • 記事A\nコメント0\n", encoding="utf-8"
    )
    (pages / "06_scripts.html").write_text(
        "<html><head><script>"
        + "var x=1;" * 500
        + "</script></head><body><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    with (pages / "07_huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    missing = tmp_path / "does-not-exist.txt"
    db = tmp_path / "h.db"
    code, out = run("analyze", str(pages), str(missing), "--out", str(tmp_path / "out"), "--db", str(db))
    assert code == 0
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [Path(d["source"]).name for d in docs] == ["01_good.txt"]
    failures = {Path(f["source"]).name: f["reason"] for f in read_jsonl(tmp_path / "out" / "failures.jsonl")}
    assert set(failures) == {
        "02_empty.txt",
        "03_binary.txt",
        "04_undecodable.txt",
        "05_boilerplate.txt",
        "06_scripts.html",
        "07_huge.txt",
        "does-not-exist.txt",
    }
    for reason in failures.values():
        assert reason and "\n" not in reason
    assert "too large" in failures["07_huge.txt"]
    assert "binary" in failures["03_binary.txt"]
    assert "boilerplate" in failures["05_boilerplate.txt"]
    for name in failures:
        assert name in out  # each failure is also reported on stderr


def test_reingest_is_idempotent_and_nothing_stored_is_lost(tmp_path: Path) -> None:
    from hodo.store import Store

    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (pages / "copy-of-a.txt").write_text(ARTICLE.replace("\n", "\r\n"), encoding="utf-8")
    db = tmp_path / "h.db"
    run("analyze", str(pages), "--out", str(tmp_path / "o1"), "--db", str(db))
    run("analyze", str(pages), "--out", str(tmp_path / "o2"), "--db", str(db))
    (pages / "bad.txt").write_bytes(b"")
    run("analyze", str(pages / "bad.txt"), "--out", str(tmp_path / "o3"), "--db", str(db))
    with Store(db) as store:
        assert store.count_documents() == 1
        (doc_id,) = store.document_ids()
        assert {Path(s).name for s in store.source_names(doc_id)} == {"a.txt", "copy-of-a.txt"}
    assert len(read_jsonl(tmp_path / "o2" / "documents.jsonl")) == 1
    assert (tmp_path / "o1" / "documents.jsonl").read_text() == (
        tmp_path / "o2" / "documents.jsonl"
    ).read_text()


def test_a_folder_of_a_thousand_pages(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(1000):
        (pages / f"{i:04d}.txt").write_text(
            f"記事{i}号\n\n2024年5月{i % 28 + 1}日 配信\n\n政府は{i}日、新たな方針を発表した。詳細は来週示す。\n",
            encoding="utf-8",
        )
    code, _ = run("analyze", str(pages), "--out", str(tmp_path / "out"), "--no-db", "--clean-only")
    assert code == 0
    docs = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert len(docs) == 1000
    assert [Path(d["source"]).name for d in docs] == sorted(f"{i:04d}.txt" for i in range(1000))


def test_nothing_analysed_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    code, _ = run("analyze", str(tmp_path / "e.txt"), "--out", str(tmp_path / "out"), "--no-db")
    assert code == 1
    assert (tmp_path / "out" / "failures.jsonl").exists()


def test_search_command(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "h.db"
    run("analyze", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--db", str(db))
    code, out = run("search", "--db", str(db), "首脳会談")
    assert code == 0 and "首脳会談、来月開催へ" in out and "【首脳会談】" in out
    code, out = run("search", "--db", str(db), "会談", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["title"] == "首脳会談、来月開催へ"
    result = CliRunner().invoke(main, ["search", "--db", str(db), "--raw", 'NEAR("'])
    assert result.exit_code != 0 and "invalid search syntax" in result.output


def test_help_is_helpful() -> None:
    code, out = run("--help")
    assert code == 0 and "analyze" in out and "search" in out
    code, out = run("analyze", "--help")
    assert "--out" in out and "failures.jsonl" in out


def test_links_in_two_runs_equal_one_run_and_the_corpus_validates(tmp_path: Path, shared: Path) -> None:
    import jsonschema

    from hodo.store import Store

    examples = Path(__file__).resolve().parents[1] / "examples" / "pages"
    pages = sorted(examples.iterdir())
    once, twice = tmp_path / "once.db", tmp_path / "twice.db"
    assert run("analyze", str(examples), "--out", str(tmp_path / "o1"), "--db", str(once))[0] == 0
    for part in (pages[:6], pages[6:]):
        assert run("analyze", *map(str, part), "--out", str(tmp_path / "o2"), "--db", str(twice))[0] == 0

    def groups(db: Path) -> set[frozenset[tuple[str, str]]]:
        with Store(db) as store:
            rows = store._conn.execute("SELECT cluster_id, doc_id, event_id FROM events").fetchall()
        out: dict[str, set[tuple[str, str]]] = {}
        for cid, d, e in rows:
            out.setdefault(cid, set()).add((d, e))
        return {frozenset(v) for v in out.values() if len({d for d, _ in v}) > 1}

    assert groups(once) == groups(twice) != set()
    schema = json.loads((shared / "contract" / "analysis-v1.schema.json").read_text(encoding="utf-8"))
    corpus = json.loads((tmp_path / "o1" / "corpus.json").read_text(encoding="utf-8"))
    jsonschema.validate(corpus, {**schema, "$ref": "#/$defs/corpus"})
    assert corpus["event_clusters"] and corpus["contradictions"]
    docs = {d["doc_id"]: d for d in read_jsonl(tmp_path / "o1" / "documents.jsonl")}
    for c in corpus["contradictions"]:
        for side in (c["a"], c["b"]):
            assert 0 <= side["sentence"] < len(docs[side["doc_id"]]["sentences"])


def test_the_user_gazetteer_is_read_unless_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[entity]]\nid = "kakuu-taro"\nqid = "Q999999999"\ntype = "PERSON"\nname = "架空太郎"\naliases = ["架空太郎"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HODO_GAZETTEER", str(user))
    page = tmp_path / "a.txt"
    page.write_text(ARTICLE.replace("両国政府は", "架空太郎首相と両国政府は", 1), encoding="utf-8")
    run("analyze", str(page), "--out", str(tmp_path / "o1"), "--no-db")
    run("analyze", str(page), "--out", str(tmp_path / "o2"), "--no-db", "--no-user-gazetteer")
    ids = [
        {e["wikidata"] for e in read_jsonl(tmp_path / o / "documents.jsonl")[0]["entities"]}
        for o in ("o1", "o2")
    ]
    assert "Q999999999" in ids[0] and "Q999999999" not in ids[1]
