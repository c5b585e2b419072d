"""The corrections log as a page section and as Atom feeds, one pair per language.

facts/corrections.yml is the log (crosscheck.models.Correction): the corrections page lists it
through the ``{{ corrections() }}`` macro, and every language gets two Atom feeds (RFC 4287),
so that readers and other fact-checkers can follow changes, as IFCN's principle of open and
honest corrections asks:

- ``feeds/corrections.xml``: every entry of the log, newest first;
- ``feeds/verdicts.xml``: every verdict an entry set or changed (its ``claims``), with the
  verdict the checker computes now, the quote and the reason.

A correction's text names numbers by placeholder (``{fact:<figure id>}``), rendered by the same
macros as hand-written pages, so the log shows today's values in each page's own format. Feeds
are built with ElementTree, which escapes every text and attribute for XML; HTML content is
escaped once more as the text of ``<content type="html">``, as RFC 4287 section 3.1.1.2 says.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from crosscheck.rules_corrections import PLACEHOLDER, placeholders
from crosscheck.site.context import SiteContext, SiteError, relative_url
from crosscheck.site.escape import html_text, plain_text
from crosscheck.site.pages import claim_view, figure_url, reference_text, source_name, source_url
from crosscheck.site.share import shortened

if TYPE_CHECKING:
    from crosscheck.models import Correction
    from crosscheck.site.macros import Macros

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CORRECTIONS_PAGE = "corrections.html"
FEEDS = {"corrections": "feeds/corrections.xml", "verdicts": "feeds/verdicts.xml"}
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    """One correction, resolved for one language."""

    id: str
    date: str
    text: str
    """The text in the page's language, placeholders unrendered."""
    claims: tuple[str, ...]


def log(ctx: SiteContext) -> list[Entry]:
    """The log in this language, newest first (entries of one day keep their file order)."""
    entries = []
    for correction_id, located in ctx.result.base.corrections.items():
        correction: Correction = located.record
        key = f"correction/{correction_id}/text"
        text = ctx.text(correction.text, key)
        if sorted(placeholders(text)) != sorted(placeholders(correction.text.en)):
            raise SiteError(
                f"{key} in {ctx.code}: the translation's placeholders differ from the English "
                f"text's {sorted(f'{{{k}:{i}}}' for k, i in placeholders(correction.text.en))}"
            )
        entries.append(Entry(correction_id, correction.date, text, tuple(correction.claims)))
    return sorted(entries, key=lambda e: e.date, reverse=True)


def _render(text: str, piece: Callable[[str, str], Markup | str]) -> Markup:
    """A correction's text as HTML: text escaped, each placeholder replaced by `piece`."""
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        out.append(str(html_text(text[position : match.start()])))
        out.append(str(html_text(piece(match.group(1), match.group(2)))))
        position = match.end()
    out.append(str(html_text(text[position:])))
    return Markup("".join(out))


def entry_html(entry: Entry, macros: Macros) -> Markup:
    """An entry's text with its numbers, labels and verdicts as the macros render them."""
    pieces: dict[str, Callable[[str], Markup]] = {
        "fact": macros.fact,
        "label": macros.label,
        "stated": macros.stated,
        "claim": macros.claim,
        "source": macros.source,
    }
    return _render(entry.text, lambda kind, record_id: pieces[kind](record_id))


def entry_plain(ctx: SiteContext, entry: Entry) -> str:
    """An entry's text as plain text (a feed entry's title)."""
    base = ctx.result.base

    def piece(kind: str, record_id: str) -> str:
        if kind == "fact":
            return reference_text(ctx, record_id) or ctx.t("verdicts.unverified")
        if kind == "label":
            figure = base.figures[record_id].record
            return ctx.text(figure.label, f"figure/{record_id}/label")
        if kind == "source":
            return source_name(ctx, record_id)
        claim = base.claims[record_id].record
        return (
            (claim.stated or claim.quote)
            if kind == "stated"
            else ctx.t(f"verdicts.{claim.verdict}")
        )

    out, position = [], 0
    for match in PLACEHOLDER.finditer(entry.text):
        out += [entry.text[position : match.start()], piece(match.group(1), match.group(2))]
        position = match.end()
    out.append(entry.text[position:])
    return plain_text("".join(out))


def corrections_html(macros: Macros) -> Markup:
    """The log for the corrections page: dated entries, newest first, and links to the feeds."""
    ctx = macros.ctx
    items = [
        Markup('<li id="correction-{}"><time datetime="{}">{}</time>{}{}</li>').format(
            entry.id,
            entry.date,
            ctx.value(entry.date, "date"),
            ctx.t("general.colon"),
            entry_html(entry, macros),
        )
        for entry in log(ctx)
    ]
    feeds = (
        Markup("{}")
        .format(ctx.t("general.separator"))
        .join(
            Markup('<a href="{}" type="application/atom+xml">{}</a>').format(
                macros.link(FEEDS[name]), ctx.t(f"feeds.subscribe_{name}")
            )
            for name in FEEDS
        )
    )
    listing = Markup('<ol class="cc-corrections" reversed>{}</ol>').format(Markup("").join(items))
    return listing + Markup('\n<p class="cc-feeds">{}</p>').format(feeds)


