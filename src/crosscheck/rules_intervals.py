"""Interval rules: the kind of a reference interval is read from its evidence, never declared.

A reference given as bounds (``lo``/``hi``) is one of two things, and the difference decides
verdicts (see docs/en/methodology.md, "Two kinds of reference interval"):

- an **uncertainty**: one quantity that the evidence does not pin down (vendors disagree, the
  evidence rounds). Every value in it is right, so two claims inside it never contradict. It
  holds only when the evidence says so computably, in one of three ways:

  1. *two sources disagree*: each bound is cited (``supports: lo`` / ``supports: hi``) by a
     reference whose excerpt writes that bound (within the reference's ``precision``), at least
     one of each archived, and the two bounds by distinct references;
  2. *one reference writes a range* for the quantity ("$60-65B", "between 33% and 34%"): a cited
     reference whose excerpt writes the two bounds as one range, joined by a range connector;
  3. *a date known to the month*: a date bound given as a month or a year is as precise as
     the evidence states the date (the width is the date's own precision, not a disagreement).
     Two day-precise date bounds need a ``supports: lo`` and a ``supports: hi`` citation from
     two different references (excerpts are not read for dates: the numeral reader reads
     numbers only).

  A reference whose excerpt writes both bounds as separate numbers ("36% and 43% ... 45%")
  states them of different entities: that is a spread, and it never passes as an uncertainty,
  whether it is cited for both bounds or for one of them. A width that is only the evidence's
  rounding is written as ``value`` with ``precision`` (rules_precision.py checks the step).

- a **spread**: separate members of a group range over the bounds; a claim about the group must
  hold for every member (reconcile.compute_verdict rates it on its least favourable member). A
  spread lists its ``members``, each with its value and the reference whose excerpt writes that
  value; ``lo`` and ``hi`` must be the least and greatest member values (computed, so a member
  cannot be left out to narrow the spread).

Excerpts are read with :func:`crosscheck.numerals.written_quantities`, the reader the precision
and origin rules use; an excerpt is verbatim in its archive (rules_evidence.py checks that).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.factbase import FactBase, Located
from crosscheck.models import Figure
from crosscheck.numerals import normalise, written_quantity_spans
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation

# Between the two numbers of one written range: a dash, "to", or "and" after "between" (the
# unit may stand after each number: "33% and 34%").
_RANGE_JOIN = re.compile(r"^\s*(?:%|percent|billion|million|trillion|[a-z$]{0,3})?\s*"
                         r"(?P<join>-|–|—|~|〜|to|through|and)\s*[$]?\s*$")  # fmt: skip
_BETWEEN = re.compile(r"between\s*$")


@dataclass(frozen=True)
class Written:
    """One number an excerpt writes, where its numeral stands in the normalised text."""

    start: int
    end: int
    lo: float
    hi: float


def written_numbers(text: str) -> list[Written]:
    """Each number of ``text`` with its span (the spans written_quantities reads)."""
    return [
        Written(start, end, float(q.value), float(q.value if q.value_hi is None else q.value_hi))
        for (start, end), q in written_quantity_spans(normalise(text))
    ]


def _number(value: object) -> str:
    """A bound as a contributor writes it in the YAML (grouped digits, no exponent)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    return f"{value}"


def _near(a: float, b: float, precision: float) -> bool:
    return abs(a - b) <= precision / 2 + 1e-9 * max(abs(a), abs(b))


def states(numbers: list[Written], target: float, precision: float) -> bool:
    """Whether a text writing ``numbers`` writes ``target`` (within half the precision)."""
    return any(_near(w.lo, target, precision) or _near(w.hi, target, precision) for w in numbers)


def writes_range(text: str, numbers: list[Written], lo: float, hi: float, precision: float) -> bool:
    """Whether ``text`` (which writes ``numbers``) writes lo–hi as one range ("$60-65B",
    "between 33% and 34%")."""
    normalised = normalise(text).casefold()
    for w in numbers:
        if w.lo != w.hi and _near(w.lo, lo, precision) and _near(w.hi, hi, precision):
            return True
    for first, second in itertools.pairwise(numbers):
        if not (_near(first.lo, lo, precision) and _near(second.lo, hi, precision)):
            continue
        join = _RANGE_JOIN.match(normalised[first.end : second.start])
        if join is None:
            continue
        if join["join"] != "and" or _BETWEEN.search(normalised[: first.start]):
            return True
    return False


def _month_precise(value: object) -> bool:
    return isinstance(value, str) and len(value) < len("2025-01-27")


@dataclass(frozen=True)
class IntervalBasis:
    """Why a reference's bounds are of their kind, for `crosscheck explain`."""

    kind: str
    why: str


Reader = Callable[[str], list[Written]]


