"""The verdict rules: recorded verdicts equal computed ones; judgment verdicts are accountable.

- A numeric verdict must equal the computed one.
- A claim computed ``wrong`` is wrong. ``different-scope`` and ``different-timing`` say the
  number is right on some figure but the statement speaks of another scope or time, so they name
  the figure the number is right on (``matches: <figure-id>``: an intraday figure, another vendor,
  another period, one member of a group) and the number is computed against it: it must be right
  there. ``matches`` may be the claim's own figure when the number is right on it and only the
  words around it change the scope (a final training run's cost told as what a company spent):
  that rates the claim lower than its arithmetic, never higher.
- ``not-checkable`` is only for opinions, forecasts and hypotheticals, and says which
  (``statement:``); ``unsupported`` is for a quantitative statement without a basis.
- Reference intervals say what they are (``interval: uncertainty`` or ``spread``).
"""

from __future__ import annotations

from crosscheck.factbase import FactBase
from crosscheck.problems import Problem
from crosscheck.reconcile import (
    JUDGMENT_VERDICTS,
    NUMERIC_VERDICTS,
    RIGHT_VERDICTS,
    Reconciliation,
)

SCOPE_VERDICTS = ("different-scope", "different-timing")


def check_verdicts(base: FactBase, recon: Reconciliation) -> list[Problem]:
    problems: list[Problem] = []
    for claim_id, located in base.claims.items():
        claim = located.record
        verdict = claim.verdict
        if verdict in JUDGMENT_VERDICTS and (claim.reason is None or not claim.reason.en.strip()):
            problems.append(
                Problem(
                    located.at("verdict"),
                    "reason-missing",
                    f"verdict '{verdict}' is a judgment and needs a written reason",
                    "a 'reason:' with at least an English sentence saying why",
                    "add 'reason: {en: \"…\"}' explaining the scope, timing or basis",
                )
            )
        if claim.figure is None:
            if verdict not in ("not-checkable", "unsupported"):
                problems.append(
                    Problem(
                        located.location,
                        "missing-key",
                        f"claim '{claim_id}' has no 'figure' but is rated '{verdict}'",
                        "a 'figure:' for every rated claim",
                        "add the figure it is about, or rate it not-checkable with a reason",
                    )
                )
            continue
        result = recon.claims.get(claim_id)
        if result is None:
            continue
        computed = result.computed
        scoped = verdict in SCOPE_VERDICTS and claim.matches is not None
        if (
            computed == "unverified"
            and not scoped
            and verdict
            not in (
                "unverified",
                "unsupported",
                "not-checkable",
            )
        ):
            problems.append(
                Problem(
                    located.at("verdict"),
                    "unverified-rated",
                    f"figure '{claim.figure}' has no independent evidence, but the claim is "
                    f"rated '{verdict}'",
                    "unverified (or unsupported / not-checkable with a reason)",
                    "find evidence for the figure, or set 'verdict: unverified'",
                )
            )
        elif verdict in NUMERIC_VERDICTS and verdict != computed:
            problems.append(
                Problem(
                    located.at("verdict"),
                    "verdict-mismatch",
                    f"verdict '{verdict}' contradicts the computed verdict '{computed}'",
                    f"'{computed}': " + "; ".join(result.steps),
                    f"set 'verdict: {computed}', or, if the number is right on another figure "
                    "(another period, vendor or member), 'verdict: different-scope' or "
                    "'different-timing' with 'matches: <that figure>'",
                )
            )
        elif verdict in ("unsupported", "not-checkable") and computed == "wrong":
            problems.append(
                Problem(
                    located.at("verdict"),
                    "judgment-on-wrong",
                    f"verdict '{verdict}' on a claim computed wrong: " + "; ".join(result.steps),
                    "'wrong': a claim whose number the evidence contradicts is wrong",
                    "set 'verdict: wrong', or attach the claim to the figure it really states",
                )
            )
    return problems


