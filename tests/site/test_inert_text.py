"""Fact-base text is text, never markup, on every page of every language (issue 8, item 1).

One copy of the project is tampered with: hostile Markdown, HTML and Jinja are appended to every
reader-facing text slot the fact base has (English labels, definitions, notes, source names and
titles, publishers, claim translations and reasons, every entry of every language's catalog), to
the verbatim quotes and stated numbers that hand-written pages show through macros (the archived
snapshots edited to match, with new sha256), and the six-language site is built once. Then:

- the built HTML of every page has no event-handler attribute, no javascript: URL, no element
  and no request that came from the data, and every table keeps its columns;
- the payload is shown, literally, as text on the hand-written pages that show data;
- Chromium opens those pages in every language (and a figure and a source page) with no dialog
  and no request leaving 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check
from crosscheck.problems import render_text
from tests.conftest import REPO
from tests.site.conftest import Site, build_site, default_site_url, language_root, serve

# No digits and no '%' in the part that goes into stated numbers (it must still read as the
# same number); every Markdown construct the enabled extensions know, and a few they might.
MARKUP = (
    " *em*{: onmouseover=alert(document.domain) }"
    " [js](javascript:alert(document.domain)){: autofocus onfocus=alert(document.domain) }"
    " ![px](http://evil.invalid/px.png) <http://evil.invalid/auto> cell | split"
    " <script>alert(document.domain)</script> <img src=x onerror=alert(document.domain)>"
    ' <b class="cc-pwned">b</b> <!-- c --> [^n] &lt;i&gt; \\*x\\* ~~del~~ :smile:'
    " {{ config }}"
)
PAYLOAD = MARKUP + " {% if true %}jinja{% endif %}"
# Inline code (backticks) in the payload would stop being a test of the macros: the Markdown of
# a code span is never parsed, so it is left out on purpose.
PLAIN_STRING_FIELDS = ("publisher", "by", "title")
TEXT_KEYS = set(LANGUAGES)
MACRO_CLAIMS = re.compile(r"\b(quote|stated|quote_text|stated_text)\(\"([a-z0-9-]+)\"")


def _is_text_slot(node: object) -> bool:
    return (
        isinstance(node, dict)
        and isinstance(node.get("en"), str)
        and set(node) <= TEXT_KEYS
        and all(isinstance(v, str) for v in node.values())
    )


def _taint(node: Any) -> Any:
    """Append the payload to every Text slot and every plain reader-facing string."""
    if _is_text_slot(node):
        return {**node, "en": node["en"] + PAYLOAD}
    if isinstance(node, dict):
        tainted = {key: _taint(value) for key, value in node.items()}
        for key in PLAIN_STRING_FIELDS:
            if isinstance(tainted.get(key), str):
                tainted[key] += PAYLOAD
        if isinstance(tainted.get("authors"), list):
            tainted["authors"] = [f"{a}{PAYLOAD}" for a in tainted["authors"]]
        return tainted
    if isinstance(node, list):
        return [_taint(item) for item in node]
    return node


def _dump(path: Path, data: object) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8"
    )


def _taint_quotes(facts: Path, claim_ids: set[str]) -> dict[str, str]:
    """Put the payload into the quotes (and stated numbers) of the given claims, and into the
    snapshots they quote. Returns claim id → stated text, for the claims whose stated number
    carries the payload."""
    sources = {}
    for path in sorted((facts / "sources").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for record in data.get("sources") or []:
            sources[record["id"]] = (path, data, record)
    units = {}
    for path in sorted((facts / "figures").glob("*.yml")):
        for record in yaml.safe_load(path.read_text(encoding="utf-8")).get("figures") or []:
            units[record["id"]] = record["unit"]
    snapshots: dict[str, str] = {}
    stated_tainted: dict[str, str] = {}
    for path in sorted((facts / "figures").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in data.get("claims") or []:
            if claim["id"] not in claim_ids:
                continue
            _, _, source = sources[claim["source"]]
            snapshot_path = sources[claim["source"]][0].parent / source["snapshot"]
            text = snapshots.setdefault(source["id"], snapshot_path.read_text(encoding="utf-8"))
            quote, stated = claim["quote"], claim.get("stated")
            if quote not in text:
                continue  # quoted after whitespace folding: leave it
            numeric = units.get(claim.get("figure") or "", "date") != "date"
            if stated and numeric and quote.endswith(stated):
                # the number ends the quote: nothing (no hedge word) sits after it
                claim["stated"] = stated + MARKUP
                claim["quote"] = quote + MARKUP
                stated_tainted[claim["id"]] = claim["stated"]
            else:
                claim["quote"] = quote + MARKUP
            snapshots[source["id"]] = text.replace(quote, claim["quote"], 1)
        _dump(path, data)
    for source_id, text in snapshots.items():
        path, data, record = sources[source_id]
        raw = text.encode("utf-8")
        (path.parent / record["snapshot"]).write_bytes(raw)
        record["sha256"] = hashlib.sha256(raw).hexdigest()
        _dump(path, data)
    return stated_tainted


@dataclass(frozen=True)
class Hostile:
    project: Path
    stated: dict[str, str]
    """Claim id → its tainted stated text, for the claims whose stated number carries it."""
    stated_on: dict[str, set[str]]
    """Hand-written page (e.g. 'methodology.html') → claims it shows with stated()."""


def hostile_project(root: Path) -> Hostile:
    """A copy of the project with the payload in every text slot."""
    project = root / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    facts = project / "facts"
    macros = {
        page.with_suffix(".html").name: MACRO_CLAIMS.findall(page.read_text(encoding="utf-8"))
        for page in (project / "docs" / "en").glob("*.md")
    }
    shown = {claim_id for calls in macros.values() for _, claim_id in calls}
    stated = _taint_quotes(facts, shown)
    stated_on = {
        name: {c for macro, c in calls if macro == "stated" and c in stated}
        for name, calls in macros.items()
    }
    for path in sorted(facts.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name == "translations":
            data["texts"] = {key: value + PAYLOAD for key, value in data["texts"].items()}
        else:
            data = _taint(data)
        _dump(path, data)
    return Hostile(project, stated, {k: v for k, v in stated_on.items() if v})


class Page(HTMLParser):
    """Tags with attributes, the text a reader sees, and every table's row widths."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.tables: list[list[int]] = []
        self._open: list[str] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script = attributes
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append(0)
        elif tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
        else:
            self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Hostile]]:
    root = tmp_path_factory.mktemp("hostile")
    tampered = hostile_project(root)
    assert tampered.stated_on, "the docs show stated numbers through macros"
    result = run_check(tampered.project / "facts")
    assert result.ok, render_text(result.problems)
    site = build_site(root / "site", project=tampered.project)
    with serve(site, default_site_url(tampered.project)) as served:
        yield served, tampered


