"""``crosscheck explain``: the reasoning behind one claim's verdict, in plain text."""

from __future__ import annotations

from crosscheck.pipeline import CheckResult


def explain_claim(result: CheckResult, claim_id: str) -> str:
    base, recon = result.base, result.reconciliation
    located = base.claims[claim_id]
    claim = located.record
    lines = [
        f"claim     {claim.id}  ({located.location})",
        f"source    {claim.source}",
        f"quote     {claim.quote}",
    ]
    if claim.translation:
        lines.append(f"          ({claim.translation.en})")
    if claim.stated is not None:
        lines.append(f"stated    {claim.stated}  → value {claim.value!r}, hedge {claim.hedge}")
    figure = base.figures.get(claim.figure or "")
    if figure:
        ref = figure.record.reference
        lines.append(
            f"figure    {figure.record.id}: {figure.record.label.en} [{figure.record.unit}]"
        )
        lines.append(f"          {figure.record.definition.en}")
        if ref.derive:
            lines.append(f"derived   {ref.derive}")
        for citation in ref.evidence:
            reference = base.references.get(citation.ref)
            if reference:
                r = reference.record
                lines.append(
                    f"evidence  [{citation.supports}] {r.publisher}, {r.title} ({r.date or 'n.d.'})"
                )
                lines.append(f"          {r.url}")
                lines.append(f'          "{r.excerpt}"')
        if ref.unverified:
            lines.append("evidence  none found: the figure is unverified")
    outcome = recon.claims.get(claim_id)
    if outcome:
        for step in outcome.steps:
            lines.append(f"reasoning {step}")
        lines.append(f"computed  {outcome.computed}")
    lines.append(f"verdict   {claim.verdict}")
    if claim.reason:
        lines.append(f"reason    {claim.reason.en}")
    if claim.error_origin:
        lines.append(f"error in  the {claim.error_origin}")
    return "\n".join(lines)
