"""Reconciliation: the interval each claim implies, the reference interval, and the verdict.

The rules, with their tolerances, are documented in docs/methodology.md (a test keeps the
constants there in step with this module).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from crosscheck.expressions import (
    MAX_MAGNITUDE,
    ExpressionError,
    Interval,
    UnknownFigure,
    check_syntax,
    evaluate,
    references,
)
from crosscheck.factbase import FactBase, Located
from crosscheck.models import Claim, Figure, Verdict
from crosscheck.numerals import (
    NumeralError,
    Quantity,
    date_interval,
    parse_date,
    parse_quantity,
)
from crosscheck.problems import Problem

ACCURATE_TOLERANCE = 0.01
"""A stated point within 1% of the reference (and consistent with its precision) is accurate."""
ABOUT_TOLERANCE = 0.05
"""'about X' widens the precision interval by 5% of X on each side."""
NEARLY_TOLERANCE = 0.10
"""'nearly X' covers [X − 10%, X] (plus X's rounding)."""

NUMERIC_VERDICTS: tuple[Verdict, ...] = ("accurate", "rounded", "hedged", "wrong", "unverified")
JUDGMENT_VERDICTS: tuple[Verdict, ...] = (
    "different-scope",
    "different-timing",
    "unsupported",
    "not-checkable",
)
RIGHT_VERDICTS: tuple[Verdict, ...] = ("accurate", "rounded", "hedged")

# schema.org ClaimReview ratings on a 1 (false) – 5 (true) scale; None: not rated.
CLAIMREVIEW_RATINGS: dict[Verdict, tuple[int, str] | None] = {
    "accurate": (5, "Accurate"),
    "rounded": (4, "Accurate after rounding"),
    "hedged": (4, "Accurate as hedged"),
    "different-scope": (3, "Missing context: different scope or definition"),
    "different-timing": (3, "Missing context: different date or measure"),
    "unsupported": (2, "Unsupported"),
    "wrong": (1, "False"),
    "unverified": None,
    "not-checkable": None,
}


@dataclass(frozen=True)
class FigureResult:
    id: str
    interval: Interval | None
    """What the evidence allows (widened by its stated precision); None when unverified."""
    derived: bool = False
    shown: Interval | None = None
    """The value or bounds as the evidence writes them, for display (defaults to interval)."""

    @property
    def display(self) -> Interval | None:
        return self.shown if self.shown is not None else self.interval


@dataclass(frozen=True)
class ClaimResult:
    id: str
    stated: Interval | None
    """The interval the written precision allows (before any hedge)."""
    claimed: Interval | None
    """The interval the claim commits to, after its hedge."""
    computed: Verdict
    explain: Callable[[], tuple[str, ...]] = field(default=tuple, compare=False, repr=False)
    """Builds the reasoning steps on demand (formatting them for every claim is costly)."""

    @property
    def steps(self) -> tuple[str, ...]:
        return self.explain()


@dataclass
class Reconciliation:
    figures: dict[str, FigureResult] = field(default_factory=dict)
    claims: dict[str, ClaimResult] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)


def figure_interval(figure: Figure) -> Interval | None:
    """The reference as an interval of floats (day ordinals for dates), before derivation."""
    ref = figure.reference
    if ref.unverified:
        return None
    if figure.unit == "date":
        try:
            if isinstance(ref.value, str):
                return Interval(*date_interval(ref.value))
            if isinstance(ref.lo, str) and isinstance(ref.hi, str):
                return Interval(date_interval(ref.lo)[0], date_interval(ref.hi)[1])
        except ValueError:
            return None
        return None
    if isinstance(ref.value, int | float) and not isinstance(ref.value, bool):
        return Interval.point(float(ref.value))
    if isinstance(ref.lo, int | float) and isinstance(ref.hi, int | float):
        return Interval(float(min(ref.lo, ref.hi)), float(max(ref.lo, ref.hi)))
    return None


