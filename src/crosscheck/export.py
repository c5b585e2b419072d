"""The reconciled fact base as JSON: the shape the site publishes as data/factbase.json.

Documented in docs/data.md; ``EXPORT_VERSION`` changes whenever the shape does.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from crosscheck.expressions import Interval
from crosscheck.models import Text
from crosscheck.pipeline import CheckResult
from crosscheck.reconcile import CLAIMREVIEW_RATINGS

EXPORT_VERSION = 2


def _interval(interval: Interval | None, unit: str = "") -> dict[str, float | str | None] | None:
    """An interval as JSON: open ends are null; dates (day numbers inside) are ISO strings."""
    if interval is None:
        return None

    def end(x: float) -> float | str | None:
        if math.isinf(x):
            return None
        return date.fromordinal(int(x)).isoformat() if unit == "date" else x

    return {"lo": end(interval.lo), "hi": end(interval.hi)}


def _text(text: Text | None) -> dict[str, str] | None:
    return None if text is None else text.model_dump(by_alias=True, exclude_none=True)


def export_factbase(result: CheckResult) -> dict[str, Any]:
    """Sources with sha256, figures with references, claims with intervals and verdicts."""
    base, recon = result.base, result.reconciliation
    sources = [
        {**located.record.model_dump(by_alias=True, exclude_none=True)}
        for located in base.sources.values()
    ]
    references = [
        located.record.model_dump(exclude_none=True) for located in base.references.values()
    ]
    figures = []
    for figure_id, located in base.figures.items():
        data = located.record.model_dump(by_alias=True, exclude_none=True)
        figure_result = recon.figures.get(figure_id)
        data["reference_interval"] = _interval(
            figure_result.interval if figure_result else None, located.record.unit
        )
        data["verified"] = bool(figure_result and figure_result.interval is not None)
        figures.append(data)
    claims = []
    for claim_id, located in base.claims.items():
        data = located.record.model_dump(by_alias=True, exclude_none=True)
        claim_result = recon.claims.get(claim_id)
        figure = base.figures.get(located.record.figure or "")
        unit = figure.record.unit if figure else ""
        data["unit"] = unit or None
        data["stated_interval"] = _interval(claim_result.stated if claim_result else None, unit)
        data["claimed_interval"] = _interval(claim_result.claimed if claim_result else None, unit)
        data["computed_verdict"] = claim_result.computed if claim_result else None
        # The hedge and the origin are computed, not typed: export what the checker read.
        data["hedge"] = claim_result.hedge if claim_result else (located.record.hedge or "none")
        origin = recon.origins.get(claim_id)
        data.pop("error_origin", None)
        if origin is not None:
            data["error_origin"] = origin.kind
        rating = CLAIMREVIEW_RATINGS[located.record.verdict]
        data["claimreview_rating"] = (
            {
                "ratingValue": rating[0],
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": rating[1],
            }
            if rating
            else None
        )
        claims.append(data)
    constraints = [
        located.record.model_dump(by_alias=True) for located in base.constraints.values()
    ]
    return {
        "version": EXPORT_VERSION,
        "sources": sources,
        "references": references,
        "figures": figures,
        "claims": claims,
        "constraints": constraints,
    }
