"""`events-csv`: one row per event, in the manner of POLECAT / PLOVER event data.

UTF-8 with a byte-order mark: Excel then reads the Japanese text as UTF-8 (without the
mark it assumes the local code page), and pandas, R and LibreOffice skip the mark
(`pandas.read_csv(path)` works as is). Fields are quoted where needed (sentences may hold
commas, quotes and line breaks) and written exactly as the pages have them: a cell that
starts with `=`, `+`, `-` or `@` is text, but a spreadsheet may read it as a formula.

Several actors (recipients, reporters) of one event share a cell, separated by `; `; the
`_qid` and `_country` cells list the QIDs and states of those that have one, in order.
`date` is the event's own date when the page gives one, else the day the page was
published (`date_basis` says which).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import BinaryIO

from hodo.export.rows import EventRow, Ref, join

COLUMNS = (
    "event_id",
    "date",
    "date_basis",
    "date_end",
    "type",
    "mode",
    "status",
    "actor",
    "actor_qid",
    "actor_country",
    "recipient",
    "recipient_qid",
    "recipient_country",
    "place",
    "place_qid",
    "place_country",
    "reported_by",
    "trigger",
    "cluster_id",
    "outlet",
    "published",
    "title",
    "doc_id",
    "source",
    "url",
    "sentence",
    "sentence_text",
)


def _refs(refs: Iterable[Ref]) -> tuple[str, str, str]:
    rs = list(refs)
    return (
        join([r.name for r in rs]),
        join([r.qid for r in rs]),
        join(list(dict.fromkeys(r.country for r in rs))),
    )


def event_record(e: EventRow) -> dict[str, str | int]:
    """One event as a CSV row (every value a string or an int; missing values empty)."""
    actor, actor_qid, actor_country = _refs(e.actors)
    recipient, recipient_qid, recipient_country = _refs(e.recipients)
    place, place_qid, place_country = _refs([e.place] if e.place else [])
    return {
        "event_id": e.event_id,
        "date": e.date or "",
        "date_basis": ("event" if e.time else "published") if e.date else "",
        "date_end": e.time_end or "",
        "type": e.type,
        "mode": e.mode or "",
        "status": e.status,
        "actor": actor,
        "actor_qid": actor_qid,
        "actor_country": actor_country,
        "recipient": recipient,
        "recipient_qid": recipient_qid,
        "recipient_country": recipient_country,
        "place": place,
        "place_qid": place_qid,
        "place_country": place_country,
        "reported_by": join([r.name for r in e.reported_by]),
        "trigger": e.trigger,
        "cluster_id": e.cluster_id or "",
        "outlet": e.outlet or "",
        "published": e.published or "",
        "title": e.title or "",
        "doc_id": e.doc_id,
        "source": e.source,
        "url": e.url or "",
        "sentence": e.sentence,
        "sentence_text": e.sentence_text or "",
    }


def write_events_csv(events: Iterable[EventRow], out: BinaryIO) -> int:
    """Write the header and one row per event; returns how many rows were written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        n = 0
        for e in events:
            writer.writerow(event_record(e))
            n += 1
        text.flush()
    finally:
        text.detach()  # leave `out` open for the caller
    return n
