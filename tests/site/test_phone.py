"""Charts on a phone, in Chromium with a phone's screen (360 and 412 CSS px, touch, mobile
viewport): every chart's text is at least the page's small print, in left-to-right and
right-to-left languages, and no page is wider than the screen.

Chart text is drawn as glyph outlines, so its size is read from the SVG the browser chose
(currentSrc): matplotlib writes each text as glyphs scaled by font size / 100, and the image's
rendered width over the SVG's own width gives the scale the page applies."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from crosscheck.models import LANGUAGES
from tests.site.conftest import Site
from tests.site.test_browser import CHROMIUM, FIGURE, FLAGS, prefix

PAGES = ("index.html", "timeline.html", FIGURE)
TEXT_GROUP = re.compile(r'<g id="text_\d+">.*?scale\(([0-9.]+) -[0-9.]+\)', re.S)
VIEW_BOX = re.compile(r'viewBox="0 0 ([0-9.]+) ')


@pytest.fixture(scope="module")
def phone_browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


def small_print(page: object) -> float:
    """The font size of the page's small print (.cc-note, as notes under figures use)."""
    return float(
        page.evaluate(  # type: ignore[attr-defined]
            """() => { const p = document.createElement('p'); p.className = 'cc-note';
            p.textContent = 'x'; document.querySelector('.md-content .md-typeset').append(p);
            const size = parseFloat(getComputedStyle(p).fontSize); p.remove(); return size }"""
        )
    )


def chart_text_sizes(page: object) -> list[tuple[str, float]]:
    """(chart file, smallest rendered text size in CSS px) for every chart on the page."""
    charts = page.evaluate(  # type: ignore[attr-defined]
        """async () => { const out = [];
            for (const img of document.querySelectorAll('.cc-chart img')) {
              img.scrollIntoView(); await img.decode();  // lazy: loads once on screen
              const svg = await (await fetch(img.currentSrc)).text();
              out.push([img.currentSrc, img.getBoundingClientRect().width, svg]) }
            return out }"""
    )
    sizes = []
    for src, rendered, svg in charts:
        view_box = VIEW_BOX.search(svg)
        scales = [float(s) for s in TEXT_GROUP.findall(svg)]
        assert view_box and scales, f"no text found in {src}"
        smallest_pt = min(scales) * 100  # matplotlib's glyphs are drawn at size 100
        sizes.append((src.rsplit("/", 1)[-1], smallest_pt * rendered / float(view_box.group(1))))
    return sizes


@pytest.mark.parametrize("width", [360, 412])
@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_text_is_no_smaller_than_the_small_print_on_a_phone(
    phone_browser: object, served: Site, language: str, width: int
) -> None:
    context = phone_browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        checked = 0
        for name in PAGES:
            page.goto(served.url + prefix(language) + name, wait_until="networkidle")
            # A page wider than the screen would make the phone zoom out, all text with it.
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            floor = small_print(page)
            for chart, size in chart_text_sizes(page):
                assert ".narrow." in chart, f"{name}: {chart} is not the phone layout"
                assert size >= floor, f"{name}: {chart} text {size:.1f}px < {floor}px"
                checked += 1
        assert checked >= len(PAGES), "no chart checked"
    finally:
        context.close()


LAYOUT_SHIFTS = """window.ccShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.ccShifts.push(
  [e.value, e.sources.map(s => s.node ? s.node.nodeName + "." + s.node.className : "")]) })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_shifts_while_a_phone_loads_the_page(
    phone_browser: object, served: Site, language: str
) -> None:
    # Lighthouse's phone: 412 px at 1.75 device pixels. Lighthouse marks down a CLS over 0.1;
    # a language menu wider than the screen before Material's script ran gave 0.06 on RTL pages.
    context = phone_browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 412, "height": 823},
        device_scale_factor=1.75,
        is_mobile=True,
        has_touch=True,
    )
    context.add_init_script(LAYOUT_SHIFTS)
    try:
        for name in ("index.html", FIGURE):
            page = context.new_page()
            page.goto(served.url + prefix(language) + name, wait_until="networkidle")
            page.wait_for_timeout(500)
            shifts = page.evaluate("window.ccShifts")
            assert sum(value for value, _ in shifts) < 0.01, (name, shifts)
            page.close()
    finally:
        context.close()
