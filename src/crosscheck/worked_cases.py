"""Worked cases of the precision, hedge and bounds rules, computed by the checker's own code.

docs/en/methodology.md shows them through the ``worked_cases()`` macro, so the table can never
drift from the code: every interval and verdict in it is computed here, from the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from crosscheck.expressions import Interval
from crosscheck.hedges import read_number
from crosscheck.models import Claim, Hedge, Unit, Verdict
from crosscheck.reconcile import claim_intervals, compute_verdict


@dataclass(frozen=True)
class WorkedCase:
    written: str
    """A number as a source writes it, with its hedge words."""
    language: str
    unit: Unit
    reference: tuple[float, float] | None = None
    """A reference to rate it against (a point when both ends are equal)."""


@dataclass(frozen=True)
class WorkedResult:
    case: WorkedCase
    hedge: Hedge
    stated: Interval
    claimed: Interval
    verdict: Verdict | None


WORKED_CASES: tuple[WorkedCase, ...] = (
    WorkedCase("17%", "ja", "percent", (16.97, 16.97)),
    WorkedCase("0.7%", "zh-Hans", "percent", (0.65, 0.65)),
    WorkedCase("5,888億ドル", "ja", "USD", (588.5e9, 593.5e9)),
    WorkedCase("接近 6000 亿美元", "zh-Hans", "USD", (588.5e9, 593.5e9)),
    WorkedCase("6 میلیون دلار", "fa", "USD", (5.576e6, 5.576e6)),
    WorkedCase("5 million dollars", "en", "USD", (5.576e6, 5.576e6)),
    WorkedCase("about $5 million", "en", "USD", (5.576e6, 5.576e6)),
    WorkedCase("约 1 万亿美元", "zh-Hans", "USD", (1e12, 1e12)),
    WorkedCase("约 1 万亿美元", "zh-Hans", "USD", (0.6e12, 0.6e12)),
    WorkedCase("大约两年", "zh-Hans", "years", (1.53, 1.53)),
    WorkedCase("650億ドル以上", "ja", "USD", (60e9, 65e9)),
    WorkedCase("up to $65 billion", "en", "USD", (60e9, 65e9)),
    WorkedCase("逾 10%", "zh-Hans", "percent", (17.4, 17.4)),
    WorkedCase("more than $500 billion", "en", "USD", (500e9, 500e9)),
    WorkedCase("یک تریلیون دلار یا بیشتر", "fa", "USD", (1e12, 1e12)),
    WorkedCase("صدها میلیارد دلار", "fa", "USD", (500e9, 500e9)),
)


def work(case: WorkedCase) -> WorkedResult:
    """Read the case as a claim's quote and stated number, and rate it as the checker does."""
    reading = read_number(case.written, case.written, case.language)
    assert reading is not None  # the text is its own quote
    claim = Claim(
        id="worked-case", source="worked-case", quote=case.written, stated=case.written,
        verdict="accurate",
    )  # fmt: skip
    stated, claimed = claim_intervals(claim, reading.quantity, reading.kind)
    verdict: Verdict | None = None
    if case.reference is not None:
        hi = reading.quantity.value_hi if reading.quantity.value_hi is not None else None
        x = Interval(
            float(reading.quantity.value), float(hi if hi is not None else reading.quantity.value)
        )
        verdict = compute_verdict(x, stated, claimed, Interval(*case.reference), reading.kind)[0]
    return WorkedResult(case, reading.kind, stated, claimed, verdict)


def worked_cases() -> tuple[WorkedResult, ...]:
    return tuple(work(case) for case in WORKED_CASES)
