"""What keeps the build linear as the base grows: claims grouped once per build, and charts
cached by what is drawn, not by figure id."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from crosscheck.pipeline import CheckResult, run_check
from crosscheck.site.charts import chart_svg, reconciliation_data
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.pages import ClaimGroups
from tests.conftest import FACTS, REPO


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return run_check(FACTS)


@pytest.fixture(scope="module")
def english(result: CheckResult) -> SiteContext:
    return SiteContext.create(result, "en", load_strings(REPO / "build", ("en",)))


def test_groups_hold_every_claim_of_each_figure_and_source_in_file_order(
    result: CheckResult,
) -> None:
    base = result.base
    groups = ClaimGroups.of(base)
    claims = [located.record for located in base.claims.values()]
    assert claims, "the fact base declares claims"
    for figure_id in base.figures:
        assert list(groups.of_figure(figure_id)) == [c for c in claims if c.figure == figure_id]
    for source_id in base.sources:
        assert list(groups.of_source(source_id)) == [c for c in claims if c.source == source_id]
    assert sum(len(g) for g in groups.by_source.values()) == len(claims)
    assert groups.of_figure("no-such-figure") == ()


def test_the_same_drawing_under_another_id_comes_from_the_cache(
    english: SiteContext, result: CheckResult, tmp_path: Path
) -> None:
    figure_id = next(f for f in result.base.figures if reconciliation_data(english, f))
    data = reconciliation_data(english, figure_id)
    assert data is not None
    svg, _, _ = chart_svg(data, tmp_path)
    renamed = replace(data, id="reconciliation-another-figure")
    assert renamed.key() == data.key()
    (tmp_path / f"{data.key()}.svg").write_bytes(b"<svg>from cache</svg>")
    again, _, _ = chart_svg(renamed, tmp_path)
    assert again == b"<svg>from cache</svg>" != svg
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_anything_drawn_changes_the_key(english: SiteContext, result: CheckResult) -> None:
    figure_id = next(f for f in result.base.figures if reconciliation_data(english, f))
    data = reconciliation_data(english, figure_id)
    assert data is not None
    changed = [
        replace(data, title=data.title + "!"),
        replace(data, language="fa"),
        replace(data, rows=data.rows[:-1] or (replace(data.rows[0], label="x"),)),
        replace(data, rows=(replace(data.rows[0], color="#000000"), *data.rows[1:])),
        replace(data, limits=(data.limits[0] - 1, data.limits[1])),
    ]
    keys = {data.key(), *(c.key() for c in changed)}
    assert len(keys) == len(changed) + 1
