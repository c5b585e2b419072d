"""Search in the reader's own spelling, in Chromium: a query typed as readers type it (without
hamza, with the other language's yeh or kaf, without the non-joiner, in full-width letters) finds
the same pages as the page's own spelling, and the results still show the page's spelling. The
browser's fold is the Python one, character for character (build/search/normalise.yml)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from crosscheck.site.searchnorm import FOLD_SCRIPT, load_folding
from tests.conftest import REPO
from tests.site.conftest import Site
from tests.site.test_browser import Visit, browser, prefix  # noqa: F401 (fixture)

FOLDING = load_folding(REPO / "build" / "search" / "normalise.yml")

# (language, the spelling on the page, the spelling a reader types)
VARIANTS = [
    ("ar", "إنفيديا", "انفيديا"),  # no hamza
    ("ar", "إنفيديا", "انفيـديا"),  # tatweel
    ("fa", "انویدیا", "انويديا"),  # Arabic yeh
    ("fa", "۲۰۲۵", "2025"),  # Latin digits
    ("ja", "DeepSeek", "ＤｅｅｐＳｅｅｋ"),  # full-width Latin
    ("zh-Hans", "NVIDIA", "ＮＶＩＤＩＡ"),
    ("zh-Hant", "DeepSeek", "ＤｅｅｐＳｅｅｋ"),
    ("zh-Hant", "英偉達", "英伟达"),  # Simplified typed on the Traditional edition
    ("zh-Hant", "5890億", "5890亿"),
    ("zh-Hans", "英伟达", "英偉達"),  # Traditional typed on the Simplified edition
    ("zh-Hans", "5890亿", "5890億"),
]

# (language, a compound as a reader types it): words and compounds the pages write, which the
# index holds cut in pieces (jieba at build time, TinySegmenter in lunr.ja).
COMPOUNDS = [
    ("ja", "ダウ平均"),
    ("ja", "上げ幅"),
    ("ja", "5890億"),
    ("zh-Hans", "5890亿"),
    ("zh-Hans", "英伟达股价"),
    ("zh-Hans", "市值"),
    ("zh-Hant", "5890億"),
    ("zh-Hant", "市值"),
    ("zh-Hant", "輝達股價"),
    ("zh-Hant", "辉达股价"),  # Simplified, on the Traditional edition
]


@pytest.fixture()
def visit(browser: object, served: Site) -> Iterator[Visit]:  # noqa: F811
    visit = Visit(browser, served)
    yield visit
    visit.close()


def search(page: object, query: str) -> tuple[str, list[str], list[str]]:
    """The result count line, the result links and the highlighted words, for one query."""
    page.fill(".md-search__input", "")  # type: ignore[attr-defined]
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type(query)  # type: ignore[attr-defined]
    page.keyboard.press("End")  # type: ignore[attr-defined]
    page.wait_for_selector(".md-search-result__link", timeout=15000)  # type: ignore[attr-defined]
    # Material searches at every keystroke: read the results once they stop changing (the
    # first ones shown may answer the query typed so far).
    seen: tuple[str, list[str]] | None = None
    for _ in range(40):
        meta = page.inner_text(".md-search-result__meta")  # type: ignore[attr-defined]
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
        if seen == (meta, links):
            break
        seen = (meta, links)
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
    marks = page.eval_on_selector_all(
        ".md-search-result mark", "els => els.map(e => e.textContent)"
    )  # type: ignore[attr-defined]
    return meta, links, marks


@pytest.mark.parametrize(("language", "canonical", "variant"), VARIANTS)
def test_a_variant_spelling_finds_the_same_pages(
    visit: Visit, language: str, canonical: str, variant: str
) -> None:
    assert variant != canonical and FOLDING.fold(variant) == FOLDING.fold(canonical)
    page = visit.open(prefix(language) + "index.html")
    expected = search(page, canonical)
    found = search(page, variant)
    assert expected[1], f"'{canonical}' finds nothing in {language}"
    assert found[:2] == expected[:2]
    # The results show the page's own spelling, highlighted, not the folded one (a compound
    # is highlighted piece by piece).
    assert any(m and m.lower() in canonical.lower() for m in found[2]), found[2]
    assert visit.errors == [] and visit.foreign == [], visit.errors


def test_the_browser_folds_exactly_as_python(visit: Visit, served: Site) -> None:
    page = visit.open("ar/index.html")
    page.add_script_tag(url=served.url + "ar/" + FOLD_SCRIPT)  # type: ignore[attr-defined]
    samples = [written for written, _ in FOLDING.examples] + list(FOLDING.table)
    samples.append("".join(FOLDING.table) + " إنفيديا ＤｅｅｐＳｅｅｋ ﻻ ｶﾞ ۵۸۹ می\u200cشود")
    folded = page.evaluate("samples => samples.map(s => self.crosscheckFold(s))", samples)  # type: ignore[attr-defined]
    assert folded == [FOLDING.fold(s) for s in samples]


def test_a_full_width_colon_is_not_read_as_a_field_name(visit: Visit) -> None:
    # NFKC turns ： into ":", which lunr would read as "search the field DeepSeek".
    page = visit.open("ja/index.html")
    assert search(page, "ＤｅｅｐＳｅｅｋ：")[:2] == search(page, "DeepSeek")[:2]
    assert visit.errors == [], visit.errors


def pages_writing(served: Site, language: str, query: str) -> set[str]:
    """The pages of a language whose indexed text writes `query`, as folded (jieba's cut marks
    and markup removed): what the pages declare, read from the built index."""
    path = served.root / prefix(language) / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    wanted = FOLDING.fold(query)
    return {
        served.url + prefix(language) + doc["location"].split("#")[0]
        for doc in docs
        if wanted
        in FOLDING.fold(re.sub(r"<[^>]*>", "", doc["title"] + " " + doc["text"])).replace(
            "\u200b", ""
        )
    }


@pytest.mark.parametrize(("language", "compound"), COMPOUNDS)
def test_a_compound_finds_the_pages_that_write_it(
    visit: Visit, served: Site, language: str, compound: str
) -> None:
    expected = pages_writing(served, language, compound)
    assert expected, f"no {language} page writes '{compound}'"
    page = visit.open(prefix(language) + "index.html")
    _, links, marks = search(page, compound)
    found = {re.split(r"[?#]", link)[0] for link in links}
    assert found & expected, (compound, sorted(found), sorted(expected))
    # The compound's words are highlighted, as the page writes them.
    assert any(m and FOLDING.fold(m).lower() in FOLDING.fold(compound).lower() for m in marks)
    assert visit.errors == [] and visit.foreign == [], visit.errors


def test_material_query_segmentation_is_replaced(served: Site) -> None:
    # Ours cuts the query into the index's terms; Material's would cut it again afterwards.
    worker = next(
        (served.root / "ja" / "assets" / "javascripts" / "workers").glob("*.material.min.js")
    )
    assert "invertedIndex)].join" not in worker.read_text(encoding="utf-8")
