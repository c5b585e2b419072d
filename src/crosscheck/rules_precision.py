"""The precision rule: a reference rounds only as coarsely as its evidence writes the value.

A figure's ``precision`` widens its reference by half a step on each side (capped, see
:data:`crosscheck.numerals.ROUNDING_CAP`), so a coarser step makes more claims right. The step is
therefore read from the evidence, never chosen: some excerpt that supports the value must write a
number that reads as it with a step at least that coarse ("$589 billion": 1e9; "16.97%": 0.01).
"""

from __future__ import annotations

from decimal import Decimal

from crosscheck.factbase import FactBase
from crosscheck.numerals import written_quantities
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation


def written_steps(text: str, targets: list[float]) -> list[Decimal]:
    """The steps of the numbers in ``text`` that read as one of ``targets`` (within half their
    own step): how coarsely the text writes each of those values."""
    steps = []
    for quantity in written_quantities(text):
        half = float(quantity.step) / 2
        ends = [float(quantity.value)]
        if quantity.value_hi is not None:
            ends.append(float(quantity.value_hi))
        if any(abs(e - t) <= half + 1e-9 * abs(t) for e in ends for t in targets):
            steps.append(quantity.step)
    return steps


def check_reference_precision(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems: list[Problem] = []
    for located in base.figures.values():
        figure = located.record
        ref = figure.reference
        if ref.precision is None or ref.derive or ref.unverified or figure.unit == "date":
            continue
        targets = [float(x) for x in (ref.value, ref.lo, ref.hi) if isinstance(x, int | float)]
        steps: list[Decimal] = []
        for citation in ref.evidence:
            reference = base.references.get(citation.ref)
            if citation.supports != "context" and reference is not None:
                steps += written_steps(reference.record.excerpt, targets)
        coarsest = max(steps, default=None)
        if coarsest is not None and ref.precision <= float(coarsest) * (1 + 1e-9):
            continue
        written = (
            f"the evidence writes it to a step of {coarsest:g}"
            if coarsest is not None
            else "no supporting excerpt writes the value as a number"
        )
        problems.append(
            Problem(
                located.at("reference", "precision"),
                "precision-unsupported",
                f"figure '{figure.id}' rounds its reference to {ref.precision:g}, but {written}",
                "a precision no coarser than the step of the value as a supporting excerpt "
                "writes it",
                "set 'precision:' to that step, or quote the excerpt that writes the value so "
                "coarsely",
            )
        )
    return problems


def check_reference_in_evidence(base: FactBase, _: Reconciliation) -> list[Problem]:
    """Every number of a reference (its value, or each bound) is written in an excerpt that
    supports it, so no contributor can choose it: a reference is what the evidence says. Ranks
    are exempt (evidence states them in words, "less than Apple's and Microsoft's"), as are
    derived figures, whose inputs are checked, and dates, checked as dates."""
    problems: list[Problem] = []
    for located in base.figures.values():
        figure = located.record
        ref = figure.reference
        if ref.unverified or ref.derive or figure.unit in ("date", "rank"):
            continue
        for key in ("value", "lo", "hi"):
            number = getattr(ref, key)
            if not isinstance(number, int | float) or isinstance(number, bool):
                continue
            # As check_unarchived_support does, a reference with neither 'archive' nor
            # 'not_archived' is the minimal form a contributor starts from and is not read here;
            # tests/test_real_facts.py requires one of the two for every reference of the base.
            cited = [
                base.references[c.ref].record
                for c in ref.evidence
                if c.ref in base.references and c.supports in (key, "value")
            ]
            supporting = [
                r.excerpt for r in cited if r.archive is not None or r.not_archived is not None
            ]
            if not supporting or any(written_steps(text, [float(number)]) for text in supporting):
                continue  # no supporting citation is reported by check_references_exist
            problems.append(
                Problem(
                    located.at("reference", key),
                    "reference-not-in-evidence",
                    f"figure '{figure.id}': no excerpt that supports its {key} writes {number:g}",
                    f"the {key} as a supporting excerpt writes it (within the step written)",
                    "copy the number from the excerpt, or cite the evidence that states it "
                    f"(supports: {key})",
                )
            )
    return problems


PRECISION_RULES = (check_reference_precision, check_reference_in_evidence)
