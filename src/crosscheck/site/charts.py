"""Charts, per language, as SVG: a reconciliation chart for every figure with claims, and the
charts described in build/charts/*.yml (bars, log-scale bars, a timeline).

Each chart is first reduced to plain data (labels already translated and formatted); the SVG is
cached under .cache/charts/ by the hash of that data, so an unchanged rebuild renders nothing and
does not even import matplotlib. Text is drawn as paths (the page's fonts are not available to an
SVG shown through <img>), with the right font for the script: Noto Sans Arabic for Persian and
Arabic (shaped right-to-left by matplotlib >= 3.11), Noto Sans CJK SC/TC/JP for Chinese and
Japanese so each gets its regional glyphs. Bytes are deterministic (fixed hash salt, no date).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import unicodedata
import warnings
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from crosscheck.numerals import date_matches, date_spans, normalise, parse_date
from crosscheck.reconcile import OPEN_BOUNDS
from crosscheck.site.context import SiteContext, SiteError
from crosscheck.site.pages import ClaimGroups, event_name, reference_text, source_name

CHART_VERSION = "4"  # bump when the drawing code changes, to invalidate the cache


@dataclass(frozen=True)
class Layout:
    """How a chart is drawn for a kind of screen. Sizes are in points; an <img> shows one SVG
    point as one CSS pixel at its natural width, so `font` is the text size in CSS pixels
    wherever the chart is not scaled down."""

    name: str
    width: float
    font: float
    title_font: float
    labels_above: bool
    """Row labels on a line of their own above each row (narrow), else beside the axis."""
    wrap: int
    """Line length for titles and labels in text units (a wide CJK character counts 2); 0
    keeps each on one line."""


WIDE = Layout("wide", width=576, font=10, title_font=11, labels_above=False, wrap=0)
NARROW = Layout("narrow", width=320, font=14, title_font=15, labels_above=True, wrap=32)
"""For phones: 320 pt fits the 328-px column of a 360-px screen unscaled, with text at 14 px,
above the page's small print."""
LAYOUTS = (WIDE, NARROW)
NARROW_MEDIA = "(max-width: 480px)"
"""The screens that get the narrow layout (<picture><source media>)."""

FONTS = {
    "en": ["DejaVu Sans"],
    "fa": ["Noto Sans Arabic", "DejaVu Sans"],
    "ar": ["Noto Sans Arabic", "DejaVu Sans"],
    "zh-Hant": ["Noto Sans CJK TC", "DejaVu Sans"],
    "zh-Hans": ["Noto Sans CJK SC", "DejaVu Sans"],
    "ja": ["Noto Sans CJK JP", "DejaVu Sans"],
}
VERDICT_COLORS = {
    "accurate": "#1b7837",
    "rounded": "#5aae61",
    "hedged": "#7b9e3a",
    "different-scope": "#b35806",
    "different-timing": "#b35806",
    "wrong": "#c51b1b",
    "unsupported": "#8c510a",
    "unverified": "#6b6b6b",
    "not-checkable": "#6b6b6b",
}


@dataclass(frozen=True)
class Row:
    """One horizontal item of a chart: a label and a range of values (lo = hi for a point)."""

    label: str
    lo: float
    hi: float
    inner_lo: float | None = None
    inner_hi: float | None = None
    color: str = "#3b6ea5"
    hatched: bool = False
    text: str = ""
    """The value as the table alternative shows it."""
    note: str = ""


