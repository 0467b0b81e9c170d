from __future__ import annotations

from hodo.brief.similarity import bigrams, cosine, mmr


def test_cosine_of_japanese_bigrams() -> None:
    a = bigrams("プーチン大統領は19日、平壌で金正恩総書記と会談した。")
    b = bigrams("プーチン大統領は19日に平壌で金正恩総書記と会談した")
    c = bigrams("東京株式市場は続落した。")
    assert cosine(a, b) > 0.85 and cosine(a, c) < 0.1
    assert cosine(bigrams(""), a) == 0.0


def test_mmr_drops_what_was_said_and_keeps_order_of_worth() -> None:
    items = [
        ("プーチン大統領は19日、平壌で金正恩総書記と会談した。", 3.0),
        ("プーチン大統領は19日に平壌で金正恩総書記と会談した。", 2.9),
        ("両国は包括的戦略パートナーシップ条約に署名した。", 2.0),
        ("米国務省は条約に懸念を表明した。", 1.0),
    ]
    chosen = mmr(items, lambda i: i[1], lambda i: i[0], k=3)
    assert [c[1] for c in chosen] == [3.0, 2.0, 1.0]
    assert mmr(items, lambda i: i[1], lambda i: i[0], k=3, seen=[items[2][0]])[1] == items[3]
    assert mmr([], lambda i: 0.0, str, k=3) == []
