"""What every page of one language needs: the checked fact base, the language's strings, and
helpers that format values and resolve reader-facing text (never falling back to English)."""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from crosscheck.expressions import Interval
from crosscheck.models import LANGUAGES, Text
from crosscheck.pipeline import CheckResult
from crosscheck.reconcile import ACCURATE_TOLERANCE
from crosscheck.site.escape import html_text, markdown_safe_html
from crosscheck.site.locale import (
    SITE_LANGUAGES,
    SiteLanguage,
    format_range,
    format_range_ends,
    format_value,
    localize_digits,
    style,
    unit_name,
)
from crosscheck.site.numberstyle import rank_bounds
from crosscheck.translations import text as catalog_text


class SiteError(Exception):
    """The site cannot be built as asked (untranslated strings, a broken fact base)."""


def load_strings(
    build_dir: Path, languages: tuple[str, ...] = LANGUAGES
) -> dict[str, dict[str, Any]]:
    """build/i18n/<lang>.yml for the languages being built; each must have English's keys."""
    strings: dict[str, dict[str, Any]] = {}
    for code in dict.fromkeys(("en", *languages)):
        path = build_dir / "i18n" / f"{code}.yml"
        try:
            strings[code] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise SiteError(f"{path}: cannot read interface strings: {error}") from error
    expected = _keys(strings["en"])
    for code, table in strings.items():
        missing = sorted(expected - _keys(table))
        extra = sorted(_keys(table) - expected)
        if missing or extra:
            raise SiteError(
                f"build/i18n/{code}.yml does not match en.yml: missing {missing[:5]}, "
                f"unknown {extra[:5]}"
            )
    return strings


OWN_TABLES = frozenset({"language_names"})
"""Tables whose entries are each language's own choices, not translations of English's keys:
the table must exist in every catalog, its entries need not match."""