@dataclass(frozen=True)
class ChartData:
    id: str
    language: str
    title: str
    axis: str
    unit: str
    rows: tuple[Row, ...]
    reference: tuple[float, float] | None = None
    log: bool = False
    timeline: bool = False
    ticks: tuple[tuple[float, str], ...] = field(default_factory=tuple)
    limits: tuple[float, float] = (0.0, 1.0)
    kind: str = "ranges"
    """'ranges' (a claim's interval per row), 'bars' (from zero) or 'timeline'."""

    def key(self, layout: Layout = WIDE) -> str:
        """The cache key: everything handed to matplotlib (the id is not: the same data under
        another figure's id is the same drawing), the layout, and the drawing code itself (this
        module and matplotlib's version), so that no change can leave a stale chart in the cache."""
        drawn = {k: v for k, v in asdict(self).items() if k != "id"}
        blob = json.dumps(
            [drawn, asdict(layout), _drawing_code()],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(f"{CHART_VERSION}\n{blob}".encode()).hexdigest()[:24]


@functools.cache
def _drawing_code() -> list[str]:
    from importlib.metadata import version

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return [code, version("matplotlib")]


# -- data ---------------------------------------------------------------------------------------


def _finite(values: list[float]) -> list[float]:
    return [v for v in values if not math.isinf(v)]


def _ticks(
    ctx: SiteContext,
    lo: float,
    hi: float,
    unit: str,
    log: bool,
    count: int = 5,
    figure: str | None = None,
) -> tuple[tuple[float, str], ...]:
    """Axis ticks with labels written as the language's prose writes the value (100万ドル,
    ۲۰۰ میلیارد دلار), by the same function, in digits only (1 دولار beside 1,000 دولار, never
    دولار واحد); a rank axis has whole ranks only, written as the prose writes them (第三名)."""
    if log:
        start, stop = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        every = 3 if stop - start > 6 else 1
        positions = [10.0**e for e in range(start, stop + 1) if (e - start) % every == 0]
    else:
        step = (hi - lo) / count or 1.0
        magnitude = 10 ** math.floor(math.log10(step))
        step = min(
            (m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step), default=step
        )
        if unit in ("rank", "count"):
            step = max(1.0, math.ceil(step))
        first = math.ceil(lo / step) * step
        positions = []
        x = first
        while x <= hi + step * 1e-9:
            positions.append(round(x, 10))
            x += step
    labels = []
    for x in positions:
        if unit == "date":
            labels.append((x, ctx.value(date.fromordinal(int(x)).isoformat()[:7], "date")))
        else:
            # A rank is written as the prose writes it (第三名, رتبه سوم), so that tick and
            # text agree; amounts stay in digits (1 دولار beside 1,000 دولار).
            labels.append((x, ctx.value(x, unit, figure=figure, words=unit == "rank")))
    return tuple(labels)


def reconciliation_data(
    ctx: SiteContext, figure_id: str, groups: ClaimGroups | None = None
) -> ChartData | None:
    """Each claim's interval against the reference, on one number line."""
    base, recon = ctx.result.base, ctx.result.reconciliation
    figure = base.figures[figure_id].record
    rows = []
    for claim in (groups or ClaimGroups.of(base)).of_figure(figure_id):
        outcome = recon.claims.get(claim.id)
        if outcome is None or outcome.claimed is None:
            continue
        stated = outcome.stated or outcome.claimed
        rows.append(
            Row(
                label=source_name(ctx, claim.source),
                lo=outcome.claimed.lo,
                hi=outcome.claimed.hi,
                inner_lo=stated.lo,
                inner_hi=stated.hi,
                color=VERDICT_COLORS[claim.verdict],
                text=ctx.interval(
                    outcome.claimed,
                    figure.unit,
                    figure=figure_id,
                    strict=outcome.hedge in OPEN_BOUNDS,
                ),
                note=ctx.t(f"verdicts.{claim.verdict}"),
            )
        )
    if not rows:
        return None
    reference = recon.figures[figure_id].interval
    ends = _finite([r.lo for r in rows] + [r.hi for r in rows] + [r.inner_lo or 0 for r in rows])
    if reference is not None:
        ends += [reference.lo, reference.hi]
    lo, hi = min(ends), max(ends)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1.0
    label = ctx.text(figure.label, f"figure/{figure_id}/label")
    return ChartData(
        id=f"reconciliation-{figure_id}",
        language=ctx.code,
        title=ctx.t("charts.reconciliation_title", figure=label),
        axis=ctx.unit_label(figure.unit, figure_id),
        unit=figure.unit,
        rows=tuple(rows),
        reference=(reference.lo, reference.hi) if reference else None,
        ticks=_ticks(ctx, lo - pad, hi + pad, figure.unit, False, figure=figure_id),
        limits=(lo - pad, hi + pad),
        kind="ranges",
    )


def without_date(ctx: SiteContext, label: str, day: str) -> str:
    """A row's label without the day its chart's title already gives: the date the label writes
    is found by the checker's own date reader (crosscheck.numerals), and removed with the word
    that joined it (``charts.date_joiners``: "on", "در", "في", "在") or the brackets around it."""
    text = normalise(label)
    if len(text) != len(label):  # the spans index the normalised text
        return label
    for start, end in reversed(date_spans(text)):
        if not date_matches(parse_date(text[start:end]), day):
            continue
        before, after = label[:start].rstrip(), label[end:].lstrip()
        if before.endswith(("(", "（")) and after.startswith((")", "）")):
            before, after = before[:-1].rstrip(), after[1:].lstrip()
        for joiner in ctx.strings["charts"]["date_joiners"]:
            whole_word = _text_units(joiner[:1]) == 2 or (  # (a CJK word needs no boundary)
                len(before) == len(joiner) or not before[-len(joiner) - 1].isalpha()
            )
            if before.endswith(joiner) and whole_word:
                before = before[: -len(joiner)].rstrip()
                break
        spaced = before and after and _text_units(before[-1] + after[0]) == 2
        label = before + (" " if spaced else "") + after
    return label.strip() or text


def _titled_day(ctx: SiteContext, title_key: str) -> str | None:
    """The key date's ISO day when a chart's title gives it ("Moves on {date}")."""
    node: Any = ctx.strings
    for part in title_key.split("."):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    figure = ctx.result.base.figures.get(ctx.key_date_figure)
    if not isinstance(node, str) or "{date}" not in node or figure is None:
        return None
    return str(figure.record.reference.value)


def spec_data(ctx: SiteContext, spec: dict[str, Any]) -> ChartData:
    """A chart described in build/charts/<id>.yml."""
    base, recon = ctx.result.base, ctx.result.reconciliation
    rows = []
    unit = spec.get("unit", "USD")
    # A title that gives the day ("Moves on {date}"): the rows do not repeat it.
    titled_day = _titled_day(ctx, spec["title"])
    for item in spec["items"]:
        sign = float(item.get("sign", 1))
        if "claim" in item:
            claim = base.claims[item["claim"]].record
            outcome = recon.claims[claim.id]
            interval = outcome.claimed
            figure = base.figures[claim.figure].record
            label = ctx.text(figure.label, f"figure/{figure.id}/label")
            lo, hi = interval.lo, interval.hi
            if math.isinf(lo):
                lo = hi / 10
            rows.append(
                Row(
                    label,
                    lo,
                    hi,
                    color=VERDICT_COLORS[claim.verdict],
                    hatched=claim.verdict == "unverified",
                    text=ctx.interval(interval, unit, figure=claim.figure),
                    note=ctx.t(f"verdicts.{claim.verdict}"),
                )
            )
            continue
        figure_id = item["figure"]
        figure = base.figures[figure_id].record
        label = ctx.text(figure.label, f"figure/{figure_id}/label")
        if spec["kind"] == "timeline":
            label = event_name(ctx, figure)
            when = figure.as_of if item.get("use") == "as_of" else figure.reference.value
            if recon.figures[figure_id].interval is None and item.get("use") != "as_of":
                continue
            day = date.fromisoformat(str(when)).toordinal()
            rows.append(Row(label, day, day, text=ctx.value(str(when), "date")))
            continue
        interval = recon.figures[figure_id].interval
        if interval is None:
            raise SiteError(
                f"chart {spec['id']}: figure '{figure_id}' is unverified; chart its claim"
            )
        if titled_day is not None:
            label = without_date(ctx, label, titled_day)
        lo, hi = sorted((interval.lo * sign, interval.hi * sign))
        color = "#c51b1b" if sign < 0 else "#1b7837"
        rows.append(Row(label, lo, hi, color=color, text=reference_text(ctx, figure_id) or ""))
    values = _finite([r.lo for r in rows] + [r.hi for r in rows])
    log = bool(spec.get("log"))
    kind = "timeline" if spec["kind"] == "timeline" else "bars"
    if kind == "timeline":
        lo, hi = min(values), max(values)
        pad = (hi - lo) * 0.06 or 10.0
        limits = (lo - pad, hi + pad)
        ticks = _ticks(ctx, *limits, "date", False, count=4)
    elif log:
        lo, hi = min(values), max(values)
        limits = (10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi)))
        ticks = _ticks(ctx, *limits, unit, True)
    else:
        lo, hi = min([*values, 0.0]), max([*values, 0.0])
        pad = (hi - lo) * 0.06 or 1.0
        limits = (lo - (pad if lo < 0 else 0), hi + (pad if hi > 0 else 0))
        ticks = _ticks(ctx, *limits, unit, False)
    ticks = tuple((x, label) for x, label in ticks if limits[0] <= x <= limits[1])
    return ChartData(
        id=spec["id"],
        language=ctx.code,
        title=ctx.t(spec["title"]),
        axis=ctx.t(spec["axis"]) if spec.get("axis") else "",
        unit=unit,
        rows=tuple(rows),
        log=log,
        timeline=kind == "timeline",
        ticks=ticks,
        limits=limits,
        kind=kind,
    )


