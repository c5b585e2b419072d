"""The hedge rules: a declared hedge must be the one the words attached to the number say."""

from __future__ import annotations

from crosscheck.factbase import FactBase
from crosscheck.hedges import stray_hedge
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation

_FIX = (
    "drop 'hedge:' (the checker reads it from the quote); an idiom the parser does not know "
    "belongs in src/crosscheck/lang/<lang>/hedges.yml ('hedge_note:' can only make a reading "
    "stricter)"
)
_FIX_READ = (
    "drop 'hedge:' (the checker reads it from the quote); a note can explain only a hedge the "
    "parser reads no word for, never overrule a word attached to the number"
)


def check_hedges(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """A recorded hedge must equal the hedge read from the quote, unless a note explains it."""
    problems = []
    for claim_id, located in base.claims.items():
        claim = located.record
        result = recon.claims.get(claim_id)
        if claim.hedge is None or result is None or claim.stated is None:
            continue
        read = result.read_hedge
        # A note explains an idiom the parser reads nothing in; a word the parser reads attached
        # to the number is never overruled by one (that would let a note choose the verdict).
        if claim.hedge == read or (claim.hedge_note and read == "none"):
            continue
        fix = _FIX_READ if result.hedge_word else _FIX
        source = base.sources.get(claim.source)
        language = source.record.language if source else "en"
        attached = f"'{result.hedge_word}' ({read})" if result.hedge_word else "no hedge"
        stray = stray_hedge(claim.quote, claim.hedge, language) if claim.hedge != "none" else None
        if stray is not None:
            word, owner = stray
            belongs = f"hedges '{owner}'" if owner else "hedges no number there"
            problems.append(
                Problem(
                    located.at("hedge"),
                    "hedge-not-attached",
                    f"hedge '{claim.hedge}', but the quote's '{word}' {belongs}, not "
                    f"'{claim.stated}'",
                    f"hedge: {read} (the words attached to '{claim.stated}' carry {attached})",
                    fix,
                )
            )
            continue
        problems.append(
            Problem(
                located.at("hedge"),
                "hedge-mismatch",
                f"hedge '{claim.hedge}', but the words attached to '{claim.stated}' carry "
                f"{attached}",
                f"hedge: {read}",
                fix,
            )
        )
    return problems


HEDGE_RULES = (check_hedges,)
