"""Where exports go: a file written atomically (a reader never sees half of it, a failed
export leaves the old file as it was), or a stream such as stdout."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without an exception."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def output(path: Path | None, stream: BinaryIO) -> Iterator[BinaryIO]:
    """`path` written atomically, or `stream` (left open) when there is no path."""
    if path is None:
        yield stream
        stream.flush()
        return
    with atomic_file(path) as f:
        yield f
