"""HTML cleaning: our own markup, and the Japanese pages with public gold in shared/data."""

import json
from pathlib import Path

import pytest

from hodo.clean import clean_page
from hodo.clean.htmlpage import clean_html_page
from hodo.ids import content_hash
from hodo.models import RawPage

EXTRACTION = Path(__file__).resolve().parents[3] / "shared" / "data" / "extraction-ja"

HTML = """<!doctype html><html lang="ja"><head><meta charset="utf-8">
<title>ロシア外相が平壌入り | 東亜時報</title>
<meta property="og:site_name" content="東亜時報">
<meta property="article:published_time" content="2024-10-31T18:05:00+09:00">
<script>var tracking = "<p>これは本文ではない。</p>";</script>
</head><body>
<nav><a href="/">ホーム</a><a href="/world">国際</a></nav>
<article><h1>ロシア外相が平壌入り</h1>
<figure><img src="a.jpg"><figcaption>平壌に到着した外相(31日)=朝鮮中央通信・ロイター</figcaption></figure>
<p>【ソウル=佐藤一郎】ロシアの外相は31日、北朝鮮の平壌に到着した。両国の協力強化について協議する見通しだ。</p>
<p>朝鮮中央通信によると、外相は空港で北朝鮮の外相の出迎えを受けた。</p>
<p>韓国外務省は「国連決議に違反する協力をやめるべきだ」と求めた。</p>
</article>
<aside><h2>関連記事</h2><ul><li>北朝鮮、兵士派遣を否定</li></ul></aside>
<footer>© 2024 東亜時報 All rights reserved.</footer>
</body></html>"""


def test_html_article() -> None:
    raw = RawPage(source="a.html", kind="html", text=HTML, encoding="utf_8", content_hash=content_hash(HTML))
    doc = clean_page(raw)
    assert doc.title == "ロシア外相が平壌入り"
    assert doc.outlet == "東亜時報"
    assert doc.published is not None and doc.published.value == "2024-10-31T18:05:00+09:00"
    assert doc.authors == ("佐藤一郎",)
    assert doc.body.startswith("ロシアの外相は31日")
    assert "これは本文ではない" not in doc.body and "All rights" not in doc.body
    assert "ロイター" not in doc.body
    assert "朝鮮中央通信" in doc.sources_cited


def _gold_dates() -> dict[str, str]:
    gold = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        for v in json.loads((EXTRACTION / "htmldate" / name).read_text(encoding="utf-8")).values():
            gold[v["file"].split("/")[-1]] = v["date"]
    return gold


@pytest.mark.skipif(not EXTRACTION.exists(), reason="shared/data not beside the repo")
def test_publication_dates_on_japanese_gold_pages() -> None:
    gold = _gold_dates()
    pages = [
        *sorted((EXTRACTION / "htmldate").glob("*/*.html")),
        EXTRACTION / "trafilatura" / "nhk.or.jp.k100.html",
    ]
    right = 0
    for p in pages:
        want = gold.get(p.name, "2019-06-24")
        got = clean_html_page(p.read_text(encoding="utf-8"))
        right += got.published is not None and got.published.value.startswith(want)
    assert len(pages) == 10
    assert right >= 9


@pytest.mark.skipif(not EXTRACTION.exists(), reason="shared/data not beside the repo")
def test_nhk_main_text_snippets() -> None:
    ev = json.loads((EXTRACTION / "trafilatura" / "evaldata.json").read_text(encoding="utf-8"))
    gold = next(v for v in ev.values() if v["file"] == "nhk.or.jp.k100.html")
    page = clean_html_page((EXTRACTION / "trafilatura" / "nhk.or.jp.k100.html").read_text(encoding="utf-8"))
    for s in gold["with"]:
        assert s.strip() in page.body
    for s in gold["without"]:
        assert s.strip() not in page.body
    assert page.title == gold["title"].strip()
