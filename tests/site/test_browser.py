"""The site as readers see it: Playwright drives Debian's Chromium over the loopback server.

For each language, the home page, a figure page and a source page load with no console error,
no failed request and no request leaving 127.0.0.1; lang/dir are right; the switcher lands on the
same page; charts show; axe-core finds no serious or critical violation. Search in Japanese and
Simplified Chinese finds a word of that language and no page of another. Screenshots of a figure
page per language are kept in test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from crosscheck.site.locale import SITE_LANGUAGES
from tests.conftest import REPO
from tests.site.conftest import ALL_LANGUAGES, Site, language_tag

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SOURCE_OF = {
    "en": "source-wsj-deepseek-zh-hans.html",
    "fa": "source-axios-bubble-fa.html",
    "zh-Hant": "source-saint-paul-sun-zh-hant.html",
    "zh-Hans": "source-wsj-deepseek-zh-hans.html",
    "ja": "source-baogiaothong-deepseek-ja.html",
    "ar": "source-plur-daddy-capex-ar.html",
}
FIGURE = "figure-nvda-value-loss-2025-01-27.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """One page load, with everything that went wrong on the way."""

    def __init__(self, browser: object, site: Site) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.site = site
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on(
            "response",
            lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        self.context.route("**/*", self._only_loopback)

    def _only_loopback(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.foreign.append(url)
            route.abort()  # type: ignore[attr-defined]

    def open(self, path: str) -> object:
        self.page.goto(self.site.url + path, wait_until="networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


def prefix(language: str) -> str:
    return "" if language == "en" else f"{language}/"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_pages_load_cleanly_in_every_language(browser: object, served: Site, language: str) -> None:
    visit = Visit(browser, served)
    try:
        for name in ("index.html", FIGURE, SOURCE_OF[language]):
            page = visit.open(prefix(language) + name)
            lang = page.evaluate("document.documentElement.lang")  # type: ignore[attr-defined]
            assert lang == language_tag(language)
            direction = page.evaluate("document.documentElement.dir")  # type: ignore[attr-defined]
            assert direction == SITE_LANGUAGES[language].direction
            if name == FIGURE:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"figure-{language}.png"), full_page=True)  # type: ignore[attr-defined]
                # A full-page screenshot lays every lazy chart out: let what it started finish
                # before the next page is opened (a navigation aborts a request in flight).
                page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
                sizes = page.evaluate(  # type: ignore[attr-defined]
                    "[...document.querySelectorAll('img[src*=\"charts/\"]')].map(i => [i.complete, i.naturalWidth])"
                )
                assert sizes and all(done and width > 100 for done, width in sizes), sizes
        assert visit.errors == [], visit.errors
        assert visit.failed == [], visit.failed
        assert visit.foreign == [], visit.foreign
    finally:
        visit.close()


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_language_switcher_lands_on_the_same_page(
    browser: object, served: Site, language: str
) -> None:
    visit = Visit(browser, served)
    try:
        page = visit.open(prefix(language) + FIGURE)
        target = "ja" if language != "ja" else "ar"
        page.click(".md-header__option .md-select .md-header__button")  # type: ignore[attr-defined]
        page.click(f'.md-select__link[hreflang="{target}"]')  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.url == served.url + prefix(target) + FIGURE  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.lang") == target  # type: ignore[attr-defined]
    finally:
        visit.close()


@pytest.mark.parametrize(("language", "word"), [("ja", "時価総額"), ("zh-Hans", "英伟达")])
def test_search_finds_cjk_words_in_the_readers_language_only(
    browser: object, served: Site, language: str, word: str
) -> None:
    visit = Visit(browser, served)
    try:
        page = visit.open(prefix(language) + "index.html")
        page.click(".md-search__input")  # type: ignore[attr-defined]
        page.keyboard.type(word)  # type: ignore[attr-defined]
        # An input method ends with a key release; Material's search listens for it.
        page.keyboard.press("End")  # type: ignore[attr-defined]
        page.wait_for_selector(".md-search-result__link", timeout=15000)  # type: ignore[attr-defined]
        links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
        assert links
        assert all(link.startswith(served.url + prefix(language)) for link in links), links
        others = [code for code in ALL_LANGUAGES if code not in ("en", language)]
        assert not any(f"/{code}/" in link for link in links for code in others)
        assert visit.errors == [] and visit.foreign == []
    finally:
        visit.close()


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_serious_accessibility_violations(browser: object, served: Site, language: str) -> None:
    visit = Visit(browser, served)
    try:
        problems = []
        for name in ("index.html", FIGURE, SOURCE_OF[language]):
            page = visit.open(prefix(language) + name)
            page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )  # type: ignore[attr-defined]
            for violation in result["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    problems.append(f"{name}: {violation['id']} {targets}")
        assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
    finally:
        visit.close()
