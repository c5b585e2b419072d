"""Right-to-left chart text: a signed number keeps its sign on the left of its digits."""

from __future__ import annotations

import pytest

from crosscheck.site.charts import _right_to_left
from crosscheck.site.locale import format_percent

LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"


@pytest.mark.parametrize("language", ["fa", "ar"])
@pytest.mark.parametrize("value", [-30, -1.5, -16.97])
def test_a_negative_tick_is_isolated_left_to_right(language: str, value: float) -> None:
    written = format_percent(value, language)
    line = _right_to_left(written)
    assert line.startswith(RLM)
    start, end = line.index(LRI), line.index(PDI)
    inside = line[start + 1 : end]
    assert inside[0] in "\u2212-", (written, line)  # the sign first, inside the isolate
    assert "\u200e" not in line


def test_a_hyphen_inside_a_date_or_name_is_left_alone() -> None:
    assert _right_to_left("2025-01-27") == RLM + "2025-01-27"
    assert _right_to_left("GPT-4") == RLM + "GPT-4"
    assert _right_to_left("Báo Giao thông، به ژاپنی") == RLM + "Báo Giao thông، به ژاپنی"
