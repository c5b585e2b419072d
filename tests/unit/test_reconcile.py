"""Verdicts from intervals: the semantics documented in docs/methodology.md."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.expressions import Interval
from crosscheck.models import Claim
from crosscheck.numerals import parse_quantity
from crosscheck.reconcile import (
    ABOUT_TOLERANCE,
    NEARLY_TOLERANCE,
    claim_intervals,
    compute_verdict,
)


def claim(stated: str, hedge: str = "none") -> Claim:
    return Claim(
        id="c1", source="s1", figure="f1", quote=stated, stated=stated, hedge=hedge,
        verdict="accurate",
    )  # fmt: skip


def verdict(stated: str, reference: Interval, hedge: str = "none") -> str:
    quantity = parse_quantity(stated)
    c = claim(stated, hedge)
    s, cl = claim_intervals(c, quantity)
    hi = quantity.value_hi if quantity.value_hi is not None else quantity.value
    x = Interval(float(quantity.value), float(hi))
    return compute_verdict(x, s, cl, reference, hedge in ("more-than", "at-least"))[0]


def test_the_anchor_examples() -> None:
    v3_cost = Interval.point(5_576_000)
    assert verdict("$5.6M", v3_cost) == "accurate"
    assert verdict("$6M", v3_cost) == "rounded"
    assert verdict("$5M", v3_cost) == "wrong"
    assert verdict("$5M", v3_cost, "about") == "hedged"  # 4.5–5.5M, widened by 5% of 5M
    loss = Interval(588.5e9, 593.5e9)
    assert verdict("5890億", loss) == "accurate"
    assert verdict("5,888億", loss) == "accurate"
    assert verdict("6000亿", loss, "nearly") == "rounded"
    assert verdict("17%", Interval.point(16.968)) == "accurate"
    assert verdict("10%", Interval.point(17.4), "more-than") == "hedged"
    assert verdict("2,400億", Interval.point(279e9)) == "wrong"


def test_hedges_widen_as_documented() -> None:
    quantity = parse_quantity("600")
    _, about = claim_intervals(claim("600", "about"), quantity)
    assert about.lo == 550 - ABOUT_TOLERANCE * 600
    _, nearly = claim_intervals(claim("600", "nearly"), quantity)
    assert nearly.lo == 600 * (1 - NEARLY_TOLERANCE)
    _, more = claim_intervals(claim("600", "more-than"), quantity)
    assert math.isinf(more.hi)
    _, less = claim_intervals(claim("600", "less-than"), quantity)
    assert math.isinf(less.lo)


def test_unverified_figure_gives_unverified() -> None:
    quantity = parse_quantity("17%")
    s, c = claim_intervals(claim("17%"), quantity)
    assert compute_verdict(Interval.point(17), s, c, None)[0] == "unverified"


@given(st.integers(1, 10**6), st.integers(0, 10**6), st.sampled_from(["none", "about", "nearly"]))
def test_wrong_exactly_when_no_allowed_value_matches(n: int, ref: int, hedge: str) -> None:
    stated = str(n)
    quantity = parse_quantity(stated)
    s, c = claim_intervals(claim(stated, hedge), quantity)
    result = verdict(stated, Interval.point(ref), hedge)
    assert (result == "wrong") == (not c.lo <= ref <= c.hi)
    if s.lo <= ref <= s.hi:
        assert result in ("accurate", "rounded")
