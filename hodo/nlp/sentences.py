"""Japanese sentence splitting with character offsets into the body.

Rules: a sentence ends at 。！？!? (and their runs) outside brackets, and at every line end;
a quotation in 「」『』“”（） stays inside its sentence however many 。 it holds
(「…だ。…だ」と述べた。 is one sentence); a bullet line is a sentence of its own.
Brackets are matched per line first, so an opener that is never closed does not swallow
the rest of the paragraph.

Hand-written: GiNZA's sentence boundaries come from its parser (about 1 s per 2,000
characters here) and it splits inside quotations; pySBD and similar have no Japanese
bracket rules. This is a few lines and exact about offsets.
"""

from __future__ import annotations

from hodo.models import Span

_PAIRS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "“": "”",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "《": "》",
    "〈": "〉",
}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_TERMINALS = set("。！？!?")
_TRAILING = set("」』）)”】〕］》〉")


def _matched_depth(line: str) -> list[int]:
    """Bracket depth at each character, counting only brackets that are closed on the line."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(line):
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == opener:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    diff = [0] * (len(line) + 1)
    for a, b in pairs:
        diff[a + 1] += 1  # inside starts after the opener
        diff[b] -= 1
    depth, out = 0, []
    for i in range(len(line)):
        depth += diff[i]
        out.append(depth)
    return out


def _trimmed(body: str, start: int, end: int) -> Span | None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Span(start, end, body[start:end]) if end > start else None


def split_sentences(body: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in body.split("\n"):
        depth = _matched_depth(line)
        start = 0
        i = 0
        n = len(line)
        while i < n:
            if line[i] in _TERMINALS and depth[i] == 0:
                j = i + 1
                while j < n and (line[j] in _TERMINALS or (line[j] in _TRAILING and depth[j] == 0)):
                    j += 1
                s = _trimmed(body, pos + start, pos + j)
                if s:
                    spans.append(s)
                start = i = j
                continue
            i += 1
        s = _trimmed(body, pos + start, pos + n)
        if s:
            spans.append(s)
        pos += n + 1
    return spans
