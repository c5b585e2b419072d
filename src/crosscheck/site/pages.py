"""Pages generated from the fact base: the figures index, a page per figure, the sources index
and a page per source. View models are built here; the Jinja templates in build/templates/
only lay them out (and escape every value)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from crosscheck.expressions import Interval
from crosscheck.factbase import FactBase
from crosscheck.models import Claim, Verdict
from crosscheck.reconcile import (
    CLAIMREVIEW_RATINGS,
    NUMERIC_VERDICTS,
    OPEN_BOUNDS,
    derived_inputs,
)
from crosscheck.site.chain import claim_chain
from crosscheck.site.context import SiteContext, md_escape, relative_url
from crosscheck.site.locale import format_range

VERDICT_ORDER: tuple[Verdict, ...] = (
    "accurate",
    "rounded",
    "hedged",
    "different-scope",
    "different-timing",
    "wrong",
    "unsupported",
    "unverified",
    "not-checkable",
)
RTL = {"fa", "ar", "he", "ur"}


@dataclass(frozen=True)
class ClaimGroups:
    """The claims of each figure and of each source, in the fact base's order.

    Grouped once per build: a page that walked every claim to find its own made the build
    quadratic in the size of the base (figures × claims, sources × claims, in every language).
    """

    by_figure: dict[str, tuple[Claim, ...]]
    by_source: dict[str, tuple[Claim, ...]]

    @classmethod
    def of(cls, base: FactBase) -> ClaimGroups:
        by_figure: dict[str, list[Claim]] = {}
        by_source: dict[str, list[Claim]] = {}
        for located in base.claims.values():
            claim = located.record
            if claim.figure is not None:
                by_figure.setdefault(claim.figure, []).append(claim)
            by_source.setdefault(claim.source, []).append(claim)
        return cls(
            {k: tuple(v) for k, v in by_figure.items()},
            {k: tuple(v) for k, v in by_source.items()},
        )

    def of_figure(self, figure_id: str) -> tuple[Claim, ...]:
        return self.by_figure.get(figure_id, ())

    def of_source(self, source_id: str) -> tuple[Claim, ...]:
        return self.by_source.get(source_id, ())


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Path of the Markdown page inside the docs folder, e.g. 'figure-x.md'."""
    url: str
    """Site-relative URL of the built page, e.g. 'figure-x.html'."""
    content: str


