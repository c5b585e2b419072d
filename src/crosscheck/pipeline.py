"""The whole check, as one readable function of named stages: load → reconcile → check."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from crosscheck.expressions import ExpressionError, references
from crosscheck.factbase import FactBase, load_factbase
from crosscheck.problems import InternalError, Problem, sort_problems
from crosscheck.reconcile import Reconciliation, reconcile
from crosscheck.rules import RULES
from crosscheck.rules_corrections import CORRECTION_RULES
from crosscheck.rules_evidence import EVIDENCE_RULES
from crosscheck.rules_hedges import HEDGE_RULES
from crosscheck.rules_intervals import INTERVAL_RULES
from crosscheck.rules_origins import ORIGIN_RULES
from crosscheck.rules_precision import PRECISION_RULES
from crosscheck.rules_verdicts import VERDICT_RULES
from crosscheck.translations import Catalogs, check_translations, load_catalogs


@dataclass(frozen=True)
class CheckResult:
    base: FactBase
    reconciliation: Reconciliation
    problems: list[Problem]
    catalogs: Catalogs

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def run_check(facts_dir: Path) -> CheckResult:
    """Load and validate every file, reconcile every claim, run every cross-record rule."""
    # A check builds millions of small objects and almost no cycles; the cyclic garbage
    # collector would spend most of the time rescanning them (measured: 2-3x on 100k claims), so it
    # is paused for this one bounded batch.
    collecting = gc.isenabled()
    gc.disable()
    stage = f"loading {facts_dir}"
    try:
        base, problems = load_factbase(facts_dir)
        stage = f"reconciling {facts_dir}"
        reconciliation, reconcile_problems = reconcile(base)
        problems += reconcile_problems
        skip_dependents_of_invalid(base, reconciliation)
        for rule in (
            *RULES,
            *HEDGE_RULES,
            *VERDICT_RULES,
            *PRECISION_RULES,
            *ORIGIN_RULES,
            *EVIDENCE_RULES,
            *INTERVAL_RULES,
            *CORRECTION_RULES,
        ):
            stage = f"running {rule.__name__} on {facts_dir}"
            problems += rule(base, reconciliation)
        stage = f"reading the catalogs in {facts_dir}"
        catalogs, catalog_problems = load_catalogs(base)
        problems += catalog_problems + check_translations(base, catalogs)
        return CheckResult(base, reconciliation, sort_problems(problems), catalogs)
    except InternalError:
        raise
    except Exception as error:  # the last guard: a bug must not look like "problems found"
        raise InternalError(stage, error) from error
    finally:
        if collecting:
            gc.enable()


def skip_dependents_of_invalid(base: FactBase, reconciliation: Reconciliation) -> None:
    """One mistake, one error: a claim about a figure derived (at any depth) from a record
    that failed to load or validate is not judged, since its reference is unknown rather
    than missing; otherwise one bad record would make claims elsewhere 'unverified-rated'."""
    uses: dict[str, list[str]] = {}
    for figure_id, located in base.figures.items():
        try:
            uses[figure_id] = references(located.record.reference.derive or "")
        except ExpressionError:
            uses[figure_id] = []
    blocked: set[str] = set()
    changed = True
    while changed:  # a fixed point: each pass adds the figures one step further down a chain
        changed = False
        for figure_id, inputs in uses.items():
            if figure_id not in blocked and any(
                (i in base.invalid_ids and i not in base.figures) or i in blocked for i in inputs
            ):
                blocked.add(figure_id)
                changed = True
    for claim_id, located in base.claims.items():
        claim = located.record
        # A claim of a source that failed to load is not judged either: its language, and so
        # the reading of its quote, is unknown.
        if claim.figure in blocked or (
            claim.source in base.invalid_ids and claim.source not in base.sources
        ):
            reconciliation.claims.pop(claim_id, None)
