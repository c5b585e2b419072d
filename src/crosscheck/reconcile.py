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
from crosscheck.hedges import read_number
from crosscheck.models import Claim, Figure, Hedge, IntervalKind, Verdict
from crosscheck.numerals import (
    ROUNDING_CAP,
    NumeralError,
    Quantity,
    date_interval,
    parse_date,
    parse_quantity,
)
from crosscheck.origins import Origin, compute_origins
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
    kind: IntervalKind | None = None
    """For bounds: 'uncertainty' (one quantity) or 'spread' (members of a group)."""
    members: tuple[Interval, ...] = ()
    """For a spread: its extreme members, each widened by the evidence's precision."""

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
    hedge: Hedge = "none"
    """The hedge the verdict used: the one read from the quote (or a declared one with a note)."""
    read_hedge: Hedge = "none"
    """The hedge the parser read from the words attached to the number."""
    hedge_word: str | None = None
    """The hedge word as the quote writes it."""
    x: Interval | None = None
    """The stated value (or range) itself."""

    @property
    def steps(self) -> tuple[str, ...]:
        return self.explain()


@dataclass
class Reconciliation:
    figures: dict[str, FigureResult] = field(default_factory=dict)
    claims: dict[str, ClaimResult] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    matched: dict[str, tuple[Verdict, Callable[[], tuple[str, ...]]]] = field(default_factory=dict)
    """For claims naming 'matches': the verdict the number gets on that figure, and why."""
    origins: dict[str, Origin] = field(default_factory=dict)
    """Where the error entered, for every claim whose verdict says it is not right."""


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
            precision = located.record.reference.precision or 0

            def half(end: float, precision: float = precision) -> float:
                # The evidence's rounding is read as a claim's is: at most ROUNDING_CAP a side.
                return min(precision / 2, float(ROUNDING_CAP) * abs(end))

            widened = (
                Interval(shown.lo - half(shown.lo), shown.hi + half(shown.hi))
                if shown and precision
                else shown
            )
            kind = located.record.reference.interval if shown and not shown.is_point else None
            members: tuple[Interval, ...] = ()
            if kind == "spread" and shown is not None:
                members = tuple(
                    Interval(end - half(end), end + half(end)) for end in (shown.lo, shown.hi)
                )
            results[figure_id] = FigureResult(
                figure_id, widened, shown=shown, kind=kind, members=members
            )

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


LOWER_BOUNDS: tuple[Hedge, ...] = ("more-than", "at-least")
UPPER_BOUNDS: tuple[Hedge, ...] = ("less-than", "at-most", "up-to")
OPEN_BOUNDS: tuple[Hedge, ...] = ("more-than", "less-than")
"""'more than X' excludes X itself; 'at least', 'at most', 'up to' include it."""
ONE_SIDED: tuple[Hedge, ...] = (*LOWER_BOUNDS, *UPPER_BOUNDS)


def claim_intervals(
    claim: Claim, quantity: Quantity, hedge: Hedge | None = None
) -> tuple[Interval, Interval]:
    """(stated, claimed): the precision interval and the interval after the hedge.

    ``hedge`` is the hedge read from the quote (the claim's declared one when omitted). A claim's
    own ``precision`` may only narrow what the written number allows, never widen it.
    """
    x = float(quantity.value)
    top = float(quantity.value_hi) if quantity.value_hi is not None else x
    half = float(quantity.half_width())
    if claim.precision is not None:
        half = min(half, claim.precision / 2)
    stated = Interval(x - half, top + half)
    hedge = hedge if hedge is not None else (claim.hedge or "none")
    if hedge == "about":
        claimed = Interval(
            stated.lo - ABOUT_TOLERANCE * abs(x), stated.hi + ABOUT_TOLERANCE * abs(x)
        )
    elif hedge == "nearly":
        claimed = Interval(min(x * (1 - NEARLY_TOLERANCE), stated.lo), stated.hi)
    elif hedge in LOWER_BOUNDS:
        claimed = Interval(x, math.inf)  # "at least 2×" is bounded by the number itself
    elif hedge in UPPER_BOUNDS:
        claimed = Interval(-math.inf, x)
    else:
        claimed = stated
    return stated, claimed


def bound_agrees(hedge: Hedge, bound: float, reference: Interval) -> bool:
    """Whether a one-sided claim agrees with the reference (the bounds rule).

    A bound agrees when some reference value lies strictly beyond it ("more than 10%" against
    17.4%). Meeting the reference only at its opposite end is not agreement: "650億ドル以上"
    ($65B or more) against guidance of $60–65B shares a single point with it and says "or more"
    where the evidence says "up to". The one exception is a point reference, where meeting the
    point is the tightest possible closed bound ("at least 3" when the value is 3); an open bound
    ("more than 3") never includes its own number.
    """
    closed = hedge not in OPEN_BOUNDS
    if hedge in LOWER_BOUNDS:
        return reference.hi > bound or (reference.is_point and closed and reference.hi >= bound)
    return reference.lo < bound or (reference.is_point and closed and reference.lo <= bound)


_RANK: dict[Verdict, int] = {"accurate": 0, "rounded": 1, "hedged": 2, "wrong": 3}


