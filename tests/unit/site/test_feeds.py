"""The corrections log's Atom feeds: structure (RFC 4287), language, escaping."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from crosscheck.models import LANGUAGES, Text
from crosscheck.pipeline import CheckResult, run_check
from crosscheck.rules_corrections import placeholders
from crosscheck.site.context import SiteContext, SiteError, load_strings
from crosscheck.site.feeds import FEEDS, feed_files, log
from crosscheck.translations import yaml_quoted
from tests.conftest import FACTS, REPO, claim_yaml

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SITE = "https://example.net/"
SCRIPT = {
    "fa": "[\u0600-\u06ff]",
    "ar": "[\u0600-\u06ff]",
    "ja": "[\u3040-\u30ff]",
    "zh-Hans": "[\u4e00-\u9fff]",
    "zh-Hant": "[\u4e00-\u9fff]",
    "en": "[A-Za-z]",
}


@pytest.fixture(scope="module")
def strings() -> dict[str, dict[str, object]]:
    return load_strings(REPO / "build")


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return run_check(FACTS)


def check_atom(feed: ET.Element) -> list[ET.Element]:
    """RFC 4287's required elements (4.1.1, 4.1.2) on a feed and its entries; the entries."""
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
        assert (feed.findtext(f"{A}{name}") or "").strip(), name
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")
    assert feed.find(f"{A}author/{A}name") is not None  # 4.1.1: author, or one per entry
    self_links = [ln for ln in feed.findall(f"{A}link") if ln.get("rel") == "self"]
    assert len(self_links) == 1 and self_links[0].get("href") == feed.findtext(f"{A}id")
    entries = feed.findall(f"{A}entry")
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids), "entry ids are unique"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1 and entry.findtext(f"{A}{name}")
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        links = [ln for ln in entry.findall(f"{A}link") if ln.get("rel") == "alternate"]
        assert links and str(links[0].get("href")).startswith(SITE)
        content = entry.find(f"{A}content")
        assert content is not None and content.get("type") == "html" and content.text
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_parse_validate_and_are_in_the_page_language(
    result: CheckResult, strings: dict[str, dict[str, object]], language: str
) -> None:
    ctx = SiteContext.create(result, language, strings)  # type: ignore[arg-type]
    files = feed_files(ctx, SITE)
    assert set(files) == set(FEEDS.values())
    prefix = ctx.prefix
    corrections = ET.fromstring(files[FEEDS["corrections"]])
    verdicts = ET.fromstring(files[FEEDS["verdicts"]])
    for feed, name in ((corrections, "corrections"), (verdicts, "verdicts")):
        assert feed.get(XML_LANG) == strings[language]["language_tag"]  # zh-Hant-TW, as pages
        assert feed.findtext(f"{A}id") == f"{SITE}{prefix}{FEEDS[name]}"
        heading = (feed.findtext(f"{A}title") or "") + (feed.findtext(f"{A}subtitle") or "")
        assert re.search(SCRIPT[language], heading)
    logged = result.base.corrections
    entries = check_atom(corrections)
    assert len(entries) == len(logged) > 0
    for entry in entries:
        assert re.search(SCRIPT[language], entry.findtext(f"{A}title") or "")
    # Newest first.
    days = [e.findtext(f"{A}updated") for e in entries]
    assert days == sorted(days, reverse=True)
    changed = [c for located in logged.values() for c in located.record.claims]
    verdict_entries = check_atom(verdicts)
    assert len(verdict_entries) == len(changed)
    for entry, claim_id in zip(verdict_entries, changed, strict=False):
        claim = result.base.claims[claim_id].record
        assert ctx.t(f"verdicts.{claim.verdict}") in (entry.findtext(f"{A}title") or "")
        link = entry.find(f"{A}link")
        assert link is not None and str(link.get("href")).endswith(f"#claim-{claim_id}")


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


HOSTILE = "<script>alert(1)</script> ]]> &amp; \"' \x01 {fact:drop}"


def test_hostile_text_is_escaped_in_the_feeds(
    make_facts: Callable[..., CheckResult], strings: dict[str, dict[str, object]]
) -> None:
    correction = (
        'corrections:\n  - id: hostile\n    date: "2026-12-01"\n'
        f"    text: {{en: {yaml_quoted(HOSTILE)}}}\n    claims: [c1]\n"
    )
    result = make_facts({"claims.yml": claim_yaml(), "corrections.yml": correction})
    assert result.ok, result.problems
    ctx = SiteContext.create(result, "en", strings)  # type: ignore[arg-type]
    files = feed_files(ctx, SITE)
    for uri in FEEDS.values():
        feed = ET.fromstring(files[uri])  # well-formed XML, the control character included
        entries = check_atom(feed)
        assert entries
        html = entries[0].findtext(f"{A}content") or ""
        parsed = Elements()
        parsed.feed(html)
        assert "script" not in parsed.tags, "the text stays text inside the HTML content"
        assert "<script>alert(1)</script> ]]> &amp;" in "".join(parsed.text)
        assert "\x01" not in files[uri].decode()
    title = ET.fromstring(files[FEEDS["corrections"]]).find(f"{A}entry/{A}title")
    assert title is not None and (title.text or "").startswith("<script>alert(1)</script>")
    assert "{fact:drop}" not in (title.text or ""), "placeholders are rendered"


def test_a_translation_with_other_placeholders_is_refused(
    result: CheckResult, strings: dict[str, dict[str, object]]
) -> None:
    correction_id, located = next(
        (k, v) for k, v in result.base.corrections.items() if list(placeholders(v.record.text.en))
    )
    text = Text.model_validate({"en": located.record.text.en, "fa": "بدون هیچ جای‌نگهداری"})
    changed = dataclasses.replace(located, record=located.record.model_copy(update={"text": text}))
    base = dataclasses.replace(result.base, corrections={correction_id: changed})
    broken = dataclasses.replace(result, base=base)
    with pytest.raises(SiteError, match="placeholders differ"):
        log(SiteContext.create(broken, "fa", strings))  # type: ignore[arg-type]


def test_an_empty_log_still_makes_valid_feeds(
    make_facts: Callable[..., CheckResult], strings: dict[str, dict[str, object]]
) -> None:
    result = make_facts({"claims.yml": claim_yaml()})
    assert result.ok and not result.base.corrections
    files = feed_files(SiteContext.create(result, "en", strings), SITE)  # type: ignore[arg-type]
    for uri in FEEDS.values():
        feed = ET.fromstring(files[uri])
        assert check_atom(feed) == []
        # 'updated' is required even with no entry: the newest date the fact base records.
        newest = max(s.record.date for s in result.base.sources.values())
        assert feed.findtext(f"{A}updated") == f"{newest}T00:00:00Z"
