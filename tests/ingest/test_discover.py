"""Folders, globs, ordering and determinism."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hodo.ingest import SUPPORTED_SUFFIXES, iter_pages
from tests.ingest.helpers import failures, only_failure, pages, run


def make_tree(root: Path) -> None:
    files = {
        "b.txt": "二",
        "a.txt": "一",
        "sub/z.html": "<p>三</p>",
        "sub/deeper/y.txt": "四",
        "sub2/x.htm": "<p>五</p>",
        "notes.md": "skipped",
        "image.png": "skipped",
        ".hidden.txt": "hidden file",
        ".git/config.txt": "hidden folder",
        "sub/.cache/c.txt": "hidden folder",
    }
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def test_folder_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(tmp_path)
    assert not failures(items)
    rel = [Path(page.source).relative_to(tmp_path).as_posix() for page in pages(items)]
    assert rel == ["a.txt", "b.txt", "sub/deeper/y.txt", "sub/z.html", "sub2/x.htm"]
    assert [page.text for page in pages(items)] == ["一", "二", "四", "<p>三</p>", "<p>五</p>"]


def test_folder_sources_start_with_the_folder_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    sources = [page.source for page in pages(run("data"))]
    assert sources[0] == str(Path("data") / "a.txt")


def test_inputs_keep_their_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(tmp_path / "sub2", tmp_path / "b.txt", tmp_path / "sub")
    assert [page.text for page in pages(items)] == ["<p>五</p>", "二", "四", "<p>三</p>"]


def test_glob(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(str(tmp_path / "*.txt"))
    assert [Path(page.source).name for page in pages(items)] == ["a.txt", "b.txt"]


def test_recursive_glob(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(str(tmp_path / "**" / "*.txt"))
    rel = [Path(page.source).relative_to(tmp_path).as_posix() for page in pages(items)]
    assert rel == ["a.txt", "b.txt", "sub/deeper/y.txt"]


def test_glob_matching_folders_expands_them_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(str(tmp_path / "**"))
    rel = [Path(page.source).relative_to(tmp_path).as_posix() for page in pages(items)]
    assert rel == ["a.txt", "b.txt", "sub/deeper/y.txt", "sub/z.html", "sub2/x.htm"]
    assert not failures(items)


def test_glob_matching_nothing(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.warc")
    failure = only_failure(run(pattern))
    assert failure.source == pattern
    assert failure.reason == "no files match"


def test_glob_matching_only_unsupported_files(tmp_path: Path) -> None:
    make_tree(tmp_path)
    failure = only_failure(run(str(tmp_path / "*.png")))
    assert failure.reason == "no supported files match (1 other files skipped)"


def test_literal_name_with_glob_characters(tmp_path: Path) -> None:
    path = tmp_path / "report[1].txt"
    path.write_text("本文", encoding="utf-8")
    assert [page.source for page in pages(run(path))] == [str(path)]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.pdf").write_bytes(b"%PDF")
    assert only_failure(run(tmp_path / "empty")).reason == "no supported files in folder"
    assert (
        only_failure(run(tmp_path / "other")).reason == "no supported files in folder (1 other files skipped)"
    )


def test_nonexistent_inputs_among_good_ones(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = run(tmp_path / "a.txt", tmp_path / "missing", tmp_path / "b.txt")
    assert [type(item).__name__ for item in items] == ["RawPage", "Failure", "RawPage"]


def test_single_path_instead_of_a_list(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一", encoding="utf-8")
    assert len(list(iter_pages(str(tmp_path / "a.txt")))) == 1


def test_invalid_max_bytes() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        list(iter_pages([], max_bytes=0))


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".html", ".htm", ".xhtml", ".jsonl", ".warc", ".warc.gz")


def test_a_thousand_small_pages(tmp_path: Path) -> None:
    for i in range(1000):
        folder = tmp_path / f"d{i // 100}"
        folder.mkdir(exist_ok=True)
        (folder / f"p{i:04d}.txt").write_text(f"記事{i}番の本文です。", encoding="utf-8")
    started = time.perf_counter()
    items = run(tmp_path)
    elapsed = time.perf_counter() - started
    assert not failures(items)
    assert [page.text for page in pages(items)] == [f"記事{i}番の本文です。" for i in range(1000)]
    assert len({page.content_hash for page in pages(items)}) == 1000
    assert elapsed < 5


def test_rereading_is_deterministic(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "sjis.txt").write_bytes("東京（共同）＝１９日".encode("cp932"))
    (tmp_path / "list.jsonl").write_text('{"text": "一"}\n{"html": "<p>二</p>"}\nbad\n', encoding="utf-8")
    inputs: list[str | Path] = [tmp_path, str(tmp_path / "*.txt"), tmp_path / "missing"]
    first = list(iter_pages(inputs))
    second = list(iter_pages(inputs))
    assert first == second
    assert len(pages(first)) == 11
