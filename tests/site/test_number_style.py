"""Numbers on the built pages of every language, as that language's press writes them (issue 10):
no dollar sign beside a scale word, ranges with the language's connector and the unit once, ranks
as whole ordinals, Arabic dual and plural, the Dow in ドル/セント, no decimal on 億."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.pipeline import run_check
from crosscheck.site.locale import format_value, style
from tests.conftest import FACTS
from tests.site.conftest import ALL_LANGUAGES, language_root, pages

OTHER_LANGUAGES = [code for code in ALL_LANGUAGES if code != "en"]
SCALE_WORDS = "億|亿|万|萬|兆|میلیارد|میلیون|تریلیون|هزارمیلیارد|مليار|مليون|تريليون|ترليون"
NUMBER = r"[0-9۰-۹٠-٩][0-9۰-۹٠-٩.,٫٬]*"
GLUED = re.compile(
    rf"(US)?\$\s*{NUMBER}\s*({SCALE_WORDS})|({SCALE_WORDS})\s*\u200e?\s*(US)?\$|\$\s*US"
)
DOLLAR_WORD = {"fa": "دلار", "ar": "دولار", "zh-Hant": "美元", "zh-Hans": "美元", "ja": "ドル"}
RATIO_WORD = {"fa": "برابر", "ar": "مرة", "zh-Hant": "倍", "zh-Hans": "倍", "ja": "倍"}
FRACTIONAL_RANK = {
    "en": re.compile(r"\b[0-9]+\.[0-9]+(st|nd|rd|th)\b|No\. [0-9]+\.[0-9]"),
    "fa": re.compile(r"رتبه\s*[۰-۹]+٫[۰-۹]"),
    "ar": re.compile(r"المرتبة\s*[0-9]+\.[0-9]"),
    "zh-Hant": re.compile(r"第\s*[0-9]+\.[0-9]+\s*[名位]"),
    "zh-Hans": re.compile(r"第\s*[0-9]+\.[0-9]+\s*[名位]"),
    "ja": re.compile(r"[0-9]+\.[0-9]+位"),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class PageText(HTMLParser):
    """The visible text of a page: all of it, and the part in the page's own language (quotes
    and numbers as a source wrote them carry their own ``lang`` and are left out of that)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.all: list[str] = []
        self.own: list[str] = []
        self.numbers: list[str] = []
        self.page_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.page_lang = found.get("lang") or ""
        if tag in VOID:
            return
        if tag == "bdi" and found.get("class") == "cc-num":
            self.numbers.append("")
        self.stack.append((tag, found.get("lang"), found.get("class") == "cc-num"))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _, _ in self.stack]
        if "script" in tags or "style" in tags:
            return
        self.all.append(data)
        langs = [lang for _, lang, _ in self.stack if lang]
        if not langs or langs[-1] == self.page_lang:
            self.own.append(data)
        if any(is_number for _, _, is_number in self.stack):
            self.numbers[-1] += data


def read(path: Path) -> PageText:
    text = PageText()
    text.feed(path.read_text(encoding="utf-8"))
    return text


@pytest.fixture(scope="module")
def texts(site: Path) -> dict[str, dict[str, PageText]]:
    return {code: {page.name: read(page) for page in pages(site, code)} for code in ALL_LANGUAGES}


def numbers_of(texts: dict[str, PageText]) -> list[str]:
    found = [n for page in texts.values() for n in page.numbers]
    assert found, "no formatted numbers on the pages"
    return found


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_dollar_sign_beside_a_scale_word(
    texts: dict[str, dict[str, PageText]], language: str
) -> None:
    for name, page in texts[language].items():
        own = "".join(page.own)
        assert not GLUED.search(own), f"{language}/{name}: {GLUED.search(own)}"
    assert not any("$" in n for n in numbers_of(texts[language]))


