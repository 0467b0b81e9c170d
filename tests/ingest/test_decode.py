from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hodo.errors import DecodeError
from hodo.ingest import decode_bytes
from hodo.ingest.decode import BINARY_REASON, UNDECODABLE_REASON
from tests.ingest.helpers import LONG_JA, SHORT_JA

LEGACY = ("cp932", "euc_jp", "iso2022_jp")


def undecodable_bytes() -> bytes:
    """High bytes, no NUL, fitting none of the supported encodings: CP932 lead bytes
    followed by bytes that are never a CP932 trail byte (and not valid EUC-JP/UTF-8)."""
    rng = random.Random(42)
    return bytes(
        byte
        for _ in range(100)
        for byte in (rng.choice([0x81, 0x85, 0x9F, 0xE0, 0xEA]), rng.choice([0xFD, 0xFE, 0xFF]))
    )


# --- every encoding, long and short texts -------------------------------------------------


@pytest.mark.parametrize("codec", [*LEGACY, "utf_8"])
def test_long_japanese_text_in_each_encoding(codec: str) -> None:
    data = LONG_JA.encode(codec)
    assert len(LONG_JA) >= 190
    assert decode_bytes(data) == (LONG_JA, codec)


def test_utf8_with_bom() -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + LONG_JA.encode("utf_8")) == (LONG_JA, "utf_8_sig")


@pytest.mark.parametrize("text", SHORT_JA)
@pytest.mark.parametrize("codec", [*LEGACY, "utf_8"])
def test_short_japanese_text_in_each_encoding(codec: str, text: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, codec)


@pytest.mark.parametrize("text", SHORT_JA)
def test_short_japanese_text_utf8_bom(text: str) -> None:
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf_8")) == (text, "utf_8_sig")


def test_charset_normalizer_alone_misses_short_full_width_text() -> None:
    """The reason for the plausibility check: charset-normalizer returns nothing for this
    CP932 text; decode_bytes still gets it right."""
    from charset_normalizer import from_bytes

    text = "東京（共同）＝１９日"
    data = text.encode("cp932")
    assert from_bytes(data, cp_isolation=["cp932", "euc_jp", "iso2022_jp", "utf_8"]).best() is None
    assert decode_bytes(data) == (text, "cp932")
    assert decode_bytes(text.encode("euc_jp")) == (text, "euc_jp")


def test_short_euc_jp_that_is_also_valid_utf8() -> None:
    """`2024年` in EUC-JP is the valid UTF-8 string `2024ǯ`."""
    data = "2024年".encode("euc_jp")
    assert data.decode("utf_8") == "2024ǯ"
    assert decode_bytes(data) == ("2024年", "euc_jp")
    assert decode_bytes("発表2024".encode("euc_jp")) == ("発表2024", "euc_jp")


def test_genuine_utf8_latin_text_stays_utf8() -> None:
    assert decode_bytes("café résumé naïve".encode()) == ("café résumé naïve", "utf_8")
    assert decode_bytes("Ελληνικά и русский".encode()) == ("Ελληνικά и русский", "utf_8")


def test_cp932_extensions_are_kept() -> None:
    """NEC special characters exist in CP932, not in Shift_JIS: CP932 is chosen."""
    text = "①②③の項目について、㈱東京が発表した。髙島屋も参加。"
    assert decode_bytes(text.encode("cp932")) == (text, "cp932")


def test_pure_ascii_is_utf8() -> None:
    assert decode_bytes(b"Hello, world.\n") == ("Hello, world.\n", "utf_8")


def test_japanese_mixed_with_latin_words() -> None:
    text = "米Apple社はiPhoneの新型を発表した。JR東日本とNHKも報じた。"
    for codec in ("cp932", "euc_jp"):
        assert decode_bytes(text.encode(codec)) == (text, codec)


# --- BOMs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec == "utf_16_le" else b"\xfe\xff"
    data = bom + LONG_JA.encode(codec)
    assert decode_bytes(data) == (LONG_JA, "utf_16")


def test_utf16_bom_with_short_text() -> None:
    assert decode_bytes("短い".encode("utf_16")) == ("短い", "utf_16")


def test_utf32_bom() -> None:
    assert decode_bytes("日本語".encode("utf_32")) == ("日本語", "utf_32")


# --- ISO-2022-JP ------------------------------------------------------------------------------


def test_iso2022jp_is_found_by_its_escapes() -> None:
    data = LONG_JA.encode("iso2022_jp")
    assert data.isascii()
    assert b"\x1b$B" in data
    assert decode_bytes(data) == (LONG_JA, "iso2022_jp")


def test_iso2022jp_old_jis_escape() -> None:
    """ESC $ @ (JIS C 6226-1978) and ESC ( J (JIS-Roman)."""
    data = LONG_JA.encode("iso2022_jp").replace(b"\x1b$B", b"\x1b$@").replace(b"\x1b(B", b"\x1b(J")
    text, codec = decode_bytes(data)
    assert codec == "iso2022_jp"
    assert text == LONG_JA


# --- declared charsets ------------------------------------------------------------------------


def test_declared_charset_is_honoured() -> None:
    data = "Déjà vu, garçon.".encode("latin-1")
    assert decode_bytes(data, "iso-8859-1") == ("Déjà vu, garçon.", "cp1252")


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("Shift_JIS", "cp932"),
        ("sjis", "cp932"),
        ("x-sjis", "cp932"),
        ("EUC-JP", "euc_jp"),
        ("x-euc-jp", "euc_jp"),
    ],
)
def test_declared_aliases(label: str, codec: str) -> None:
    text = "首相"
    assert decode_bytes(text.encode(codec), label) == (text, codec)