def hand_written_pages(language: str) -> list[str]:
    return sorted(p.with_suffix(".html").name for p in (REPO / "docs" / language).glob("*.md"))


ACTIVE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_markup_from_the_fact_base_in_any_page(
    hostile: tuple[Site, Hostile], language: str
) -> None:
    site = hostile[0].root
    root = language_root(site, language)
    checked = 0
    for path in sorted(root.glob("*.html")):
        page = read_page(path)
        name = path.relative_to(site)
        for tag, attrs in page.tags:
            assert not [a for a in attrs if a.startswith("on")], (name, tag, attrs)
            for attribute in ("href", "src", "action", "formaction", "srcset", "poster"):
                value = attrs.get(attribute, "")
                assert not ACTIVE_URL.match(value), (name, tag, attrs)
                assert "evil.invalid" not in value, (name, tag, attrs)
            assert "cc-pwned" not in attrs.get("class", ""), (name, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), (name, attrs)
            assert "autofocus" not in attrs, (name, tag, attrs)
            assert tag not in ("del", "sup", "iframe", "object", "embed"), (name, tag, attrs)
        for attrs, code in page.scripts:
            if attrs.get("type") != "application/ld+json":
                assert "document.domain" not in code, name
        for widths in page.tables:
            assert len(set(widths)) <= 1, (name, widths)  # a '|' from data split no row
        checked += 1
    assert checked >= len(hand_written_pages(language))


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_payload_is_shown_as_text_on_hand_written_pages(
    hostile: tuple[Site, Hostile], language: str
) -> None:
    site = hostile[0].root
    root = language_root(site, language)
    shown = []
    for name in hand_written_pages(language):
        text = "".join(read_page(root / name).text)
        if MARKUP.strip() in text:
            shown.append(name)
    # The timeline shows labels; the methodology shows labels, quotes and stated numbers.
    assert {"timeline.html", "methodology.html"} <= set(shown), shown


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_stated_numbers_are_shown_as_text(hostile: tuple[Site, Hostile], language: str) -> None:
    site, tampered = hostile
    root = language_root(site.root, language)
    for name, claim_ids in tampered.stated_on.items():
        text = "".join(read_page(root / name).text)
        for claim_id in claim_ids:
            assert tampered.stated[claim_id] in text, (language, name, claim_id)


