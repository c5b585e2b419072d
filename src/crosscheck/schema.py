"""facts/schema.json, generated from the models so that editors validate while you type."""

from __future__ import annotations

import json

from crosscheck.models import FactFile


def schema_text() -> str:
    """The schema of record files (facts/**/*.yml outside translations/)."""
    schema = FactFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://crosscheck.invalid/facts/schema.json"
    schema["title"] = "crosscheck fact file"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def catalog_schema_text() -> str:
    """The schema of translation catalogs (facts/translations/<lang>.yml)."""
    from crosscheck.translations import OTHER_LANGUAGES

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://crosscheck.invalid/facts/translations/schema.json",
        "title": "crosscheck translation catalog",
        "type": "object",
        "additionalProperties": False,
        "required": ["language", "texts"],
        "properties": {
            "language": {"enum": list(OTHER_LANGUAGES), "description": "The catalog's language."},
            "texts": {
                "type": "object",
                "description": "Slot key (kind/id/field) -> the text in this language.",
                "propertyNames": {
                    "pattern": "^(source|figure|claim|constraint|correction)/[a-z0-9-]+/"
                },
                "additionalProperties": {"type": "string", "minLength": 1},
            },
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
