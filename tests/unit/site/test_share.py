"""Share cards and link-preview tags: the text handed to matplotlib, the PNG's size, caching,
and escaping of the tags."""

from __future__ import annotations

import dataclasses
import struct
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.pages import VERDICT_ORDER, reference_text, source_name
from crosscheck.site.share import (
    HEIGHT,
    OG_LOCALES,
    RLM,
    SITE_CARD,
    WIDTH,
    ShareCard,
    all_cards,
    card_figure,
    card_png,
    figure_card,
    first_paragraph,
    share_tags,
    shortened,
    source_card,
)
from tests.conftest import FACTS, REPO, key_date_figure

HOSTILE = "\"'><script>alert(1)</script>&amp; {{ 7*7 }} \u202e"


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def figures_with_claims(ctx: SiteContext) -> list[str]:
    claimed = {c.record.figure for c in ctx.result.base.claims.values()}
    return [f for f in ctx.result.base.figures if f in claimed]


@pytest.mark.parametrize("language", LANGUAGES)
def test_figure_card_shows_label_reference_and_verdicts_in_the_page_language(
    contexts: dict[str, SiteContext], language: str
) -> None:
    ctx = contexts[language]
    checked = 0
    for figure_id in figures_with_claims(ctx):
        card = figure_card(ctx, figure_id)
        figure = ctx.result.base.figures[figure_id].record
        assert card.title == ctx.text(figure.label, f"figure/{figure_id}/label")
        reference = reference_text(ctx, figure_id)
        if reference is not None:
            assert card.lines == (ctx.t("share.reference", value=reference),)
        verdicts = Counter(
            c.record.verdict
            for c in ctx.result.base.claims.values()
            if c.record.figure == figure_id
        )
        assert [chip.verdict for chip in card.chips] == [v for v in VERDICT_ORDER if verdicts[v]]
        for chip in card.chips:
            label = ctx.t(f"verdicts.{chip.verdict}")
            count = ctx.value(verdicts[chip.verdict], "count")
            assert chip.text == ctx.t("share.verdict_count", verdict=label, count=count)
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_source_card_shows_title_name_date_and_verdicts(
    contexts: dict[str, SiteContext], language: str
) -> None:
    ctx = contexts[language]
    for source_id, located in ctx.result.base.sources.items():
        card = source_card(ctx, source_id)
        assert source_name(ctx, source_id) in card.lines[0]
        assert ctx.value(located.record.date, "date") in card.lines[0]
        verdicts = Counter(
            c.record.verdict
            for c in ctx.result.base.claims.values()
            if c.record.source == source_id
        )
        assert [chip.verdict for chip in card.chips] == [v for v in VERDICT_ORDER if verdicts[v]]


def test_persian_cards_use_persian_digits_and_arabic_cards_latin_digits(
    contexts: dict[str, SiteContext],
) -> None:
    latin = set("0123456789")
    persian = [chip.text for card in all_cards(contexts["fa"]).values() for chip in card.chips]
    arabic = [chip.text for card in all_cards(contexts["ar"]).values() for chip in card.chips]
    assert persian and arabic
    assert not any(latin & set(text) for text in persian), "Persian counts are written ۰–۹"
    assert all(set("۰۱۲۳۴۵۶۷۸۹") & set(text) for text in persian)
    assert all(latin & set(text) for text in arabic), "Arabic uses Latin digits (CLDR ar)"


def drawn(card: ShareCard, figure: object) -> list[str]:
    """The strings handed to matplotlib; on an RTL card each starts with a right-to-left mark
    (so a line that begins with a Latin name is still laid out right to left)."""
    texts = [t.get_text() for t in figure.texts]  # type: ignore[attr-defined]
    if card.direction == "rtl":
        assert all(text.startswith(RLM) for text in texts)
        return [text.removeprefix(RLM) for text in texts]
    assert not any(RLM in text for text in texts)
    return texts


@pytest.mark.parametrize("language", ["fa", "ar", "ja", "zh-Hant", "zh-Hans", "en"])
def test_the_text_handed_to_matplotlib_is_the_cards_data(
    contexts: dict[str, SiteContext], language: str
) -> None:
    import matplotlib.pyplot as plt

    ctx = contexts[language]
    figure_id = max(
        figures_with_claims(ctx), key=lambda f: len(figure_card(ctx, f).chips)
    )  # the card with the most verdicts
    for card in (
        figure_card(ctx, figure_id),
        source_card(ctx, next(iter(ctx.result.base.sources))),
    ):
        fig = card_figure(card)
        texts = drawn(card, fig)
        plt.close(fig)
        # The head, every verdict and the line below the title are drawn as given.
        assert f"{card.site_name} · {card.kind}" in texts
        for chip in card.chips:
            assert chip.text in texts
        # The title is wrapped, never changed: its lines put back together give it.
        joiner = "" if language in ("ja", "zh-Hant", "zh-Hans") else " "
        head = texts.index(f"{card.site_name} · {card.kind}")
        end = texts.index(card.lines[0]) if card.lines[0] in texts else len(texts)
        title_lines = texts[head + 1 : end]
        joined = joiner.join(title_lines)
        assert joined == card.title or (
            joined.endswith("…") and card.title.startswith(joined[:-1].rstrip())
        )


