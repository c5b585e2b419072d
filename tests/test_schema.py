"""facts/schema.json is generated from the models and must stay current."""

from __future__ import annotations

import json

import jsonschema
import yaml

from crosscheck.schema import catalog_schema_text, schema_text
from tests.conftest import FACTS, REPO


def test_schema_file_is_current() -> None:
    assert (FACTS / "schema.json").read_text(encoding="utf-8") == schema_text(), (
        "facts/schema.json is stale: run 'make schema'"
    )


def test_catalog_schema_is_current_and_catalogs_follow_it() -> None:
    catalog = FACTS / "translations" / "schema.json"
    assert catalog.read_text(encoding="utf-8") == catalog_schema_text(), "run 'make schema'"
    validator = jsonschema.Draft202012Validator(json.loads(catalog_schema_text()))
    catalogs = sorted((FACTS / "translations").glob("*.yml"))
    # One catalog per language the site is written in (docs/<lang>/), English aside.
    written_in = {p.name for p in (REPO / "docs").iterdir() if p.is_dir()} - {"en"}
    assert written_in and {p.stem for p in catalogs} == written_in
    for path in catalogs:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path, errors[:3])


def test_every_fact_file_validates_against_the_schema() -> None:
    schema = json.loads(schema_text())
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(p for p in FACTS.rglob("*.yml") if "translations" not in p.parts)
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path, errors[:3])
