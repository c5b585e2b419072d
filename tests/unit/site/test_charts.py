"""Charts: the data handed to matplotlib, deterministic bytes, caching."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.pipeline import run_check
from crosscheck.site.charts import chart_svg, draw_svg, reconciliation_data
from crosscheck.site.context import SiteContext, load_strings
from tests.conftest import FACTS, REPO, key_date_figure


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    key_date = key_date_figure()
    return {code: SiteContext.create(result, code, strings, key_date) for code in strings}


def test_reconciliation_data_has_one_row_per_claim_in_the_page_language(
    contexts: dict[str, SiteContext],
) -> None:
    data = reconciliation_data(contexts["ja"], "nvda-value-loss-2025-01-27")
    assert data is not None
    assert len(data.rows) == 3
    assert data.reference is not None and data.reference[0] < data.reference[1]
    assert all(
        any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in row.label)
        for row in data.rows
    )
    persian = reconciliation_data(contexts["fa"], "nvda-value-loss-2025-01-27")
    assert persian is not None
    assert all(not any(ch.isascii() and ch.isdigit() for ch in label) for _, label in persian.ticks)


def test_svg_bytes_are_deterministic(contexts: dict[str, SiteContext]) -> None:
    data = reconciliation_data(contexts["ar"], "nvda-drop-2025-01-27")
    assert data is not None
    first, _, _ = draw_svg(data)
    second, _, _ = draw_svg(data)
    assert first == second
    assert b"<path" in first and b"Date" not in first[:500]


def test_unchanged_charts_come_from_the_cache(
    contexts: dict[str, SiteContext], tmp_path: Path
) -> None:
    data = reconciliation_data(contexts["en"], "nvda-drop-2025-01-27")
    assert data is not None
    svg, _, _ = chart_svg(data, tmp_path)
    cached = list(tmp_path.glob("*.svg"))
    assert len(cached) == 1
    cached[0].write_bytes(b"<svg>from cache</svg>")
    again, _, _ = chart_svg(data, tmp_path)
    assert again == b"<svg>from cache</svg>" != svg


def test_a_missing_glyph_fails_the_chart(contexts: dict[str, SiteContext], tmp_path: Path) -> None:
    from dataclasses import replace

    from crosscheck.site.context import SiteError

    data = reconciliation_data(contexts["en"], "nvda-drop-2025-01-27")
    assert data is not None
    # English charts use DejaVu Sans, which has no Han glyphs.
    broken = replace(data, title="英伟达", id="glyph-test")
    with pytest.raises(SiteError, match="missing"):
        chart_svg(broken, tmp_path)
