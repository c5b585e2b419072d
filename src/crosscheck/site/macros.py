"""Fact macros for hand-written pages: prose references the fact base, it never types a figure.

In docs/<lang>/*.md::

    Nvidia fell {{ fact("nvda-drop-2025-01-27") }} on {{ fact("selloff-date") }}.
    One article said {{ stated("ja-nvda-value-loss") }} ({{ claim("ja-nvda-value-loss") }}).

Every macro formats for the page's language and escapes what it inserts (``html_text``). What
any ``{{ … }}`` prints reaches Markdown only through ``markdown_safe_html`` (the environment's
``finalize``): Markdown never parses fact-base text, whatever extensions are enabled.
"""

from __future__ import annotations

import re
from typing import Any

import jinja2
from markupsafe import Markup

from crosscheck.expressions import Interval
from crosscheck.numerals import ROUNDING_CAP, iso_bounds, parse_date
from crosscheck.reconcile import ABOUT_TOLERANCE, ACCURATE_TOLERANCE, NEARLY_TOLERANCE
from crosscheck.site.context import SiteContext, SiteError, relative_url
from crosscheck.site.counts import COUNTED, count_of, count_phrase
from crosscheck.site.escape import has_token_delimiters, html_text, markdown_safe_html
from crosscheck.site.locale import format_number, format_percent, localize_digits
from crosscheck.site.pages import (
    direction,
    event_name,
    figure_url,
    reference_text,
    source_name,
    source_url,
)
from crosscheck.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES

# A page in another language must be written in that language's script (an English page copied
# into docs/fa/ would otherwise ship under a Persian header).
SCRIPTS = {
    "fa": re.compile(r"[\u0600-\u06FF]"),
    "ar": re.compile(r"[\u0600-\u06FF]"),
    "zh-Hant": re.compile(r"[\u4E00-\u9FFF]"),
    "zh-Hans": re.compile(r"[\u4E00-\u9FFF]"),
    "ja": re.compile(r"[\u3040-\u30FF]"),
}
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)


def needs_gloss(source_language: str, page_language: str) -> bool:
    """Whether a number as written in ``source_language`` needs a gloss on a page in
    ``page_language``."""
    # Every other language, the other Chinese script included: a zh-Hant reader reads 亿 and 万,
    # but a Taiwan editor writes 億 and 萬 in their own text, as the site's other foreign quotes
    # are glossed in the page's own convention ("6000 亿美元（即6000億美元）").
    return source_language != page_language


_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


def _fill(pattern: str, parts: dict[str, Markup]) -> Markup:
    """A catalog pattern with {placeholders} replaced by HTML; the pattern's text is escaped."""
    out = Markup("")
    position = 0
    for match in _PLACEHOLDER.finditer(pattern):
        out += html_text(pattern[position : match.start()]) + parts[match.group(1)]
        position = match.end()
    return out + html_text(pattern[position:])


def _num(text: str) -> Markup:
    return Markup('<bdi class="cc-num">{}</bdi>').format(html_text(text))


