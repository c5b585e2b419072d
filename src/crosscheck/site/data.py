"""The open-data downloads the site publishes: data/factbase.json, data/claims.csv,
data/schema.json. Bytes are deterministic: sorted keys where order is not meaningful, fixed
line endings."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from crosscheck.export import export_factbase
from crosscheck.pipeline import CheckResult
from crosscheck.schema import schema_text

CSV_COLUMNS = (
    "id",
    "source",
    "source_language",
    "figure",
    "unit",
    "quote",
    "translation_en",
    "stated",
    "value",
    "value_hi",
    "hedge",
    "stated_lo",
    "stated_hi",
    "claimed_lo",
    "claimed_hi",
    "computed_verdict",
    "verdict",
    "error_origin",
    "reason_en",
)


def factbase_json(exported: dict[str, Any]) -> bytes:
    return (json.dumps(exported, ensure_ascii=False, indent=2) + "\n").encode()


def claims_csv(exported: dict[str, Any]) -> bytes:
    """One row per claim (the English texts; every language is in factbase.json)."""
    languages = {s["id"]: s["language"] for s in exported["sources"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for claim in exported["claims"]:
        stated = claim.get("stated_interval") or {}
        claimed = claim.get("claimed_interval") or {}
        writer.writerow(
            [
                claim["id"],
                claim["source"],
                languages.get(claim["source"], ""),
                claim.get("figure", ""),
                claim.get("unit") or "",
                claim["quote"],
                (claim.get("translation") or {}).get("en", ""),
                claim.get("stated", ""),
                claim.get("value", ""),
                claim.get("value_hi", ""),
                claim["hedge"],
                stated.get("lo", ""),
                stated.get("hi", ""),
                claimed.get("lo", ""),
                claimed.get("hi", ""),
                claim.get("computed_verdict") or "",
                claim["verdict"],
                claim.get("error_origin", ""),
                (claim.get("reason") or {}).get("en", ""),
            ]
        )
    return out.getvalue().encode()


def downloads(result: CheckResult) -> dict[str, bytes]:
    """Site-relative path → bytes, for every data download."""
    exported = export_factbase(result)
    return {
        "data/factbase.json": factbase_json(exported),
        "data/claims.csv": claims_csv(exported),
        "data/schema.json": schema_text().encode(),
    }
