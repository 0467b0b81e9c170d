"""Dating undated pages from events the gazetteer knows (never a page with a printed date)."""

from hodo.extract.dating import date_from_known_events, month_from_known_events


def test_relative_year_next_to_a_known_event(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = date_from_known_events("両国関係は、昨年10月の北朝鮮のロシア派兵で悪化した。", gazetteer)
    assert got is not None and (got.value, got.basis) == ("2025", "inferred")
    assert "北朝鮮のロシア派兵" in got.evidence


def test_month_that_disagrees_with_the_event_gives_nothing(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert date_from_known_events("昨年3月の北朝鮮のロシア派兵について述べた。", gazetteer) is None


def test_no_known_event_no_date(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert date_from_known_events("昨年10月に新しい工場が完成した。", gazetteer) is None


def test_day_of_a_known_event_gives_the_month(gazetteer) -> None:  # type: ignore[no-untyped-def]
    body = "ロシアのプーチン大統領は18日から北朝鮮を訪問する。両首脳は会談する見通しだ。"
    got = month_from_known_events(body, "2024", gazetteer)
    assert got is not None and got.value == "2024-06"
    assert month_from_known_events(body, "2023", gazetteer) is None
    assert (
        month_from_known_events("ロシアのプーチン大統領は25日から北朝鮮を訪問する。", "2024", gazetteer)
        is None
    )
