from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hodo.ingest import iter_pages
from hodo.models import Failure, RawPage

# ~200 characters of ordinary news prose: kanji, hiragana, katakana, full-width punctuation.
# Encodable in all of cp932, euc_jp and iso2022_jp.
LONG_JA = (
    "政府は十九日、臨時閣議を開き、物価高騰への対策として総額三兆円規模の経済対策を決定した。"
    "首相は記者会見で「国民生活を守るため、あらゆる手段を講じる」と述べた。"
    "対策には、低所得世帯への給付金や電気・ガス料金の負担軽減策が盛り込まれた。"
    "野党側は「規模が不十分だ」と批判しており、今後の国会審議で論戦が本格化する見通しだ。"
    "東京株式市場では、日経平均株価が一時前日比三百円以上値上がりした。"
)

# Short texts (~30 characters and less), where charset-normalizer alone often fails:
# full-width-heavy ones get no answer at all.
SHORT_JA = (
    "東京（共同）＝首相は十九日、記者会見で経済対策を発表した。",
    "日本銀行は金融政策決定会合で追加の利上げを決めた。",
    "ＮＨＫの世論調査で内閣支持率は３５％だった。",
    "岸田首相、衆院解散を表明",
    "株価が大幅に上昇",
    "２０２４年６月１９日",
)

Item = RawPage | Failure


def run(*inputs: str | Path, max_bytes: int | None = None) -> list[Item]:
    if max_bytes is None:
        return list(iter_pages(list(inputs)))
    return list(iter_pages(list(inputs), max_bytes=max_bytes))


def pages(items: Sequence[Item]) -> list[RawPage]:
    return [item for item in items if isinstance(item, RawPage)]


def failures(items: Sequence[Item]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


def only_failure(items: Sequence[Item]) -> Failure:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Failure), item
    assert item.stage == "ingest"
    assert "\n" not in item.reason
    return item


def only_page(items: Sequence[Item]) -> RawPage:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, RawPage), item
    return item


class WarcRecordSpec:
    def __init__(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: str = "200 OK",
        rec_type: str = "response",
        extra_headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.url = url
        self.body = body
        self.content_type = content_type
        self.status = status
        self.rec_type = rec_type
        self.extra_headers = list(extra_headers)


def write_warc(path: Path, specs: Sequence[WarcRecordSpec], *, gz: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for spec in specs:
            if spec.rec_type in ("response", "request"):
                headers = StatusAndHeaders(
                    spec.status,
                    [("Content-Type", spec.content_type), *spec.extra_headers],
                    protocol="HTTP/1.1",
                    is_http_request=spec.rec_type == "request",
                )
                record = writer.create_warc_record(
                    spec.url, spec.rec_type, payload=io.BytesIO(spec.body), http_headers=headers
                )
            else:
                record = writer.create_warc_record(
                    spec.url,
                    spec.rec_type,
                    payload=io.BytesIO(spec.body),
                    warc_content_type=spec.content_type,
                )
            writer.write_record(record)
    return path


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
