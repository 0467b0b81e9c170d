from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
