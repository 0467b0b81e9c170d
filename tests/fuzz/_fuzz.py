"""Shared pieces of the fuzz tests: example budgets, Japanese text, page material.

Budgets: every property takes `fuzz(n)` examples, a modest count so the whole fuzz set
runs in well under 30 s, and derandomized (the same examples on every run: the default
suite stays reproducible). `HYPOTHESIS_PROFILE=long` multiplies every count by 50 (or by
`HODO_FUZZ_FACTOR`) and draws fresh random examples on each run:

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from hodo.errors import HodoError
from hodo.ingest.decode import decode_bytes
from hodo.models import Failure, RawPage

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "pages"

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
FACTOR = int(os.environ.get("HODO_FUZZ_FACTOR", "50")) if LONG else 1


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples * FACTOR,
        deadline=None,
        derandomize=not LONG,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# -- failures: every bad input is a documented outcome ---------------------------------------


def check_items(items: list[RawPage | Failure]) -> None:
    """What `iter_pages` yields for bad input: pages, or failures with a one-line reason that
    is not the catch-all for a bug (`unexpected error: …`)."""
    for item in items:
        if isinstance(item, Failure):
            assert item.stage == "ingest", item
            assert item.reason and "\n" not in item.reason, item
            assert not item.reason.startswith("unexpected error"), item
        else:
            assert isinstance(item, RawPage), item
            assert item.text.strip(), item
            assert "\r" not in item.text, item


def documented(exc: BaseException) -> bool:
    return isinstance(exc, HodoError)


# -- Japanese text ---------------------------------------------------------------------------


@cache
def sample_pages() -> dict[str, str]:
    """The bundled sample pages (copied text, HTML, JSONL; in several encodings), decoded."""
    return {p.name: decode_bytes(p.read_bytes())[0] for p in sorted(EXAMPLES.iterdir()) if p.is_file()}


@cache
def sample_prose() -> str:
    """Every copied-text sample page, one after the other: real Japanese news text."""
    return "\n".join(text for name, text in sample_pages().items() if name.endswith(".txt"))


@st.composite
def prose_slices(draw: st.DrawFn, min_size: int = 1, max_size: int = 400) -> str:
    """A slice of real news text (any start, any length): Japanese as pages write it."""
    text = sample_prose()
    size = draw(st.integers(min_size, max_size))
    start = draw(st.integers(0, len(text) - size))
    return text[start : start + size]


_KANA = [chr(c) for c in range(0x3041, 0x3097)] + [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"]
_PUNCT = list("。、「」『』（）・！？　〜…―【】")
# Characters that differ between Shift_JIS, CP932 and EUC-JP, or are not in all of them.
_AWKWARD = [*"①②㈱髙﨑～－￠¥‾\\〜−‖¢£¬", "\u3000", "\ufeff", "\u2028"]

japanese_chars = st.one_of(
    st.sampled_from(_KANA),
    st.sampled_from(_PUNCT),
    st.sampled_from(_AWKWARD),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK (many outside JIS X 0208)
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width ASCII
    st.sampled_from(["\n", "\r", "\t"]),
)
japanese_text = st.one_of(
    st.text(alphabet=japanese_chars, max_size=300),
    prose_slices(),
    st.lists(
        st.one_of(prose_slices(max_size=40), st.text(alphabet=japanese_chars, max_size=10)), max_size=8
    ).map("".join),
)

ENCODINGS = (
    "utf_8",
    "utf_8_sig",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "cp932",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
)


def encodable(text: str, codec: str) -> str:
    """`text` without the characters `codec` cannot encode, or encodes as another
    character's bytes (CP932 writes 〜 U+301C as ～ U+FF5E)."""
    out = []
    for ch in text:
        try:
            if ch.encode(codec).decode(codec) != ch:
                continue
        except UnicodeError:
            continue
        out.append(ch)
    return "".join(out)