class Macros:
    """The functions a hand-written page may call, bound to one page of one language."""

    def __init__(
        self, ctx: SiteContext, page_url: str, charts: dict[str, Any] | None = None
    ) -> None:
        self.ctx = ctx
        self.page_url = page_url
        self.charts = charts or {}

    def _figure(self, figure_id: str) -> Any:
        located = self.ctx.result.base.figures.get(figure_id)
        if located is None:
            raise SiteError(f"no figure '{figure_id}'")
        return located.record

    def _claim(self, claim_id: str) -> Any:
        located = self.ctx.result.base.claims.get(claim_id)
        if located is None:
            raise SiteError(f"no claim '{claim_id}'")
        return located.record

    def link(self, target: str) -> str:
        return relative_url(target, self.page_url)

    def fact(self, figure_id: str, link: bool = True) -> Markup:
        """A figure's reference value, formatted for the page, linked to its page."""
        self._figure(figure_id)
        text = reference_text(self.ctx, figure_id)
        if text is None:
            text = self.ctx.t("verdicts.unverified")
        shown = _num(text)
        if not link:
            return shown
        return Markup('<a class="cc-fact" href="{}">{}</a>').format(
            html_text(self.link(figure_url(figure_id))), shown
        )

    def label(self, figure_id: str) -> Markup:
        figure = self._figure(figure_id)
        text = self.ctx.text(figure.label, f"figure/{figure_id}/label")
        return Markup('<a href="{}">{}</a>').format(
            html_text(self.link(figure_url(figure_id))), html_text(text)
        )

    def event(self, figure_id: str) -> Markup:
        """What happened on a date figure's day, linked to its page: the figure's event name
        ("DeepSeek-R1 released"), its label where the label already names an event."""
        figure = self._figure(figure_id)
        return Markup('<a href="{}">{}</a>').format(
            html_text(self.link(figure_url(figure_id))), html_text(event_name(self.ctx, figure))
        )

    def stated(
        self, claim_id: str, gloss: bool = True, verdict: bool = False, quoted: bool = True
    ) -> Markup:
        """The number as a source wrote it, in its own script, isolated for bidi with its
        language and direction; on a page in another language, glossed in the page's language
        ("5890億美元 (۵۸۹ میلیارد دلار)", pattern ``general.gloss``). ``verdict=True`` adds the
        link to the claim's verdict inside the same brackets ("… (۵۸۹ میلیارد دلار؛ درست)",
        ``general.gloss_verdict``; ``general.with_verdict`` when there is no gloss).
        ``gloss=False`` where the page gives the value itself next to it (a table of intervals).
        The original is a quotation, in the page's quotation marks (``general.quoted``: “…” in
        zh-Hans, 「…」 in zh-Hant and ja, «…» in fa and ar); ``quoted=False`` where it already
        sits inside a longer quotation of the page."""
        claim = self._claim(claim_id)
        language = self.ctx.result.base.sources[claim.source].record.language
        parts: dict[str, Markup] = {
            "original": Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(
                html_text(language),
                html_text(direction(language)),
                html_text(claim.stated or claim.quote),
            )
        }
        if quoted:
            parts["original"] = _fill(self.ctx.t("general.quoted"), {"text": parts["original"]})
        meaning = self._gloss(claim) if gloss and needs_gloss(language, self.ctx.code) else None
        if meaning is not None and meaning.strip() == (claim.stated or claim.quote).strip():
            meaning = None  # written the same way in both languages (17%): a gloss would repeat it
        if meaning is not None:
            parts["gloss"] = _num(meaning)
        if verdict:
            parts["verdict"] = self.claim(claim_id)
        key = {
            (False, False): None,
            (True, False): "general.gloss",
            (True, True): "general.gloss_verdict",
            (False, True): "general.with_verdict",
        }[("gloss" in parts, "verdict" in parts)]
        if key is None:
            return parts["original"]
        return _fill(self.ctx.t(key), parts)

    def _gloss(self, claim: Any) -> str | None:
        """The claim's value in the page's language, as the figure's unit is written."""
        if claim.value is None or not claim.figure:
            return None
        unit = claim.unit or self._figure(claim.figure).unit
        if unit != "date":
            if claim.value_hi is None:
                return self.ctx.value(claim.value, unit, figure=claim.figure)
            both = Interval(float(claim.value), float(claim.value_hi))
            return self.ctx.interval(both, unit, figure=claim.figure)
        last = str(claim.value_hi or claim.value)
        if claim.value_hi is None and claim.stated and parse_date(claim.stated).decade:
            last = str(int(str(claim.value)[:4]) + 9)  # "the 1950s" means 1950 to 1959
        if last == str(claim.value):
            return self.ctx.value(str(claim.value), "date")
        lo = iso_bounds(str(claim.value))[0].toordinal()
        hi = iso_bounds(last)[1].toordinal()
        return self.ctx.interval(Interval(lo, hi), unit)

    def quote(self, claim_id: str) -> Markup:
        claim = self._claim(claim_id)
        language = self.ctx.result.base.sources[claim.source].record.language
        return Markup('<q lang="{}" dir="{}">{}</q>').format(
            html_text(language), html_text(direction(language)), html_text(claim.quote)
        )

    def claim(self, claim_id: str, text: str | None = None) -> Markup:
        """A link to a claim's fact-check, labelled with its verdict (or the given text)."""
        claim = self._claim(claim_id)
        if not claim.figure:
            target = self.link(source_url(claim.source))
        else:
            target = self.link(figure_url(claim.figure)) + f"#claim-{claim.id}"
        label = text if text is not None else self.ctx.t(f"verdicts.{claim.verdict}")
        return Markup('<a class="cc-verdict cc-verdict--{}" href="{}">{}</a>').format(
            html_text(claim.verdict), html_text(target), html_text(label)
        )

    def source(self, source_id: str) -> Markup:
        if source_id not in self.ctx.result.base.sources:
            raise SiteError(f"no source '{source_id}'")
        return Markup('<a href="{}">{}</a>').format(
            html_text(self.link(source_url(source_id))), html_text(source_name(self.ctx, source_id))
        )

    def verdict(self, name: str) -> Markup:
        return Markup('<span class="cc-verdict cc-verdict--{}">{}</span>').format(
            html_text(name), html_text(self.ctx.t(f"verdicts.{name}"))
        )

    def tolerance(self, name: str) -> Markup:
        value = {
            "accurate": ACCURATE_TOLERANCE,
            "about": ABOUT_TOLERANCE,
            "nearly": NEARLY_TOLERANCE,
            "rounding": float(ROUNDING_CAP),
        }
        return _num(format_percent(value[name] * 100, self.ctx.code))

    def limit(self, name: str) -> Markup:
        """Documented limits of the checker, from the code that enforces them."""
        values = {"file_mib": MAX_FILE_BYTES // (1024 * 1024), "depth": MAX_DEPTH}
        return _num(self.ctx.value(values[name], "count"))

    def count(self, what: str) -> Markup:
        """A count of the fact base as prose says it, noun included: "five articles", "پنج مقاله",
        "خمس مقالات", "五篇文章", "5本の記事" (``sources``, ``source-languages``, ``figures``,
        ``claims``; wording in the ``counts`` section of build/i18n/<lang>.yml)."""
        if what not in COUNTED:
            raise SiteError(f"no count '{what}': use one of {', '.join(COUNTED)}")
        n = count_of(self.ctx.result.base, what)
        phrase = count_phrase(
            n,
            what,
            self.ctx.strings["counts"],
            self.ctx.language.babel,
            lambda k: self.ctx.value(k, "count"),
        )
        # Words are text of the page's own script; only digits need bidi isolation.
        number = html_text(phrase.number) if phrase.in_words else _num(phrase.number)
        return html_text(phrase.before) + number + html_text(phrase.after)

    def interval(self, claim_id: str) -> Markup:
        """The interval a claim's wording allows (after its hedge)."""
        claim = self._claim(claim_id)
        outcome = self.ctx.result.reconciliation.claims.get(claim_id)
        figure = self._figure(claim.figure) if claim.figure else None
        if outcome is None or figure is None:
            raise SiteError(f"claim '{claim_id}' has no interval")
        from crosscheck.reconcile import OPEN_BOUNDS

        return _num(
            self.ctx.interval(
                outcome.claimed, figure.unit, figure=figure.id, strict=outcome.hedge in OPEN_BOUNDS
            )
        )

    def precision(self, claim_id: str) -> Markup:
        """The interval the written precision alone allows (before the hedge)."""
        claim = self._claim(claim_id)
        outcome = self.ctx.result.reconciliation.claims.get(claim_id)
        figure = self._figure(claim.figure) if claim.figure else None
        if outcome is None or figure is None or outcome.stated is None:
            raise SiteError(f"claim '{claim_id}' has no interval")
        return _num(self.ctx.interval(outcome.stated, figure.unit, figure=figure.id))

    def rating(self, name: str) -> Markup:
        from crosscheck.reconcile import CLAIMREVIEW_RATINGS

        rating = CLAIMREVIEW_RATINGS[name]  # type: ignore[index]
        return _num(localize_digits(str(rating[0]), self.ctx.code)) if rating else Markup("—")

    def t(self, key: str) -> str:
        return self.ctx.t(key)

    def stated_text(self, claim_id: str) -> str:
        """The number as written, as plain text (for a link's label)."""
        claim = self._claim(claim_id)
        return claim.stated or claim.quote

    def quote_text(self, claim_id: str, length: int = 40) -> str:
        quote = self._claim(claim_id).quote
        return quote if len(quote) <= length else quote[: length - 1] + "…"

    def export_version(self) -> Markup:
        from crosscheck.export import EXPORT_VERSION

        return _num(self.ctx.value(EXPORT_VERSION, "count"))

    def chart(self, chart_id: str) -> Markup:
        """A chart from build/charts/, with its caption and a table for screen readers."""
        views = self.charts.get(chart_id)
        if views is None:
            raise SiteError(f"no chart '{chart_id}'")
        narrow = views.get("narrow")
        return _chart_html(
            views,
            self.link(views["uri"]),
            self.link(narrow["src"]) if narrow else None,
            self.ctx.t("figure_page.chart_table"),
        )

    def worked_cases(self) -> list[dict[str, Markup]]:
        """The precision, hedge and bounds rules on worked cases, computed by the checker's code
        (crosscheck.worked_cases): one row of formatted, escaped cells per case."""
        from crosscheck.expressions import Interval
        from crosscheck.reconcile import OPEN_BOUNDS
        from crosscheck.worked_cases import worked_cases

        rows = []
        for result in worked_cases():
            case = result.case
            reference = case.reference
            shown = ""
            if reference is not None:
                shown = self.ctx.interval(Interval(*reference), case.unit)
            rows.append(
                {
                    "written": Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(
                        case.language, direction(case.language), case.written
                    ),
                    "hedge": Markup("{}").format(self.ctx.t(f"hedges.{result.hedge}")),
                    "stated": _num(self.ctx.interval(result.stated, case.unit)),
                    "claimed": _num(
                        self.ctx.interval(
                            result.claimed, case.unit, strict=result.hedge in OPEN_BOUNDS
                        )
                    ),
                    "reference": _num(shown) if shown else Markup("—"),
                    "verdict": self.verdict(result.verdict) if result.verdict else Markup("—"),
                }
            )
        return rows

    def corrections(self) -> Markup:
        """The corrections log (facts/corrections.yml), newest first, with links to its feeds."""
        from crosscheck.site.feeds import corrections_html

        return corrections_html(self)

    def number_words(self) -> list[dict[str, Markup]]:
        """The number words each language's lexicon holds (src/crosscheck/lang/<lang>/
        numbers.yml, read by the parser itself), one row per language and kind of word, so the
        list cannot drift from what the parser understands."""
        from crosscheck.models import LANGUAGES
        from crosscheck.numberwords import SECTIONS, load_number_words
        from crosscheck.numerals import CJK_MULTIPLIERS, CJK_NUMERALS

        rows = []
        for language in LANGUAGES:
            lexicon = load_number_words(language)
            cells: list[tuple[str, list[tuple[str, str]]]] = []
            if language in ("zh-Hans", "zh-Hant", "ja"):
                cells.append(("numerals", [(CJK_NUMERALS, "")]))
                cells.append(("multipliers", [(CJK_MULTIPLIERS, "")]))
            for section in SECTIONS:
                words: list[tuple[str, str]] = []
                for entry in lexicon.section(section):
                    if entry.unit is not None:
                        words.append((entry.word, f" ({self.ctx.t(f'units.{entry.unit}')})"))
                    elif entry.value is not None:
                        number = float(entry.value)
                        decimals = None if number == int(number) else 1
                        words.append(
                            (entry.word, f" = {format_number(number, language, decimals)}")
                        )
                    else:
                        words.append((entry.word, ""))
                if words:
                    cells.append((section, words))
            name = self.ctx.language_name(language)
            for section, words in cells:
                # The word in its own language and direction, then what it means: its number
                # (in the word's digits) or the unit it names (in the page's language).
                shown = Markup(", ").join(
                    Markup('<bdi lang="{}" dir="{}">{}</bdi><bdi>{}</bdi>').format(
                        language, direction(language), word, after
                    )
                    for word, after in words
                )
                rows.append(
                    {
                        "language": Markup("{}").format(name),
                        "kind": Markup("{}").format(self.ctx.t(f"number_words.{section}")),
                        "words": shown,
                    }
                )
        return rows

    def functions(self) -> dict[str, Any]:
        names = ("fact", "label", "event", "stated", "quote", "claim", "source", "verdict",
                 "tolerance", "limit", "count", "interval", "precision", "rating", "t",
                 "stated_text", "quote_text", "export_version", "chart", "worked_cases",
                 "corrections", "number_words")  # fmt: skip
        return {name: getattr(self, name) for name in names}


def _inert(value: Any) -> str:
    """What a ``{{ … }}`` prints: escaped if it is text, then hidden from Markdown's parser."""
    return markdown_safe_html(html_text(value))


# Every expression's output passes `finalize`, so no value can reach the Markdown as Markdown.
_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=True,
    finalize=_inert,
)


