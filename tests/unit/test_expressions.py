"""Safe interval arithmetic for constraints and derived figures."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.expressions import (
    ExpressionError,
    Interval,
    check_relation,
    check_syntax,
    evaluate,
    references,
)

VALUES = {"a": Interval(2, 4), "b": Interval(10, 10), "zero": Interval(-1, 1)}


def lookup(name: str) -> Interval:
    return VALUES[name]


def test_arithmetic_over_intervals() -> None:
    assert evaluate("{a} * {b}", lookup) == Interval(20, 40)
    assert evaluate("{b} / {a}", lookup) == Interval(2.5, 5)
    assert evaluate("({b} - {a}) * 2", lookup) == Interval(12, 16)
    assert evaluate("-{a} + 1_000", lookup) == Interval(996, 998)


def test_date_literals_are_day_numbers() -> None:
    year = evaluate("@2025", lookup)
    assert year.hi - year.lo == 364
    assert evaluate("(@2025-01-27 - @2023-07-17) / 365.25", lookup).lo == pytest.approx(
        1.53, abs=0.01
    )


def test_relations_hold_when_the_intervals_allow_them() -> None:
    assert check_relation("{a} < {b}", lookup, 0).holds
    assert not check_relation("{b} < {a}", lookup, 0).holds
    assert check_relation("{a} < 3 < {b}", lookup, 0).holds
    assert check_relation("{a} * 2.5 ~ {b}", lookup, 0).holds
    assert not check_relation("{a} ~ {b}", lookup, 0.1).holds
    assert check_relation("{a} ~ {b}", lookup, 0.6).holds


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "{a} +",
        "({a}",
        "{a} {b}",
        "{b} / {zero}",
        "open('x')",
        "{a} ** 2",
        "@2025-13-40",
    ],
)
def test_rejects_anything_but_the_grammar(text: str) -> None:
    with pytest.raises(ExpressionError):
        evaluate(text, lookup)


def test_lists_the_figures_it_uses() -> None:
    assert references("{b} / {a} + {b}") == ["b", "a"]


@given(
    st.floats(-1e6, 1e6),
    st.floats(0, 1e3),
    st.floats(-1e6, 1e6),
    st.floats(0, 1e3),
    st.sampled_from(["+", "-", "*"]),
)
def test_interval_arithmetic_contains_every_pointwise_result(
    a: float, wa: float, b: float, wb: float, op: str
) -> None:
    left, right = Interval(a, a + wa), Interval(b, b + wb)
    result = {"+": left + right, "-": left - right, "*": left * right}[op]
    for x in (left.lo, left.hi, (left.lo + left.hi) / 2):
        for y in (right.lo, right.hi):
            value = {"+": x + y, "-": x - y, "*": x * y}[op]
            assert (
                result.lo - 1e-6 * (1 + abs(value)) <= value <= result.hi + 1e-6 * (1 + abs(value))
            )
    assert not math.isnan(result.lo)


def test_syntax_check_accepts_a_difference_as_divisor() -> None:
    # A change in percent divides by a difference of figures; the syntax check's placeholder
    # values make that difference zero, which is not a syntax error.
    check_syntax("{gain} / ({close} - {gain}) * 100")
    with pytest.raises(ExpressionError):
        check_syntax("{gain} / ({close} - ")
