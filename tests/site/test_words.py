"""Words as each edition's editor writes them, read in the built HTML of every language: counts
from the fact base, foreign-script numbers isolated for bidi and glossed, the glossary's one term
per concept, and zh-Hant declared as Taiwan usage."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.counts import count_of, count_text
from crosscheck.site.macros import needs_gloss
from crosscheck.site.pages import direction
from tests.conftest import FACTS, REPO
from tests.site.conftest import ALL_LANGUAGES, language_root, language_tag, pages

RESULT = run_check(FACTS)
STRINGS = load_strings(REPO / "build")


def article_text(path: Path) -> str:
    """The visible text of a page's article, tags dropped, whitespace folded."""
    page = path.read_text(encoding="utf-8")
    body = page[page.find("<article") : page.find("</article>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_home_page_counts_come_from_the_fact_base(site: Path, language: str) -> None:
    ctx = SiteContext.create(RESULT, language, STRINGS)
    text = article_text(language_root(site, language) / "index.html")
    for what in ("articles", "article-languages"):
        phrase = count_text(ctx, what)
        assert phrase in text, (language, what, phrase)
        n = count_of(RESULT.base, what)
        words = STRINGS[language]["counts"][what]["words"]
        if n < len(words):  # a small count is written in words where the language does so
            assert str(words[n]) in phrase and not re.search(r"\d", phrase), phrase
    about = article_text(language_root(site, language) / "about.html")
    for what in ("articles", "originals", "figures", "claims"):
        assert count_text(ctx, what) in about, (language, what)


def _stated_bdis(page: str) -> list[re.Match[str]]:
    return list(
        re.finditer(r'<bdi lang="([A-Za-z-]+)" dir="(ltr|rtl)">([^<]*)</bdi>(.{0,40})', page)
    )


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_foreign_numbers_in_prose_are_isolated_and_glossed(site: Path, language: str) -> None:
    page = (language_root(site, language) / "index.html").read_text(encoding="utf-8")
    foreign = [m for m in _stated_bdis(page) if m.group(1) != language]
    assert foreign, "the home page quotes numbers as other-language sources wrote them"
    glossed = 0
    for match in foreign:
        quoted_language, dir_, written, after = match.groups()
        assert dir_ == direction(quoted_language), match.group(0)
        if needs_gloss(quoted_language, language):
            # The gloss follows in the page's language, in the page's brackets, as a number.
            assert re.match(r'[”」»]?\s?[(（](?:即)?<bdi class="cc-num">', after), (written, after)
            glossed += 1
    assert glossed > 0


def test_persian_script_in_chinese_prose_is_marked_and_glossed(site: Path) -> None:
    for language in ("zh-Hans", "zh-Hant", "ja"):
        page = (site / language / "index.html").read_text(encoding="utf-8")
        persian = [m for m in _stated_bdis(page) if m.group(1) == "fa"]
        assert persian, language
        for match in persian:
            assert match.group(2) == "rtl"
            assert re.match(r"[”」]?（(?:即)?<bdi", match.group(4)), match.group(0)


QUOTATION_MARKS = {"zh-Hans": "“”", "zh-Hant": "「」", "ja": "「」", "fa": "«»", "ar": "«»"}


@pytest.mark.parametrize("language", sorted(QUOTATION_MARKS))
def test_numbers_as_written_are_in_the_pages_quotation_marks(site: Path, language: str) -> None:
    """An original number is a quotation: in the page's marks, or inside a longer quotation the
    page opened by hand (“价值大约……的芯片”)."""
    opening, closing = QUOTATION_MARKS[language]
    wrapped = 0
    for name in ("index.html", "methodology.html"):
        page = (language_root(site, language) / name).read_text(encoding="utf-8")
        body = page[page.find("<article") : page.find("</article>")]
        for match in _stated_bdis(body):
            before, after = body[: match.start()], match.group(4)
            if before.endswith(opening):
                assert after.startswith(closing), (name, match.group(0))
                wrapped += 1
            else:  # inside a quotation the page opened
                assert before.rfind(opening) > before.rfind(closing), (name, match.group(0))
    assert wrapped > 0


@pytest.mark.parametrize(("language", "other"), [("zh-Hant", "zh-Hans"), ("zh-Hans", "zh-Hant")])
def test_the_other_chinese_script_is_glossed(site: Path, language: str, other: str) -> None:
    """6000 亿美元 on a zh-Hant page reads 6000億美元 in its gloss, as other foreign numbers do."""
    page = (language_root(site, language) / "index.html").read_text(encoding="utf-8")
    quoted = [m for m in _stated_bdis(page) if m.group(1) == other]
    assert quoted, f"the {language} home page quotes a {other} source"
    own, foreign = ("億", "亿") if language == "zh-Hant" else ("亿", "億")
    for match in quoted:
        after = page[match.end(3) + len("</bdi>") :][:200]
        gloss = re.match(r'[”」]?（(?:即)?<bdi class="cc-num">([^<]*)</bdi>', after)
        assert gloss, match.group(0)
        assert foreign not in gloss.group(1), gloss.group(1)
        if foreign in match.group(3):
            assert own in gloss.group(1), gloss.group(1)


class _OwnText(HTMLParser):
    """The text a page writes in its own words: an article's text without the elements that
    carry a lang attribute (quotes and numbers as the sources wrote them)."""

    VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: inside a lang-marked element?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        inside = bool(self.stack and self.stack[-1])
        self.stack.append(inside or any(name == "lang" for name, _ in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def own_text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    parser = _OwnText()
    parser.feed(page[page.find("<article") : page.find("</article>")])
    return re.sub(r"\s+", " ", "".join(parser.parts))


def _avoid(language: str) -> list[tuple[str, str]]:
    data = yaml.safe_load((REPO / "build" / "i18n" / f"{language}.yml").read_text("utf-8"))
    pairs = []
    for entry in data["glossary_avoid"]:
        variant, _, term = str(entry).partition(" → ")
        assert variant and term, entry
        pairs.append((variant, term))
    return pairs


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_built_page_uses_a_variant_the_glossary_rules_out(site: Path, language: str) -> None:
    """One term per concept: the variants listed in build/i18n/<lang>.yml glossary_avoid appear
    in no page of that language outside quotes (where a variant begins the term itself, that is
    the term)."""
    offenders = []
    for path in pages(site, language):
        text = own_text(path)
        for variant, term in _avoid(language):
            for match in re.finditer(re.escape(variant), text):
                if not term.startswith(variant) or not text.startswith(term, match.start()):
                    context = text[max(0, match.start() - 20) : match.end() + 20]
                    offenders.append(f"{path.name}: {variant} (use {term}): …{context}…")
    assert not offenders, "\n".join(offenders[:20])


def test_zh_hant_pages_declare_taiwan_usage(site: Path, site_url: str) -> None:
    assert language_tag("zh-Hant") == "zh-Hant-TW"
    for path in pages(site, "zh-Hant"):
        assert '<html lang="zh-Hant-TW" dir="ltr"' in path.read_text(encoding="utf-8")[:400]
    for language in ALL_LANGUAGES:
        page = (language_root(site, language) / "index.html").read_text(encoding="utf-8")
        # hreflang names Taiwan usage; the URL folder stays zh-Hant.
        assert f'hreflang="zh-Hant-TW" href="{site_url}zh-Hant/index.html"' in page, language
        assert 'hreflang="zh-Hant"' not in page, language
        switcher = re.search(
            r'<a href="[^"]*" hreflang="zh-Hant-TW" lang="zh-Hant-TW" class="md-select__link"'
            r"[^>]*>\s*([^<]*?)\s*</a>",
            page,
        )
        assert switcher and "台灣" in switcher.group(1), language


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_chart_alt_text_joins_title_and_caption_in_the_language(site: Path, language: str) -> None:
    """A chart's alt text is its title, the language's full stop, then its caption: never a
    Latin full stop glued between CJK sentences."""
    stop = STRINGS[language]["general"]["full_stop"]
    seen = 0
    for path in pages(site, language):
        for tag in re.findall(r"<img\b[^>]*>", path.read_text(encoding="utf-8")):
            found = re.search(r'\balt="([^"]*)"', tag)
            if "charts/" not in tag or found is None:
                continue
            alt = html.unescape(found.group(1))
            if stop in alt:
                seen += 1
            if language in ("ja", "zh-Hans", "zh-Hant"):
                assert ". " not in alt, (path.name, alt)
    assert seen, f"no chart with a caption on the {language} pages"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_publisher_notes_are_in_the_pages_language(site: Path, language: str) -> None:
    """ "TechTalk Summits (repost of Axios)": the name stays a name, the note is translated."""
    ctx = SiteContext.create(RESULT, language, STRINGS)
    noted = {
        sid: located.record
        for sid, located in RESULT.base.sources.items()
        if located.record.publisher_note is not None
    }
    assert noted, "the fact base describes a publisher"
    for sid, source in noted.items():
        text = article_text(language_root(site, language) / f"source-{sid}.html")
        note = ctx.text(source.publisher_note, f"source/{sid}/publisher_note")
        assert source.publisher in text and note in text, (sid, note)
        if language != "en":
            assert source.publisher_note.en not in text, (sid, language)


def _chart_tables(page: str) -> list[tuple[str, list[list[str]]]]:
    """Each chart's caption and its screen-reader table's rows (cells as text)."""
    found = []
    for match in re.finditer(
        r"<figcaption>(.*?)</figcaption>.*?<tbody>(.*?)</tbody>", page, flags=re.S
    ):
        rows = [
            [
                html.unescape(re.sub(r"<[^>]+>", "", cell))
                for cell in re.findall(r"<td>(.*?)</td>", row)
            ]
            for row in re.findall(r"<tr>(.*?)</tr>", match.group(2), flags=re.S)
        ]
        found.append((html.unescape(match.group(1)), rows))
    return found


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_chart_rows_do_not_repeat_the_titles_date(site: Path, language: str) -> None:
    from crosscheck.numerals import date_matches, date_spans, normalise, parse_date

    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    key_figure = re.search(r"key_date_figure:\s*([\w-]+)", config)
    assert key_figure, "mkdocs.yml names the key date figure"
    ctx = SiteContext.create(RESULT, language, STRINGS, key_figure.group(1))
    day = str(RESULT.base.figures[key_figure.group(1)].record.reference.value)
    page = (language_root(site, language) / "index.html").read_text(encoding="utf-8")
    titled = [rows for caption, rows in _chart_tables(page) if ctx.key_day() in caption]
    assert titled, "the home page has a chart whose title gives the day"
    for rows in titled:
        assert rows
        for row in rows:
            text = normalise(row[0])
            dates = [parse_date(text[a:b]) for a, b in date_spans(text)]
            assert not [d for d in dates if date_matches(d, day)], row[0]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_the_timeline_names_events(site: Path, language: str) -> None:
    """ "DeepSeek-R1 released", not the figure's label "DeepSeek-R1 release date"."""
    ctx = SiteContext.create(RESULT, language, STRINGS)
    events = {
        ctx.text(located.record.event, f"figure/{fid}/event"): ctx.text(
            located.record.label, f"figure/{fid}/label"
        )
        for fid, located in RESULT.base.figures.items()
        if located.record.event is not None
    }
    assert events, "the fact base names events"
    page = (language_root(site, language) / "timeline.html").read_text(encoding="utf-8")
    text = article_text(language_root(site, language) / "timeline.html")
    cells = [cell for _, rows in _chart_tables(page) for row in rows for cell in row[:1]]
    for event, label in events.items():
        assert event in text, event
        assert label not in text or label in event, label
    assert set(events) <= set(cells), cells
