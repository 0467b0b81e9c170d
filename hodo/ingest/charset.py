"""Charset labels: what a page *says* its encoding is.

Labels come from an HTTP `Content-Type` header, an HTML `<meta charset>` /
`<meta http-equiv="Content-Type">`, or an XML declaration. They are normalised to Python
codec names (`cp932`, `euc_jp`, `utf_8`, …) so that `bytes.decode` can use them directly.
"""

from __future__ import annotations

import codecs
import re

# Labels whose meaning differs from Python's codec of the same name, following the WHATWG
# Encoding Standard where it matters for Japanese pages: every Shift_JIS label means
# Windows-31J (cp932, a superset with the NEC/IBM extensions that real pages use), and the
# Latin-1/ASCII labels mean windows-1252.
_ALIASES: dict[str, str] = {
    "shift_jis": "cp932",
    "shiftjis": "cp932",
    "shift_jis_2004": "cp932",
    "sjis": "cp932",
    "x_sjis": "cp932",
    "s_jis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows_31j": "cp932",
    "ms932": "cp932",
    "x_ms_cp932": "cp932",
    "cp932": "cp932",
    "euc_jp": "euc_jp",
    "eucjp": "euc_jp",
    "x_euc_jp": "euc_jp",
    "x_euc": "euc_jp",
    "ujis": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "iso_2022_jp": "iso2022_jp",
    "iso2022jp": "iso2022_jp",
    "csiso2022jp": "iso2022_jp",
    "utf8": "utf_8",
    "utf_8": "utf_8",
    "unicode_1_1_utf_8": "utf_8",
    "iso_8859_1": "cp1252",
    "iso8859_1": "cp1252",
    "latin1": "cp1252",
    "latin_1": "cp1252",
    "l1": "cp1252",
    "us_ascii": "cp1252",
    "ascii": "cp1252",
}

_LABEL_CHARS = re.compile(r"^[A-Za-z0-9_.:\-]{1,40}$")


def normalise_charset(label: str | None) -> str | None:
    """The Python codec name for a charset label, or None if it names no text codec.

    >>> normalise_charset("Shift_JIS"), normalise_charset("EUC-JP"), normalise_charset("UTF-8")
    ('cp932', 'euc_jp', 'utf_8')
    """
    if not label:
        return None
    cleaned = label.strip().strip("\"'").strip()
    if not _LABEL_CHARS.match(cleaned):
        return None
    key = cleaned.lower().replace("-", "_")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        info = codecs.lookup(cleaned)
    except LookupError:
        return None
    # Only real text encodings: `codecs.lookup` also knows bytes-to-bytes transforms
    # (`hex`, `zlib`) and str-to-str ones (`rot13`) that `bytes.decode` refuses.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name.replace("-", "_")


_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.IGNORECASE)


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """`("text/html", "Shift_JIS")` from `text/html; charset="Shift_JIS"`; the media type is
    lower-cased, the charset label is returned as written (or None)."""
    if not value:
        return "", None
    mime = value.split(";", 1)[0].strip().lower()
    match = _CT_CHARSET.search(value)
    return mime, (match.group(1) if match else None)


# Within the first few KB, as HTML5 prescribes for the prescan (we take a little more).
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)


def sniff_declared_charset(data: bytes) -> str | None:
    """The charset label an HTML/XHTML document declares in its first bytes, if any.

    Finds `<meta charset="…">`, `<meta http-equiv="Content-Type" content="…; charset=…">`
    and `<?xml … encoding="…"?>`. Works on the raw bytes: every encoding we care about
    except UTF-16 is ASCII-compatible in markup.
    """
    head = data[:_PRESCAN_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", errors="replace")
