"""The text-page cleaner on pages written for these tests, in the layouts news sites use."""

from hodo.clean import clean_page
from hodo.ids import content_hash
from hodo.models import RawPage


def page(text: str, source: str = "p.txt") -> RawPage:
    return RawPage(source=source, kind="text", text=text, encoding="utf_8", content_hash=content_hash(text))


PORTAL = """メインコンテンツへスキップ
  • ホーム
  • 国際
  • 北東アジア
北東アジア通信

外相会談、制裁の履行を確認

2024年3月5日 10:20 配信
山田花子 記者

会談に臨む両外相(5日)=ロイター

【東京=山田花子】日韓の外相は5日、東京で会談し、北朝鮮への制裁の履行で協力することを確認した。

両外相は「ロシアとの軍事協力は容認できない」との認識で一致した。

  • 【関連記事】北朝鮮、弾道ミサイル発射 今年3回目

会談は約1時間続いた。次回はソウルで開く予定だ。

コメント(3)

アクセスランキング
  • 円相場、一時150円台に
  • 週末の天気、関東は晴れ
© 2024 北東アジア通信 All rights reserved.
"""


def test_portal_layout() -> None:
    doc = clean_page(page(PORTAL))
    assert doc.title == "外相会談、制裁の履行を確認"
    assert doc.authors == ("山田花子",)
    assert doc.published is not None
    assert (doc.published.value, doc.published.basis) == ("2024-03-05T10:20", "explicit")
    assert doc.body.split("\n") == [
        "日韓の外相は5日、東京で会談し、北朝鮮への制裁の履行で協力することを確認した。",
        "両外相は「ロシアとの軍事協力は容認できない」との認識で一致した。",
        "会談は約1時間続いた。次回はソウルで開く予定だ。",
    ]
    assert "ロイター" in doc.sources_cited
    assert doc.outlet == "北東アジア通信"


BLOG = """会談に臨む両首脳。(AFP=時事)
会談に臨む両首脳。(AFP=時事)

大統領府は20日、首脳会談を来月開くと発表した。聯合ニュースによると、日程の調整が続いている。

朝鮮中央通信は21日、指導者が軍需工場を視察したと報じた。

これに対し国防省の報道官は「挑発をやめるべきだ」と警告した。(共同)

(国際部 長谷川 葵)
トラックバック
"""


def test_page_without_headline_or_date() -> None:
    doc = clean_page(page(BLOG))
    assert doc.title is None
    assert doc.published is None
    assert doc.authors == ("長谷川 葵",)
    assert "AFP" not in doc.body and "トラックバック" not in doc.body
    assert doc.body.startswith("大統領府は20日")
    assert doc.body.endswith("と警告した。(共同)")
    cited = set(doc.sources_cited)
    assert {"聯合ニュース", "朝鮮中央通信", "共同通信", "AFP通信", "時事通信"} <= cited


SECTIONS = """両国関係の行方2024年06月20日 08:00

写真はイメージ
【概要】

 両首脳は平壌で会談し、新たな協定に署名した。協定は相互支援を定めている。

【要点】

 ・協定は相互支援を定める。
 ・両国は経済協力も拡大する。

【引用・参照・底本】

Leaders sign new pact Example Herald 2024.06.19
https://news.example.org/2024/06/19/pact?utm_source=x

コメント
"""


def test_sections_bullets_and_references() -> None:
    doc = clean_page(page(SECTIONS))
    assert doc.title == "両国関係の行方"
    assert doc.published is not None and doc.published.value == "2024-06-20T08:00"
    assert "・協定は相互支援を定める。" in doc.body
    assert "utm_source" not in doc.body and "Leaders sign" not in doc.body
    assert "Herald" in doc.sources_cited


def test_lines_repeated_in_page_kept_once() -> None:
    text = "見出しの行です\n\n本文の一文目である。と説明した。\n\n本文の一文目である。と説明した。\n\n二つ目の段落である。\n"
    doc = clean_page(page(text))
    assert doc.body.count("本文の一文目") == 1


def test_inferred_date_with_evidence() -> None:
    text = "首脳の訪問は2000年以来24年ぶりとなる。両国は協力を確認した。\n"
    doc = clean_page(page(text))
    assert doc.published is not None
    assert (doc.published.value, doc.published.basis) == ("2024", "inferred")
    assert "24年ぶり" in doc.published.evidence


def test_only_boilerplate_is_an_empty_page() -> None:
    import pytest

    from hodo.errors import EmptyPageError

    with pytest.raises(EmptyPageError):
        clean_page(page("メニュー\nホーム\nランキング\n  • 記事A\n  • 記事B\nコメント0\n© 2024 Example\n"))


def test_template_lines_of_a_site_are_dropped() -> None:
    from hodo.clean import build_templates

    def site_page(body: str) -> RawPage:
        return page(
            f"毎朝ポータル 今日のヘッドライン\n\n{body}\n\n当サイトの歩み 創刊五十周年\n"
            '[share_buttons url="https://maiasa.example.jp/"]\n'
        )

    a = site_page("北朝鮮は20日、弾道ミサイルを発射した。日本政府が抗議した。")
    b = site_page("ロシア外務省は21日、声明を発表した。協議は行っていないとした。")
    templates = build_templates([a, b])
    assert "当サイトの歩み 創刊五十周年" in templates["example.jp"]
    doc = clean_page(a, templates)
    assert doc.body == "北朝鮮は20日、弾道ミサイルを発射した。日本政府が抗議した。"
