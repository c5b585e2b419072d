"""stated(): a number as its source wrote it, isolated for bidi, glossed in the page's language."""

from __future__ import annotations

import copy

import pytest

from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.macros import Macros, needs_gloss
from tests.conftest import FACTS, REPO

RESULT = run_check(FACTS)
STRINGS = load_strings(REPO / "build")


def macros(language: str, strings: dict | None = None) -> Macros:
    return Macros(SiteContext.create(RESULT, language, strings or STRINGS), "index.html")


def test_a_persian_number_on_a_chinese_page_is_isolated_rtl_and_glossed() -> None:
    html = str(macros("zh-Hans").stated("fa-deepseek-cost"))
    assert html.startswith('“<bdi lang="fa" dir="rtl">6 میلیون دلار</bdi>”（即<bdi class="cc-num">')
    assert html.endswith("</bdi>）")


def test_a_chinese_number_on_a_persian_page_gets_a_persian_gloss() -> None:
    html = str(macros("fa").stated("zhs-nvda-value-loss"))
    assert html.startswith(
        '«<bdi lang="zh-Hans" dir="ltr">6000 亿美元</bdi>» (<bdi class="cc-num">'
    )
    assert "۶۰۰" in html  # the gloss is in the page's digits


def test_no_gloss_in_the_sources_own_language() -> None:
    assert str(macros("fa").stated("fa-deepseek-cost")) == (
        '«<bdi lang="fa" dir="rtl">6 میلیون دلار</bdi>»'
    )
    assert str(macros("fa").stated("fa-deepseek-cost", quoted=False)) == (
        '<bdi lang="fa" dir="rtl">6 میلیون دلار</bdi>'
    )
    assert not needs_gloss("zh-Hant", "zh-Hant") and needs_gloss("ja", "zh-Hant")


def test_the_other_chinese_script_is_glossed_in_the_pages_script() -> None:
    # 6000 亿美元 (a zh-Hans source) on a zh-Hant page: glossed as a Taiwan editor writes it.
    hant = str(macros("zh-Hant").stated("zhs-nvda-value-loss"))
    assert hant.startswith('「<bdi lang="zh-Hans" dir="ltr">6000 亿美元</bdi>」（')
    assert "億" in hant.split("cc-num")[1] and "亿" not in hant.split("cc-num")[1]
    hans = str(macros("zh-Hans").stated("zht-nvda-value-loss"))
    assert hans.startswith('“<bdi lang="zh-Hant" dir="ltr">')
    assert "亿" in hans.split("cc-num")[1] and "億" not in hans.split("cc-num")[1]
    assert needs_gloss("zh-Hans", "zh-Hant") and needs_gloss("zh-Hant", "zh-Hans")


@pytest.mark.parametrize(
    ("language", "marks"),
    [("zh-Hans", "“”"), ("zh-Hant", "「」"), ("ja", "「」"), ("fa", "«»"), ("ar", "«»")],
)
def test_the_original_is_in_the_pages_quotation_marks(language: str, marks: str) -> None:
    html = str(macros(language).stated("ja-nvda-value-loss"))
    opening, closing = marks
    assert html.startswith(opening + '<bdi lang="ja"') and ("</bdi>" + closing) in html


def test_verdict_goes_inside_the_same_brackets() -> None:
    html = str(macros("ar").stated("fa-stargate-duration", verdict=True))
    assert '<bdi lang="fa" dir="rtl">' in html
    assert "؛ " in html and html.endswith("</a>)")
    assert 'class="cc-verdict cc-verdict--wrong"' in html
    same = str(macros("ja").stated("ja-deepseek-cost", verdict=True))
    assert same.startswith('「<bdi lang="ja" dir="ltr">') and "」（<a " in same


def test_gloss_patterns_are_text_not_markup() -> None:
    strings = copy.deepcopy(STRINGS)
    strings["en"]["general"]["gloss"] = "<i>{original}</i> <b onclick=x>({gloss})</b>"
    html = str(macros("en", strings).stated("fa-deepseek-cost"))
    assert "<i>" not in html and "&lt;i&gt;" in html and "&lt;b onclick=x&gt;" in html


@pytest.mark.parametrize("claim", ["fa-sputnik", "zht-v2-release", "zht-selloff-date"])
def test_dates_are_glossed_as_dates(claim: str) -> None:
    html = str(macros("en").stated(claim))
    assert '<bdi class="cc-num">' in html and any(c.isdigit() for c in html.split("cc-num")[1])