def interval_basis(
    base: FactBase, figure: Figure, read: Reader = written_numbers
) -> tuple[IntervalBasis | None, list[str]]:
    """What the evidence makes of a figure's bounds, and what it fails to show (messages keyed
    by the failing part, see :func:`check_interval_evidence`). ``read`` gives the numbers an
    excerpt writes (the check passes one that reads each excerpt once)."""
    ref = figure.reference
    if ref.unverified or ref.derive or ref.lo is None or ref.hi is None or ref.interval is None:
        return None, []
    if ref.interval == "spread":
        if not ref.members:
            return None, ["members"]
        lo = min(ref.members, key=lambda m: m.value)
        hi = max(ref.members, key=lambda m: m.value)
        why = (
            f"a spread over {len(ref.members)} members, from {lo.name} ({_number(lo.value)}) "
            f"to {hi.name} ({_number(hi.value)}), each stated by its evidence: a claim about "
            "the group must hold for each member"
        )
        return IntervalBasis("spread", why), []
    if figure.unit == "date":
        if _month_precise(ref.lo) or _month_precise(ref.hi):
            why = (
                "an uncertainty: a bound is known only to the month or year the evidence "
                "gives, so any day within it is right"
            )
            return IntervalBasis("uncertainty", why), []
        # Excerpts are not read for dates (the numeral reader reads numbers, not dates): two
        # day-precise bounds need at least a citation each, from two different references.
        by_side = {
            side: {c.ref for c in ref.evidence if c.supports == side} for side in ("lo", "hi")
        }
        missing = [f"bound:{side}" for side in ("lo", "hi") if not by_side[side]]
        if missing:
            return None, missing
        if len(by_side["lo"] | by_side["hi"]) < 2:
            return None, ["distinct:"]
        why = (
            f"an uncertainty: {', '.join(sorted(by_side['lo']))} gives the earlier date, "
            f"{', '.join(sorted(by_side['hi']))} the later one"
        )
        return IntervalBasis("uncertainty", why), []
    if not isinstance(ref.lo, int | float) or not isinstance(ref.hi, int | float):
        return None, []
    precision = ref.precision or 0.0
    lo, hi = float(ref.lo), float(ref.hi)
    cited = [(c, base.references.get(c.ref)) for c in ref.evidence if c.supports != "context"]
    for citation, located in cited:
        if located is None or located.record.archive is None:
            continue
        excerpt = located.record.excerpt
        if writes_range(excerpt, read(excerpt), lo, hi, precision):
            why = f"an uncertainty: {citation.ref} writes the range for the one quantity"
            return IntervalBasis("uncertainty", why), []
    failures: list[str] = []
    for citation, located in cited:
        if (
            located is not None
            and states(read(located.record.excerpt), lo, precision)
            and states(read(located.record.excerpt), hi, precision)
        ):
            return None, [f"both:{citation.ref}"]
    stating: dict[str, list[str]] = {"lo": [], "hi": []}
    miscited: set[str] = set()  # a bound whose citation is reported says it already
    for index, (citation, located) in enumerate(cited):
        if citation.supports not in ("lo", "hi") or located is None:
            continue
        bound = lo if citation.supports == "lo" else hi
        if not states(read(located.record.excerpt), bound, precision):
            failures.append(f"citation:{index}")
            miscited.add(citation.supports)
        elif located.record.archive is not None:
            stating[citation.supports].append(citation.ref)
    for side in ("lo", "hi"):
        if not stating[side] and side not in miscited:
            failures.append(f"bound:{side}")
    if failures:
        return None, failures
    why = (
        f"an uncertainty: {', '.join(stating['lo'])} states the lower bound, "
        f"{', '.join(stating['hi'])} the upper one (sources disagree on one quantity)"
    )
    return IntervalBasis("uncertainty", why), []


def check_interval_evidence(base: FactBase, _: Reconciliation) -> list[Problem]:
    """The kind of every reference interval is shown by its evidence (see the module doc)."""
    problems: list[Problem] = []
    numbers: dict[str, list[Written]] = {}

    def read(text: str) -> list[Written]:
        # Each excerpt is read once per check: several figures and bounds cite the same one.
        if text not in numbers:
            numbers[text] = written_numbers(text)
        return numbers[text]

    for located in base.figures.values():
        figure = located.record
        ref = figure.reference
        if ref.members and ref.interval != "spread":
            problems.append(
                Problem(
                    located.at("reference", "members", key=True),
                    "field-unused",
                    f"'members:' on a reference that is not a spread ({ref.interval or 'none'})",
                    "'members:' only with 'interval: spread'",
                    "delete 'members:', or set 'interval: spread' if the bounds are members "
                    "of a group",
                )
            )
        if ref.interval == "spread" and not ref.unverified and not ref.derive:
            problems += _check_members(base, located, read)
        _, failures = interval_basis(base, figure, read)
        for failure in failures:
            problems.append(_failure(base, located, failure))
    return problems


