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

from crosscheck.numerals import ROUNDING_CAP
from crosscheck.reconcile import ABOUT_TOLERANCE, ACCURATE_TOLERANCE, NEARLY_TOLERANCE
from crosscheck.site.context import SiteContext, SiteError, relative_url
from crosscheck.site.escape import has_token_delimiters, html_text, markdown_safe_html
from crosscheck.site.locale import format_percent, localize_digits
from crosscheck.site.pages import direction, figure_url, reference_text, source_name, source_url
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

    def stated(self, claim_id: str) -> Markup:
        """The number as a source wrote it, in its own script."""
        claim = self._claim(claim_id)
        language = self.ctx.result.base.sources[claim.source].record.language
        return Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(
            html_text(language),
            html_text(direction(language)),
            html_text(claim.stated or claim.quote),
        )

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
        base = self.ctx.result.base
        sizes = {"sources": base.sources, "figures": base.figures, "claims": base.claims}
        return _num(self.ctx.value(len(sizes[what]), "count"))

    def interval(self, claim_id: str) -> Markup:
        """The interval a claim's wording allows (after its hedge)."""
        claim = self._claim(claim_id)
        outcome = self.ctx.result.reconciliation.claims.get(claim_id)
        figure = self._figure(claim.figure) if claim.figure else None
        if outcome is None or figure is None:
            raise SiteError(f"claim '{claim_id}' has no interval")
        return _num(self.ctx.interval(outcome.claimed, figure.unit))

    def precision(self, claim_id: str) -> Markup:
        """The interval the written precision alone allows (before the hedge)."""
        claim = self._claim(claim_id)
        outcome = self.ctx.result.reconciliation.claims.get(claim_id)
        figure = self._figure(claim.figure) if claim.figure else None
        if outcome is None or figure is None or outcome.stated is None:
            raise SiteError(f"claim '{claim_id}' has no interval")
        return _num(self.ctx.interval(outcome.stated, figure.unit))

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
                    "claimed": _num(self.ctx.interval(result.claimed, case.unit)),
                    "reference": _num(shown) if shown else Markup("—"),
                    "verdict": self.verdict(result.verdict) if result.verdict else Markup("—"),
                }
            )
        return rows

    def functions(self) -> dict[str, Any]:
        names = ("fact", "label", "stated", "quote", "claim", "source", "verdict", "tolerance",
                 "limit", "count", "interval", "precision", "rating", "t", "stated_text",
                 "quote_text", "export_version", "chart", "worked_cases")  # fmt: skip
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