def feed_links(ctx: SiteContext, page_url: str) -> list[dict[str, str]]:
    """<link rel="alternate" type="application/atom+xml"> for every page (relative, so that a
    copy of the site served elsewhere points at its own feeds)."""
    return [
        {"href": relative_url(uri, page_url), "title": ctx.t(f"feeds.{name}_title")}
        for name, uri in FEEDS.items()
    ]


# -- Atom ---------------------------------------------------------------------------------------


def _timestamp(day: str) -> str:
    """An RFC 3339 date-time for a day of the log (the log records days, not times)."""
    return f"{day}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = plain_text(text)
    return element


def _feed(
    ctx: SiteContext, name: str, site: str, entries: list[dict[str, Any]], fallback_day: str
) -> bytes:
    own = site + FEEDS[name]
    tag = str(ctx.strings.get("language_tag") or ctx.code)  # zh-Hant-TW, as the pages say
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: tag})
    _add(feed, "id", own)
    _add(feed, "title", ctx.t(f"feeds.{name}_title"))
    _add(feed, "subtitle", ctx.t(f"feeds.{name}_subtitle"))
    _add(feed, "updated", _timestamp(max((e["date"] for e in entries), default=fallback_day)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=own)
    _add(feed, "link", rel="alternate", type="text/html", href=site + CORRECTIONS_PAGE)
    author = _add(feed, "author")
    _add(author, "name", ctx.t("site_name"))
    for entry in entries:
        element = _add(feed, "entry")
        _add(element, "id", entry["id"])
        _add(element, "title", entry["title"])
        _add(element, "published", _timestamp(entry["date"]))
        _add(element, "updated", _timestamp(entry["date"]))
        _add(element, "link", rel="alternate", type="text/html", href=entry["link"])
        _add(element, "content", str(entry["content"]), type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_files(ctx: SiteContext, site_url: str) -> dict[str, bytes]:
    """Both feeds of one language, by src URI."""
    from crosscheck.site.macros import Macros

    site = site_url + ctx.prefix

    class AbsoluteMacros(Macros):
        """The page macros, linking by absolute URL: a feed entry is read away from the site."""

        def link(self, target: str) -> str:
            return site + target

    macros = AbsoluteMacros(ctx, CORRECTIONS_PAGE)
    base = ctx.result.base
    entries = log(ctx)
    # An empty log still needs an 'updated' date: the newest date the fact base records.
    fallback = max((s.record.date for s in base.sources.values()), default="1970-01-01")
    fallback = (fallback + "-01-01")[:10] if len(fallback) < 10 else fallback
    corrections = [
        {
            "id": f"{site}{CORRECTIONS_PAGE}#correction-{entry.id}",
            "date": entry.date,
            "title": shortened(entry_plain(ctx, entry), 120),
            "link": f"{site}{CORRECTIONS_PAGE}#correction-{entry.id}",
            "content": Markup("<p>{}</p>").format(entry_html(entry, macros)),
        }
        for entry in entries
    ]
    verdicts = []
    for entry in entries:
        for claim_id in entry.claims:
            claim = base.claims[claim_id].record
            page = figure_url(claim.figure) if claim.figure else source_url(claim.source)
            view = claim_view(ctx, claim, page)
            figure = base.figures.get(claim.figure or "")
            subject = (
                ctx.text(figure.record.label, f"figure/{figure.record.id}/label")
                if figure
                else claim.quote
            )
            content = Markup(
                '<p><q lang="{}" dir="{}">{}</q></p>{}<p>{}{}<strong>{}</strong></p>{}<p>{}</p>'
            ).format(
                view["quote_lang"],
                view["quote_dir"],
                view["quote"],
                Markup("<p>{}</p>").format(view["translation"]) if view["translation"] else "",
                ctx.t("figure_page.verdict"),
                ctx.t("general.colon"),
                view["verdict_label"],
                Markup("<p>{}</p>").format(view["reason"]) if view["reason"] else "",
                entry_html(entry, macros),
            )
            verdicts.append(
                {
                    "id": f"{site}{CORRECTIONS_PAGE}#correction-{entry.id}-claim-{claim_id}",
                    "date": entry.date,
                    "title": ctx.t(
                        "feeds.verdict_entry",
                        source=view["source_name"],
                        figure=subject,
                        verdict=view["verdict_label"],
                    ),
                    "link": f"{site}{page}#claim-{claim_id}",
                    "content": content,
                }
            )
    return {
        FEEDS["corrections"]: _feed(ctx, "corrections", site, corrections, fallback),
        FEEDS["verdicts"]: _feed(ctx, "verdicts", site, verdicts, fallback),
    }