def test_arabic_pages_have_no_us_dollar_sign(texts: dict[str, dict[str, PageText]]) -> None:
    """No US$ in any Arabic text: the bidi algorithm scrambles it beside Arabic words. English
    evidence quoted verbatim keeps its "$US279 billion" inside lang="en" dir="ltr"."""
    for name, page in texts["ar"].items():
        own = "".join(page.own)
        assert "US$" not in own and "$US" not in own, name
    assert texts["ar"]
    assert not any("$" in n for n in numbers_of(texts["ar"]))


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_ranges_use_the_language_connector(
    texts: dict[str, dict[str, PageText]], language: str
) -> None:
    connector = style(language).range.replace("{lo}", "").replace("{hi}", "").strip()
    words = [w for w in re.split(r"\s+", connector) if w]
    found = numbers_of(texts[language])
    assert not [n for n in found if re.search(r"[0-9۰-۹]\S*\s*[–—-]\s*\S*[0-9۰-۹]", n)]
    ranges = [n for n in found if all(w in n for w in words)]
    assert ranges, f"no range with {connector!r}"
    if language in DOLLAR_WORD:
        # (the Dow in ドル and セント writes ドル at each end: 288ドル50セント〜289ドル50セント)
        dollars = [n for n in ranges if DOLLAR_WORD[language] in n and "セント" not in n]
        assert dollars
        assert all(n.count(DOLLAR_WORD[language]) == 1 for n in dollars), dollars
        ratios = [n for n in ranges if RATIO_WORD[language] in n]
        assert ratios
        assert all(n.count(RATIO_WORD[language]) == 1 for n in ratios), ratios


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_ranks_are_whole_ordinals(
    site: Path, texts: dict[str, dict[str, PageText]], language: str
) -> None:
    for name, page in texts[language].items():
        own = "".join(page.own)
        assert not FRACTIONAL_RANK[language].search(own), f"{name}: fractional rank"
    result = run_check(FACTS)
    ranks = {
        figure_id: int(float(str(located.record.reference.value)))
        for figure_id, located in result.base.figures.items()
        if located.record.unit == "rank" and located.record.reference.value is not None
    }
    assert ranks, "the fact base has rank figures"
    number_style = style(language)
    for figure_id, rank in ranks.items():
        page = texts[language][f"figure-{figure_id}.html"]
        shown = page.numbers[0]
        if rank <= len(number_style.ordinal_words):
            assert number_style.ordinal_words[rank - 1] in shown, (figure_id, shown)
            assert not re.search(r"[0-9۰-۹]", shown), (figure_id, shown)
        else:
            assert re.search(rf"(?<![0-9.]){rank}(?![0-9.])", shown), (figure_id, shown)
        # The figure's chart writes the rank as its page does (no 第3名 tick beside 第三名).
        chart = language_root(site, language) / "charts" / f"reconciliation-{figure_id}.svg"
        if chart.exists() and rank <= len(number_style.ordinal_words):
            svg = html.unescape(chart.read_text(encoding="utf-8"))
            assert format_value(rank, "rank", language) in svg, (figure_id, language)
            digits = format_value(rank, "rank", language, words=False)
            if digits != format_value(rank, "rank", language):
                assert digits not in svg, (figure_id, digits)


def test_arabic_counts_take_the_dual(texts: dict[str, dict[str, PageText]]) -> None:
    for name, page in texts["ar"].items():
        own = "".join(page.own)
        assert not re.search(r"(?<![0-9.])[12] مرة", own), name
    counted = re.compile(r"(?<![0-9.])[12] (مرة|مرات|سنة|سنوات|نقطة|دولار)(?!\w)")
    assert not [n for n in numbers_of(texts["ar"]) if counted.search(n)]
    assert "مرتان" in "".join(texts["ar"]["methodology.html"].numbers)


def test_japanese_dow_in_dollars_and_no_decimal_on_oku(
    texts: dict[str, dict[str, PageText]],
) -> None:
    dow = texts["ja"]["figure-dow-gain-points-2025-01-27.html"].numbers
    assert "ドル" in dow[0] and "セント" in dow[0] and "ポイント" not in dow[0]
    assert not any(re.search(r"[0-9]\.[0-9]+\s*[億万兆]", n) for n in numbers_of(texts["ja"]))


def test_persian_ratio_range_writes_the_unit_once(site: Path) -> None:
    page = read(language_root(site, "fa") / "index.html")
    assert not any(re.search(r"برابر\s*(–|تا)", n) for n in page.numbers)
    assert any(re.search(r"[۰-۹] تا [۰-۹٫]+ برابر", n) for n in page.numbers)


def test_arabic_durations_in_years_and_months(texts: dict[str, dict[str, PageText]]) -> None:
    """سنة و6 أشهر, not 1.5 سنة: a duration is written in years and months, each noun agreeing
    with its count (سنتين، 3 سنوات، شهرين، 11 شهراً), as fa, ja and zh write theirs."""
    found = numbers_of(texts["ar"])
    assert not [n for n in found if re.search(r"[0-9]\.[0-9]+\s*(سنة|سنوات|سنتان|عام)", n)]
    result = run_check(FACTS)
    durations = {
        figure_id: float(str(located.record.reference.value))
        for figure_id, located in result.base.figures.items()
        if located.record.unit == "years" and located.record.reference.value is not None
    }
    assert durations, "the fact base has durations"
    months_word = re.compile(r"(?<![0-9])(شهر|شهرين|[3-9] أشهر|10 أشهر|11 شهراً)(?!\w)")
    for figure_id, years in durations.items():
        shown = texts["ar"][f"figure-{figure_id}.html"].numbers[0]
        months = round(years * 12) % 12
        assert bool(months_word.search(shown)) == bool(months), (figure_id, shown)
        assert not re.search(r"(?<![0-9.])[12] (سنة|شهر)", shown), (figure_id, shown)
