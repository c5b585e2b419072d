"""The search fold table (build/search/normalise.yml): every example, and refused tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.site.context import SiteError
from crosscheck.site.searchnorm import Folding, load_folding, worker_script
from tests.conftest import REPO

TABLE = REPO / "build" / "search" / "normalise.yml"


@pytest.fixture(scope="module")
def folding() -> Folding:
    return load_folding(TABLE)


def test_every_example_folds_as_the_table_says(folding: Folding) -> None:
    assert folding.examples, "the table has no examples"
    for written, folded in folding.examples:
        assert folding.fold(written) == folded, written


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("انفيديا", "إنفيديا"),  # hamza left out
        ("شركه", "شركة"),  # teh marbuta typed as heh
        ("علی", "على"),  # Persian yeh for alef maqsura
        ("كاهش", "کاهش"),  # Arabic kaf in a Persian word
        ("میشود", "می\u200cشود"),  # no zero-width non-joiner
        ("تدرب", "تُدرَّب"),  # no harakat
        ("ＤｅｅｐＳｅｅｋ", "DeepSeek"),  # full-width Latin
        ("2025", "۲۰۲۵"),  # Latin digits for Persian ones
    ],
)
def test_a_variant_spelling_folds_like_the_canonical_one(
    folding: Folding, variant: str, canonical: str
) -> None:
    assert folding.fold(variant) == folding.fold(canonical)


def test_folding_leaves_other_text_alone(folding: Folding) -> None:
    # Kana, Latin, Persian letters and Simplified Chinese stay as they are (kanji fold like
    # Traditional Chinese, in the index terms and the query alike: 時価総額 matches itself).
    for text in ("DeepSeek R1", "英伟达", "ダウ平均", "ایالات", "سهم"):
        assert folding.fold(text) == text.replace("ی", "ي")
    assert folding.fold("時価総額") == folding.fold(folding.fold("時価総額"))


def test_the_browser_gets_every_folded_character(folding: Folding) -> None:
    import json
    import re

    script = folding.javascript()
    table = re.search(r"const table = (\{.*?\});\n", script)
    assert table is not None
    assert json.loads(table.group(1)) == folding.table
    members = re.search(r"const pattern = /\[(.*?)\]/g;", script)
    assert members is not None
    written = json.loads('"' + members.group(1) + '"')  # \\uXXXX escapes read as JSON does
    assert set(written) == set(folding.table)


def test_the_worker_folds_queries_before_materials_worker_loads() -> None:
    script = worker_script("search.0000.material.min.js")
    hook = script.index('addEventListener("message"')
    assert script.index("crosscheck-fold.js") < hook < script.index("search.0000.material")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{name: x, from: [ab], to: ""}', "not one character"),
        ("{name: x, from: [a, b], to_each: [c]}", "one entry per"),
        ('{name: x, from_ranges: [[U+064B, 64C]], to: ""}', "not a code point"),
        ("{name: x, from: [ﻻ], to: a}", "changes under NFKC"),
        ("{name: x, from: [a], to: b, examples: {a: c}}", "the example says"),
    ],
)
def test_a_malformed_table_is_refused_with_its_place(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "normalise.yml"
    path.write_text(f"folds:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(SiteError, match=message) as caught:
        load_folding(path)
    assert str(path) in str(caught.value)


def test_a_character_folded_two_ways_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "normalise.yml"
    path.write_text("folds:\n  - {from: [a], to: b}\n  - {from: [a], to: c}\n", encoding="utf-8")
    with pytest.raises(SiteError, match="folded twice"):
        load_folding(path)


def test_the_search_index_is_rewritten_as_utf8_with_the_same_data(tmp_path: Path) -> None:
    import json

    from crosscheck.site.searchnorm import compact_search_index

    index = {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+"},
        "docs": [{"location": "x.html", "title": "إنفيديا"}],
    }
    path = tmp_path / "search" / "search_index.json"
    path.parent.mkdir()
    path.write_text(json.dumps(index), encoding="utf-8")
    before = path.stat().st_size
    compact_search_index(tmp_path)
    rewritten = json.loads(path.read_text(encoding="utf-8"))
    assert rewritten["docs"] == index["docs"]
    assert rewritten["config"]["separator"] == "[\\u200b\\s\\-]+"  # jieba's cut mark added
    assert "إنفيديا" in path.read_text(encoding="utf-8") and path.stat().st_size < before
