"""The origin rules: where an error entered is computed, and a recorded one must agree."""

from __future__ import annotations

from crosscheck.factbase import FactBase
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation


def check_origins(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """Every claim not rated right has a computable origin; a recorded one must match it."""
    problems = []
    for claim_id, located in base.claims.items():
        claim = located.record
        origin = recon.origins.get(claim_id)
        if origin is not None and origin.problem == "missing":
            problems.append(
                Problem(
                    located.location,
                    "origin-missing",
                    f"claim '{claim_id}' is rated '{claim.verdict}' and its source was translated "
                    f"from '{origin.original_source}', which is in the fact base, but it names no "
                    "original claim",
                    "'original: <claim-id>', the claim in the original text that this one "
                    "translates",
                    f"add the claim to '{origin.original_source}' if it has none, then link it "
                    "with 'original:'",
                )
            )
            continue
        if origin is not None and origin.problem == "inconsistent":
            problems.append(
                Problem(
                    located.at("original"),
                    "origin-contradicted",
                    f"claim '{claim_id}' states the same number and hedge as its original "
                    f"'{origin.original_claim}' but is rated '{claim.verdict}' where the original "
                    f"is rated '{base.claims[origin.original_claim or ''].record.verdict}'",
                    "the same verdict for the same number and hedge about the same figure",
                    "recheck both verdicts",
                    related=(base.claims[origin.original_claim or ""].at("verdict"),),
                )
            )
            continue
        if claim.error_origin is None:
            continue
        if origin is None:
            problems.append(
                Problem(
                    located.at("error_origin"),
                    "origin-contradicted",
                    f"'error_origin: {claim.error_origin}' on a claim rated '{claim.verdict}', "
                    "which locates no error",
                    "no 'error_origin' (only wrong, different-scope, different-timing and "
                    "unsupported claims have one)",
                    "delete 'error_origin:'",
                )
            )
        elif origin.kind != claim.error_origin:
            problems.append(
                Problem(
                    located.at("error_origin"),
                    "origin-contradicted",
                    f"'error_origin: {claim.error_origin}' contradicts the computed origin "
                    f"'{origin.kind}'",
                    f"{origin.kind}: {origin.sentence(base)}",
                    "delete 'error_origin:' (it is computed), or fix the 'original:' link",
                )
            )
    return problems


ORIGIN_RULES = (check_origins,)
