"""The open-data downloads the site publishes under data/: factbase.json with its JSON Schema,
one claims CSV per site language, the schema of the fact files, and datapackage.json, a
Frictionless Data Package that describes them all (a Table Schema for each CSV). Bytes are
deterministic: sorted keys where order is not meaningful, fixed line endings.

The CSVs are written for spreadsheets as much as for code:
- UTF-8 with a byte-order mark: without it Excel reads UTF-8 as the legacy code page and shows
  Persian, Arabic and CJK quotes as mojibake; LibreOffice, pandas and R skip the mark.
- Text cells go through ``csv_cell`` (OWASP's advice against formula injection: a cell that
  starts with = + - @ TAB or CR gets a leading apostrophe) and are all quoted. Numeric columns
  hold numbers only and are written as numbers, unquoted and never prefixed: a leading
  apostrophe would turn -16.97 into text for every reader, and a number cannot be a formula.
  Dates are never mixed into them: date claims have their own ISO columns.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from typing import Any

from crosscheck.export import EXPORT_VERSION, export_factbase
from crosscheck.models import LANGUAGES, Claim, Constraint, Figure, Reference, Source
from crosscheck.pipeline import CheckResult
from crosscheck.schema import schema_text
from crosscheck.site.context import SiteError
from crosscheck.site.escape import csv_cell
from crosscheck.translations import text as catalog_text

# (name, Table Schema type, description). Text columns are "string"; numeric ones "number".
CSV_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "string", "Stable id of the claim."),
    ("source", "string", "Id of the source that states it."),
    ("source_language", "string", "BCP 47 language tag of the source text."),
    ("figure", "string", "Id of the figure (empty for claims that cannot be checked)."),
    ("unit", "string", "The figure's unit."),
    ("quote", "string", "Verbatim, in the source's language and script."),
    ("translation", "string", "The quote in this file's language."),
    ("stated", "string", "The number as written."),
    ("hedge", "string", "How the wording widens the number."),
    ("value", "number", "What the stated number means, in the figure's unit (not for dates)."),
    ("value_hi", "number", "Upper end, for ranges (not for dates)."),
    ("stated_lo", "number", "Lower end of the range the written precision allows."),
    ("stated_hi", "number", "Upper end of that range (empty: open)."),
    ("claimed_lo", "number", "Lower end of the range after the hedge (empty: open)."),
    ("claimed_hi", "number", "Upper end of the range after the hedge (empty: open)."),
    ("date_value", "string", "For dates: the date as recorded (ISO, maybe only year-month)."),
    ("date_value_hi", "string", "For dates: the end of a stated span."),
    ("stated_dates", "string", "For dates: the days the wording allows, ISO 8601 start/end."),
    ("claimed_dates", "string", "For dates: the days after the hedge, ISO 8601 start/end."),
    ("computed_verdict", "string", "The verdict the arithmetic gives."),
    ("verdict", "string", "The recorded verdict."),
    ("error_origin", "string", "For wrong claims: original, translation or unknown."),
    ("reason", "string", "Why, in this file's language."),
)
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark, for Excel


def claims_csv_path(language: str) -> str:
    return f"data/claims-{language}.csv"


def factbase_json(exported: dict[str, Any]) -> bytes:
    return (json.dumps(exported, ensure_ascii=False, indent=2) + "\n").encode()


def _number(value: Any) -> float | int | str:
    """A numeric cell: the number itself, or empty."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return value


def _iso_interval(interval: dict[str, Any] | None) -> str:
    if not interval:
        return ""
    return f"{interval.get('lo') or '..'}/{interval.get('hi') or '..'}"


def _localized(result: CheckResult, claim: Claim, field: str, language: str) -> str:
    slot = getattr(claim, field)
    if slot is None:
        return ""
    if field == "translation":
        source = result.base.sources.get(claim.source)
        if source is not None and source.record.language == language:
            return claim.quote  # the original needs no translation
    try:
        return catalog_text(slot, f"claim/{claim.id}/{field}", language, result.catalogs)
    except KeyError as error:
        raise SiteError(f"untranslated text 'claim/{claim.id}/{field}' in {language}") from error