CHROMIUM_PAGES = ("index.html", "timeline.html", "methodology.html", "corrections.html")


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_stay_inert_in_chromium(hostile: tuple[Site, Hostile], language: str) -> None:
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import CHROMIUM, FLAGS, Visit

    site = hostile[0]
    prefix = "" if language == "en" else f"{language}/"
    root = language_root(site.root, language)
    extra = [
        next(p.name for p in sorted(root.glob("figure-*.html"))),
        next(p.name for p in sorted(root.glob("source-*.html"))),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        visit = Visit(browser, site)
        dialogs: list[str] = []
        visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            for name in (*CHROMIUM_PAGES, *extra):
                page = visit.open(prefix + name)
                # Hover and focus everything a payload could have turned into a handler.
                page.evaluate(  # type: ignore[attr-defined]
                    """() => document.querySelectorAll('article *').forEach(e => {
                        e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                        if (e.focus) e.focus();
                    })"""
                )
                page.wait_for_timeout(50)  # type: ignore[attr-defined]
                links = page.eval_on_selector_all(  # type: ignore[attr-defined]
                    "a[href]", "els => els.map(e => e.href)"
                )
                assert not [h for h in links if ACTIVE_URL.match(h)], (name, links)
                assert page.locator(".cc-pwned").count() == 0, name  # type: ignore[attr-defined]
            assert dialogs == [], dialogs
            assert visit.foreign == [], visit.foreign
        finally:
            visit.close()
            browser.close()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "fa", "ja"])
def test_search_results_show_the_payload_as_text(
    hostile: tuple[Site, Hostile], language: str
) -> None:
    """Material renders search results with innerHTML: the index must hold escaped text."""
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import CHROMIUM, FLAGS, Visit

    site = hostile[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        visit = Visit(browser, site)
        dialogs: list[str] = []
        visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page = visit.open(("" if language == "en" else f"{language}/") + "index.html")
            page.click(".md-search__input")  # type: ignore[attr-defined]
            page.keyboard.type("pwned")  # type: ignore[attr-defined]
            page.keyboard.press("End")  # type: ignore[attr-defined]
            page.wait_for_selector(".md-search-result__link", timeout=15000)  # type: ignore[attr-defined]
            page.wait_for_timeout(300)  # type: ignore[attr-defined]
            assert page.locator(".md-search-result .cc-pwned").count() == 0  # type: ignore[attr-defined]
            assert page.locator(".md-search-result img").count() == 0  # type: ignore[attr-defined]
            shown = page.eval_on_selector_all(  # type: ignore[attr-defined]
                ".md-search-result__article", "els => els.map(e => e.textContent)"
            )
            assert any("pwned" in text for text in shown), shown  # found, and shown as text
            assert dialogs == [] and visit.foreign == [], (dialogs, visit.foreign)
        finally:
            visit.close()
            browser.close()
