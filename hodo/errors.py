"""hodo's documented errors. Stages raise only these for bad input; the runner turns them
into one-line `Failure` records and goes on with the rest of the batch."""

from __future__ import annotations


class HodoError(Exception):
    """Base class: the message is one line, meant for a person."""


class ReadError(HodoError):
    """The input could not be read (missing, unreadable, not a file)."""


class TooLargeError(HodoError):
    """The input is larger than the configured limit."""


class DecodeError(HodoError):
    """The bytes are binary or fit none of the supported encodings."""


class FormatError(HodoError):
    """A container (JSONL line, WARC record) is malformed."""


class EmptyPageError(HodoError):
    """Nothing is left after cleaning: an empty page, or one that is only boilerplate."""


class QueryError(HodoError):
    """A search query the store cannot run (bad FTS syntax, too long)."""


class StoreBusyError(HodoError):
    """Another writer held the store longer than a writer is willing to wait."""


class EngineError(HodoError):
    """The engine asked for cannot run (Ray not installed, its cluster unreachable)."""
