"""A publication date reasoned from the content, for pages that print none.

Only conclusions the text itself supports: `2000年以来24年ぶり` says the article is
written in 2024. The value keeps the precision of the reasoning (a year), carries its
evidence, and the function abstains otherwise: a wrong date is worse than none.
"""

from __future__ import annotations

import re

from hodo.clean.patterns import nfkc
from hodo.models import Published

# `2000年以来24年ぶり`, `2000年7月19〜20日以降、24年ぶり`, `2019年の…以来、5年ぶり`
_SINCE = re.compile(
    r"(?P<y>(?:19|20)\d{2})年[^。]{0,25}?(?:以来|以降|から)[、,]?[^。]{0,15}?(?P<n>\d{1,3})年ぶり"
)


def infer_published(body: str) -> Published | None:
    years: dict[int, str] = {}
    for m in _SINCE.finditer(nfkc(body)):
        years.setdefault(int(m.group("y")) + int(m.group("n")), m.group(0))
    if len(years) != 1:
        return None  # nothing, or clues that disagree
    ((year, evidence),) = years.items()
    return Published(value=f"{year:04d}", basis="inferred", evidence=evidence, confidence=0.8)