def make_environment(
    templates: Path, bytecode_cache: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """The Jinja environment for generated pages: HTML autoescaping, undefined is an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = md_escape
    return env


# Pages are flat files at each language's root (use_directory_urls: false). Material's script
# fetches "sitemap.xml" relative to every hreflang alternate: with flat pages that resolves to
# the language's own sitemap instead of a missing file inside a page folder.
FIGURES_INDEX = "figures.html"
SOURCES_INDEX = "sources.html"


def figure_url(figure_id: str) -> str:
    return f"figure-{figure_id}.html"


def source_url(source_id: str) -> str:
    return f"source-{source_id}.html"


def archive_url(source_id: str) -> str:
    """Where a source's archived text is published: always plain text, whatever the snapshot's
    own file name (a snapshot named *.html or *.md would otherwise become active content or a
    themed page on the site's origin)."""
    return f"archive/{source_id}.txt"


def direction(language: str) -> str:
    return "rtl" if language.split("-")[0] in RTL else "ltr"


def _verdict_counts(ctx: SiteContext, verdicts: list[Verdict]) -> list[dict[str, Any]]:
    counts = Counter(verdicts)
    return [
        {
            "verdict": v,
            "label": ctx.t(f"verdicts.{v}"),
            "help": ctx.t(f"verdict_help.{v}", tolerance=ctx.tolerance()),
            "count": ctx.value(counts[v], "count"),
        }
        for v in VERDICT_ORDER
        if counts[v]
    ]


def source_name(ctx: SiteContext, source_id: str) -> str:
    """A source's short name in the page language ("Axios, in Persian")."""
    located = ctx.result.base.sources[source_id]
    return ctx.text(located.record.short_name, f"source/{source_id}/short_name")


def event_name(ctx: SiteContext, figure: Any) -> str:
    """A date figure's event in the page language: its ``event`` ("DeepSeek-R1 released"), else
    its label, which then names an event itself ("Donald Trump's second inauguration")."""
    if figure.event is not None:
        return ctx.text(figure.event, f"figure/{figure.id}/event")
    return ctx.text(figure.label, f"figure/{figure.id}/label")


def publisher_text(ctx: SiteContext, source_id: str) -> str:
    """Who published the text, as a name, with what it is to the text in the page language
    ("TechTalk Summits (بازنشر مطلب آکسیوس)", pattern ``source_page.publisher_note``)."""
    source = ctx.result.base.sources[source_id].record
    if not source.publisher:
        return ctx.t("source_page.unknown")
    if source.publisher_note is None:
        return source.publisher
    note = ctx.text(source.publisher_note, f"source/{source_id}/publisher_note")
    return ctx.t("source_page.publisher_note", publisher=source.publisher, note=note)


def source_title(ctx: SiteContext, source_id: str) -> str:
    """The source's title in the page language (the original title for its own language)."""
    source = ctx.result.base.sources[source_id].record
    if source.language == ctx.code:
        return source.title
    return ctx.text(source.title_translation, f"source/{source_id}/title_translation")


def reference_text(ctx: SiteContext, figure_id: str) -> str | None:
    result = ctx.result.reconciliation.figures.get(figure_id)
    if result is None or result.display is None:
        return None
    figure = ctx.result.base.figures[figure_id].record
    reference = figure.reference
    if figure.unit == "date" and isinstance(reference.value, str):
        return ctx.value(reference.value, "date")  # "November 2024", not its first and last day
    if figure.unit == "date" and isinstance(reference.lo, str) and isinstance(reference.hi, str):
        return format_range(reference.lo, reference.hi, "date", ctx.code)
    return ctx.interval(_rounded(result.display, figure.unit), figure.unit, figure=figure_id)


def _rounded(interval: Interval, unit: str) -> Interval:
    """Derived references carry float noise: show them to a sensible precision."""
    if unit in ("date",) or (interval.is_point and float(interval.lo).is_integer()):
        return interval
    digits = 2 if unit in ("percent", "ratio", "years", "points") else 0

    def r(x: float) -> float:
        if unit == "USD" and abs(x) >= 1e6:
            return float(f"{x:.3g}")
        return round(x, digits) if digits else x

    return Interval(r(interval.lo), r(interval.hi))


def claim_view(ctx: SiteContext, claim: Claim, page_url: str) -> dict[str, Any]:
    base, recon = ctx.result.base, ctx.result.reconciliation
    source = base.sources[claim.source].record
    outcome = recon.claims.get(claim.id)
    figure = base.figures.get(claim.figure or "")
    unit = figure.record.unit if figure else "count"
    translation = ""
    if claim.translation and source.language != ctx.code:
        translation = ctx.text(claim.translation, f"claim/{claim.id}/translation")
    computed = outcome.computed if outcome else None
    origin = ""
    computed_origin = recon.origins.get(claim.id)  # computed from the texts, never typed
    if computed_origin is not None:
        partial = computed_origin.problem == "partial"
        origin = ctx.t(
            "error_origins.partial" if partial else f"error_origins.{computed_origin.kind}"
        )
    return {
        "id": claim.id,
        "anchor": f"claim-{claim.id}",
        "source_url": relative_url(source_url(claim.source), page_url),
        "source_name": source_name(ctx, claim.source),
        "quote": claim.quote,
        "quote_lang": source.language,
        "quote_dir": direction(source.language),
        "original_note": ctx.t(
            "general.original_language_note", language=ctx.language_name(source.language)
        ),
        "translation": translation,
        "stated": claim.stated or "",
        "interval": (
            ctx.interval(
                outcome.claimed, unit, figure=claim.figure, strict=outcome.hedge in OPEN_BOUNDS
            )
            if outcome and outcome.claimed
            else ""
        ),
        "hedge": ctx.t(f"hedges.{outcome.hedge if outcome else (claim.hedge or 'none')}"),
        "verdict": claim.verdict,
        "verdict_label": ctx.t(f"verdicts.{claim.verdict}"),
        "verdict_help": ctx.t(f"verdict_help.{claim.verdict}", tolerance=ctx.tolerance()),
        "computed_label": (
            ctx.t(f"verdicts.{computed}")
            if computed and computed != claim.verdict and computed in NUMERIC_VERDICTS
            else ""
        ),
        "reason": ctx.text(claim.reason, f"claim/{claim.id}/reason"),
        "error_origin": origin,
        "chain": claim_chain(ctx, claim),
    }


def claimreview(
    ctx: SiteContext, claim: Claim, view: dict[str, Any], page_url: str, site_url: str
) -> Markup | None:
    """schema.org ClaimReview JSON-LD for a rated claim, in the page's language."""
    rating = CLAIMREVIEW_RATINGS[claim.verdict]
    if rating is None:
        return None
    source = ctx.result.base.sources[claim.source].record
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": source.title,
        "inLanguage": source.language,
        "url": site_url + ctx.prefix + source_url(source.id),
    }
    if source.url:
        appearance["sameAs"] = source.url
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{site_url}{ctx.prefix}{page_url}#{view['anchor']}",
        "inLanguage": str(
            ctx.strings.get("language_tag") or ctx.code
        ),  # zh-Hant-TW, as <html lang>
        "claimReviewed": view["translation"] or claim.quote,
        "author": {"@type": "Organization", "name": "crosscheck"},
        "itemReviewed": {
            "@type": "Claim",
            "datePublished": source.date,
            "appearance": appearance,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating[0],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": view["verdict_label"],
        },
    }
    if source.publisher:
        data["itemReviewed"]["author"] = {"@type": "Organization", "name": source.publisher}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # Inside <script>, '<' could close the element: escape the characters HTML cares about.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def figure_page(
    ctx: SiteContext,
    env: jinja2.Environment,
    figure_id: str,
    site_url: str,
    chart: dict[str, Any] | None,
    groups: ClaimGroups | None = None,
) -> GeneratedPage:
    base = ctx.result.base
    figure = base.figures[figure_id].record
    url = figure_url(figure_id)
    claims = list((groups or ClaimGroups.of(base)).of_figure(figure_id))
    views = [claim_view(ctx, c, url) for c in claims]
    evidence = []
    for index, citation in enumerate(figure.reference.evidence):
        ref = base.references.get(citation.ref)
        if ref is None:
            continue
        record = ref.record
        evidence.append(
            {
                "anchor": f"ref-{index + 1}",
                "url": record.url,
                "title": record.title,
                "publisher": record.publisher,
                "date": ctx.value(record.date, "date") if record.date else "",
                "excerpt": record.excerpt,
                "supports": ctx.t(f"figure_page.supports_{citation.supports}"),
                "stored_copy": record.stored_copy,
            }
        )
    claim_sources = []
    for source_id in dict.fromkeys(c.source for c in claims):
        source = base.sources[source_id].record
        claim_sources.append(
            {
                "url": relative_url(source_url(source_id), url),
                "name": source_name(ctx, source_id),
                "original_url": source.url,
            }
        )
    result = ctx.result.reconciliation.figures.get(figure_id)
    reference = reference_text(ctx, figure_id)
    is_range = bool(result and result.display and not result.display.is_point)
    ends = None  # the spread of the vendors' values, the unit written once
    # Only bounds the evidence gives as an uncertainty are "vendors differ"; a month-precise date
    # or a group's spread is a range for other reasons.
    vendors = figure.reference.interval == "uncertainty" and figure.reference.lo is not None
    if is_range and vendors and result and result.display:
        ends = ctx.interval_ends(result.display, figure.unit, figure=figure_id)
    label = ctx.text(figure.label, f"figure/{figure_id}/label")
    definition = ctx.text(figure.definition, f"figure/{figure_id}/definition")
    view = {
        "label": label,
        "description": definition[:300],
        "definition": definition,
        "reference": reference,
        "reference_is_range": is_range and not figure.reference.derive,
        "reference_range_note": (
            ctx.t("figure_page.reference_interval", lo=ends[0], hi=ends[1]) if ends else ""
        ),
        "derive": [
            {
                "url": relative_url(figure_url(i), url),
                "label": ctx.text(base.figures[i].record.label, f"figure/{i}/label"),
            }
            for i in derived_inputs(figure)
            if i in base.figures
        ],
        "as_of": ctx.value(figure.as_of, "date"),
        "unit": ctx.unit_label(figure.unit, figure_id),
        "note": ctx.text(figure.reference.note, f"figure/{figure_id}/reference/note"),
        "chart": chart,
        "claims": views,
        "evidence": evidence,
        "claim_sources": claim_sources,
        "jsonld": [
            script
            for claim, v in zip(claims, views, strict=True)
            if (script := claimreview(ctx, claim, v, url, site_url)) is not None
        ],
    }
    content = env.get_template("figure.md.j2").render(fig=view, t=ctx.t)
    return GeneratedPage(f"figure-{figure_id}.md", url, content)


