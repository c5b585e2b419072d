"""The whole check, as one readable function of named stages: load → reconcile → check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crosscheck.factbase import FactBase, load_factbase
from crosscheck.problems import Problem, sort_problems
from crosscheck.reconcile import Reconciliation, reconcile
from crosscheck.rules import RULES


@dataclass(frozen=True)
class CheckResult:
    base: FactBase
    reconciliation: Reconciliation
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def run_check(facts_dir: Path) -> CheckResult:
    """Load and validate every file, reconcile every claim, run every cross-record rule."""
    base, problems = load_factbase(facts_dir)
    reconciliation, reconcile_problems = reconcile(base)
    problems += reconcile_problems
    for rule in RULES:
        problems += rule(base, reconciliation)
    return CheckResult(base, reconciliation, sort_problems(problems))