# -- drawing ------------------------------------------------------------------------------------


def _text_units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_text(text: str, units: int) -> str:
    """Break text into lines of at most `units` (a wide CJK character counts 2): at spaces
    where the script has them, between any two wide characters otherwise (never before a
    closing CJK punctuation mark). A word longer than a line stays whole."""
    if units <= 0 or _text_units(text) <= units:
        return text
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        candidate = line + piece
        if line.strip() and _text_units(candidate.rstrip()) > units:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


CLOSING = "、。，．）」』】！？：；"
OPENING = "（「『【"


def _pieces(text: str) -> list[str]:
    """What a line may break between: a word with the spaces before it, or a wide character."""
    pieces: list[str] = []
    current = ""
    for ch in text:
        if ch.isspace():
            if current and not current.isspace():
                pieces.append(current)
                current = ""
            current += ch
        elif _text_units(ch) == 2:
            if current and not current.isspace():
                pieces.append(current)
                current = ""
            if ch in CLOSING and pieces and not current:
                pieces[-1] += ch
            else:
                pieces.append(current + ch)
            current = ""
        else:
            current += ch
    if current:
        pieces.append(current)
    # An opening bracket stays with what it opens.
    merged: list[str] = []
    for piece in pieces:
        if merged and merged[-1][-1] in OPENING:
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def draw_svg(chart: ChartData, layout: Layout = WIDE) -> tuple[bytes, float, float]:
    """Render a chart to SVG bytes (imports matplotlib only when something must be drawn)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.transforms import blended_transform_factory

    _register_fonts(font_manager)
    rc = {
        "font.family": FONTS[chart.language],
        "svg.fonttype": "path",
        "svg.hashsalt": "crosscheck",
        "font.size": layout.font,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    rtl = chart.language in ("fa", "ar")
    xmin, xmax = chart.limits
    span = (math.log10(xmax) - math.log10(xmin)) if chart.log else (xmax - xmin) or 1.0
    written = _right_to_left if rtl else str
    labels = [written(wrap_text(row.label, layout.wrap)) for row in chart.rows]
    title = written(wrap_text(chart.title, layout.wrap - 2 if layout.wrap else 0))
    axis = written(wrap_text(chart.axis, layout.wrap))
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(layout.width / 72, 1.5 + 0.45 * len(chart.rows)), dpi=72)
        if layout.labels_above:
            positions, ylim = _stack_rows(fig, ax, layout, labels, title, axis)
        else:
            positions = [float(p) for p in range(len(chart.rows))][::-1]
            ylim = (-0.7, len(chart.rows) - 0.3)
        if chart.reference is not None:
            lo, hi = chart.reference
            if hi - lo < span * 0.004:
                ax.axvline((lo + hi) / 2, color="#222222", linewidth=1.6, zorder=1)
            else:
                ax.axvspan(lo, hi, color="#222222", alpha=0.2, linewidth=0, zorder=1)
        for y, row in zip(positions, chart.rows, strict=True):
            if chart.kind == "timeline":
                ax.plot([row.lo], [y], "o", color=row.color, markersize=7, zorder=3)
                continue
            if chart.kind == "bars" and not row.hatched:
                value = row.hi if row.hi > 0 else row.lo
                start = xmin if chart.log else 0.0
                ax.barh([y], [value - start], left=start, color=row.color, height=0.55, zorder=2)
                if row.hi != row.lo:
                    ax.plot([row.lo, row.hi], [y, y], color="#222222", linewidth=1.2, zorder=3)
                continue
            lo = xmin if math.isinf(row.lo) else max(row.lo, xmin)
            hi = xmax if math.isinf(row.hi) else min(row.hi, xmax)
            ax.barh([y], [hi - lo], left=lo, color=row.color, alpha=0.3, height=0.5,
                    hatch="///" if row.hatched else None, linewidth=0, zorder=2)  # fmt: skip
            if row.inner_lo is not None and row.inner_hi is not None:
                inner_lo, inner_hi = max(row.inner_lo, xmin), min(row.inner_hi, xmax)
                if inner_hi - inner_lo < span * 0.006:
                    ax.plot(
                        [(inner_lo + inner_hi) / 2],
                        [y],
                        "D",
                        color=row.color,
                        markersize=6,
                        zorder=3,
                    )
                else:
                    ax.barh(
                        [y],
                        [inner_hi - inner_lo],
                        left=inner_lo,
                        color=row.color,
                        height=0.5,
                        zorder=3,
                    )
            for open_end, x, toward in (
                (math.isinf(row.hi), xmax, 1),
                (math.isinf(row.lo), xmin, -1),
            ):
                if open_end:
                    ax.annotate("", xy=(x, y), xytext=(x - toward * span * 0.05, y),
                                arrowprops={"arrowstyle": "->", "color": row.color})  # fmt: skip
        if chart.log:
            ax.set_xscale("log")
        ax.set_xlim(xmin, xmax)
        if layout.labels_above:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            along = blended_transform_factory(ax.transAxes, ax.transData)
            for y, label in zip(positions, labels, strict=True):
                ax.text(1.0 if rtl else 0.0, y + 0.35, label, transform=along,
                        ha="right" if rtl else "left", va="bottom")  # fmt: skip
        else:
            ax.set_yticks(positions, labels)
        ax.set_ylim(*ylim)
        ax.set_xticks([x for x, _ in chart.ticks], [written(text) for _, text in chart.ticks])
        ax.minorticks_off()
        if axis:
            ax.set_xlabel(axis)
        ax.set_title(title, loc="right" if rtl else "left", fontsize=layout.title_font)
        if rtl and not layout.labels_above:
            ax.yaxis.tick_right()
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        if layout.labels_above:
            _thin_tick_labels(fig, ax)
        else:
            fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
        width, height = fig.get_size_inches()
        plt.close(fig)
    return buffer.getvalue().encode(), width * 72, height * 72


def _right_to_left(text: str) -> str:
    """Text of a right-to-left chart, each line set right to left: CLDR's left-to-right mark in
    a Persian minus (‎−۳۰) or a line opening with a Latin name (Báo Giao thông، به ژاپنی) would
    otherwise make matplotlib lay the line out left to right, its words reversed. A signed
    number is isolated left to right (see _SIGNED)."""
    lines = (_SIGNED.sub("\u2066\\1\u2069", line) for line in text.split("\n"))
    return "\n".join("\u200f" + line.replace("\u200e", "") for line in lines)


_SIGNED = re.compile(
    "(?<![0-9A-Za-z\u06f0-\u06f9\u0660-\u0669])"  # a sign, not a hyphen inside 2025-01-27
    "\u200e?([\u2212+\\-]\u200e?[0-9\u06f0-\u06f9\u0660-\u0669][0-9\u06f0-\u06f9\u0660-\u0669.,\u066b\u066c]*)"
)
"""A signed number in right-to-left text: kept in a left-to-right isolate, so that its sign stays
on the left of its digits (−۳۰ درصد); without one the bidi algorithm sets a leading minus to
the right of the number (۳۰−)."""


def _stack_rows(
    fig: Any, ax: Any, layout: Layout, labels: list[str], title: str, axis: str
) -> tuple[list[float], tuple[float, float]]:
    """The narrow layout: each row is its label, then its bar, one under the other. Text is
    measured in its font (Arabic script and CJK lines are taller than Latin ones), the figure
    is sized to fit it all, and the margins are set for the title and the axis as wrapped.
    Returns the rows' y positions and the y limits, in units of one bar slot."""
    renderer = fig.canvas.get_renderer()

    def inches(text: str, size: float) -> float:
        probe = fig.text(0, 0, text, fontsize=size)
        height = probe.get_window_extent(renderer).height / fig.dpi
        probe.remove()
        return float(height)

    slot = 1.5 * layout.font / 72  # one y unit: bars are half of it high
    positions: list[float] = []
    y = 0.0
    for label in reversed(labels):
        positions.append(y)
        y += 0.35 + inches(label, layout.font) / slot + 0.55
    ylim = (-0.6, y - 0.4)
    top = inches(title, layout.title_font) + 0.2
    bottom = inches("0", layout.font) + 0.15
    if axis:
        bottom += inches(axis, layout.font) + 0.05
    height = top + (ylim[1] - ylim[0]) * slot + bottom
    fig.set_size_inches(layout.width / 72, height)
    fig.subplots_adjust(left=0.03, right=0.97, bottom=bottom / height, top=1 - top / height)
    return positions[::-1], ylim


