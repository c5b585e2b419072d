"""``crosscheck explain``: the reasoning behind one claim's verdict, in plain text."""

from __future__ import annotations

from crosscheck.factbase import FactBase
from crosscheck.pipeline import CheckResult
from crosscheck.reconcile import RIGHT_VERDICTS
from crosscheck.rules_intervals import interval_basis


def _value(value: object) -> str:
    """A recorded value as a reader checks it: digits grouped ("65,000,000,000")."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.10g}" if abs(value) < 1e15 else repr(value)
    return repr(value)


def _figure_lines(base: FactBase, figure_id: str, heading: str) -> list[str]:
    """A figure with its definition and each piece of evidence."""
    located = base.figures.get(figure_id)
    if located is None:
        return []
    figure = located.record
    ref = figure.reference
    lines = [
        f"{heading:<10}{figure.id}: {figure.label.en} [{figure.unit}]",
        f"          {figure.definition.en}",
    ]
    if ref.interval:
        basis, failures = interval_basis(base, figure)
        if basis is not None:
            lines.append(f"interval  {basis.why}")
        else:
            reason = "its evidence does not show it (see crosscheck check)" if failures else ""
            lines.append(f"interval  declared {ref.interval}; {reason}".rstrip("; "))
        for member in ref.members:
            lines.append(f"member    {member.name}: {_value(member.value)} ({member.ref})")
    if ref.derive:
        lines.append(f"derived   {ref.derive}")
    cited = 0
    for citation in ref.evidence:
        reference = base.references.get(citation.ref)
        if reference:
            cited += 1
            r = reference.record
            lines.append(
                f"evidence  [{citation.supports}] {r.publisher}, {r.title} ({r.date or 'n.d.'})"
            )
            lines.append(f"          {r.url}")
            lines.append(f'          "{r.excerpt}"')
    if ref.unverified:
        lines.append(
            "evidence  the evidence above is context only: none states the value, so the figure "
            "is unverified"
            if cited
            else "evidence  none found: the figure is unverified"
        )
    return lines


def explain_claim(result: CheckResult, claim_id: str) -> str:
    base, recon = result.base, result.reconciliation
    located = base.claims[claim_id]
    claim = located.record
    outcome = recon.claims.get(claim_id)
    lines = [
        f"claim     {claim.id}  ({located.location})",
        f"source    {claim.source}",
        f"quote     {claim.quote}",
    ]
    if claim.translation:
        lines.append(f"          ({claim.translation.en})")
    if claim.stated is not None:
        lines.append(f"stated    {claim.stated}  → value {_value(claim.value)}")
    if outcome is not None and claim.stated is not None:
        if outcome.hedge_word:
            read = f"'{outcome.hedge_word}', read as '{outcome.read_hedge}'"
        elif outcome.read_hedge == "range":
            read = "a range (no hedge word)"
        else:
            read = "no hedge word attached to the number"
        lines.append(f"hedge     {read}")
        if outcome.hedge != outcome.read_hedge:
            lines.append(
                f"          declared '{outcome.hedge}' instead (a note may only make the "
                f"verdict stricter), because: {claim.hedge_note}"
            )
    lines += _figure_lines(base, claim.figure or "", "figure")
    if outcome:
        for step in outcome.steps:
            lines.append(f"reasoning {step}")
        lines.append(f"computed  {outcome.computed}")
    if claim.matches:
        lines.append(
            f"verdict   {claim.verdict}: the number is rated on the figure the verdict names, "
            f"'{claim.matches}'"
        )
    else:
        lines.append(f"verdict   {claim.verdict}")
    if claim.statement:
        lines.append(f"statement a{'n' if claim.statement[0] in 'aeiou' else ''} {claim.statement}")
    if claim.matches:
        lines += _figure_lines(base, claim.matches, "matches")
        matched = recon.matched.get(claim_id)
        if matched is not None:
            verdict, explain = matched
            for step in explain():
                lines.append(f"reasoning {step}")
            right = verdict in RIGHT_VERDICTS
            lines.append(
                f"on it     {verdict}: "
                + ("the number is right there" if right else "the number is not right there either")
            )
    if claim.reason:
        lines.append(f"reason    {claim.reason.en}")
    origin = recon.origins.get(claim_id)
    if origin is not None:
        lines.append(f"origin    {origin.sentence(base)}")
    return "\n".join(lines)
