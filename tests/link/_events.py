"""Small documents with hand-made events for the linking tests (no GiNZA)."""

from __future__ import annotations

from hodo.link.clusters import Geography
from hodo.models import Document, Entity, Event, Published, Span, When

# putin, kim, lavrov, choe: people; RU, NK: states; PY: a city in NK; VN: another state
GEO = Geography(
    {"putin": "RU", "lavrov": "RU", "kim": "NK", "choe": "NK", "RU": "RU", "NK": "NK", "PY": "NK", "VN": "VN"}
)
TYPES = {"putin": "PERSON", "lavrov": "PERSON", "kim": "PERSON", "choe": "PERSON", "RU": "GPE", "NK": "GPE"}


def ev(
    eid: str,
    type_: str,
    actors: tuple[str, ...],
    recipients: tuple[str, ...] = (),
    *,
    time: str | None = None,
    end: str | None = None,
    status: str = "occurred",
    sentence: int = 0,
    mode: str | None = None,
    place: str | None = None,
    reported_by: tuple[str, ...] = (),
) -> Event:
    return Event(
        id=eid,
        type=type_,
        actors=actors,
        recipients=recipients,
        place=place,
        time=When(time, end) if time else None,
        status=status,
        sentence=sentence,
        trigger=Span(sentence * 10, sentence * 10 + 2, "xx"),
        mode=mode,
        reported_by=reported_by,
    )


def doc(doc_id: str, published: str | None, *events: Event) -> Document:
    ids = {x for e in events for x in (*e.actors, *e.recipients)}
    return Document(
        doc_id=doc_id,
        source=f"{doc_id}.txt",
        title=None,
        authors=(),
        outlet=None,
        published=Published(published, "explicit", published) if published else None,
        sources_cited=(),
        body=f"本文{doc_id}。" * 40,
        entities=tuple(Entity(i, i, TYPES.get(i, "ORG"), ()) for i in sorted(ids)),
        events=events,
    )


def sample_corpus() -> list[Document]:
    """A visit announced, made and told as a summit; an undated arms supply, claimed on one
    page and denied on another; an earlier summit told at two precisions."""
    return [
        doc("d1", "2024-06-18", ev("e1", "CONSULT", ("putin",), ("NK",), time="2024-06-18", mode="visit")),
        doc("d2", "2024-06-20", ev("e1", "CONSULT", ("putin", "kim"), time="2024-06-19", mode="meet")),
        doc("d3", "2024-01-21", ev("e1", "CONSULT", ("putin",), ("PY",), status="planned", mode="visit")),
        doc(
            "d4",
            "2024-01-21",
            ev("e1", "AID", ("NK",), ("RU",), sentence=9),
            ev("e2", "CONSULT", ("kim",), ("RU",), time="2023-09", sentence=2),
        ),
        doc(
            "d5",
            "2024-06-19",
            ev("e1", "AID", ("NK",), ("RU",), status="denied", sentence=3),
            ev("e2", "REJECT", ("RU",), sentence=3, mode="deny"),
        ),
        doc("d6", "2023-09-14", ev("e1", "CONSULT", ("putin", "kim"), time="2023-09-13", mode="meet")),
    ]
