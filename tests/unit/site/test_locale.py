"""Numbers and dates for each language's readers (Babel + CLDR numbering systems)."""

from __future__ import annotations

import pytest

from crosscheck.site.locale import format_value, localize_digits, solar_hijri


@pytest.mark.parametrize(
    ("language", "value", "unit", "expected"),
    [
        ("en", 5_576_000, "USD", "$5.576 million"),
        ("en", 589e9, "USD", "$589 billion"),
        ("ja", 589e9, "USD", "5890億ドル"),
        ("zh-Hans", 589e9, "USD", "5890亿美元"),
        ("zh-Hant", 589e9, "USD", "5890億美元"),
        ("fa", 589e9, "USD", "۵۸۹ میلیارد دلار"),
        ("ar", 589e9, "USD", "589 مليار دولار"),
        ("en", 16.97, "percent", "16.97%"),
        ("fa", 16.97, "percent", "۱۶٫۹۷ درصد"),
        ("ar", 16.97, "percent", "16.97%"),
        ("en", 50, "USD", "$50"),
        ("en", "2024-05", "date", "May 2024"),
        ("ja", "2025-01-27", "date", "2025年1月27日"),
        ("en", 3, "rank", "third"),
    ],
)
def test_values_are_formatted_for_the_language(
    language: str, value: object, unit: str, expected: str
) -> None:
    assert format_value(value, unit, language) == expected  # type: ignore[arg-type]


def test_persian_dates_show_the_solar_hijri_date_first() -> None:
    text = format_value("2025-01-27", "date", "fa")
    assert text.startswith("۸ بهمن ۱۴۰۳")
    assert "۲۰۲۵" in text


def test_solar_hijri_conversion() -> None:
    from datetime import date

    assert solar_hijri(date(2025, 3, 21)) == "۱ فروردین ۱۴۰۴"


def test_only_persian_changes_digits() -> None:
    assert localize_digits("-12.5%", "fa") == "\u200e−۱۲٫۵٪"
    for language in ("en", "ar", "ja", "zh-Hans", "zh-Hant"):
        assert localize_digits("-12.5%", language) == "-12.5%"
