"""Input paths to files: plain files, folders (recursive) and glob patterns.

Order is deterministic: inputs in the order given; within a folder or a glob, files sorted
by path. Hidden files and folders (names starting with `.`) are skipped inside folders and
globs. Files reached through a folder or a glob must have a supported suffix (others are
skipped silently); a file named explicitly is read whatever its suffix, and sniffed.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hodo.models import Failure

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".jsonl", ".warc", ".warc.gz")

STAGE = "ingest"

_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Found:
    """A file to read."""

    path: Path
    source: str
    """How to name it in `RawPage.source` / `Failure.source`: the path as given or found."""
    explicit: bool
    """Named directly by the user: read even with an unknown suffix (sniffed as HTML or text)."""


def is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def os_reason(exc: OSError) -> str:
    """`cannot read: permission denied` from an OSError, without the path (the failure's
    source already names it)."""
    detail = exc.strerror or str(exc) or type(exc).__name__
    return "cannot read: " + detail[:1].lower() + detail[1:]


def missing_reason(path: Path) -> str:
    if path.is_symlink():
        return "cannot read: broken symbolic link"
    return "cannot read: no such file or directory"


def discover(inputs: Sequence[str | Path]) -> Iterator[Found | Failure]:
    """The files to read, in order, and a `Failure` for each input that names nothing."""
    for item in inputs:
        given = os.fspath(item)
        path = Path(given)
        if _is_pattern(given) and not os.path.lexists(given):
            yield from _expand_glob(given)
            continue
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield Failure(given, STAGE, missing_reason(path))
            continue
        except OSError as exc:
            yield Failure(given, STAGE, os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _expand_folder(path, given)
        else:
            yield Found(path, given, explicit=True)


def _is_pattern(text: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in text)


def _walk(root: Path, errors: list[Failure]) -> tuple[list[Path], int]:
    """Supported files under `root` (not hidden, sorted by path) and how many were skipped."""

    def on_error(exc: OSError) -> None:
        errors.append(Failure(str(exc.filename or root), STAGE, os_reason(exc)))

    files: list[Path] = []
    skipped = 0
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            if is_supported(name):
                files.append(Path(dirpath) / name)
            else:
                skipped += 1
    # Path ordering compares part by part, so a folder's files stay together.
    files.sort()
    return files, skipped


def _expand_folder(root: Path, given: str) -> Iterator[Found | Failure]:
    errors: list[Failure] = []
    files, skipped = _walk(root, errors)
    yield from errors
    if not files and not errors:
        detail = f" ({skipped} other files skipped)" if skipped else ""
        yield Failure(given, STAGE, f"no supported files in folder{detail}")
    for file in files:
        yield Found(file, str(file), explicit=False)


def _expand_glob(pattern: str) -> Iterator[Found | Failure]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Failure(pattern, STAGE, "no files match")
        return
    errors: list[Failure] = []
    files: set[Path] = set()
    skipped = 0
    for match in matches:
        path = Path(match)
        if path.is_dir():
            under, skipped_under = _walk(path, errors)
            files.update(under)
            skipped += skipped_under
        elif is_supported(path.name):
            files.add(path)
        else:
            skipped += 1
    yield from errors
    if not files and not errors:
        yield Failure(pattern, STAGE, f"no supported files match ({skipped} other files skipped)")
    for file in sorted(files):
        yield Found(file, str(file), explicit=False)
