from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Tests never read the developer's own gazetteer (`hodo gazetteer path`); tests that need
# one set HODO_GAZETTEER themselves.
os.environ["HODO_GAZETTEER"] = str(REPO / "tests" / "no-user-gazetteer.toml")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("shared/ is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    from hodo.extract.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def entities_of(gazetteer):  # type: ignore[no-untyped-def]
    """Entities of a text, through GiNZA (loaded once per test session)."""
    from hodo.extract.entities import extract_entities
    from hodo.nlp.ginza import ner

    def run(text: str, date: str | None = "2024-06-19"):  # type: ignore[no-untyped-def]
        return extract_entities(text, ner([text])[0], gazetteer, date)

    return run


@pytest.fixture(scope="session")
def analyse(gazetteer):  # type: ignore[no-untyped-def]
    """A body through the whole per-document analysis (GiNZA parse, entities, dates,
    events, quotes), as one Document."""
    from hodo.models import Document, Published
    from hodo.nlp.ginza import parse
    from hodo.nlp.sentences import split_sentences
    from hodo.pipeline import understand

    def run(body: str, date: str | None = "2024-06-19"):  # type: ignore[no-untyped-def]
        doc = Document(
            doc_id="doc-test",
            source="test.txt",
            title=None,
            authors=(),
            outlet=None,
            published=Published(date, "explicit", "test") if date else None,
            sources_cited=(),
            body=body,
            sentences=tuple(split_sentences(body)),
        )
        return understand(doc, parse([body])[0], gazetteer)

    return run


HOSTILE_PAGE = """<script>alert('title')</script>北朝鮮とロシア、<img src=x onerror=alert(1)>会談
2024年7月1日 10:00
テスト通信

ロシアのプーチン大統領は1日、モスクワで北朝鮮の崔善姫外相と会談した。<script>alert("body")</script>会談では<img src=x onerror="alert(2)">両国の協力について話し合った。
崔氏は「<b onmouseover=alert(3)>両国の関係は新たな段階に入った</b>」と述べた。
"""


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled sample corpus (examples/pages, analysed with GiNZA) plus a
    hostile page whose text carries <script> and onerror= (for escaping tests)."""
    from hodo.pipeline import Options, analyze

    root = tmp_path_factory.mktemp("sample_store")
    pages = root / "pages"
    pages.mkdir()
    for p in sorted((REPO / "examples" / "pages").iterdir()):
        (pages / p.name).write_bytes(p.read_bytes())
    (pages / "99_hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    db = root / "hodo.db"
    analyze([str(pages)], root / "out", db_path=db, options=Options())
    return db