def _keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in table.items():
        if isinstance(value, dict) and f"{prefix}{key}" not in OWN_TABLES:
            keys |= _keys(value, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


def md_escape(value: str) -> Markup:
    """Text from YAML for a Markdown line (headings): escaped, then hidden from Markdown's parser
    (see crosscheck.site.escape; backslash escapes depend on which extensions are on)."""
    return Markup(markdown_safe_html(html_text(value)))


@dataclass
class SiteContext:
    """One language's view of the fact base."""

    result: CheckResult
    language: SiteLanguage
    strings: dict[str, Any]
    all_strings: dict[str, dict[str, Any]]
    key_date_figure: str = ""
    """The figure whose day fills {date} in interface strings (mkdocs.yml: key_date_figure)."""

    @classmethod
    def create(
        cls,
        result: CheckResult,
        code: str,
        strings: dict[str, dict[str, Any]],
        key_date_figure: str = "",
    ) -> SiteContext:
        return cls(result, SITE_LANGUAGES[code], strings[code], strings, key_date_figure)

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def prefix(self) -> str:
        """URL prefix of this language's site: '' for English (the root), else 'fa/' etc."""
        return "" if self.code == "en" else f"{self.code}/"

    def t(self, key: str, **values: object) -> str:
        """An interface string by dotted key, with {placeholders} filled. {date} defaults to the
        day of the story's key date figure, from the fact base."""
        node: Any = self.strings
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                hint = (
                    f" (the name of the topic of facts/figures/{key.split('.', 1)[1]}.yml)"
                    if key.startswith("topics.")
                    else ""
                )
                raise SiteError(f"build/i18n/{self.code}.yml has no string '{key}'{hint}")
            node = node[part]
        text = str(node)
        if "{date}" in text and "date" not in values:
            values["date"] = self.key_day(key)
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def key_day(self, key: str = "") -> str:
        """The key date figure's day, formatted; the plugin has checked that it exists."""
        figure = self.result.base.figures.get(self.key_date_figure)
        if figure is None:
            raise SiteError(
                f"interface string '{key}' uses {{date}}, but mkdocs.yml names no "
                "key_date_figure (plugins: crosscheck: key_date_figure: <a date figure's id>)"
            )
        return self.value(str(figure.record.reference.value), "date")

    def tolerance(self) -> str:
        return self.value(ACCURATE_TOLERANCE * 100, "percent")

    def text(self, slot: Text | None, key: str) -> str:
        """A fact-base text slot in this language; a missing one is a build error."""
        if slot is None:
            return ""
        if self.code == "en":
            return slot.en
        try:
            return catalog_text(slot, key, self.code, self.result.catalogs)
        except KeyError as error:
            raise SiteError(f"untranslated text '{key}' in {self.code}") from error

    def value(
        self, value: float | str, unit: str, *, figure: str | None = None, words: bool = True
    ) -> str:
        """A value as the language's press writes it (crosscheck.site.numberstyle); ``figure``
        is the figure it measures, when known (a language may write one figure its own way);
        ``words=False`` for an axis tick (digits only: 1 دولار, 3rd)."""
        return format_value(value, unit, self.code, self._kind(figure), words)

    def _kind(self, figure: str | None) -> str | None:
        """What a language's number style may write a figure by: its ``points_in`` currency."""
        located = self.result.base.figures.get(figure or "")
        return located.record.points_in if located is not None else None

    def ordinal_word(self, n: int) -> str:
        """The language's ordinal word for a small n (الثانية, دوم, second), else n in digits:
        for strings such as "الخطوة {nth}" (numberstyle's ordinals.words)."""
        words = style(self.code).ordinal_words
        return words[n - 1] if 1 <= n <= len(words) else self.value(n, "count")

    def unit_label(self, unit: str, figure: str | None = None) -> str:
        """A unit's name for an axis or a table: the interface's ``units.<unit>``, unless the
        language writes this figure in another unit (ja: the Dow in ドル)."""
        return unit_name(unit, self.code, self._kind(figure)) or self.t(f"units.{unit}")

    def interval(
        self,
        interval: Interval | None,
        unit: str,
        *,
        figure: str | None = None,
        strict: bool = False,
    ) -> str:
        """An interval for display (dates are day numbers inside): one value, or a range with
        the language's connector and the unit written once (5890億〜5930億ドル). ``strict``: a
        one-sided interval excludes its bound ("more than", 超, بیش از), as an open hedge says."""
        if interval is None:
            return ""

        def end(x: float) -> float | str:
            if unit == "date":
                from datetime import date

                return date.fromordinal(int(x)).isoformat()
            return x

        lo_open, hi_open = interval.lo == float("-inf"), interval.hi == float("inf")
        if lo_open and hi_open:
            return "—"
        if unit == "rank" and not (lo_open or hi_open):
            interval = Interval(*rank_bounds(interval.lo, interval.hi))
        elif unit == "rank":  # a rank is a whole number: "1.5 or lower" is "2nd or lower"
            lo = interval.lo if lo_open else math.ceil(interval.lo - 1e-9)
            hi = interval.hi if hi_open else math.floor(interval.hi + 1e-9)
            interval = Interval(lo, hi)
        suffix = "_strict" if strict else ""
        if hi_open:
            lo = self.value(end(interval.lo), unit, figure=figure)
            return self.t(f"figure_page.open_interval_above{suffix}", lo=lo)
        if lo_open:
            hi = self.value(end(interval.hi), unit, figure=figure)
            return self.t(f"figure_page.open_interval_below{suffix}", hi=hi)
        if interval.is_point:
            return self.value(end(interval.lo), unit, figure=figure)
        if unit == "date":
            whole = _whole_period(int(interval.lo), int(interval.hi))
            if whole is not None:  # all of November 2024 is "November 2024", not 1–30 November
                return self.value(whole, unit)
        return format_range(end(interval.lo), end(interval.hi), unit, self.code, self._kind(figure))

    def interval_ends(
        self, interval: Interval, unit: str, *, figure: str | None = None
    ) -> tuple[str, str]:
        """The ends of a closed interval for a sentence with its own connector ("the evidence
        spans {lo} to {hi}"), the unit written once where the language writes it once."""
        if unit == "date":
            return (
                self.interval(Interval.point(interval.lo), unit),
                self.interval(Interval.point(interval.hi), unit),
            )
        lo, hi = interval.lo, interval.hi
        if unit == "rank":
            lo, hi = (float(x) for x in rank_bounds(lo, hi))
        return format_range_ends(lo, hi, unit, self.code, self._kind(figure))

    def language_name(self, code: str) -> str:
        """A language's name in this page's language: the catalog's ``language_names`` where it
        writes one (CLDR's half-width "中国語 (簡体字)" is not how Japanese is typeset), else
        CLDR's ("Persian", "ペルシア語")."""
        written = (self.strings.get("language_names") or {}).get(code)
        if written:
            return str(written)
        from babel import Locale

        name = Locale.parse(code.replace("-", "_")).get_display_name(self.language.babel)
        return localize_digits(name or code, self.code)


def _whole_period(lo: int, hi: int) -> str | None:
    """The month or year that day numbers lo..hi cover exactly ('2024-11', '2025'), if any."""
    from datetime import date, timedelta

    first, last = date.fromordinal(lo), date.fromordinal(hi)
    after = last + timedelta(days=1)
    if first.day != 1 or after.day != 1:
        return None
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.month == 1 and after.month == 1 and first.year == last.year:
        return f"{first.year:04d}"
    return None


def relative_url(target: str, current: str) -> str:
    """A link from one page to another, both given as site-relative URLs ('figure-x.html',
    'fa/index.html'); a folder URL ends with '/'."""
    base = posixpath.dirname(current)
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel
