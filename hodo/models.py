"""Plain dataclasses for every artifact that passes between hodo's stages.

Nothing in here holds a spaCy, lxml or sqlite object: stages exchange these values only,
so any stage can run in another process (or on a Ray worker) and be serialised.

Offsets (`start`, `end`) are Python string indices into `Document.body`, end exclusive.
Dates are ISO 8601 prefixes whose length is their precision (`"2024"`, `"2024-06"`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PageKind = Literal["text", "html"]
DateBasis = Literal["explicit", "inferred"]


@dataclass(frozen=True)
class RawPage:
    """One page as read from disk, decoded to text, before any cleaning."""

    source: str
    """Where it came from: a path, or `path#N` for record N of a JSONL or WARC file."""
    kind: PageKind
    """`text` for text copied from a browser, `html` for markup."""
    text: str
    """The decoded content (plain text or HTML source)."""
    encoding: str
    """The encoding the bytes were decoded with (`utf_8`, `cp932`, `euc_jp`, …)."""
    content_hash: str
    """Hash of the decoded, whitespace-normalised content: one page under two names has one hash."""
    url: str | None = None
    """The page's own URL when the container says it (JSONL `url`, WARC-Target-URI)."""
    published: str | None = None
    """A publication date given by the container (JSONL `published`), as written there."""


@dataclass(frozen=True)
class Failure:
    """A page (or input path) that could not be analysed, and why."""

    source: str
    stage: str
    """`ingest`, `clean`, `analyze` or `store`."""
    reason: str
    """One line, meant for a person."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Published:
    value: str
    """ISO 8601 prefix (`2024-06-19T21:19`, `2024`)."""
    basis: DateBasis
    evidence: str
    """The text the date was read or reasoned from."""
    confidence: float = 1.0


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    """PERSON, ORG, GPE, LOC, FAC, EVENT, PRODUCT or OTHER."""
    mentions: tuple[Mention, ...]
    wikidata: str | None = None


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    value: str | None
    end_value: str | None = None


@dataclass(frozen=True)
class When:
    value: str
    end_value: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place: str | None
    time: When | None
    status: str
    sentence: int
    trigger: Span
    mode: str | None = None
    reported_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    speaker: str | None
    speaker_text: str | None
    text: str
    start: int
    end: int
    kind: str
    cue: str
    stance: str | None
    sentence: int


@dataclass(frozen=True)
class Document:
    """A cleaned article with its metadata; later stages fill the analysis fields."""

    doc_id: str
    source: str
    title: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published: Published | None
    sources_cited: tuple[str, ...]
    body: str
    url: str | None = None
    encoding: str | None = None
    kind: PageKind = "text"
    site: str | None = None
    """A key for the site the page came from (a domain), when one could be told."""
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass
class RunSummary:
    """What one `analyze` run did."""

    analysed: int = 0
    failed: int = 0
    skipped_same_content: int = 0
    doc_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
    """One ranked full-text search result."""

    doc_id: str
    title: str | None
    source: str
    outlet: str | None
    published: str | None
    snippet: str
    """A short excerpt around the match, the matched text between 【 and 】."""
    score: float
    """Higher is better (-bm25), 0.0 when nothing was ranked."""
    snippet_text: str = ""
    """The same excerpt without the 【 】 marks (pages use 【 】 themselves)."""
    marks: tuple[tuple[int, int], ...] = ()
    """Where the matches are in `snippet_text` (code-point offsets, end exclusive)."""


@dataclass(frozen=True)
class DuplicateGroup:
    """Documents carrying the same text, e.g. one wire story on several sites."""

    doc_ids: tuple[str, ...]
    """Sorted; at least two."""
    similarity: float
    """The lowest exact Jaccard similarity (of 5-gram sets) between the first member and
    another member, rounded to 3 decimals. A member that joined through containment (a
    shortened copy) or through a chain of near-duplicates can bring it below the threshold."""


@dataclass(frozen=True)
class EventCluster:
    """Events of one or more documents that report the same real-world event."""

    id: str
    """Deterministic: derived from the event that founded the cluster."""
    type: str
    time: When | None
    """The most precise time its members give (None when none gives one)."""
    members: tuple[tuple[str, str], ...]
    """(doc_id, event_id), in the order they joined."""

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d for d, _ in self.members))


@dataclass(frozen=True)
class ClaimRef:
    """One side of a contradiction: a sentence, and the event or quote in it."""

    doc_id: str
    sentence: int
    event_id: str | None = None
    quote_index: int | None = None


@dataclass(frozen=True)
class Contradiction:
    """One source asserts or alleges what another (or the same page) denies."""

    id: str
    kind: str
    """`denial` (a party denies it) or `negation` (the text says it did not happen)."""
    cluster: str | None
    """The event cluster both sides belong to, when they do."""
    a: ClaimRef
    """The side that asserts or alleges."""
    b: ClaimRef
    """The side that denies."""


@dataclass(frozen=True)
class TimelineSource:
    """One page's telling of a clustered event."""

    doc_id: str
    event_id: str
    outlet: str | None
    published: str | None
    title: str | None
    source: str
    status: str
    sentence: int
    trigger: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event cluster on a story's timeline, with who reported and who disputes it."""

    cluster_id: str
    type: str
    modes: tuple[str, ...]
    time: When | None
    """The event's own time; None when no page dates it."""
    sort_date: str | None
    """`time.value`, else the earliest publication date of its pages."""
    participants: tuple[str, ...]
    """Names of the actors and recipients, most mentioned first."""
    sources: tuple[TimelineSource, ...]
    """Earliest publication first."""
    corroborated_by: int
    """Distinct pages (by outlet, else by document) that assert or allege it."""
    disputed_by: tuple[str, ...]
    """Who denies it (names), or the outlets that say it did not happen."""
    contradictions: int

    @property
    def first_reported(self) -> TimelineSource:
        return self.sources[0]


# -- briefings (hodo.brief) ---------------------------------------------------------------


@dataclass(frozen=True)
class SentenceRef:
    """One sentence of one stored document: what a citation points at."""

    doc_id: str
    sentence: int


@dataclass(frozen=True)
class Citation:
    """`[n]` in a briefing: a source sentence, with its text as the page has it."""

    n: int
    doc_id: str
    sentence: int
    text: str


@dataclass(frozen=True)
class BriefLine:
    """One sentence or bullet of a briefing, and the source sentences it rests on."""

    text: str
    """A source sentence as written, or a line composed only of facts those sentences carry."""
    cites: tuple[int, ...]
    """Citation numbers (`Citation.n`); never empty."""
    date: str | None = None
    label: str | None = None
    """What kind of fact (an event type's name), for the detail list."""
    cluster_id: str | None = None


@dataclass(frozen=True)
class BriefDispute:
    """What sources dispute: the claim and the denial, both quoted from their pages."""

    kind: str
    claim: BriefLine
    denial: BriefLine
    claim_by: str
    denied_by: str
    cluster_id: str | None = None


@dataclass(frozen=True)
class BriefSource:
    """A page cited in a briefing."""

    doc_id: str
    outlet: str | None
    published: str | None
    title: str | None
    locator: str
    """The page's URL, else the name it was analysed under."""
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Briefing:
    """An analyst's note (概要 / 詳細 / 要点 / 係争点 / 出典) where every line cites sources."""

    subject: str
    scope: str
    overview: tuple[BriefLine, ...]
    details: tuple[BriefLine, ...]
    points: tuple[BriefLine, ...]
    disputes: tuple[BriefDispute, ...]
    sources: tuple[BriefSource, ...]
    citations: tuple[Citation, ...]
    documents_considered: int