def reconcile_figures(base: FactBase) -> tuple[dict[str, FigureResult], list[Problem]]:
    """Reference intervals for every figure, deriving those defined by an expression."""
    results: dict[str, FigureResult] = {}
    problems: list[Problem] = []
    for figure_id, located in base.figures.items():
        if not located.record.reference.derive:
            shown = figure_interval(located.record)
            half = (located.record.reference.precision or 0) / 2
            widened = Interval(shown.lo - half, shown.hi + half) if shown and half else shown
            results[figure_id] = FigureResult(figure_id, widened, shown=shown)

    def inputs(figure_id: str) -> Iterator[str]:
        return iter(references(base.figures[figure_id].record.reference.derive or ""))

    def derive(figure_id: str) -> None:
        """Evaluate one derived figure whose inputs all have results already."""
        located = base.figures[figure_id]
        missing = False

        def lookup(ref: str) -> Interval:
            nonlocal missing
            interval = results[ref].interval
            if interval is None:
                missing = True
                return Interval.point(1.0)
            return interval

        value = evaluate(located.record.reference.derive or "", lookup)
        interval = None if missing or located.record.reference.unverified else value
        results[figure_id] = FigureResult(figure_id, interval, derived=True)

    def resolve(start: str) -> None:
        """Derive ``start`` after everything it depends on. Depth-first with an explicit stack,
        not recursion: a long chain of derived figures (each from the next) must not exhaust
        Python's recursion limit."""
        stack = [(start, inputs(start))]
        visiting = {start}
        while stack:
            figure_id, pending = stack[-1]
            for ref in pending:
                if ref in results:
                    continue
                if ref not in base.figures:
                    raise UnknownFigure(f"no figure with id '{ref}'")
                if ref in visiting:
                    raise ExpressionError(f"'{ref}' is derived from itself")
                visiting.add(ref)
                stack.append((ref, inputs(ref)))
                break
            else:
                stack.pop()
                visiting.discard(figure_id)
                derive(figure_id)

    for figure_id, located in base.figures.items():
        if figure_id in results:
            continue
        try:
            check_syntax(located.record.reference.derive or "")
            resolve(figure_id)
        except UnknownFigure:
            # reported by check_references_exist as a dangling reference
            results[figure_id] = FigureResult(figure_id, None, derived=True)
        except ExpressionError as error:
            results[figure_id] = FigureResult(figure_id, None, derived=True)
            problems.append(_expression_problem(located, error))
    return results, problems


def _expression_problem(located: Located[Figure], error: ExpressionError) -> Problem:
    return Problem(
        located.at("reference", "derive"),
        "invalid-expression",
        f"derived value cannot be computed: {error}",
        "an expression such as '{loss} / {previous-record}' over existing figures",
        "check the figure ids in braces and the operators (+ - * / and parentheses)",
    )


def quantity_in_range(quantity: Quantity) -> bool:
    """Whether a number as written fits a float with room to compute (a stated "1" followed by
    400 zeros would become infinity)."""
    ends = [quantity.value, quantity.value_hi if quantity.value_hi is not None else 0]
    return all(abs(x) <= Decimal(MAX_MAGNITUDE) for x in ends)


def claim_intervals(claim: Claim, quantity: Quantity) -> tuple[Interval, Interval]:
    """(stated, claimed): the precision interval and the interval after the hedge."""
    x = float(quantity.value)
    if claim.precision is not None:
        step = claim.precision
        top = float(quantity.value_hi) if quantity.value_hi is not None else x
        stated = Interval(x - step / 2, top + step / 2)
    else:
        stated = Interval(*quantity.interval())
    hedge = claim.hedge
    if hedge == "about":
        claimed = Interval(
            stated.lo - ABOUT_TOLERANCE * abs(x), stated.hi + ABOUT_TOLERANCE * abs(x)
        )
    elif hedge == "nearly":
        claimed = Interval(min(x * (1 - NEARLY_TOLERANCE), stated.lo), stated.hi)
    elif hedge in ("more-than", "at-least"):
        claimed = Interval(x, math.inf)  # "at least 2×" is bounded by the number itself
    elif hedge in ("less-than", "at-most"):
        claimed = Interval(-math.inf, x)
    else:
        claimed = stated
    return stated, claimed


ONE_SIDED = ("more-than", "at-least", "less-than", "at-most")