def topic_of(ctx: SiteContext, figure_id: str) -> str:
    return ctx.result.base.figures[figure_id].file.path.stem


def figures_index(
    ctx: SiteContext, env: jinja2.Environment, groups: ClaimGroups | None = None
) -> GeneratedPage:
    base = ctx.result.base
    groups = groups or ClaimGroups.of(base)
    url = FIGURES_INDEX
    topics: dict[str, list[dict[str, Any]]] = {}
    for figure_id, located in base.figures.items():
        verdicts = [c.verdict for c in groups.of_figure(figure_id)]
        topics.setdefault(topic_of(ctx, figure_id), []).append(
            {
                "url": relative_url(figure_url(figure_id), url),
                "label": ctx.text(located.record.label, f"figure/{figure_id}/label"),
                "reference": reference_text(ctx, figure_id),
                "claim_count": ctx.value(len(verdicts), "count"),
                "verdicts": _verdict_counts(ctx, verdicts),
            }
        )
    view = [
        {"id": topic, "name": ctx.t(f"topics.{topic}"), "figures": figures}
        for topic, figures in topics.items()
    ]
    content = env.get_template("figures_index.md.j2").render(topics=view, t=ctx.t)
    return GeneratedPage("figures.md", url, content)


def source_page(
    ctx: SiteContext, env: jinja2.Environment, source_id: str, groups: ClaimGroups | None = None
) -> GeneratedPage:
    base = ctx.result.base
    source = base.sources[source_id].record
    url = source_url(source_id)
    claims = []
    verdicts = []
    for claim in (groups or ClaimGroups.of(base)).of_source(source_id):
        verdicts.append(claim.verdict)
        figure = base.figures.get(claim.figure or "")
        translation = ""
        if claim.translation and source.language != ctx.code:
            translation = ctx.text(claim.translation, f"claim/{claim.id}/translation")
        claims.append(
            {
                "quote": claim.quote,
                "translation": translation,
                "figure_url": (
                    relative_url(figure_url(figure.record.id), url) + f"#claim-{claim.id}"
                    if figure
                    else ""
                ),
                "figure_label": (
                    ctx.text(figure.record.label, f"figure/{figure.record.id}/label")
                    if figure
                    else ""
                ),
                "verdict": claim.verdict,
                "verdict_label": ctx.t(f"verdicts.{claim.verdict}"),
                "verdict_help": ctx.t(f"verdict_help.{claim.verdict}", tolerance=ctx.tolerance()),
                "chain": claim_chain(ctx, claim),
            }
        )
    chain = [
        {
            "method": ctx.t(f"chain_methods.{step.method}"),
            "language": ctx.language_name(step.language),
            "lang": step.language,
            "by": step.by,
            "publisher": step.publisher,
            "title": step.title,
            "date": ctx.value(step.date, "date") if step.date else "",
            "url": step.url,
            "note": ctx.text(step.note, f"source/{source_id}/translation_chain/{index}/note"),
        }
        for index, step in enumerate(source.translation_chain)
    ]
    name = source_name(ctx, source_id)
    view = {
        "name": name,
        "description": f"{name} — {source.title}",
        "title": source.title,
        "title_here": source_title(ctx, source_id) if source.language != ctx.code else "",
        "lang": source.language,
        "dir": direction(source.language),
        "publisher": publisher_text(ctx, source_id),
        "authors": ctx.t("general.list_separator").join(source.authors),
        "date": ctx.value(source.date, "date"),
        "date_basis": ctx.text(source.date_basis, f"source/{source_id}/date_basis"),
        "language_name": ctx.language_name(source.language),
        "url": source.url,
        "snapshot_url": archive_url(source_id),
        "sha256": source.sha256,
        "notes": ctx.text(source.notes, f"source/{source_id}/notes"),
        "chain": chain,
        "claims": claims,
        "verdicts": _verdict_counts(ctx, verdicts),
    }
    content = env.get_template("source.md.j2").render(src=view, t=ctx.t)
    return GeneratedPage(f"source-{source_id}.md", url, content)