def _check_members(base: FactBase, located: Located[Figure], read: Reader) -> list[Problem]:
    ref = located.record.reference
    problems: list[Problem] = []
    precision = ref.precision or 0.0
    for index, member in enumerate(ref.members):
        cited = base.references.get(member.ref)
        if cited is None:
            continue  # dangling-reference, reported by check_references_exist
        if cited.record.archive is None or not states(
            read(cited.record.excerpt), float(member.value), precision
        ):
            why = "has no archived text" if cited.record.archive is None else "does not write it"
            problems.append(
                Problem(
                    located.at("reference", "members", index, "value"),
                    "interval-evidence-missing",
                    f"member '{member.name}' ({_number(member.value)}) is not stated by its "
                    f"evidence: '{member.ref}' {why}",
                    "a reference with archived text whose excerpt writes the member's value",
                    "copy the value as the excerpt writes it, or cite the reference that states it",
                    related=(cited.at("excerpt"),),
                )
            )
    if ref.members and isinstance(ref.lo, int | float) and isinstance(ref.hi, int | float):
        least = min(m.value for m in ref.members)
        greatest = max(m.value for m in ref.members)
        for key, given, computed in (("lo", ref.lo, least), ("hi", ref.hi, greatest)):
            if not _near(float(given), float(computed), 0.0):
                problems.append(
                    Problem(
                        located.at("reference", key),
                        "spread-bounds-mismatch",
                        f"'{key}: {_number(given)}' is not the "
                        f"{'least' if key == 'lo' else 'greatest'} member value "
                        f"({_number(computed)})",
                        f"'{key}: {_number(computed)}', computed from 'members:'",
                        f"set '{key}: {_number(computed)}', or list the member that gives "
                        f"{_number(given)}",
                    )
                )
    return problems


def _failure(base: FactBase, located: Located[Figure], failure: str) -> Problem:
    figure = located.record
    ref = figure.reference
    if failure == "members":
        return Problem(
            located.at("reference", "interval"),
            "spread-members-missing",
            f"figure '{figure.id}' is a spread but does not list the members it ranges over",
            "'members:' with each member's name, value and the reference stating it",
            "add 'members:' (e.g. '- {name: IonQ, value: 39, ref: <evidence id>}') from the "
            "evidence, or use 'interval: uncertainty' if the bounds are one quantity",
        )
    kind, _, detail = failure.partition(":")
    if kind == "both":
        index = next(i for i, c in enumerate(ref.evidence) if c.ref == detail)
        cited = base.references[detail]
        return Problem(
            located.at("reference", "interval"),
            "interval-kind-mismatch",
            f"'{detail}' writes both bounds ({_number(ref.lo)} and {_number(ref.hi)}) as "
            "separate numbers: they are values of different members, not one uncertain quantity",
            "'interval: spread' with 'members:', or bounds stated by two different "
            "references (or one reference writing the range)",
            "set 'interval: spread' and list each member with its value from the excerpt",
            related=(located.at("reference", "evidence", index, "ref"), cited.at("excerpt")),
        )
    if kind == "citation":
        index = int(detail)
        citation = ref.evidence[index]
        bound = ref.lo if citation.supports == "lo" else ref.hi
        cited = base.references[citation.ref]
        return Problem(
            located.at("reference", "evidence", index, "supports"),
            "interval-evidence-missing",
            f"'{citation.ref}' is cited for '{citation.supports}' but its excerpt does not "
            f"write {_number(bound)}",
            f"an excerpt that writes {_number(bound)} (within the reference's precision)",
            "cite the reference that states this bound, or correct the bound to what the "
            "evidence writes",
            related=(cited.at("excerpt"),),
        )
    if kind == "distinct":
        return Problem(
            located.at("reference", "evidence"),
            "interval-evidence-missing",
            f"both dates of the uncertainty ({ref.lo} to {ref.hi}) are cited to one reference",
            "the earlier and the later date each from its own reference ('supports: lo', "
            "'supports: hi'), or a bound given to its month ('2025-01') as the evidence dates it",
            "cite the second source for its date, or write the bound as precisely as the "
            "evidence gives it",
        )
    bound = ref.lo if detail == "lo" else ref.hi
    return Problem(
        located.at("reference", detail),
        "interval-evidence-missing",
        f"no archived evidence states the {'lower' if detail == 'lo' else 'upper'} bound "
        f"{_number(bound)} of the uncertainty",
        f"a citation 'supports: {detail}' of a reference with archived text whose excerpt writes "
        f"{_number(bound)}",
        f"add '{{ref: <evidence id>, supports: {detail}}}' for the source that gives "
        f"{_number(bound)}",
    )


INTERVAL_RULES = (check_interval_evidence,)
