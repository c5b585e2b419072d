"""mkdocs.yml's key_date_figure: the story's key day comes from the fact base, never from code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.pipeline import CheckResult
from crosscheck.problems import render_text
from crosscheck.site.context import SiteContext, SiteError
from crosscheck.site.plugin import check_key_date_figure

DATE_FIGURE = """\
figures:
  - id: key-day
    label: {en: "Key day"}
    definition: {en: "The day."}
    unit: date
    as_of: "2025-01-27"
    reference:
      value: "2025-01-27"
      evidence: [{ref: ref-a}]
"""

STRINGS = {"en": {"site_description": "What happened on {date}.", "value_formats": {}}}


def write_config(tmp_path: Path, figure_id: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: x\nplugins:\n  - crosscheck:\n      key_date_figure: {figure_id}\n",
        encoding="utf-8",
    )
    return config


def test_a_missing_key_date_figure_is_a_located_error_with_a_suggestion(
    make_facts: Callable[..., CheckResult], tmp_path: Path
) -> None:
    result = make_facts({"day.yml": DATE_FIGURE})
    problem = check_key_date_figure(write_config(tmp_path, "key-dya"), "key-dya", result)
    assert problem is not None
    assert render_text([problem]).splitlines()[:3] == [
        "mkdocs.yml:4:24: error[dangling-reference] key_date_figure names no figure with id "
        "'key-dya'",
        "  expected: the id of a figure of the fact base whose unit is 'date'",
        "  fix: did you mean 'key-day'?",
    ]


def test_a_key_date_figure_that_is_no_date_is_refused(
    make_facts: Callable[..., CheckResult], tmp_path: Path
) -> None:
    result = make_facts({"day.yml": DATE_FIGURE})
    problem = check_key_date_figure(write_config(tmp_path, "drop"), "drop", result)
    assert problem is not None and problem.code == "unit-mismatch"
    assert check_key_date_figure(write_config(tmp_path, "key-day"), "key-day", result) is None


def test_date_placeholder_is_the_key_figures_day_and_needs_one(
    make_facts: Callable[..., CheckResult],
) -> None:
    result = make_facts({"day.yml": DATE_FIGURE})
    with_day = SiteContext.create(result, "en", STRINGS, "key-day")
    day = with_day.value("2025-01-27", "date")
    assert with_day.t("site_description") == f"What happened on {day}."
    without = SiteContext.create(result, "en", STRINGS)
    with pytest.raises(SiteError, match="key_date_figure"):
        without.t("site_description")
    assert without.t("site_description", date="then") == "What happened on then."