def compute_verdict(
    x: Interval,
    stated: Interval,
    claimed: Interval,
    reference: Interval | None,
    hedge: Hedge = "none",
    members: tuple[Interval, ...] = (),
) -> tuple[Verdict, Callable[[], tuple[str, ...]]]:
    """The numeric verdict for a claim, and a function that explains it step by step.

    A one-sided claim ("more than 10%") states a bound, not a rounded value: it is accurate
    when the bound is tight (within 1%), and otherwise right as hedged. Against a ``spread``
    (``members``: the extreme members of a group), a claim about the group must be right about
    every member, so its verdict is the worst over the members.
    """
    if reference is None:
        return "unverified", lambda: ("no evidence states the figure's value: unverified",)
    if members:
        results = [compute_verdict(x, stated, claimed, m, hedge) for m in members]
        worst = max(range(len(results)), key=lambda i: _RANK[results[i][0]])
        verdict_of_group, explain_worst = results[worst]
        member = members[worst]

        def explain_group() -> tuple[str, ...]:
            return (
                f"the reference {reference} is a spread over the members of a group: a claim "
                "about the group must hold for each member",
                f"its least favourable member is {member}",
                *explain_worst()[1:],
            )

        return verdict_of_group, explain_group
    one_sided = hedge in ONE_SIDED
    if one_sided:
        bound = claimed.lo if hedge in LOWER_BOUNDS else claimed.hi
        agrees = bound_agrees(hedge, bound, reference)
    else:
        agrees = claimed.overlaps(reference)
    if not agrees:
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
            openness = " (open: the number itself excluded)" if hedge in OPEN_BOUNDS else ""
            steps.append(f"with its hedge '{hedge}' the claim covers {claimed}{openness}")
        if verdict == "wrong":
            if one_sided and claimed.overlaps(reference):
                return (
                    *steps,
                    "the bound meets the reference only at its opposite end: not agreement",
                )
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
    claim: Claim,
    figure: Figure,
    reference: Interval | None,
    language: str = "en",
    figure_result: FigureResult | None = None,
) -> tuple[ClaimResult | None, Quantity | None]:
    """Interval and computed verdict for one claim about a figure (in its source's language)."""
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
        result = ClaimResult(claim.id, stated, stated, verdict, explain_dates, x=stated)
        return result, None
    if claim.stated is None:
        return None, None
    try:
        reading = read_number(claim.quote, claim.stated, language)
        quantity = reading.quantity if reading else parse_quantity(claim.stated)
    except NumeralError:
        return None, None
    read: Hedge = reading.kind if reading else (claim.hedge or "none")
    word = reading.hedge.word if reading and reading.hedge else None
    # The text decides the hedge; a declared hedge counts only with a note explaining a
    # reading the parser cannot make (check_hedges reports any other disagreement).
    # Only where no hedge word is read: a note never overrules a word attached to the number.
    explained = claim.hedge is not None and claim.hedge_note and read == "none"
    hedge: Hedge = claim.hedge if explained and claim.hedge is not None else read
    if not quantity_in_range(quantity):
        return None, None  # reported by check_values as number-out-of-range
    stated, claimed = claim_intervals(claim, quantity, hedge)
    hi = quantity.value_hi if quantity.value_hi is not None else quantity.value
    x = Interval(float(quantity.value), float(hi))
    members = figure_result.members if figure_result else ()
    verdict, explain = compute_verdict(x, stated, claimed, reference, hedge, members)
    if hedge != read:
        # A note is the contributor's word, not the text's: it may make a claim stricter, never
        # better. Rated on the words the parser read too, the claim keeps the worse verdict.
        read_stated, read_claimed = claim_intervals(claim, quantity, read)
        read_verdict, read_explain = compute_verdict(
            x, read_stated, read_claimed, reference, read, members
        )
        if _RANK[read_verdict] > _RANK[verdict]:
            noted, noted_verdict = hedge, verdict

            def explain_read() -> tuple[str, ...]:
                return (
                    f"the note's hedge '{noted}' would give '{noted_verdict}', but a note cannot "
                    f"make a verdict better than the words of the quote: rated as written "
                    f"('{read}')",
                    *read_explain(),
                )

            stated, claimed, hedge = read_stated, read_claimed, read
            verdict, explain = read_verdict, explain_read
    return (
        ClaimResult(claim.id, stated, claimed, verdict, explain, hedge, read, word, x),
        quantity,
    )


def rate_on(
    result: ClaimResult, figure: FigureResult
) -> tuple[Verdict, Callable[[], tuple[str, ...]]]:
    """The verdict a claim would get on another figure (a judgment verdict's ``matches``)."""
    if result.x is None or result.stated is None or result.claimed is None:
        return "unverified", lambda: ("the claim has no number to compare",)
    return compute_verdict(
        result.x, result.stated, result.claimed, figure.interval, result.hedge, figure.members
    )


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
        figure_result = result.figures[figure.record.id]
        source = base.sources.get(claim.source)
        language = source.record.language if source else "en"
        claim_result, quantity = reconcile_claim(
            claim, figure.record, figure_result.interval, language, figure_result
        )
        if claim_result is not None:
            result.claims[claim_id] = claim_result
            target = result.figures.get(claim.matches or "")
            if target is not None:
                result.matched[claim_id] = rate_on(claim_result, target)
        if quantity is not None:
            result.quantities[claim_id] = quantity
    result.origins = compute_origins(base, result.claims)
    return result, problems


def derived_inputs(figure: Figure) -> list[str]:
    """The figure ids a derived reference uses (empty when it is not derived)."""
    if not figure.reference.derive:
        return []
    try:
        return references(figure.reference.derive)
    except ExpressionError:
        return []
