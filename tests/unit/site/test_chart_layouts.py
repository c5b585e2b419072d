"""The narrow (phone) layout of charts: text size, wrapping, tick thinning, cache keys."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from crosscheck.pipeline import run_check
from crosscheck.site.charts import (
    NARROW,
    NARROW_MEDIA,
    WIDE,
    chart_svg,
    draw_svg,
    load_specs,
    reconciliation_data,
    spec_data,
    wrap_text,
)
from crosscheck.site.context import SiteContext, load_strings
from tests.conftest import FACTS, REPO, key_date_figure

GLYPH_SCALE = re.compile(r'<g id="text_\d+">.*?scale\(([0-9.]+) -[0-9.]+\)', re.S)


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


def units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_sizes(svg: bytes) -> list[float]:
    """Font sizes (pt) of every text drawn: matplotlib scales glyphs by size / 100."""
    return [float(s) * 100 for s in GLYPH_SCALE.findall(svg.decode())]


@pytest.mark.parametrize("language", ["en", "fa", "ja", "ar"])
def test_narrow_charts_are_phone_wide_with_text_at_the_layouts_size(
    contexts: dict[str, SiteContext], language: str
) -> None:
    ctx = contexts[language]
    charts = [reconciliation_data(ctx, "nvda-value-loss-2025-01-27")]
    charts += [spec_data(ctx, spec) for spec in load_specs(REPO / "build" / "charts")]
    for data in charts:
        assert data is not None
        svg, width, height = draw_svg(data, NARROW)
        sizes = text_sizes(svg)
        assert sizes and min(sizes) >= NARROW.font - 1e-6, (data.id, sorted(set(sizes)))
        assert width == NARROW.width and height > 0
        # Every row label is drawn (above its row): rows + title + kept tick labels at least.
        assert len(sizes) >= len(data.rows) + 1


def test_wrapping_breaks_at_spaces_or_between_wide_characters() -> None:
    assert wrap_text("Nvidia's market value lost on 27 January 2025", 20) == (
        "Nvidia's market\nvalue lost on 27\nJanuary 2025"
    )
    wrapped = wrap_text("エヌビディアの時価総額減少額（2025年1月27日）", 16)
    assert all(units(line) <= 16 for line in wrapped.split("\n")), wrapped
    assert wrapped.replace("\n", "") == "エヌビディアの時価総額減少額（2025年1月27日）"
    assert "（\n" not in wrapped and "\n）" not in wrapped and "\n、" not in wrapped
    assert wrap_text("short", 0) == "short" and wrap_text("short", 10) == "short"


def test_a_word_longer_than_a_line_is_kept_whole() -> None:
    assert wrap_text("Stargate's", 4) == "Stargate's"


def test_each_layout_has_its_own_cache_entry(
    contexts: dict[str, SiteContext], tmp_path: Path
) -> None:
    data = reconciliation_data(contexts["fa"], "nvda-drop-2025-01-27")
    assert data is not None
    assert data.key(WIDE) != data.key(NARROW)
    wide, _, _ = chart_svg(data, tmp_path, WIDE)
    narrow, _, _ = chart_svg(data, tmp_path, NARROW)
    assert wide != narrow
    cached = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert cached == sorted([f"{data.key(WIDE)}.svg", f"{data.key(NARROW)}.svg"])


def test_the_stylesheet_reserves_the_narrow_box_for_the_same_screens() -> None:
    css = (REPO / "build" / "assets" / "crosscheck.css").read_text(encoding="utf-8")
    block = css[css.index(f"@media {NARROW_MEDIA}") :]
    assert f"width: {NARROW.width:g}px" in block.split("}")[0]