def _thin_tick_labels(fig: Any, ax: Any) -> None:
    """Hide tick labels that would touch their neighbour or leave the figure: on a narrow
    chart, long labels (۵۵۰ میلیارد دلار) leave room for only a few."""
    renderer = fig.canvas.get_renderer()
    gap = ax.xaxis.get_ticklabels()[0].get_fontsize() * 0.6 if ax.xaxis.get_ticklabels() else 0
    right_edge = fig.bbox.width
    last = None
    for tick in sorted(ax.xaxis.get_major_ticks(), key=lambda t: t.get_loc()):
        label = tick.label1
        if not label.get_text():
            continue
        box = label.get_window_extent(renderer)
        if box.x0 < 0 or box.x1 > right_edge or (last is not None and box.x0 < last + gap):
            label.set_visible(False)
            tick.tick1line.set_visible(False)
            continue
        last = box.x1


@functools.cache
def _register_fonts(font_manager: Any) -> None:
    """Debian's Noto fonts (fonts-noto-core, fonts-noto-cjk), registered once per process."""
    for folder in ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"):
        for path in sorted(Path(folder).glob("*")):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc") and (
                "Arabic" in path.name or "CJK" in path.name
            ):
                font_manager.fontManager.addfont(str(path))


def chart_svg(
    chart: ChartData, cache_dir: Path, layout: Layout = WIDE
) -> tuple[bytes, float, float]:
    """The chart's SVG, from the cache when its data has not changed.

    A glyph missing from the fonts (a box instead of a letter) fails the build.
    """
    cached = cache_dir / f"{chart.key(layout)}.svg"
    meta = cached.with_suffix(".json")
    if cached.exists() and meta.exists():
        size = json.loads(meta.read_text())
        return cached.read_bytes(), size[0], size[1]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        svg, width, height = draw_svg(chart, layout)
    missing = sorted({str(w.message) for w in caught if "missing from" in str(w.message)})
    if missing:
        raise SiteError(
            f"chart {chart.id} ({chart.language}): {missing[0]} — install Debian's fonts-noto-core "
            "and fonts-noto-cjk (make system)"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(svg)
    meta.write_text(json.dumps([width, height]))
    return svg, width, height


def chart_view(
    ctx: SiteContext,
    chart: ChartData,
    src: str,
    width: float,
    height: float,
    narrow: tuple[str, float, float] | None = None,
) -> dict[str, Any]:
    """What a page needs to show a chart accessibly: image (and its narrow layout for phones:
    src, width, height), caption, a table alternative."""
    caption = (
        ctx.t("figure_page.chart_caption")
        if chart.id.startswith("reconciliation-")
        else chart.title
    )
    if chart.id.startswith("reconciliation-"):
        keys = ("index_page.source", "figure_page.implied_interval", "figure_page.verdict")
    else:
        keys = ("index_page.figure", "index_page.reference", "")
    head = [ctx.t(key) if key else "" for key in keys]
    rows = [[row.label, row.text, row.note] for row in chart.rows]
    if chart.reference is not None and chart.id.startswith("reconciliation-"):
        figure_id = chart.id.removeprefix("reconciliation-")
        rows.append(
            [ctx.t("figure_page.chart_reference"), reference_text(ctx, figure_id) or "", ""]
        )
    if not any(row[2] for row in rows):
        head = head[:2]
        rows = [row[:2] for row in rows]
    return {
        "id": chart.id,
        "uri": src,
        "src": src,
        # The title, then the caption, joined as the language ends a sentence (ja "…。各棒は…",
        # not a Latin ". " between CJK sentences).
        "alt": chart.title
        if caption == chart.title
        else f"{chart.title}{ctx.t('general.full_stop')}{caption}",
        "caption": caption,
        "width": round(width),
        "height": round(height),
        "narrow": None
        if narrow is None
        else {
            "src": narrow[0],
            "width": round(narrow[1]),
            "height": round(narrow[2]),
            "media": NARROW_MEDIA,
        },
        "table_head": head,
        "table_rows": rows,
    }


def load_specs(specs_dir: Path) -> list[dict[str, Any]]:
    specs = []
    for path in sorted(specs_dir.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        spec["id"] = path.stem
        specs.append(spec)
    return specs


def render_charts(
    ctx: SiteContext, cache_dir: Path, specs_dir: Path, groups: ClaimGroups | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, bytes]]:
    """All charts of one language, each in the wide and the narrow layout: views by figure id
    or spec id, and files by src URI."""
    views: dict[str, dict[str, Any]] = {}
    files: dict[str, bytes] = {}
    charts: list[tuple[str, ChartData]] = []
    groups = groups or ClaimGroups.of(ctx.result.base)
    for figure_id in ctx.result.base.figures:
        data = reconciliation_data(ctx, figure_id, groups)
        if data is not None:
            charts.append((figure_id, data))
    charts += [(spec["id"], spec_data(ctx, spec)) for spec in load_specs(specs_dir)]
    for name, data in charts:
        svg, width, height = chart_svg(data, cache_dir, WIDE)
        uri = f"charts/{data.id}.svg"
        files[uri] = svg
        narrow_svg, narrow_width, narrow_height = chart_svg(data, cache_dir, NARROW)
        narrow_uri = f"charts/{data.id}.{NARROW.name}.svg"
        files[narrow_uri] = narrow_svg
        narrow = (narrow_uri, narrow_width, narrow_height)
        views[name] = chart_view(ctx, data, uri, width, height, narrow)
    return views, files
