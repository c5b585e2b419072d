"""Failing cases are data: each folder under tests/cases/invalid/ holds a small fact base
(``facts/``) and ``expected.txt``, the exact output of ``crosscheck check facts`` run inside
that folder. A new bug becomes a new folder, not new code. Folders under tests/cases/valid/
hold fact bases that must pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crosscheck.cli import main
from crosscheck.problems import CODES

CASES = Path(__file__).parent / "cases" / "invalid"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())
VALID = Path(__file__).parent / "cases" / "valid"
VALID_DIRS = sorted(p for p in VALID.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_invalid_case_reports_exactly_the_expected_problems(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    status = main(["check", "facts"])
    out = capsys.readouterr().out
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert out == expected
    assert status == 1


# Codes whose input cannot sensibly live in the repository, tested where named instead.
TESTED_ELSEWHERE = {
    "file-too-large": "tests/unit/test_yamlsafe.py::test_oversized_file",
    "invalid-chart": "tests/test_robust.py::test_a_chart_naming_an_unknown_figure_or_kind_is_a_located_error",
}


def test_every_error_code_has_a_case() -> None:
    covered = {
        line.split("[", 1)[1].split("]", 1)[0]
        for case in CASE_DIRS
        for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines()
        if ": error[" in line
    }
    assert covered, "no case was read"
    missing = sorted(set(CODES) - covered - set(TESTED_ELSEWHERE))
    assert not missing, f"error codes without a tests/cases/invalid folder: {missing}"


def test_cases_exist() -> None:
    assert len(CASE_DIRS) >= len(CODES) - len(TESTED_ELSEWHERE), os.fspath(CASES)


@pytest.mark.parametrize("case", VALID_DIRS, ids=[p.name for p in VALID_DIRS])
def test_valid_case_passes(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid cases are data too: a tiny fact base that must pass (e.g. two vendors' values
    inside one uncertainty interval never contradict each other)."""
    monkeypatch.chdir(case)
    status = main(["check", "facts"])
    out = capsys.readouterr().out
    assert out == "0 error(s), 0 warning(s)\n"
    assert status == 0
