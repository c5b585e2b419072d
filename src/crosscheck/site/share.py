"""Link previews: Open Graph and Twitter-card tags for every page, and a share card (a PNG drawn
by matplotlib at build time) for every figure and source page, in the page's language.

Messengers (Telegram, WhatsApp, WeChat, X, LINE) read the tags when a link is pasted and fetch
the image from the site itself: nothing here is requested from another host. Each card is first
reduced to plain data (text already translated and formatted by the same functions as the pages,
crosscheck.site.locale through SiteContext); the PNG is cached under .cache/cards/ by the hash of
that data, so a card can never be stale and an unchanged rebuild draws nothing. Persian and
Arabic are shaped and laid out right-to-left by matplotlib itself (>= 3.11, libraqm): no
reshaping library (see charts.py, which does the same for chart labels).
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from crosscheck.models import LANGUAGES
from crosscheck.site.charts import FONTS, VERDICT_COLORS, _register_fonts
from crosscheck.site.context import SiteContext, SiteError
from crosscheck.site.pages import (
    VERDICT_ORDER,
    reference_text,
    source_name,
    source_title,
)

CARD_VERSION = "4"  # bump when the drawing code changes, to invalidate the cache
WIDTH, HEIGHT, DPI = 1200, 630, 100
"""The size every preview expects for a large image (Open Graph, X's summary_large_image)."""
SITE_CARD = "cards/site.png"
RLM = "\u200f"

# Open Graph locales are language_TERRITORY. zh-Hant is written as in Taiwan (its vocabulary is
# Taiwan's: 川普, 輝達), zh-Hans as in mainland China; Persian as in Iran. Arabic has no single
# territory: ar_AR is the pan-Arabic locale Facebook's crawler (the format's author) accepts.
OG_LOCALES = {
    "en": "en_US",
    "fa": "fa_IR",
    "zh-Hant": "zh_TW",
    "zh-Hans": "zh_CN",
    "ja": "ja_JP",
    "ar": "ar_AR",
}
DESCRIPTION_LIMIT = 300
"""Previews cut descriptions at about 200-300 characters; longer text is shortened with …"""


@dataclass(frozen=True)
class Chip:
    """One verdict on a card: its colour and its text ("Wrong: 2")."""

    verdict: str
    text: str
    color: str


@dataclass(frozen=True)
class ShareCard:
    """Everything a card shows, already in the page's language and digits."""

    id: str
    language: str
    direction: str
    kind: str
    """What the page is ("Figure", "Source"), in the page's language."""
    title: str
    lines: tuple[str, ...]
    """Below the title: the reference value, or the source's name and date."""
    chips: tuple[Chip, ...]
    site_name: str

    def key(self) -> str:
        """Keyed by what is drawn: the id is not (the same card under another id is the same
        image, as for charts)."""
        drawn = {k: v for k, v in asdict(self).items() if k != "id"}
        blob = json.dumps(drawn, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{CARD_VERSION}\n{blob}".encode()).hexdigest()[:20]

    def texts(self) -> tuple[str, ...]:
        """Every string the card shows (the title and long lines may be wrapped)."""
        return (self.site_name, self.kind, self.title, *self.lines, *(c.text for c in self.chips))


# -- data ---------------------------------------------------------------------------------------


def _chips(ctx: SiteContext, verdicts: list[str]) -> tuple[Chip, ...]:
    counts = Counter(verdicts)
    return tuple(
        Chip(
            v,
            ctx.t(
                "share.verdict_count",
                verdict=ctx.t(f"verdicts.{v}"),
                count=ctx.value(counts[v], "count"),
            ),
            VERDICT_COLORS[v],
        )
        for v in VERDICT_ORDER
        if counts[v]
    )


def _figure_reference(ctx: SiteContext, figure_id: str) -> str:
    reference = reference_text(ctx, figure_id)
    if reference is None:
        return ctx.t("share.no_reference")
    return ctx.t("share.reference", value=reference)


def figure_card(ctx: SiteContext, figure_id: str) -> ShareCard:
    base = ctx.result.base
    figure = base.figures[figure_id].record
    verdicts = [c.record.verdict for c in base.claims.values() if c.record.figure == figure_id]
    return ShareCard(
        id=f"figure-{figure_id}",
        language=ctx.code,
        direction=ctx.language.direction,
        kind=ctx.t("index_page.figure"),
        title=ctx.text(figure.label, f"figure/{figure_id}/label"),
        lines=(_figure_reference(ctx, figure_id),),
        chips=_chips(ctx, verdicts),
        site_name=ctx.t("site_name"),
    )


def source_card(ctx: SiteContext, source_id: str) -> ShareCard:
    base = ctx.result.base
    source = base.sources[source_id].record
    verdicts = [c.record.verdict for c in base.claims.values() if c.record.source == source_id]
    byline = ctx.t(
        "share.source_byline",
        name=source_name(ctx, source_id),
        date=ctx.value(source.date, "date"),
    )
    return ShareCard(
        id=f"source-{source_id}",
        language=ctx.code,
        direction=ctx.language.direction,
        kind=ctx.t("index_page.source"),
        title=source_title(ctx, source_id),
        lines=(byline,),
        chips=_chips(ctx, verdicts),
        site_name=ctx.t("site_name"),
    )


def site_card(ctx: SiteContext) -> ShareCard:
    """The card of every page that has no card of its own: the site's name and description."""
    return ShareCard(
        id="site",
        language=ctx.code,
        direction=ctx.language.direction,
        kind="",
        title=ctx.t("site_name"),
        lines=(ctx.t("site_description"),),
        chips=(),
        site_name="",
    )


def all_cards(ctx: SiteContext) -> dict[str, ShareCard]:
    """src URI of the card → its data, for one language."""
    base = ctx.result.base
    cards = [site_card(ctx)]
    cards += [figure_card(ctx, figure_id) for figure_id in base.figures]
    cards += [source_card(ctx, source_id) for source_id in base.sources]
    return {card_uri(card.id): card for card in cards}


def card_uri(card_id: str) -> str:
    return f"cards/{card_id}.png"


def page_card(src_uri: str, cards: dict[str, ShareCard]) -> str:
    """The card a page shows in previews: its own for figure-*.md and source-*.md pages."""
    own = card_uri(src_uri.removesuffix(".md"))
    return own if own in cards else SITE_CARD


# -- drawing ------------------------------------------------------------------------------------


def _wrap(text: str, fits: Any, cjk: bool, most: int) -> list[str]:
    """Greedy line breaking: words for alphabetic scripts, characters for CJK (which needs no
    spaces), with `fits(line)` measuring in the card's own font. The last line kept ends in …"""
    if cjk:
        tokens, joiner = list(text), ""
    else:
        # Break at spaces only: a no-break space keeps "۵۰۰ میلیارد" on one line.
        tokens, joiner = [t for t in text.split(" ") if t], " "
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        if current and not fits(candidate):
            lines.append(current)
            current = token
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and not fits(last + "…"):
            last = last[:-1].rstrip()
        lines[-1] = last + "…"
    return lines


def card_figure(card: ShareCard) -> Any:
    """The card as a matplotlib Figure, 1200 × 630 pixels (imports matplotlib on first use)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.patches import Rectangle

    _register_fonts(font_manager)
    rtl = card.direction == "rtl"
    cjk = card.language in ("ja", "zh-Hant", "zh-Hans")
    margin = 72
    side = WIDTH - margin if rtl else margin
    # The bidi algorithm takes a line's direction from its first strong letter: a Persian or
    # Arabic line that starts with a Latin name ("plur daddy، بالعربية") would be laid out
    # left to right. A right-to-left mark first makes every line of an RTL card RTL.
    mark = RLM if rtl else ""
    align = "right" if rtl else "left"
    with plt.rc_context({"font.family": FONTS[card.language]}):
        fig = plt.figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
        fig.patch.set_facecolor("#ffffff")
        renderer = fig.canvas.get_renderer()
        band_x = WIDTH - 16 if rtl else 0
        fig.patches.append(
            Rectangle(
                (band_x / WIDTH, 0),
                16 / WIDTH,
                1,
                transform=fig.transFigure,
                color="#3f51b5",
                figure=fig,
            )
        )

        def put(y: float, text: str, size: float, **style: Any) -> Any:
            return fig.text(
                side / WIDTH,
                y / HEIGHT,
                mark + text,
                fontsize=size,
                ha=align,
                va="top",
                parse_math=False,
                **style,  # "$5B – $6B" is text, not TeX
            )

        def fits_width(size: float, weight: str) -> Any:
            # A line's width is the sum of its words' (characters' for CJK) widths, each laid out
            # once: measuring every candidate line cost most of a card's time. Words are shaped
            # on their own exactly as inside a line; a 2% margin absorbs kerning between them.
            widths: dict[str, float] = {}

            def width(token: str) -> float:
                if token not in widths:
                    probe = put(0, token, size, weight=weight)
                    widths[token] = float(probe.get_window_extent(renderer).width)
                    probe.remove()
                return widths[token]

            space = width("x x") - 2 * width("x")

            def fits(line: str) -> bool:
                parts = list(line) if cjk else line.split(" ")
                total = sum(width(p) for p in parts) + (0 if cjk else space * (len(parts) - 1))
                return total <= (WIDTH - 2 * margin) * 0.98

            return fits

        # Verdict chips along the bottom, in reading order (right to left for fa and ar),
        # wrapped onto more rows when they do not fit one.
        chip_style = {
            "fontsize": 22,
            "ha": align,
            "va": "baseline",
            "color": "#ffffff",
            "weight": "bold",
            "parse_math": False,
        }
        rows: list[list[tuple[Chip, float]]] = [[]]
        used = 0.0
        for chip in card.chips:
            probe = fig.text(0, 0, mark + chip.text, **chip_style)
            width = probe.get_window_extent(renderer).width + 40
            probe.remove()
            if rows[-1] and used + width > WIDTH - 2 * margin:
                rows.append([])
                used = 0.0
            rows[-1].append((chip, width))
            used += width
        row_height = 66
        for index, row in enumerate(rows):
            x = side
            chip_y = 70 + (len(rows) - 1 - index) * row_height
            for chip, width in row:
                fig.text(
                    x / WIDTH,
                    chip_y / HEIGHT,
                    mark + chip.text,
                    **chip_style,
                    bbox={
                        "boxstyle": "round,pad=0.45",
                        "facecolor": chip.color,
                        "edgecolor": "none",
                    },
                )
                x = x - width if rtl else x + width
        floor = 70 + len(rows) * row_height + 8 if card.chips else 40  # clear of the verdicts

        y = HEIGHT - 56
        head = " · ".join(part for part in (card.site_name, card.kind) if part)
        if head:
            put(y, head, 22, color="#3f51b5", weight="bold")
            y -= 70
        else:
            y -= 40
        title_size = 40 if card.chips or card.site_name else 48
        title_step = title_size * 1.55 * DPI / 72
        step = 28 * 1.6 * DPI / 72
        # The title takes up to three lines, leaving room for one line of each text below it.
        title_room = int((y - 12 - floor - step * len(card.lines)) // title_step)
        for line in _wrap(
            card.title, fits_width(title_size, "bold"), cjk, max(1, min(3, title_room))
        ):
            put(y, line, title_size, color="#111111", weight="bold")
            y -= title_step
        y -= 12
        for text in card.lines:
            room = int((y - floor) // step)
            if room < 1:
                break
            for line in _wrap(text, fits_width(28, "normal"), cjk, min(room, 3)):
                put(y, line, 28, color="#333333")
                y -= step
    return fig


def draw_png(card: ShareCard) -> bytes:
    import io

    import matplotlib.pyplot as plt

    fig = card_figure(card)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def card_png(card: ShareCard, cache_dir: Path) -> bytes:
    """The card's PNG, from the cache when its data has not changed. A glyph missing from the
    fonts (a box instead of a letter) fails the build, as for charts."""
    cached = cache_dir / f"{card.key()}.png"
    if cached.exists():
        return cached.read_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw_png(card)
    missing = sorted({str(w.message) for w in caught if "missing from" in str(w.message)})
    if missing:
        raise SiteError(
            f"share card {card.id} ({card.language}): {missing[0]} — install Debian's "
            "fonts-noto-core and fonts-noto-cjk (make system)"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".partial")
    partial.write_bytes(png)
    partial.replace(cached)  # never a half-written card in the cache
    return png


def card_files(cards: dict[str, ShareCard], cache_dir: Path) -> dict[str, bytes]:
    return {uri: card_png(card, cache_dir) for uri, card in cards.items()}


# -- tags ---------------------------------------------------------------------------------------


_LAYOUT_SPACE = re.compile(r"[ \t\r\n]+")


class _FirstParagraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and not self.done:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1
            if not self.depth and "".join(self.parts).strip():
                self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.parts.append(data)


def first_paragraph(html: str) -> str:
    """The text of a page's first paragraph (for a page without a description)."""
    parser = _FirstParagraph()
    parser.feed(html)
    return _LAYOUT_SPACE.sub(" ", "".join(parser.parts)).strip()


def shortened(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most `limit` characters. Only layout whitespace is folded: the no-break
    spaces the number formats put inside "۵۰۰ میلیارد" stay."""
    text = _LAYOUT_SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:،؛") + "…"


def _card_description(ctx: SiteContext, card: ShareCard) -> str:
    """A figure's or source's description: its label, reference value and verdict counts."""
    parts = [card.title, *card.lines]
    if card.chips:
        separator = ctx.t("share.list_separator")
        parts.append(
            ctx.t("share.verdicts", verdicts=separator.join(chip.text for chip in card.chips))
        )
    return ctx.t("share.sentence_separator").join(parts)


def share_tags(
    ctx: SiteContext,
    cards: dict[str, ShareCard],
    src_uri: str,
    page_url: str,
    title: str,
    description: str,
    content_html: str,
    site_url: str,
) -> dict[str, Any]:
    """What build/overrides/partials/share.html prints for one page, as plain text (the
    template escapes every value as attribute text)."""
    uri = page_card(src_uri, cards)
    card = cards[uri]
    if uri != SITE_CARD:
        text = _card_description(ctx, card)
        title = card.title
    else:
        text = description or first_paragraph(content_html) or ctx.t("site_description")
        title = title or ctx.t("site_name")
    site_name = ctx.t("site_name")
    # Previews lay out each text by its first strong letter, like the cards (see card_figure).
    mark = RLM if ctx.language.direction == "rtl" else ""
    return {
        "title": mark + (title if title == site_name else f"{title} · {site_name}"),
        "description": mark + shortened(text),
        "type": "website" if src_uri == "index.md" else "article",
        "url": site_url + ctx.prefix + page_url,
        "image": site_url + ctx.prefix + uri,
        "image_alt": card.title if uri == SITE_CARD else _card_description(ctx, card),
        "width": WIDTH,
        "height": HEIGHT,
        "site_name": site_name,
        "locale": OG_LOCALES[ctx.code],
        "locale_alternates": [OG_LOCALES[other] for other in LANGUAGES if other != ctx.code],
    }
