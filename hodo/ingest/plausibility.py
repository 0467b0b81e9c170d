"""How much a decoded string looks like real Japanese text.

Used to choose between decodings that all succeed strictly, because the legacy Japanese
encodings overlap: the bytes of an EUC-JP page are often valid CP932 too (and short EUC-JP
texts can even be valid UTF-8), and charset-normalizer has too little signal to decide on
short Japanese texts (it returns nothing, or the wrong codec).

The telling difference is *which* characters a wrong decoding produces:

* EUC-JP read as CP932 gives half-width katakana (bytes A1–DF are single-byte kana in
  CP932), JIS level-2 kanji, IBM/NEC extension kanji and private-use characters; never
  hiragana, which CP932 encodes with lead byte 0x82.
* CP932 read as EUC-JP mostly fails; when it succeeds it gives level-2 kanji and
  half-width kana.
* Random high bytes read as CP932 give private-use characters (Python maps the unassigned
  single bytes 0xA0, 0xFD–0xFF to U+F8F0…) and C1 controls (0x80).

Real Japanese prose is hiragana, katakana, JIS level-1 kanji (which cover nearly all
jōyō kanji) and full-width punctuation. So every non-ASCII character gets a weight by
class, and the score is the mean weight: near 1.0 for Japanese, low for mojibake.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Scoring a sample is enough, and keeps a 20 MB page cheap to score.
_SAMPLE_CHARS = 20_000


@lru_cache(maxsize=8192)
def _kanji_weight(ch: str) -> float:
    try:
        lead = ch.encode("euc_jp")[0]
    except UnicodeEncodeError:
        return 0.2  # Not in JIS X 0208: IBM/NEC extension kanji or a rare ideograph.
    if 0xB0 <= lead <= 0xCF:
        return 1.0  # JIS level 1: the common kanji.
    if 0xD0 <= lead <= 0xF4:
        return 0.5  # JIS level 2: real, but much rarer.
    return 0.2  # JIS X 0212 (EUC-JP three-byte form): very rare.


def char_weight(ch: str) -> float:
    """Weight of one non-ASCII character: 1.0 typical of Japanese text, below 0 garbage."""
    cp = ord(ch)
    if 0x3041 <= cp <= 0x309F or 0x30A0 <= cp <= 0x30FF:  # hiragana, katakana
        return 1.0
    if 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF60 or 0xFFE0 <= cp <= 0xFFE6:
        return 1.0  # CJK punctuation, full-width ASCII and yen/pound signs
    if 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF:
        return _kanji_weight(ch)
    if 0xFF61 <= cp <= 0xFF9F:
        return 0.2  # half-width katakana: rare in news, typical of EUC-JP read as CP932
    if 0x2010 <= cp <= 0x2BFF or 0x0391 <= cp <= 0x03C9 or 0x0401 <= cp <= 0x0451:
        return 0.5  # dashes, quotes, ※, arrows, ①, box drawing, Greek, Cyrillic (all in JIS)
    if 0x00A0 <= cp <= 0x00FF and ch in "§¨°±´¶×÷":
        return 0.5  # the Latin-1 symbols JIS X 0208 has
    if 0xE000 <= cp <= 0xF8FF or 0x0080 <= cp <= 0x009F or cp == 0xFFFD:
        return -1.0  # private use, C1 controls, replacement character
    return 0.0


def _is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def japanese_score(text: str) -> float:
    """Mean weight of the non-ASCII characters (in a sample); 1.0 if there are none.

    A rare character (level-2 kanji, half-width kana) touching an ASCII letter counts 0:
    that is how Latin-1 text read as CP932 looks (`tr\xe8s` becomes `tr鑚`, the trail byte
    eating a letter; Latin-1 letters are CP932 lead bytes of level-2 kanji, extension
    kanji and private use, or half-width kana), while Japanese glues mostly common kanji
    to Latin letters (`JR東日本`, `iPhone用`).
    """
    total = 0.0
    count = 0
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        weight = char_weight(ch)
        if (
            0.0 < weight < 1.0
            and (0x4E00 <= ord(ch) <= 0x9FFF or 0xFF61 <= ord(ch) <= 0xFF9F)
            and ((i > 0 and _is_ascii_letter(text[i - 1])) or (i < last and _is_ascii_letter(text[i + 1])))
        ):
            weight = 0.0
        total += weight
        count += 1
        if count >= _SAMPLE_CHARS:
            break
    return total / count if count else 1.0


# Blocks that UTF-8 decodings of legacy Japanese bytes land in, and that real text rarely
# uses: Latin Extended-B, IPA, spacing modifiers, combining marks, Armenian, Syriac … NKo
# (two-byte forms C6–DF), CJK Extension A, Yi, and the surrogate-adjacent private use area.
_ODD_RANGES = (
    (0x0180, 0x036F),
    (0x0530, 0x058F),
    (0x0700, 0x07FF),
    (0x3400, 0x4DBF),
    (0xA000, 0xA4CF),
    (0xE000, 0xF8FF),
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ODD = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _ODD_RANGES) + "]")


def odd_share(text: str) -> float:
    """Share of non-ASCII characters (in a sample) that fall in rarely used blocks.
    Regex scans, not a Python loop: this runs on every non-ASCII UTF-8 page."""
    sample = "".join(_NON_ASCII.findall(text[: _SAMPLE_CHARS * 4]))[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    return len(_ODD.findall(sample)) / len(sample)