def _chart_html(view: dict[str, Any], src: str, narrow_src: str | None, table_label: str) -> Markup:
    head = "".join(
        str(Markup('<th scope="col">{}</th>').format(html_text(h))) for h in view["table_head"]
    )
    rows = "".join(
        "<tr>"
        + "".join(str(Markup("<td>{}</td>").format(html_text(cell))) for cell in row)
        + "</tr>"
        for row in view["table_rows"]
    )
    # Phones get the narrow layout (charts.NARROW), drawn for their width.
    narrow = view.get("narrow")
    # The narrow box is reserved by CSS before a lazy image picks its source (no layout shift).
    source, style = Markup(""), Markup("")
    if narrow and narrow_src:
        source = Markup('<source media="{}" srcset="{}" width="{}" height="{}">').format(
            narrow["media"], narrow_src, narrow["width"], narrow["height"]
        )
        style = Markup(' style="--cc-narrow-ratio: {} / {}"').format(
            narrow["width"], narrow["height"]
        )
    return Markup(
        '<figure class="cc-chart"><picture>{source}<img src="{src}" alt="{alt}" width="{w}" '
        'height="{h}"{style} loading="lazy"></picture><figcaption>{caption}</figcaption>'
        '</figure>\n'
        '<details class="cc-chart-table"><summary>{label}</summary><table><thead><tr>'
    ).format(source=source, style=style, src=html_text(src), alt=html_text(view["alt"]),
             w=html_text(view["width"]), h=html_text(view["height"]),
             caption=html_text(view["caption"]),
             label=html_text(table_label)) + Markup(head) + Markup(
        "</tr></thead><tbody>"
    ) + Markup(rows) + Markup("</tbody></table></details>")  # fmt: skip


def render_macros(
    markdown: str,
    ctx: SiteContext,
    page_url: str,
    src_uri: str,
    charts: dict[str, Any] | None = None,
) -> str:
    """Render a hand-written page's macros for its language; refuse untranslated pages."""
    if has_token_delimiters(markdown):
        raise SiteError("the page contains U+E000 or U+E001 (reserved for macro output): remove it")
    pattern = SCRIPTS.get(ctx.code)
    if pattern is not None and not pattern.search(_CODE.sub("", markdown)):
        raise SiteError(
            f"the page is not written in {ctx.code}: translate it (no English fallback)"
        )
    try:
        template = _ENV.from_string(markdown)
        return template.render(**Macros(ctx, page_url, charts).functions())
    except jinja2.TemplateError as error:
        raise SiteError(f"macro error: {error}") from error
    except KeyError as error:
        raise SiteError(f"unknown name {error}") from error
