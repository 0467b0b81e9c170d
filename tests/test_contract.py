"""The contract's JSON form reads back into the same dataclasses."""

from __future__ import annotations

from dataclasses import replace

from hodo.contract import document_from_json, document_json
from hodo.models import Entity, Mention, Published, Quote, Span, Timex
from tests.link._events import sample_corpus


def test_documents_read_back_from_their_json() -> None:
    for d in sample_corpus():
        d = replace(
            d,
            published=Published("2024-06-19T21:19", "inferred", "x", 0.6),
            sentences=(Span(0, 5, d.body[:5]),),
            entities=(
                *d.entities,
                Entity("Q7747", "プーチン", "PERSON", (Mention(0, 4, "プーチン"),), "Q7747"),
            ),
            timexes=(Timex(0, 3, "18日", "2024-06-18", None),),
            quotes=(Quote(None, None, "「…」", 0, 3, "direct", "述べた", "assert", 0),),
        )
        assert document_from_json(document_json(d)) == d
