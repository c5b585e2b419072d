"""The numeral parser: examples from the seeds, then properties over generated numerals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.numerals import (
    NumeralError,
    date_matches,
    parse_date,
    parse_quantity,
)

PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
FULL_WIDTH = "０１２３４５６７８９"


@pytest.mark.parametrize(
    ("written", "value", "step", "kind"),
    [
        ("5,888億ドル", 588_800_000_000, 100_000_000, "number"),
        ("5890億美元", 589_000_000_000, 1_000_000_000, "number"),
        ("6000 亿美元", 600_000_000_000, 100_000_000_000, "number"),
        ("560万ドル", 5_600_000, 100_000, "number"),
        ("3萬億美元", 3_000_000_000_000, 1_000_000_000_000, "number"),
        ("3.4 兆ドル", 3_400_000_000_000, 100_000_000_000, "number"),
        ("1 万亿美元", 1_000_000_000_000, 1_000_000_000_000, "number"),
        ("17%", 17, 1, "percent"),
        ("۱۷٪", 17, 1, "percent"),
        ("١٧٪", 17, 1, "percent"),
        ("１７％", 17, 1, "percent"),
        ("3.1%", Decimal("3.1"), Decimal("0.1"), "percent"),
        ("6 میلیون دلار", 6_000_000, 1_000_000, "number"),
        ("500 میلیارد دلار", 500_000_000_000, 100_000_000_000, "number"),
        ("یک تریلیون دلار", 1_000_000_000_000, 1_000_000_000_000, "number"),
        ("5 مليار", 5_000_000_000, 1_000_000_000, "number"),
        ("$5.6M", 5_600_000, 100_000, "number"),
        ("2倍以上", 2, 1, "ratio"),
        ("四年", 4, 1, "number"),
        ("两年", 2, 1, "number"),
        ("پنج ساله", 5, 1, "number"),
        ("四分之一", 25, 1, "percent"),
        ("نیمی", 50, 10, "percent"),
        ("10%", 10, 1, "percent"),
    ],
)
def test_reads_the_numbers_the_seeds_write(
    written: str, value: object, step: object, kind: str
) -> None:
    quantity = parse_quantity(written)
    assert quantity.value == Decimal(str(value))
    assert quantity.step == Decimal(str(step))
    assert quantity.kind == kind


def test_reads_ranges_and_vague_ranges() -> None:
    assert parse_quantity("60–65 billion").value_hi == 65_000_000_000
    assert parse_quantity("60–65 billion").value == 60_000_000_000
    several = parse_quantity("数兆ドル")
    assert (several.value, several.value_hi) == (2 * 10**12, 9 * 10**12)
    hundreds = parse_quantity("صدها میلیارد دلار")
    assert (hundreds.value, hundreds.value_hi) == (200 * 10**9, 900 * 10**9)
    english = parse_quantity("hundreds of billions of dollars")
    assert (english.value, english.value_hi) == (200 * 10**9, 900 * 10**9)
    assert parse_quantity("hundreds of millions").value_hi == 900 * 10**6


@pytest.mark.parametrize("written", ["", "no number here", "5 and 7", "１と２と３"])
def test_refuses_text_without_exactly_one_number(written: str) -> None:
    with pytest.raises(NumeralError):
        parse_quantity(written)


def _in_script(digits: str, script: str) -> str:
    return digits.translate(str.maketrans("0123456789", script))


@given(
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["0123456789", PERSIAN, ARABIC_INDIC, FULL_WIDTH]),
    st.booleans(),
)
def test_any_script_and_grouping_reads_the_same_integer(n: int, script: str, grouped: bool) -> None:
    text = f"{n:,}" if grouped else str(n)
    if script == ARABIC_INDIC:
        text = text.replace(",", "٬")
    quantity = parse_quantity(_in_script(text, script))
    assert quantity.value == n


@given(
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(
        [("万", 10**4), ("億", 10**8), ("亿", 10**8), ("兆", 10**12), ("萬億", 10**12)]
    ),
)
def test_cjk_multipliers_scale_value_and_step(n: int, unit: tuple[str, int]) -> None:
    word, scale = unit
    quantity = parse_quantity(f"{n}{word}")
    assert quantity.value == n * scale
    assert quantity.step % scale == 0


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=4))
def test_precision_interval_contains_the_written_value(whole: int, decimals: int) -> None:
    text = f"{whole}.{'5' * decimals}"
    quantity = parse_quantity(text)
    lo, hi = quantity.interval()
    assert lo < float(quantity.value) < hi
    assert quantity.step == Decimal(1).scaleb(-decimals)


@given(st.integers(min_value=1, max_value=99))
def test_cjk_numerals_up_to_ninety_nine(n: int) -> None:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    text = (
        ("" if tens <= 1 else digits[tens])
        + ("十" if tens else "")
        + (digits[ones] if ones else "")
    )
    assert parse_quantity(text).value == n


@pytest.mark.parametrize(
    ("written", "value", "ok"),
    [
        ("2024年5月", "2024-05", True),
        ("2024年5月", "2024-06", False),
        ("1月27日(週一)", "2025-01-27", True),
        ("1月27日(週一)", "2025-01-28", False),
        ("دوشنبه", "2025-01-27", True),
        ("周一", "2025-01-28", False),
        ("دهه 1950", "1950", True),
        ("24年11月", "2024-11", True),
        ("去年 10 月", "2024-10", True),
    ],
)
def test_dates_agree_with_their_iso_value(written: str, value: str, ok: bool) -> None:
    assert date_matches(parse_date(written), value) is ok
