"""Bytes to text: BOMs, declared charsets and detection, tuned for Japanese pages.

`decode_bytes` tries, in order (each step is explained where it happens below):

1. a byte-order mark (UTF-8, UTF-32, UTF-16);
2. a binary check (NUL bytes, many control bytes): such content is refused;
3. ISO-2022-JP, recognised by its escape sequences in otherwise 7-bit data;
4. strict UTF-8;
5. the declared charset (the caller's, e.g. from HTTP, then the document's own
   `<meta charset>` / `http-equiv` / XML declaration) if it decodes strictly;
6. detection among CP932, EUC-JP (and ISO-2022-JP, UTF-8) with charset-normalizer,
   checked against a Japanese-plausibility score because the detector has too little
   signal on short Japanese texts;
7. otherwise `DecodeError`.

All encodings are named by their Python codec names (`utf_8`, `cp932`, `euc_jp`, …).
"""

from __future__ import annotations

import math

from charset_normalizer import from_bytes

from hodo.errors import DecodeError
from hodo.ingest.charset import normalise_charset, sniff_declared_charset
from hodo.ingest.plausibility import japanese_score, odd_share

BINARY_REASON = "binary content, not a text page"
UNDECODABLE_REASON = "undecodable: fits none of UTF-8, Shift_JIS/CP932, EUC-JP, ISO-2022-JP"

# The legacy Japanese encodings we try by strict decoding, best first: CP932 is a superset
# of Shift_JIS (NEC special characters such as ①, IBM kanji), so it is always preferred.
_LEGACY_JAPANESE = ("cp932", "euc_jp")
_JAPANESE_CODECS = frozenset({"cp932", "shift_jis", "euc_jp", "iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2"})
_DETECTOR_CODECS = ["cp932", "euc_jp", "iso2022_jp", "utf_8"]