def check_judgments(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """Scope and timing verdicts name the figure the number is right on; not-checkable says why."""
    problems: list[Problem] = []
    for claim_id, located in base.claims.items():
        claim = located.record
        if claim.verdict == "not-checkable" and claim.statement is None:
            problems.append(
                Problem(
                    located.at("verdict"),
                    "statement-missing",
                    "verdict 'not-checkable' without saying what kind of statement it is",
                    "'statement: opinion', 'statement: forecast' or 'statement: hypothetical'",
                    "add 'statement:'; a quantity without a stated basis is 'unsupported', one "
                    "the evidence contradicts is 'wrong'",
                )
            )
        if claim.verdict not in SCOPE_VERDICTS:
            continue
        result = recon.claims.get(claim_id)
        computed = f" (computed '{result.computed}')" if result else ""
        if claim.matches is None:
            problems.append(
                Problem(
                    located.at("verdict"),
                    "matches-missing",
                    f"verdict '{claim.verdict}'{computed} names no figure on which the number "
                    "is right",
                    "'matches: <figure-id>': the figure (another period, measure, vendor or "
                    "member of a group) on which the number is right",
                    "add the figure with its evidence and name it in 'matches:', or set the "
                    "computed verdict",
                )
            )
            continue
        if claim.matches in base.invalid_ids:
            continue  # the figure failed to load: its own problem is the one to report
        if claim.matches not in base.figures:
            problems.append(
                Problem(
                    located.at("matches"),
                    "dangling-reference",
                    f"no figure with id '{claim.matches}'",
                    "the id of an existing figure",
                    "add the figure or fix the id",
                )
            )
            continue
        matched = recon.matched.get(claim_id)
        if matched is None:
            continue
        verdict, explain = matched
        if verdict not in RIGHT_VERDICTS:
            problems.append(
                Problem(
                    located.at("matches"),
                    "matches-wrong",
                    f"the number is not right on '{claim.matches}' either (computed '{verdict}')",
                    "a figure on which the claim computes accurate, rounded or hedged: "
                    + "; ".join(explain()),
                    "name the figure the number is right on, or set 'verdict: wrong'",
                    related=(base.figures[claim.matches].location,),
                )
            )
    return problems


def check_unused_fields(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """A field the claim's verdict or reading does not use is an error, never ignored: a
    ``matches`` on a wrong claim, a ``statement`` on a rated one or a ``hedge_note`` with nothing
    to explain would be shown to readers as if it counted, while the verdict ignores it."""
    problems: list[Problem] = []
    for located in base.claims.values():
        claim = located.record
        unused: list[tuple[str, str, str]] = []
        if claim.matches is not None and claim.verdict not in SCOPE_VERDICTS:
            unused.append(
                (
                    "matches",
                    f"'matches: {claim.matches}' on a claim rated '{claim.verdict}': only "
                    "different-scope and different-timing are rated on another figure",
                    "delete 'matches:', or, if the statement speaks of another scope or time on "
                    "which the number is right, set that verdict",
                )
            )
        if claim.statement is not None and claim.verdict != "not-checkable":
            unused.append(
                (
                    "statement",
                    f"'statement: {claim.statement}' on a claim rated '{claim.verdict}': only "
                    "not-checkable claims say what kind of statement they are",
                    "delete 'statement:', or rate an opinion, forecast or hypothetical "
                    "not-checkable",
                )
            )
        result = recon.claims.get(located.record.id)
        if claim.hedge is not None and claim.stated is None:
            unused.append(
                (
                    "hedge",
                    f"'hedge: {claim.hedge}' on a claim with no number as written ('stated:')",
                    "delete 'hedge:'; a hedge is read from the words attached to a stated number",
                )
            )
        elif claim.hedge_note is not None and claim.hedge is None:
            unused.append(
                (
                    "hedge_note",
                    "'hedge_note:' without a declared 'hedge:': there is no reading to explain",
                    "delete 'hedge_note:', or declare the 'hedge:' it explains",
                )
            )
        elif (
            claim.hedge_note is not None and result is not None and claim.hedge == result.read_hedge
        ):
            unused.append(
                (
                    "hedge_note",
                    f"'hedge_note:' explains 'hedge: {claim.hedge}', which is what the parser "
                    "reads from the quote: there is nothing to explain",
                    "delete 'hedge_note:' (and 'hedge:', which the checker reads)",
                )
            )
        for key, message, fix in unused:
            problems.append(
                Problem(
                    located.at(key, key=True),
                    "field-unused",
                    message,
                    "only the fields the claim's verdict and reading use",
                    fix,
                )
            )
    for figure in base.figures.values():
        if figure.record.points_in is not None and figure.record.unit != "points":
            problems.append(
                Problem(
                    figure.at("points_in", key=True),
                    "field-unused",
                    f"'points_in: {figure.record.points_in}' on a figure in '{figure.record.unit}'"
                    ": only index points are written in the currency of their index",
                    "'points_in:' only on a figure whose unit is 'points'",
                    "delete 'points_in:', or give the figure 'unit: points'",
                )
            )
    return problems


def check_interval_kinds(base: FactBase, _: Reconciliation) -> list[Problem]:
    """A reference given as bounds says whether it is an uncertainty or a spread."""
    problems: list[Problem] = []
    for located in base.figures.values():
        ref = located.record.reference
        if ref.unverified or ref.derive or ref.lo is None or ref.hi is None:
            continue
        if ref.interval is None:
            problems.append(
                Problem(
                    located.at("reference"),
                    "interval-kind-missing",
                    f"figure '{located.record.id}' has bounds but does not say what they mean",
                    "'interval: uncertainty' (one quantity: vendors disagree, the evidence "
                    "rounds) or 'interval: spread' (members of a group range over the bounds)",
                    "add 'interval:' under 'reference:'",
                )
            )
    return problems


def check_unverified_figures(base: FactBase, _: Reconciliation) -> list[Problem]:
    """'unverified: true' means no evidence states the value: a figure that gives a value or
    cites evidence for it cannot also be unverified (that would turn its claims' computed
    verdicts, wrong ones included, into 'unverified')."""
    problems: list[Problem] = []
    for located in base.figures.values():
        ref = located.record.reference
        if not ref.unverified:
            continue
        given = [k for k in ("value", "lo", "hi", "derive") if getattr(ref, k) is not None]
        cited = [c.ref for c in ref.evidence if c.supports != "context"]
        if not given and not cited:
            continue
        parts = [f"'{k}'" for k in given]
        if cited:
            parts.append("evidence for its value (" + ", ".join(cited) + ")")
        what = " and ".join(parts)
        problems.append(
            Problem(
                located.at("reference", "unverified"),
                "unverified-with-evidence",
                f"figure '{located.record.id}' is marked unverified but gives {what}",
                "'unverified: true' only where no evidence states the value (evidence cited "
                "for context only, with 'supports: context')",
                "delete 'unverified: true' and let the claims be computed against the evidence, "
                "or, if no evidence states the value, remove the value and mark the citations "
                "'supports: context'",
            )
        )
    return problems


VERDICT_RULES = (
    check_verdicts,
    check_judgments,
    check_unused_fields,
    check_interval_kinds,
    check_unverified_figures,
)