def test_cards_are_1200_by_630_and_cached_by_content(
    contexts: dict[str, SiteContext], tmp_path: Path
) -> None:
    ctx = contexts["ar"]
    card = figure_card(ctx, figures_with_claims(ctx)[0])
    png = card_png(card, tmp_path)
    assert png_size(png) == (WIDTH, HEIGHT) == (1200, 630)
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and card.key() in files[0].name
    assert card_png(card, tmp_path) == png and list(tmp_path.iterdir()) == files
    changed = dataclasses.replace(card, lines=("القيمة المرجعية: 1",))
    assert changed.key() != card.key()
    assert png_size(card_png(changed, tmp_path)) == (1200, 630)
    assert len(list(tmp_path.iterdir())) == 2, "changed data draws a new card"


def test_every_page_kind_gets_its_card(contexts: dict[str, SiteContext]) -> None:
    ctx = contexts["ja"]
    cards = all_cards(ctx)
    base = ctx.result.base
    assert SITE_CARD in cards
    assert {f"cards/figure-{f}.png" for f in base.figures} <= set(cards)
    assert {f"cards/source-{s}.png" for s in base.sources} <= set(cards)
    figure_id = next(iter(base.figures))
    tags = share_tags(
        ctx,
        cards,
        f"figure-{figure_id}.md",
        f"figure-{figure_id}.html",
        "",
        "",
        "",
        "https://example.net/",
    )
    assert tags["image"] == f"https://example.net/ja/cards/figure-{figure_id}.png"
    assert tags["url"] == f"https://example.net/ja/figure-{figure_id}.html"
    assert tags["locale"] == "ja_JP"
    assert set(tags["locale_alternates"]) == set(OG_LOCALES.values()) - {"ja_JP"}
    other = share_tags(ctx, cards, "about.md", "about.html", "概要", "説明文", "", "https://x.org/")
    assert other["image"] == "https://x.org/ja/cards/site.png"
    assert other["description"] == "説明文" and other["title"].startswith("概要")


def test_a_page_without_description_uses_its_first_paragraph() -> None:
    html = '<h1>T</h1><div class="x">nav</div><p>First <a href="#">para</a>graph.</p><p>Two</p>'
    assert first_paragraph(html) == "First paragraph."
    assert first_paragraph("<h1>only a title</h1>") == ""
    long = "word " * 200
    cut = shortened(long)
    assert len(cut) <= 300 and cut.endswith("…")


class Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        name = found.get("property") or found.get("name")
        if tag == "meta" and name:
            self.metas[name] = found.get("content") or ""


def test_hostile_text_stays_attribute_text_in_the_tags(contexts: dict[str, SiteContext]) -> None:
    ctx = contexts["fa"]
    cards = all_cards(ctx)
    tags = share_tags(
        ctx, cards, "about.md", "about.html", HOSTILE, HOSTILE, "", "https://example.net/"
    )
    # MkDocs' theme environment does not autoescape: the partial escapes every value itself.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO / "build" / "overrides"), autoescape=False
    )
    page = type("P", (), {"meta": {"cc_share": tags}})()
    html = env.get_template("partials/share.html").render(page=page, cc_feeds=[])
    parser = Metas()
    parser.feed(html)
    assert parser.tags == ["meta"] * len(parser.tags), "only meta (and link) tags"
    # Persian previews start with a right-to-left mark, then the text exactly.
    assert parser.metas["og:description"] == RLM + HOSTILE.strip().replace("  ", " ")
    assert parser.metas["og:title"].startswith(RLM + HOSTILE.strip())
    assert parser.metas["twitter:card"] == "summary_large_image"
    assert "<script>" not in html


def test_lines_break_at_spaces_never_inside_a_number_and_its_scale_word() -> None:
    from crosscheck.site.share import _wrap

    def fits(line: str) -> bool:
        return len(line) <= 12

    text = "مقدار مرجع: ۵۰۰\xa0میلیارد\xa0دلار و بیشتر"
    lines = _wrap(text, fits, cjk=False, most=5)
    assert "۵۰۰\xa0میلیارد\xa0دلار" in lines
    assert " ".join(lines) == text
    cut = _wrap("一二三四五六七八九十" * 3, lambda line: len(line) <= 10, cjk=True, most=2)
    assert cut == ["一二三四五六七八九十", "一二三四五六七八九…"]