def compute_verdict(
    x: Interval,
    stated: Interval,
    claimed: Interval,
    reference: Interval | None,
    one_sided: bool = False,
) -> tuple[Verdict, Callable[[], tuple[str, ...]]]:
    """The numeric verdict for a claim, and a function that explains it step by step.

    A one-sided claim ("more than 10%") states a bound, not a rounded value: it is accurate
    when the bound is tight (within 1%), and otherwise right as hedged.
    """
    if reference is None:
        return "unverified", lambda: ("the figure has no independent evidence",)
    if not claimed.overlaps(reference):
        verdict: Verdict = "wrong"
        deviation = math.nan
    else:
        # x is the stated value (a range for "60–65" or "hundreds of"): its distance to the
        # reference is measured from its point nearest the reference.
        point = x.nearest(reference.nearest((x.lo + x.hi) / 2))
        nearest = reference.nearest(point)
        deviation = abs(point - nearest) / abs(nearest) if nearest else abs(point)
        meets = stated.overlaps(reference)
        if (one_sided or meets) and deviation <= ACCURATE_TOLERANCE:
            verdict = "accurate"
        elif meets and not one_sided:
            verdict = "rounded"
        else:
            verdict = "hedged"

    def explain() -> tuple[str, ...]:
        steps = [f"reference {reference}", f"written precision allows {stated}"]
        if claimed != stated:
            steps.append(f"with its hedge the claim covers {claimed}")
        if verdict == "wrong":
            return (*steps, "no value the claim allows matches the reference")
        steps.append(f"stated value deviates {deviation:.2%} from the nearest reference value")
        return (
            *steps,
            {
                "accurate": f"within {ACCURATE_TOLERANCE:.0%}: accurate",
                "rounded": "right only after rounding to the written precision",
                "hedged": "right only thanks to its hedge",
            }[verdict],
        )

    return verdict, explain


def reconcile_claim(
    claim: Claim, figure: Figure, reference: Interval | None
) -> tuple[ClaimResult | None, Quantity | None]:
    """Interval and computed verdict for one claim about a figure."""
    if claim.value is None:
        return None, None
    if figure.unit == "date":
        if not isinstance(claim.value, str):
            return None, None
        try:
            decade = claim.stated is not None and parse_date(claim.stated).decade
            lo, hi = date_interval(claim.value, decade=decade)
            if isinstance(claim.value_hi, str):
                hi = date_interval(claim.value_hi)[1]
        except (NumeralError, ValueError):
            return None, None
        stated = Interval(lo, hi)
        if reference is None:
            return ClaimResult(claim.id, stated, stated, "unverified"), None
        ok = stated.overlaps(reference)

        def explain_dates() -> tuple[str, ...]:
            assert reference is not None
            return (
                f"reference {_day(reference.lo)}–{_day(reference.hi)}",
                f"claim covers {_day(lo)}–{_day(hi)}",
                "the dates agree" if ok else "the dates do not agree",
            )

        verdict: Verdict = "accurate" if ok else "wrong"
        return ClaimResult(claim.id, stated, stated, verdict, explain_dates), None
    if claim.stated is None:
        return None, None
    try:
        quantity = parse_quantity(claim.stated)
    except NumeralError:
        return None, None
    if not quantity_in_range(quantity):
        return None, None  # reported by check_values as number-out-of-range
    stated, claimed = claim_intervals(claim, quantity)
    hi = quantity.value_hi if quantity.value_hi is not None else quantity.value
    verdict, explain = compute_verdict(
        Interval(float(quantity.value), float(hi)), stated, claimed, reference,
        claim.hedge in ONE_SIDED,
    )  # fmt: skip
    return ClaimResult(claim.id, stated, claimed, verdict, explain), quantity


def _day(ordinal: float) -> str:
    return date.fromordinal(int(ordinal)).isoformat()


def reconcile(base: FactBase) -> tuple[Reconciliation, list[Problem]]:
    """Reference intervals for figures and computed verdicts for claims."""
    result = Reconciliation()
    result.figures, problems = reconcile_figures(base)
    for claim_id, located in base.claims.items():
        claim = located.record
        figure = base.figures.get(claim.figure or "")
        if figure is None:
            continue
        reference = result.figures[figure.record.id].interval
        claim_result, quantity = reconcile_claim(claim, figure.record, reference)
        if claim_result is not None:
            result.claims[claim_id] = claim_result
        if quantity is not None:
            result.quantities[claim_id] = quantity
    return result, problems


def derived_inputs(figure: Figure) -> list[str]:
    """The figure ids a derived reference uses (empty when it is not derived)."""
    if not figure.reference.derive:
        return []
    try:
        return references(figure.reference.derive)
    except ExpressionError:
        return []