@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_meta_charset_in_the_document(codec: str) -> None:
    label = {"cp932": "Shift_JIS", "euc_jp": "EUC-JP"}[codec]
    html = f'<html><head><meta charset="{label}"><title>速報</title></head><body>首相</body></html>'
    assert decode_bytes(html.encode(codec)) == (html, codec)


def test_meta_http_equiv_in_the_document() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-jp">'
        "</head><body>株価</body></html>"
    )
    assert decode_bytes(html.encode("euc_jp")) == (html, "euc_jp")


def test_wrong_declaration_that_fails_strictly_is_ignored() -> None:
    assert decode_bytes(LONG_JA.encode("cp932"), "euc-jp") == (LONG_JA, "cp932")


def test_latin1_declaration_on_a_japanese_page_loses() -> None:
    """Servers default to ISO-8859-1; a Japanese page mislabelled so is still read right."""
    data = LONG_JA.encode("euc_jp")
    assert decode_bytes(data, "ISO-8859-1") == (LONG_JA, "euc_jp")


def test_stale_shift_jis_meta_on_an_euc_jp_file() -> None:
    html = '<meta charset="Shift_JIS"><p>' + LONG_JA + "</p>"
    assert decode_bytes(html.encode("euc_jp")) == (html, "euc_jp")


@pytest.mark.parametrize("label", ["no-such-charset", "rot13", "hex", "utf-16", "", "a b c", "\x00"])
def test_unusable_declarations_are_ignored(label: str) -> None:
    assert decode_bytes(LONG_JA.encode("cp932"), label) == (LONG_JA, "cp932")


# --- newlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf_8", "cp932", "euc_jp"])
def test_newlines_are_normalised(codec: str) -> None:
    data = "一行目\r\n二行目\r三行目\n四行目".encode(codec)
    text, _ = decode_bytes(data)
    assert text == "一行目\n二行目\n三行目\n四行目"


# --- refusals ---------------------------------------------------------------------------------


def test_binary_png_header() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    with pytest.raises(DecodeError, match=r"^binary content, not a text page$"):
        decode_bytes(data)


def test_binary_nul_in_otherwise_valid_utf8() -> None:
    with pytest.raises(DecodeError, match=BINARY_REASON):
        decode_bytes("本文".encode() + b"\x00" + b"text")


def test_binary_many_control_bytes() -> None:
    data = bytes(range(1, 32)) * 4 + b"some text"
    with pytest.raises(DecodeError, match=BINARY_REASON):
        decode_bytes(data)


def test_undecodable_bytes() -> None:
    data = undecodable_bytes()
    assert b"\x00" not in data
    for codec in ("utf_8", "cp932", "shift_jis", "euc_jp", "iso2022_jp"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(codec)
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert str(info.value) == UNDECODABLE_REASON


def test_random_high_bytes_that_cp932_accepts_are_refused() -> None:
    """Python's cp932 decodes the unassigned bytes 0x80, 0xA0, 0xFD-0xFF to C1/private-use
    characters: strict decoding 'succeeds', the result is garbage."""
    data = bytes([0xA0, 0xFD, 0xFE, 0xFF, 0x80]) * 40
    assert data.decode("cp932")
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(data)


def test_latin1_without_declaration_is_not_turned_into_kanji() -> None:
    """charset-normalizer calls this French text 'cp932' (kanji glued to Latin letters)."""
    data = "Le président a déclaré à la presse qu'il était très satisfait.".encode("latin-1")
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(data)


def test_empty_bytes() -> None:
    assert decode_bytes(b"") == ("", "utf_8")


# --- property -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=80).map(lambda t: t.encode("utf_8", "surrogatepass")),
        st.tuples(
            st.sampled_from(["cp932", "euc_jp", "utf_16", "iso2022_jp"]),
            st.text(alphabet=st.characters(max_codepoint=0x9FFF), max_size=60),
        ).map(lambda pair: pair[1].encode(pair[0], "ignore")),
    ),
    declared=st.one_of(
        st.none(), st.text(max_size=12), st.sampled_from(["shift_jis", "euc-jp", "utf-16", "latin1"])
    ),
)
def test_decode_bytes_returns_text_or_raises_decode_error(data: bytes, declared: str | None) -> None:
    try:
        text, encoding = decode_bytes(data, declared)
    except DecodeError as exc:
        assert str(exc) in (BINARY_REASON, UNDECODABLE_REASON)
    else:
        assert isinstance(text, str)
        assert isinstance(encoding, str) and encoding
        assert "\r" not in text


# Japanese-looking text: kana, the kanji of the sample article, punctuation, some ASCII.
_JA_ALPHABET = sorted(
    set(LONG_JA + "".join(SHORT_JA))
    | {chr(cp) for cp in range(0x3041, 0x3094)}
    | {chr(cp) for cp in range(0x30A1, 0x30F7)}
    | set("0123456789 ABCxyz")
)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(_JA_ALPHABET), min_size=12, max_size=120).filter(
        lambda t: sum(ch >= "\u3000" for ch in t) >= 8
    ),
    codec=st.sampled_from(["cp932", "euc_jp", "iso2022_jp", "utf_8"]),
)
def test_random_japanese_text_is_decoded_exactly(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec)) == (text, codec)
