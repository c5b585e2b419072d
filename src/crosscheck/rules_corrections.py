"""The corrections log's rules: every placeholder and every claim it names must exist.

A correction's text names numbers by placeholder, never by value (``{fact:<figure id>}``), so the
log always shows the reference value the checker computes now, in each page's own format.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator

from crosscheck.factbase import FactBase
from crosscheck.problems import Location, Problem
from crosscheck.reconcile import Reconciliation

PLACEHOLDER = re.compile(r"\{([a-z]+):([^{}\s]*)\}")
"""{kind:id} inside a correction's text."""
KINDS = {
    "fact": "figure",
    "label": "figure",
    "stated": "claim",
    "claim": "claim",
    "source": "source",
}
"""Placeholder kind → the kind of record its id names."""
MEANT = {"figure": "fact", "value": "fact", "reference": "fact", "verdict": "claim"}
"""What a writer who names the record instead of the placeholder most likely meant."""


def placeholders(text: str) -> Iterator[tuple[str, str]]:
    for match in PLACEHOLDER.finditer(text):
        yield match.group(1), match.group(2)


def _dangling(where: Location, kind: str, wanted: str, known: Iterable[str]) -> Problem:
    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
    return Problem(
        where,
        "dangling-reference",
        f"no {kind} with id '{wanted}'",
        f"the id of an existing {kind}",
        f"did you mean '{close[0]}'?" if close else f"add the {kind} or fix the id",
    )


def check_corrections(base: FactBase, _: Reconciliation) -> list[Problem]:
    """Placeholders of a known kind naming existing records; claims that exist."""
    registries = {"figure": base.figures, "claim": base.claims, "source": base.sources}
    problems: list[Problem] = []
    for located in base.corrections.values():
        correction = located.record
        for index, claim_id in enumerate(correction.claims):
            if claim_id not in base.claims and claim_id not in base.invalid_ids:
                problems.append(
                    _dangling(located.at("claims", index), "claim", claim_id, base.claims)
                )
        for language, text in correction.text.model_dump(by_alias=True).items():
            if not text:
                continue
            where = located.at("text", language)
            for kind, record_id in placeholders(text):
                if kind not in KINDS:
                    close = (
                        [MEANT[kind]]
                        if kind in MEANT
                        else difflib.get_close_matches(kind, list(KINDS), n=1, cutoff=0.5)
                    )
                    problems.append(
                        Problem(
                            where,
                            "unknown-key",
                            f"unknown placeholder '{{{kind}:…}}'",
                            "one of: " + ", ".join(f"{{{k}:…}}" for k in KINDS),
                            f"did you mean '{{{close[0]}:{record_id}}}'?"
                            if close
                            else "use one of the placeholders above",
                        )
                    )
                    continue
                registry = registries[KINDS[kind]]
                if record_id not in registry and record_id not in base.invalid_ids:
                    problems.append(_dangling(where, KINDS[kind], record_id, registry))
    return problems


CORRECTION_RULES = (check_corrections,)
