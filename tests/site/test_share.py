"""Link previews in the built site: Open Graph and Twitter-card tags on every page, in its
language, and the share cards they point at."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.pages import reference_text
from crosscheck.site.share import OG_LOCALES, RLM
from tests.conftest import FACTS, REPO, key_date_figure
from tests.site.conftest import ALL_LANGUAGES, language_root, pages

SCRIPT = {
    "fa": "[\u0600-\u06ff]",
    "ar": "[\u0600-\u06ff]",
    "ja": "[\u3040-\u30ff]",
    "zh-Hans": "[\u4e00-\u9fff]",
    "zh-Hant": "[\u4e00-\u9fff]",
    "en": "[A-Za-z]",
}


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        name = found.get("property") or found.get("name")
        if tag == "meta" and name:
            self.meta.setdefault(name, []).append(found.get("content") or "")
        if tag == "link":
            self.links.append(found)


def head(page: Path) -> Head:
    parser = Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_page_has_its_preview_tags_in_its_language(
    site: Path, site_url: str, language: str
) -> None:
    prefix = "" if language == "en" else f"{language}/"
    others = {OG_LOCALES[code] for code in ALL_LANGUAGES if code != language}
    checked = 0
    for page in pages(site, language):
        if page.name == "404.html":
            continue
        meta = head(page).meta
        one = {name: values[0] for name, values in meta.items()}
        assert one["og:url"] == f"{site_url}{prefix}{page.name}", page
        assert one["og:locale"] == OG_LOCALES[language]
        assert set(meta["og:locale:alternate"]) == others
        assert one["og:type"] == ("website" if page.name == "index.html" else "article")
        assert one["twitter:card"] == "summary_large_image"
        for og, twitter in (("title", "title"), ("description", "description"), ("image", "image")):
            assert one[f"og:{og}"] and one[f"og:{og}"] == one[f"twitter:{twitter}"], (page, og)
        assert re.search(SCRIPT[language], one["og:title"] + one["og:description"]), page
        image = one["og:image"]
        assert image.startswith(f"{site_url}{prefix}cards/") and image.endswith(".png")
        card = language_root(site, language) / image.removeprefix(site_url + prefix)
        assert card.is_file(), image  # the site's own file: no other host is named
        assert png_size(card) == (1200, 630)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_figure_and_source_pages_show_their_own_card_and_verdicts(
    site: Path, site_url: str, language: str, contexts: dict[str, SiteContext]
) -> None:
    ctx = contexts[language]
    root = language_root(site, language)
    base = ctx.result.base
    for figure_id, located in base.figures.items():
        meta = head(root / f"figure-{figure_id}.html").meta
        label = ctx.text(located.record.label, f"figure/{figure_id}/label")
        assert meta["og:image"][0].endswith(f"/cards/figure-{figure_id}.png")
        mark = RLM if ctx.language.direction == "rtl" else ""
        assert meta["og:title"][0].startswith(mark + label)
        description = meta["og:description"][0].removeprefix(mark)
        assert description.startswith(label)
        reference = reference_text(ctx, figure_id)
        if reference is not None and len(label) + len(reference) < 200:
            assert reference in description, (figure_id, description)
        verdicts = {c.record.verdict for c in base.claims.values() if c.record.figure == figure_id}
        for verdict in verdicts:
            if len(description) < 290:  # a shortened description may lose the last verdicts
                assert ctx.t(f"verdicts.{verdict}") in description, (figure_id, verdict)
    for source_id in base.sources:
        meta = head(root / f"source-{source_id}.html").meta
        assert meta["og:image"][0].endswith(f"/cards/source-{source_id}.png")
    for page in ("index.html", "methodology.html"):
        assert head(root / page).meta["og:image"][0] == f"{site_url}{ctx.prefix}cards/site.png"


def test_hand_written_pages_describe_themselves_from_their_front_matter(site: Path) -> None:
    meta = head(site / "fa" / "corrections.html").meta
    front = (REPO / "docs" / "fa" / "corrections.md").read_text(encoding="utf-8")
    description = re.search(r'^description: "(.*)"$', front, re.M)
    assert description is not None
    assert meta["og:description"] == [RLM + description.group(1)]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_page_links_its_languages_atom_feeds(
    site: Path, language: str, contexts: dict[str, SiteContext]
) -> None:
    import xml.etree.ElementTree as ET

    tag = contexts[language].strings.get("language_tag") or language  # zh-Hant-TW, as the pages

    root = language_root(site, language)
    checked = 0
    for page in pages(site, language):
        if page.name == "404.html":
            continue
        feeds = [
            link
            for link in head(page).links
            if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"
        ]
        assert len(feeds) == 2, page
        for link in feeds:
            target = (page.parent / str(link["href"])).resolve()
            assert target.is_relative_to(root.resolve()) and target.is_file(), link
            assert link.get("title")
            feed = ET.fromstring(target.read_bytes())
            assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == tag
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_corrections_page_lists_the_log_with_dates(
    site: Path, language: str, contexts: dict[str, SiteContext]
) -> None:
    ctx = contexts[language]
    html = (language_root(site, language) / "corrections.html").read_text(encoding="utf-8")
    for correction_id, located in ctx.result.base.corrections.items():
        day = located.record.date
        assert f'<li id="correction-{correction_id}"><time datetime="{day}">' in html
        assert ctx.value(day, "date") in html
    assert "{fact:" not in html and "{claim:" not in html
