"""The built site: every language complete, lang/dir right, alternates, search, data, no third
party. The browser tests (issue #5) drive it in Chromium; these read the files."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.export import export_factbase
from crosscheck.pipeline import run_check
from crosscheck.schema import schema_text
from crosscheck.site.locale import SITE_LANGUAGES
from tests.conftest import FACTS
from tests.site.conftest import ALL_LANGUAGES, language_root, language_tag, pages


class Tags(HTMLParser):
    """Collects tags with their attributes, and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_jsonld = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def test_every_language_has_the_same_pages(site: Path) -> None:
    english = {p.name for p in pages(site, "en")}
    assert len(english) > 60
    for language in ALL_LANGUAGES:
        assert {p.name for p in pages(site, language)} == english, language


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_html_lang_and_dir_on_every_page(site: Path, language: str) -> None:
    expected = f'<html lang="{language_tag(language)}" dir="{SITE_LANGUAGES[language].direction}"'
    for page in pages(site, language):
        assert expected in page.read_text(encoding="utf-8")[:400], page


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_hreflang_alternates_are_absolute_and_point_at_the_same_page(
    site: Path, site_url: str, language: str
) -> None:
    for page in [p for p in pages(site, language) if p.name != "404.html"][:20]:
        alternates = {
            attrs["hreflang"]: attrs["href"]
            for tag, attrs in parse(page).tags
            if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang")
        }
        tags = {language_tag(code): code for code in ALL_LANGUAGES}
        assert set(alternates) == {*tags, "x-default"}, page
        for tag, href in alternates.items():
            assert href and href.startswith(site_url), href
            code = tags.get(tag, tag)
            prefix = "" if code in ("en", "x-default") else f"{code}/"
            assert href == f"{site_url}{prefix}{page.name}", (page, href)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_language_switcher_lands_on_the_same_page(site: Path, language: str) -> None:
    root = language_root(site, language)
    page = root / "figure-nvda-drop-2025-01-27.html"
    links = [
        a
        for tag, a in parse(page).tags
        if tag == "a" and "md-select__link" in (a.get("class") or "")
    ]
    assert {a["hreflang"] for a in links} == {language_tag(code) for code in ALL_LANGUAGES}
    for link in links:
        target = (page.parent / str(link["href"])).resolve()
        assert target.name == page.name and target.exists(), link


def test_404_pages_have_their_language(site: Path) -> None:
    for language in ALL_LANGUAGES:
        text = (language_root(site, language) / "404.html").read_text(encoding="utf-8")
        tag = language_tag(language)
        assert f'lang="{tag}" dir="{SITE_LANGUAGES[language].direction}"' in text


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_search_index_holds_only_this_language(site: Path, language: str) -> None:
    index = json.loads((language_root(site, language) / "search" / "search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    assert locations
    others = [code for code in ALL_LANGUAGES if code != "en"]
    assert not any(loc.split("/")[0] in others for loc in locations)
    titles = " ".join(doc["title"] for doc in index["docs"])
    script = {"fa": "[\u0600-\u06ff]", "ar": "[\u0600-\u06ff]", "ja": "[\u3040-\u30ff]",
              "zh-Hans": "[\u4e00-\u9fff]", "zh-Hant": "[\u4e00-\u9fff]", "en": "[A-Za-z]"}  # fmt: skip
    assert re.search(script[language], titles), "titles are in the page language"


def test_chinese_search_index_is_segmented_into_words(site: Path) -> None:
    index = json.loads((site / "zh-Hans" / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b英伟达\u200b" in text or "\u200b英伟达" in text


def test_no_request_to_another_host_in_any_page(site: Path, site_url: str) -> None:
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            if tag in ("script", "img", "iframe", "source", "audio", "video"):
                src = attrs.get("src") or ""
                assert not re.match(r"(https?:)?//", src), (page, tag, src)
            if tag == "link":
                href = attrs.get("href") or ""
                local = not re.match(r"(https?:)?//", href) or href.startswith(site_url)
                assert local, (page, href)
    for css in site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css
        assert (
            "@import" not in css.read_text(encoding="utf-8")
            or "fonts.googleapis" not in css.read_text()
        )


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_claimreview_jsonld_is_valid_and_in_the_page_language(
    site: Path, site_url: str, language: str
) -> None:
    seen = 0
    for page in pages(site, language):
        for block in parse(page).jsonld:
            data = json.loads(block)
            assert data["@type"] == "ClaimReview"
            assert data["inLanguage"] == language_tag(language)
            assert 1 <= data["reviewRating"]["ratingValue"] <= 5
            assert data["url"].startswith(site_url)
            seen += 1
    assert seen >= 40


def test_open_data_downloads(site: Path) -> None:
    result = run_check(FACTS)
    data = json.loads((site / "data" / "factbase.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(export_factbase(result)))
    for language in ALL_LANGUAGES:
        raw = (language_root(site, language) / "data" / f"claims-{language}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert len(rows) == len(result.base.claims)
    package = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} >= {
        f"claims-{language}.csv" for language in ALL_LANGUAGES
    }
    assert (site / "data" / "schema.json").read_text(encoding="utf-8") == schema_text()
    for source_id, source in result.base.sources.items():
        archived = site / "archive" / f"{source_id}.txt"
        assert (
            archived.read_bytes() == (source.file.path.parent / source.record.snapshot).read_bytes()
        )


def test_persian_pages_use_persian_digits_and_the_solar_hijri_date(site: Path) -> None:
    page = (site / "fa" / "figure-selloff-date.html").read_text(encoding="utf-8")
    assert "بهمن" in page and "۱۴۰۳" in page
    numbers = re.findall(
        r'<bdi class="cc-num">([^<]*)</bdi>', (site / "fa" / "figures.html").read_text()
    )
    assert numbers
    assert not any(re.search(r"[0-9]", n) for n in numbers), numbers[:5]


def test_arabic_pages_use_latin_digits_per_cldr(site: Path) -> None:
    numbers = re.findall(
        r'<bdi class="cc-num">([^<]*)</bdi>', (site / "ar" / "figures.html").read_text()
    )
    assert any(re.search(r"[0-9]", n) for n in numbers)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_figure_page_with_claims_shows_a_chart_with_a_table(
    site: Path, language: str
) -> None:
    root = language_root(site, language)
    page = root / "figure-nvda-value-loss-2025-01-27.html"
    tags = parse(page).tags
    images = [a for tag, a in tags if tag == "img" and "charts/" in (a.get("src") or "")]
    assert images and images[0].get("alt")
    svg = (root / str(images[0]["src"])).read_text(encoding="utf-8")
    assert svg.count("<path") > 20
    assert any(tag == "table" for tag, _ in tags)


def test_quotes_carry_their_language_and_direction(site: Path) -> None:
    page = site / "ja" / "figure-deepseek-v3-training-cost.html"
    quotes = [
        a
        for tag, a in parse(page).tags
        if tag == "blockquote" and "cc-original" in (a.get("class") or "")
    ]
    assert {q["lang"] for q in quotes} >= {"fa", "ja", "zh-Hans"}
    assert all(q["dir"] == ("rtl" if q["lang"] in ("fa", "ar") else "ltr") for q in quotes)
