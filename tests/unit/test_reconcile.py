"""Verdicts from intervals: the semantics documented in docs/methodology.md."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.expressions import Interval
from crosscheck.models import Claim
from crosscheck.numerals import ROUNDING_CAP, parse_quantity
from crosscheck.reconcile import (
    ABOUT_TOLERANCE,
    NEARLY_TOLERANCE,
    bound_agrees,
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
    return compute_verdict(x, s, cl, reference, hedge)[0]  # type: ignore[arg-type]


def test_the_anchor_examples() -> None:
    v3_cost = Interval.point(5_576_000)
    assert verdict("$5.6M", v3_cost) == "accurate"
    assert verdict("$6M", v3_cost) == "rounded"  # 5.4–6.6M: one digit allows at most 10%
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
    stated, about = claim_intervals(claim("600", "about"), quantity)
    assert stated.lo == 600 - 50  # half of the step of 100: within the cap
    assert about.lo == stated.lo - ABOUT_TOLERANCE * 600
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


def test_about_one_trillion_is_not_six_hundred_billion() -> None:
    assert verdict("約1兆ドル", Interval.point(0.6e12), "about") == "wrong"
    assert verdict("約1兆ドル", Interval.point(0.87e12), "about") == "hedged"
    _, claimed = claim_intervals(claim("1兆", "about"), parse_quantity("1兆"))
    assert claimed.hi - 1e12 <= float(ROUNDING_CAP) * 1e12 + ABOUT_TOLERANCE * 1e12 + 1


@given(st.integers(1, 9), st.integers(0, 12))
def test_one_significant_digit_never_allows_more_than_the_cap(digit: int, zeros: int) -> None:
    quantity = parse_quantity(str(digit) + "0" * zeros)
    lo, hi = quantity.interval()
    value = float(quantity.value)
    assert hi - value <= float(ROUNDING_CAP) * value * (1 + 1e-12)
    assert value - lo <= float(ROUNDING_CAP) * value * (1 + 1e-12)


def test_decimals_keep_the_step_their_writer_chose() -> None:
    assert parse_quantity("0.7%").interval() == (0.65, 0.75)


def test_a_bound_meeting_the_reference_only_at_its_far_end_is_not_agreement() -> None:
    guidance = Interval(60e9, 65e9)
    assert verdict("650億ドル", guidance, "at-least") == "wrong"
    assert verdict("600億ドル", guidance, "at-least") in ("accurate", "hedged")
    assert verdict("600億ドル", guidance, "at-most") == "wrong"
    assert verdict("650億ドル", guidance, "up-to") in ("accurate", "hedged")
    assert bound_agrees("at-least", 3, Interval.point(3))
    assert not bound_agrees("more-than", 3, Interval.point(3))


@given(st.integers(1, 1000), st.integers(1, 1000), st.integers(0, 50))
def test_open_bounds_are_open(bound: int, lo: int, width: int) -> None:
    reference = Interval(lo, lo + width)
    assert bound_agrees("more-than", bound, reference) == (lo + width > bound)
    assert bound_agrees("less-than", bound, reference) == (lo < bound)


def test_a_group_claim_must_fit_every_member_of_a_spread() -> None:
    members = (Interval.point(36), Interval.point(45))
    quantity = parse_quantity("نیمی")
    c = claim("نیمی", "about")
    s, cl = claim_intervals(c, quantity, "about")
    x = Interval(50, 50)
    assert compute_verdict(x, s, cl, Interval(36, 45), "about", members)[0] == "wrong"
    assert compute_verdict(x, s, cl, Interval(36, 45), "about")[0] != "wrong"
