"""facts/schema.json, generated from the models so that editors validate while you type."""

from __future__ import annotations

import json

from crosscheck.models import FactFile


def schema_text() -> str:
    schema = FactFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://crosscheck.invalid/facts/schema.json"
    schema["title"] = "crosscheck fact file"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
