import pytest

from hodo.clean.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024年06月19日 21:19", "2024-06-19T21:19"),
        ("２０２４年６月１９日（水）２１時１９分", "2024-06-19T21:19"),
        ("2024/12/05 06:30", "2024-12-05T06:30"),
        ("2024.6.18(火) 10:05 配信", "2024-06-18T10:05"),
        ("2011-10-02T10:00:00+0900", "2011-10-02T10:00:00+09:00"),
        ("21 Jan 2024 11:01:28 GMT9", "2024-01-21T11:01:28+09:00"),
        ("June 19, 2024", "2024-06-19"),
        ("令和6年6月20日", "2024-06-20"),
        ("平成元年1月8日", "1989-01-08"),
        ("更新日：2023年3月1日", "2023-03-01"),
    ],
)
def test_formats_keep_printed_precision(text: str, value: str) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text", ["2024年2月30日", "2023/13/01", "18日", "昨年9月", "6月19日", "電話 03-1234-5678"]
)
def test_no_full_date_no_value(text: str) -> None:
    assert parse_date(text) is None


def test_date_found_inside_a_line() -> None:
    found = find_dates("ロシアと北朝鮮2024年06月19日 21:19")
    assert [(f.text, f.value) for f in found] == [("2024年06月19日 21:19", "2024-06-19T21:19")]
