"""The command line: exit codes, formats, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck.cli import main
from crosscheck.factbase import load_factbase
from tests.conftest import FACTS, REPO


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_check_real_facts_exits_zero() -> None:
    done = run("check", str(FACTS))
    assert done.returncode == 0, done.stdout
    assert "0 error(s)" in done.stdout
    # The summary counts what was read; the fact base grows, so no fixed number.
    sources = len(load_factbase(FACTS)[0].sources)
    assert f"{sources} sources" in done.stderr


def test_problems_exit_one_with_json(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "bad.yml").write_text("claims:\n  - id: xy\n", encoding="utf-8")
    done = run("check", str(facts), "--format", "json")
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    assert {p["code"] for p in problems} == {"missing-key"}
    assert problems[0]["location"]["line"] == 2


@pytest.mark.parametrize(
    "args",
    [[], ["nonsense"], ["check", "/no/such/folder"], ["check", "--format", "xml"], ["explain"]],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_explain_unknown_claim_is_a_usage_error_with_suggestion() -> None:
    done = run("explain", "ja-nvda-drops")
    assert done.returncode == 2
    assert "did you mean" in done.stderr and "ja-nvda-drop" in done.stderr


def test_explain_prints_the_reasoning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "zhs-nvda-value-loss", "--facts", str(FACTS)]) == 0
    out = capsys.readouterr().out
    assert "reference [588,500,000,000, 593,500,000,000]" in out
    assert "computed  rounded" in out
    assert "Bloomberg" in out
    # The interval's kind, and what in the evidence makes it one.
    assert "interval  an uncertainty: bloomberg-nvda-loss states the lower bound" in out


def test_explain_shows_a_spread_with_its_members(capsys: pytest.CaptureFixture[str]) -> None:
    from crosscheck.pipeline import run_check

    figure = run_check(FACTS).base.figures["quantum-drop-2025-01-08"].record
    assert main(["explain", "fa-quantum-drop", "--facts", str(FACTS)]) == 0
    out = capsys.readouterr().out
    assert f"interval  a spread over {len(figure.reference.members)} members" in out
    for member in figure.reference.members:
        assert f"member    {member.name}: " in out


def test_export_writes_json(tmp_path: Path) -> None:
    target = tmp_path / "factbase.json"
    assert main(["export", "--facts", str(FACTS), "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["claims"]) >= 60


def test_help_has_an_example_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "explain", "export", "schema"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert "Example: crosscheck " + command in capsys.readouterr().out
