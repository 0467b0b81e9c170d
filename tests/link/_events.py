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
