"""The translation chain of one claim, for its figure page: the original sentence, each
translation step (the stored texts with their sentence, the others named), and where the number
or the hedge changed, read from the claims the checker reconciled (crosscheck.origins computes
where an error entered from the same links)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from crosscheck.models import Claim
from crosscheck.site.context import SiteContext


def _linked(ctx: SiteContext, claim: Claim) -> list[Claim]:
    """The claim and the claims it translates, following ``original:`` back to the original
    (bounded: a chain cannot be longer than the fact base has claims)."""
    claims = ctx.result.base.claims
    chain = [claim]
    seen = {claim.id}
    while chain[-1].original and chain[-1].original in claims and len(chain) <= len(claims):
        previous = claims[chain[-1].original].record
        if previous.id in seen:
            break
        seen.add(previous.id)
        chain.append(previous)
    return chain[::-1]


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return a == b


def claim_chain(ctx: SiteContext, claim: Claim) -> list[dict[str, Any]]:
    """One entry per step of the claim's source chain, or [] when the claim translates no
    stored claim. A stored step has the sentence; a step after it says what changed."""
    from crosscheck.site.pages import direction

    base, recon = ctx.result.base, ctx.result.reconciliation
    linked = _linked(ctx, claim)
    if len(linked) < 2:
        return []
    steps = base.sources[claim.source].record.translation_chain
    by_language = {base.sources[c.source].record.language: c for c in linked}
    entries: list[dict[str, Any]] = []
    previous: Claim | None = None
    for index, step in enumerate(steps):
        stored = by_language.get(step.language)
        method = ctx.t(f"chain_methods.{step.method}")
        entry: dict[str, Any] = {
            "label": ctx.t(
                "chain.original" if index == 0 else "chain.step",
                n=ctx.value(index, "count"),
                nth=ctx.ordinal_word(index),
                language=ctx.language_name(step.language),
                method=method,
            ),
            "publisher": step.publisher or "",
            "quote": "",
            "lang": step.language,
            "dir": direction(step.language),
            "changes": [],
        }
        if stored is None:
            entry["missing"] = ctx.t("chain.not_stored")
            entries.append(entry)
            continue
        outcome = recon.claims.get(stored.id)
        hedge = outcome.hedge if outcome else (stored.hedge or "none")
        entry.update(
            quote=stored.quote,
            missing="",
            stated=stored.stated or "",
            hedge=ctx.t(f"hedges.{hedge}"),
            verdict=stored.verdict,
            verdict_label=ctx.t(f"verdicts.{stored.verdict}"),
        )
        if previous is not None:
            entry["changes"] = _changes(ctx, previous, stored)
        entries.append(entry)
        previous = stored
    return entries


def _changes(ctx: SiteContext, before: Claim, after: Claim) -> list[Markup]:
    """What changed between two stored sentences of the chain, in the page language."""
    recon = ctx.result.reconciliation
    changes = []
    if not (_same(before.value, after.value) and _same(before.value_hi, after.value_hi)):
        lang_before = ctx.result.base.sources[before.source].record.language
        lang_after = ctx.result.base.sources[after.source].record.language
        changes.append(
            escape(ctx.t("chain.number_changed"))
            .replace(
                "{before}", Markup('<bdi lang="{}">{}</bdi>').format(lang_before, before.stated)
            )
            .replace("{after}", Markup('<bdi lang="{}">{}</bdi>').format(lang_after, after.stated))
        )

    def hedge(c: Claim) -> str:
        outcome = recon.claims.get(c.id)
        return outcome.hedge if outcome else (c.hedge or "none")

    if hedge(before) != hedge(after):
        changes.append(
            escape(ctx.t("chain.hedge_changed"))
            .replace("{before}", ctx.t(f"hedges.{hedge(before)}"))
            .replace("{after}", ctx.t(f"hedges.{hedge(after)}"))
        )
    if not changes:
        changes.append(escape(ctx.t("chain.unchanged")))
    return changes
