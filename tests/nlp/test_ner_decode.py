"""hodo's batch NER decoder against spaCy's own: the same entities, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest

from hodo.ingest import iter_pages
from hodo.models import RawPage
from hodo.pipeline import clean_document

REPO = Path(__file__).resolve().parents[2]


def _bodies(paths: list[Path]) -> list[str]:
    pages = [p for p in iter_pages([str(p) for p in paths]) if isinstance(p, RawPage)]
    return [clean_document(p).body for p in pages]


@pytest.fixture(scope="module")
def bodies(shared: Path) -> list[str]:
    paths = sorted((REPO / "examples" / "pages").iterdir()) + sorted((shared / "seeds").iterdir())
    return _bodies(paths)


def test_the_batch_decoder_finds_exactly_spacys_entities(bodies: list[str]) -> None:
    from hodo.nlp.ginza import PARSE_DISABLE, load
    from hodo.nlp.ner_decode import decode, supported

    nlp = load(PARSE_DISABLE)
    ner = nlp.get_pipe("ner")
    assert supported(ner)
    # one batch with bodies of very different lengths, some shorter than others by far
    batch = [*bodies, "", "金正恩", "　"]
    ours = decode(ner, list(nlp.pipe(batch)))
    theirs = [[(e.start, e.end, e.label_) for e in d.ents] for d in ner.pipe(nlp.pipe(batch))]
    assert sum(map(len, theirs)) > 100
    assert ours == theirs


def test_an_unsupported_component_is_left_to_spacy() -> None:
    from hodo.nlp.ner_decode import supported

    assert not supported(object())


def test_empty_input() -> None:
    from hodo.nlp.ginza import PARSE_DISABLE, load
    from hodo.nlp.ner_decode import decode

    nlp = load(PARSE_DISABLE)
    assert decode(nlp.get_pipe("ner"), []) == []
    assert decode(nlp.get_pipe("ner"), [nlp("")]) == [[]]
