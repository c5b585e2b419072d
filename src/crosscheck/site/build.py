"""Everything one language build adds to MkDocs' files: generated pages, charts, downloads,
archived texts and the stylesheet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.site.context import SiteContext
from crosscheck.site.data import downloads
from crosscheck.site.pages import generate_pages, make_environment

if TYPE_CHECKING:
    from crosscheck.site.plugin import SharedState


def site_files(ctx: SiteContext, shared: SharedState, build_dir: str) -> dict[str, str | bytes]:
    """src URI → content, for one language."""
    from crosscheck.site.charts import render_charts

    build = shared.root / build_dir
    env = make_environment(build / "templates")
    charts, chart_files = render_charts(ctx, shared.root / ".cache" / "charts", build / "charts")
    if shared.charts is None:
        shared.charts = {}
    shared.charts[ctx.code] = charts
    files: dict[str, str | bytes] = {}
    for page in generate_pages(ctx, env, shared.base_site_url, charts):
        files[page.src_uri] = page.content
    files.update(chart_files)
    if shared.downloads is None:
        shared.downloads = downloads(ctx.result)
    files.update(shared.downloads)
    base = ctx.result.base
    for located in base.sources.values():
        snapshot = located.file.path.parent / located.record.snapshot
        files[f"archive/{located.record.snapshot}"] = snapshot.read_bytes()
    files["assets/crosscheck.css"] = (build / "assets" / "crosscheck.css").read_text(
        encoding="utf-8"
    )
    return files
