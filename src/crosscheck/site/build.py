"""Everything one language build adds to MkDocs' files: generated pages, charts, downloads,
archived texts and the stylesheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.site.context import SiteContext, SiteError
from crosscheck.site.data import downloads
from crosscheck.site.feeds import feed_files
from crosscheck.site.pages import ClaimGroups, archive_url, generate_pages, make_environment
from crosscheck.site.share import all_cards, card_files

if TYPE_CHECKING:
    import jinja2

    from crosscheck.factbase import FactBase
    from crosscheck.site.plugin import SharedState


def site_files(
    ctx: SiteContext,
    shared: SharedState,
    build_dir: str,
    templates: jinja2.BytecodeCache | None = None,
) -> dict[str, str | bytes]:
    """src URI → content, for one language; `templates` keeps compiled templates between the
    builds of a live preview (site/preview.py)."""
    from crosscheck.site.charts import render_charts

    build = shared.root / build_dir
    env = make_environment(build / "templates", templates)
    groups = ClaimGroups.of(ctx.result.base)  # once per build, for every page and chart
    charts, chart_files = render_charts(
        ctx, shared.root / ".cache" / "charts", build / "charts", groups
    )
    if shared.charts is None:
        shared.charts = {}
    shared.charts[ctx.code] = charts
    files: dict[str, str | bytes] = {}
    for page in generate_pages(ctx, env, shared.base_site_url, charts, groups):
        files[page.src_uri] = page.content
    files.update(chart_files)
    shared.cards[ctx.code] = all_cards(ctx)
    files.update(card_files(shared.cards[ctx.code], shared.root / ".cache" / "cards"))
    files.update(feed_files(ctx, shared.base_site_url))
    if shared.downloads is None:
        english = SiteContext.create(ctx.result, "en", ctx.all_strings, ctx.key_date_figure)
        title = f"{english.t('site_name')}: {site_description(english)}"
        shared.downloads = downloads(ctx.result, title)
    files.update(shared.downloads)
    files.update(archive_files(ctx.result.base))
    files["assets/crosscheck.css"] = (build / "assets" / "crosscheck.css").read_text(
        encoding="utf-8"
    )
    return files


def site_description(ctx: SiteContext) -> str:
    """The site's description in the context's language, every placeholder filled: the pages'
    meta description and the data package's title say the same."""
    from crosscheck.site.counts import count_text

    return ctx.t(
        "site_description",
        articles=count_text(ctx, "articles"),
        languages=count_text(ctx, "article-languages"),
    )


def archive_files(base: FactBase) -> dict[str, bytes]:
    """Every source's archived bytes, published as archive/<source id>.txt (see archive_url)."""
    files: dict[str, bytes] = {}
    for source_id, located in base.sources.items():
        snapshot = located.file.path.parent / located.record.snapshot
        files[archive_url(source_id)] = snapshot.read_bytes()
    return files


# Material's script treats every <link rel="alternate"> as another edition of the site and
# fetches "sitemap.xml" next to its href (integrations/alternate/index.ts, setupAlternate): with
# absolute hreflang links, every page served from loopback, a laptop or a mirror calls SITE_URL's
# host. The language switcher here links each language's version of the page directly
# (build/overrides/partials/alternate.html), so the fetch buys nothing: the selector is narrowed
# to links that carry data-md-sitemap, which no page has. Material is pinned exactly; the patch
# refuses to build if the bundle no longer contains the selector exactly once.
ALTERNATE_SELECTOR = '"link[rel=alternate]"'
INERT_ALTERNATE_SELECTOR = '"link[rel=alternate][data-md-sitemap]"'


def without_sitemap_fetches(bundle: str) -> str:
    """Material's JavaScript bundle, with the sitemap fetches of setupAlternate disabled."""
    if bundle.count(ALTERNATE_SELECTOR) != 1:
        raise SiteError(
            "Material's bundle no longer selects link[rel=alternate] exactly once: review "
            "without_sitemap_fetches in src/crosscheck/site/build.py for this Material version"
        )
    return bundle.replace(ALTERNATE_SELECTOR, INERT_ALTERNATE_SELECTOR)