def claims_csv(result: CheckResult, exported: dict[str, Any], language: str) -> bytes:
    """One row per claim, the translation and reason in `language`."""
    languages = {s["id"]: s["language"] for s in exported["sources"]}
    out = io.StringIO()
    # QUOTE_NONNUMERIC: every text cell is quoted, numbers are not (and stay numbers).
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([name for name, _, _ in CSV_COLUMNS])
    for claim in exported["claims"]:
        record = result.base.claims[claim["id"]].record
        is_date = claim.get("unit") == "date"
        stated = claim.get("stated_interval")
        claimed = claim.get("claimed_interval")
        row: dict[str, Any] = {
            "id": claim["id"],
            "source": claim["source"],
            "source_language": languages.get(claim["source"], ""),
            "figure": claim.get("figure"),
            "unit": claim.get("unit"),
            "quote": claim["quote"],
            "translation": _localized(result, record, "translation", language),
            "stated": claim.get("stated"),
            "hedge": claim["hedge"],
            "value": "" if is_date else _number(claim.get("value")),
            "value_hi": "" if is_date else _number(claim.get("value_hi")),
            "stated_lo": "" if is_date else _number((stated or {}).get("lo")),
            "stated_hi": "" if is_date else _number((stated or {}).get("hi")),
            "claimed_lo": "" if is_date else _number((claimed or {}).get("lo")),
            "claimed_hi": "" if is_date else _number((claimed or {}).get("hi")),
            "date_value": claim.get("value") if is_date else None,
            "date_value_hi": claim.get("value_hi") if is_date else None,
            "stated_dates": _iso_interval(stated) if is_date else None,
            "claimed_dates": _iso_interval(claimed) if is_date else None,
            "computed_verdict": claim.get("computed_verdict"),
            "verdict": claim["verdict"],
            "error_origin": claim.get("error_origin"),
            "reason": _localized(result, record, "reason", language),
        }
        writer.writerow(
            [
                row[name] if kind == "number" and row[name] != "" else csv_cell(row[name])
                for name, kind, _ in CSV_COLUMNS
            ]
        )
    return out.getvalue().encode(CSV_ENCODING)


def _interval_schema() -> dict[str, Any]:
    end = {"type": ["number", "string", "null"], "description": "null: open end"}
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "required": ["lo", "hi"],
        "properties": {"lo": end, "hi": end},
    }


def factbase_schema() -> dict[str, Any]:
    """The JSON Schema of data/factbase.json, from the models plus the computed keys."""
    from pydantic.json_schema import models_json_schema

    models = (Source, Reference, Figure, Claim, Constraint)
    _, top = models_json_schema(
        [(model, "serialization") for model in models],
        by_alias=True,
        ref_template="#/$defs/{model}",
    )
    defs = copy.deepcopy(top["$defs"])
    defs["Interval"] = _interval_schema()
    computed = {
        "Figure": {
            "reference_interval": {"$ref": "#/$defs/Interval"},
            "verified": {"type": "boolean"},
        },
        "Claim": {
            "unit": {"type": ["string", "null"]},
            "stated_interval": {"$ref": "#/$defs/Interval"},
            "claimed_interval": {"$ref": "#/$defs/Interval"},
            "computed_verdict": {"type": ["string", "null"]},
            "claimreview_rating": {
                "type": ["object", "null"],
                "additionalProperties": False,
                "properties": {
                    "ratingValue": {"type": "integer"},
                    "bestRating": {"type": "integer"},
                    "worstRating": {"type": "integer"},
                    "alternateName": {"type": "string"},
                },
            },
        },
    }
    for name, properties in computed.items():
        defs[name]["properties"].update(properties)
        defs[name].setdefault("required", []).extend(properties)
    names = {"sources": "Source", "references": "Reference", "figures": "Figure"}
    names |= {"claims": "Claim", "constraints": "Constraint"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "crosscheck fact base export",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", *names],
        "properties": {
            "version": {"const": EXPORT_VERSION},
            **{
                key: {"type": "array", "items": {"$ref": f"#/$defs/{model}"}}
                for key, model in names.items()
            },
        },
        "$defs": defs,
    }


def data_package(
    languages: tuple[str, ...] = LANGUAGES, title: str = "crosscheck"
) -> dict[str, Any]:
    """datapackage.json: the downloads as a Frictionless Data Package (v2)."""
    resources: list[dict[str, Any]] = [
        {
            "name": "factbase",
            "path": "factbase.json",
            "type": "json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": "The whole reconciled fact base; its JSON Schema is factbase-schema.",
        },
        {
            "name": "factbase-schema",
            "path": "factbase.schema.json",
            "type": "json",
            "format": "json",
            "mediatype": "application/schema+json",
            "encoding": "utf-8",
            "description": "JSON Schema of factbase.json.",
        },
        {
            "name": "fact-file-schema",
            "path": "schema.json",
            "type": "json",
            "format": "json",
            "mediatype": "application/schema+json",
            "encoding": "utf-8",
            "description": "JSON Schema of the fact files (facts/**/*.yml).",
        },
    ]
    for language in languages:
        resources.append(
            {
                "name": f"claims-{language}",
                "path": claims_csv_path(language).removeprefix("data/"),
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "languages": [language],
                "description": f"Every claim, one per row; translation and reason in {language}.",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "description": description}
                        for name, kind, description in CSV_COLUMNS
                    ],
                    "missingValues": [""],
                    "primaryKey": ["id"],
                },
            }
        )
    package: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "crosscheck",
        "title": title,
        "version": f"{EXPORT_VERSION}.0.0",
        "resources": resources,
    }
    return package


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def downloads(result: CheckResult, title: str = "crosscheck") -> dict[str, bytes]:
    """Site-relative path → bytes, for every data download."""
    exported = export_factbase(result)
    files = {
        "data/factbase.json": factbase_json(exported),
        "data/factbase.schema.json": _json_bytes(factbase_schema()),
        "data/schema.json": schema_text().encode(),
        "data/datapackage.json": _json_bytes(data_package(result.catalogs.languages, title)),
    }
    for language in result.catalogs.languages:
        files[claims_csv_path(language)] = claims_csv(result, exported, language)
    return files