def sources_index(
    ctx: SiteContext, env: jinja2.Environment, groups: ClaimGroups | None = None
) -> GeneratedPage:
    base = ctx.result.base
    groups = groups or ClaimGroups.of(base)
    url = SOURCES_INDEX
    sources = []
    for source_id, located in base.sources.items():
        verdicts = [c.verdict for c in groups.of_source(source_id)]
        sources.append(
            {
                "url": relative_url(source_url(source_id), url),
                "name": source_name(ctx, source_id),
                "language_name": ctx.language_name(located.record.language),
                "date": ctx.value(located.record.date, "date"),
                "claim_count": ctx.value(len(verdicts), "count"),
                "verdicts": _verdict_counts(ctx, verdicts),
            }
        )
    content = env.get_template("sources_index.md.j2").render(sources=sources, t=ctx.t)
    return GeneratedPage("sources.md", url, content)


def generate_pages(
    ctx: SiteContext,
    env: jinja2.Environment,
    site_url: str,
    charts: dict[str, dict[str, Any]],
    groups: ClaimGroups | None = None,
) -> list[GeneratedPage]:
    """Every generated page of one language."""
    base = ctx.result.base
    groups = groups or ClaimGroups.of(base)
    pages = [figures_index(ctx, env, groups), sources_index(ctx, env, groups)]
    pages += [
        figure_page(ctx, env, figure_id, site_url, charts.get(figure_id), groups)
        for figure_id in base.figures
    ]
    pages += [source_page(ctx, env, source_id, groups) for source_id in base.sources]
    return pages