_ISO2022JP_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(B", b"\x1b(J")

# Control bytes that do not occur in text. Kept: TAB, LF, VT, FF, CR, and ESC (0x1B),
# which ISO-2022-JP uses for its shifts.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.10
_BINARY_SAMPLE_CHARS = 100_000

# Thresholds on `japanese_score` (a mean per non-ASCII character, 1.0 = typical Japanese).
_ACCEPT_UNAIDED = 0.5  # accept a strict legacy decode that the detector did not propose
_OVERRIDE = 0.9  # replace an otherwise acceptable decoding by a clearly Japanese one
_BETTER_BY = 0.15  # replace the detector's pick by another candidate scoring this much more
_DETECTOR_MINIMUM = 0.2  # accept the detector's pick only if it scores at least this


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes; return `(text, encoding)` with newlines normalised to `\\n`.

    `declared` is a charset label from outside the document (an HTTP `Content-Type`
    charset); the document's own `<meta>` declaration is found here. Raises `DecodeError`
    for binary content and for bytes that fit none of the supported encodings.
    """
    text, encoding = _decode(data, declared)
    return normalise_newlines(text), encoding


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    if not data:
        return "", "utf_8"

    # 1. A byte-order mark is the strongest signal there is, and must come before the
    #    binary check: UTF-16/32 text is full of NUL bytes.
    by_bom = _decode_by_bom(data)
    if by_bom is not None:
        return by_bom

    # 2. Binary content. NUL bytes never occur in a text page in an ASCII-compatible
    #    encoding, yet they are valid UTF-8, so this has to come before the UTF-8 attempt.
    if _looks_binary(data):
        raise DecodeError(BINARY_REASON)

    # 3. ISO-2022-JP (JIS, as in old mail and some news feeds) is 7-bit, so it is also valid
    #    ASCII/UTF-8: its escape sequences (ESC $ B, ESC $ @, ESC ( B, ESC ( J) must be
    #    looked for before UTF-8 is tried.
    if data.isascii() and any(esc in data for esc in _ISO2022JP_ESCAPES):
        for jis_codec in ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2"):
            jis_text = _strict(data, jis_codec)
            if jis_text is not None:
                return jis_text, jis_codec

    # 4. Strict UTF-8: random legacy bytes almost never form valid UTF-8 sequences, so
    #    success is a reliable sign. Almost: a short EUC-JP text can be valid UTF-8
    #    (`2024年` in EUC-JP is `2024ǯ` in UTF-8). Such misreadings land in rarely used
    #    blocks (Latin Extended-B, IPA, CJK Extension A, …); if most of the non-ASCII
    #    characters do and a legacy Japanese decoding is clearly Japanese, prefer that.
    utf8 = _strict(data, "utf_8")
    if utf8 is not None:
        if not data.isascii() and odd_share(utf8) >= 0.5 and japanese_score(utf8) < 0.5:
            better = _best_legacy(data, minimum=_OVERRIDE)
            if better is not None:
                return better
        return utf8, "utf_8"

    # 5. A declared charset, if it decodes strictly. UTF-8 has already failed; UTF-16/32
    #    without a BOM are ignored (HTML saved by browsers keeps a stale `charset=utf-16`
    #    after transcoding). A declaration that yields no Japanese (say, a server's default
    #    ISO-8859-1 on a Shift_JIS page) loses to a legacy decoding that is clearly
    #    Japanese. If the declared charset is itself multi-byte, that decoding must also
    #    have kana (kana tell Japanese from Chinese GBK or Big5 read as EUC-JP); a
    #    single-byte one (one character per byte) cannot be CJK, and a kanji-only
    #    Japanese page (`2024 東亜時報 All rights reserved.`) must not stay mojibake.
    for label in (declared, sniff_declared_charset(data)):
        codec = normalise_charset(label)
        if codec is None or codec == "utf_8" or codec.startswith(("utf_16", "utf_32")):
            continue
        declared_text = _strict(data, codec)
        if declared_text is None or _looks_binary_text(declared_text):
            continue
        if japanese_score(declared_text) < 0.5:
            single_byte = len(declared_text) == len(data)
            better = _best_legacy(data, minimum=_OVERRIDE, need_kana=not single_byte)
            if better is not None:
                return better
        return declared_text, codec

    # 6. Detection. charset-normalizer is the real detector, but on short Japanese texts it
    #    often finds nothing (full-width-heavy text like `東京（共同）＝１９日`) and sometimes
    #    the wrong one of CP932/EUC-JP. So its answer is checked against strict decodes of
    #    the legacy Japanese encodings, scored for Japanese plausibility.
    detected = _detect(data)
    if detected is not None:
        return detected

    # 7. Nothing fits.
    raise DecodeError(UNDECODABLE_REASON)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):  # UnicodeError: the `undefined` codec refuses everything
        return None


def _decode_by_bom(data: bytes) -> tuple[str, str] | None:
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    if data.startswith(b"\xef\xbb\xbf"):
        candidates: tuple[str, ...] = ("utf_8_sig",)
    elif data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        candidates = ("utf_32", "utf_16")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf_16",)
    else:
        return None
    for codec in candidates:
        decoded = _strict(data, codec)
        if decoded is not None and not _looks_binary_text(decoded):
            return decoded, codec
    return None  # A BOM followed by garbage: let the other steps judge the bytes.


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > len(data) * _MAX_CONTROL_SHARE


def _looks_binary_text(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_BINARY_SAMPLE_CHARS]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\v\f\r\x1b") or ch == "\x7f")
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _legacy_candidates(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for codec in _LEGACY_JAPANESE:
        decoded = _strict(data, codec)
        if decoded is not None:
            found[codec] = decoded
    return found


def _has_kana(text: str) -> bool:
    kana = sum(1 for ch in text if "\u3041" <= ch <= "\u30ff")
    non_ascii = sum(1 for ch in text if ch >= "\x80")
    return non_ascii > 0 and kana >= 0.05 * non_ascii


def _best_legacy(data: bytes, *, minimum: float, need_kana: bool = False) -> tuple[str, str] | None:
    """The best-scoring strict legacy Japanese decoding, if it scores at least `minimum`
    (on equal scores the first of `_LEGACY_JAPANESE`, i.e. CP932)."""
    best: tuple[str, str] | None = None
    best_score = -math.inf
    for codec, text in _legacy_candidates(data).items():
        if need_kana and not _has_kana(text):
            continue
        score = japanese_score(text)
        if score > best_score:
            best, best_score = (text, codec), score
    return best if best_score >= minimum else None


def _detector_guess(data: bytes) -> str | None:
    """charset-normalizer's pick among the Japanese encodings, as a Python codec name."""
    try:
        match = from_bytes(data, cp_isolation=_DETECTOR_CODECS).best()
    except Exception:  # A detector bug must not turn bad input into a crash.
        return None
    if match is None:
        return None
    return normalise_charset(match.encoding)


def _detect(data: bytes) -> tuple[str, str] | None:
    candidates = _legacy_candidates(data)
    scores = {codec: japanese_score(text) for codec, text in candidates.items()}
    guess = _detector_guess(data)

    if guess is not None and guess not in candidates and guess in _JAPANESE_CODECS | {"utf_8"}:
        # Not a legacy codec we decoded ourselves (utf_8 and iso2022_jp have been tried
        # above, so this is rare); take it if it really decodes.
        decoded = _strict(data, guess)
        if decoded is not None and japanese_score(decoded) >= 0.0:
            return decoded, guess

    if guess is not None and guess in scores:
        # Prefer another candidate only if it is clearly more Japanese; on ties, the detector.
        best = max(scores, key=lambda codec: (scores[codec], codec == guess))
        if scores[best] >= scores[guess] + _BETTER_BY:
            return candidates[best], best
        # The detector's pick stands unless it is mostly garbage: private-use characters,
        # or kanji glued to Latin letters (charset-normalizer calls French in Latin-1
        # "cp932"). 0.2 still admits text in half-width katakana only.
        if scores[guess] >= _DETECTOR_MINIMUM:
            return candidates[guess], guess

    # The detector found nothing usable: accept a strict decode that reads as Japanese.
    # `max` keeps the first of equal scores, and CP932 comes first.
    if scores:
        best = max(scores, key=lambda codec: scores[codec])
        if scores[best] >= _ACCEPT_UNAIDED:
            return candidates[best], best
    return None
