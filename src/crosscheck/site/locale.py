"""Numbers and dates as each language's readers expect them, formatted by Babel.

Digits follow CLDR's default numbering system for each locale: Persian (fa) uses ``arabext``
(۰–۹ with ٫ and ٬ and ٪); Arabic (ar, Modern Standard Arabic as CLDR defines it) uses Latin
digits, like English, Chinese and Japanese. Babel formats in Latin digits only (babel issue
#446), so Persian strings are transliterated with CLDR's own arabext symbols. Persian dates show
the Solar Hijri date first, the Gregorian date beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import jdatetime
from babel import Locale, dates, numbers

from crosscheck.numerals import iso_bounds


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    """BCP 47 tag used in <html lang>, URLs and the fact base."""
    babel: str
    """Babel/CLDR locale id."""
    theme: str
    """Material for MkDocs language (its partials/languages/<theme>.html)."""
    direction: str
    numbering: str
    """CLDR numbering system of the locale's default: 'latn' or 'arabext'."""


SITE_LANGUAGES: dict[str, SiteLanguage] = {
    "en": SiteLanguage("en", "en", "en", "ltr", "latn"),
    "fa": SiteLanguage("fa", "fa", "fa", "rtl", "arabext"),
    "zh-Hant": SiteLanguage("zh-Hant", "zh_Hant", "zh-Hant", "ltr", "latn"),
    # Material has no zh-Hans partial; build/overrides/partials/languages/zh-Hans.html adds one.
    "zh-Hans": SiteLanguage("zh-Hans", "zh_Hans", "zh-Hans", "ltr", "latn"),
    "ja": SiteLanguage("ja", "ja", "ja", "ltr", "latn"),
    "ar": SiteLanguage("ar", "ar", "ar", "rtl", "latn"),
}


def _digit_map(language: SiteLanguage) -> dict[int, str] | None:
    if language.numbering == "latn":
        return None
    symbols = Locale.parse(language.babel).number_symbols[language.numbering]
    digits = "۰۱۲۳۴۵۶۷۸۹" if language.numbering == "arabext" else "٠١٢٣٤٥٦٧٨٩"
    table = {ord(str(i)): digits[i] for i in range(10)}
    table.update(
        {
            ord("."): symbols["decimal"],
            ord(","): symbols["group"],
            ord("%"): symbols["percentSign"],
            ord("-"): symbols["minusSign"],
        }
    )
    return table


_DIGIT_MAPS = {code: _digit_map(lang) for code, lang in SITE_LANGUAGES.items()}


def localize_digits(text: str, code: str) -> str:
    """Latin digits and symbols → the locale's numbering system (Persian only, per CLDR)."""
    table = _DIGIT_MAPS[code]
    return text.translate(table) if table else text


def _fraction_digits(value: float, scale: float, most: int = 3) -> int:
    """Fewest decimals that show ``value / scale`` exactly (at most ``most``)."""
    scaled = Decimal(repr(abs(value))) / Decimal(repr(scale))
    for digits in range(most + 1):
        if scaled == scaled.quantize(Decimal(1).scaleb(-digits)):
            return digits
    return most


def _compact_scale(value: float, code: str) -> float:
    """The power of ten Babel's compact format divides by for this value and locale."""
    magnitude = abs(value)
    cjk = code in ("ja", "zh-Hant", "zh-Hans")
    steps = (1e12, 1e8, 1e4) if cjk else (1e12, 1e9, 1e6, 1e3)
    return next((s for s in steps if magnitude >= s), 1.0)


def format_number(value: float, code: str, decimals: int | None = None) -> str:
    language = SITE_LANGUAGES[code]
    if decimals is None:
        decimals = _fraction_digits(value, 1.0)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = numbers.format_decimal(value, format=pattern, locale=language.babel)
    return localize_digits(text, code)


def format_usd(value: float, code: str) -> str:
    """US dollars: compact from a million up ($589B, US$5890億, ۵۸۹ میلیارد $), else exact."""
    language = SITE_LANGUAGES[code]
    if abs(value) >= 1e6:
        scale = _compact_scale(value, code)
        text = numbers.format_compact_currency(
            value, "USD", locale=language.babel, fraction_digits=_fraction_digits(value, scale)
        )
    else:
        decimals = _fraction_digits(value, 1.0, most=2)
        pattern = Locale.parse(language.babel).currency_formats["standard"].pattern
        if decimals == 0:
            pattern = pattern.replace(".00", "")
        text = numbers.format_currency(
            value, "USD", format=pattern, locale=language.babel, currency_digits=decimals != 0
        )
    return localize_digits(text, code)


def format_percent(value: float, code: str) -> str:
    language = SITE_LANGUAGES[code]
    decimals = _fraction_digits(value, 1.0, most=2)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    text = numbers.format_percent(value / 100, format=pattern, locale=language.babel)
    return localize_digits(text, code)


def format_date_value(iso: str, code: str) -> str:
    """An ISO date of any precision, in the language's long form (Solar Hijri first for fa)."""
    language = SITE_LANGUAGES[code]
    parts = iso.split("-")
    day, _ = iso_bounds(iso)
    if len(parts) == 3:
        gregorian = dates.format_date(day, format="long", locale=language.babel)
    else:
        skeleton = "y" if len(parts) == 1 else "yMMMM"
        gregorian = dates.format_skeleton(skeleton, day, locale=language.babel)
    if code != "fa":
        return gregorian
    gregorian = localize_digits(gregorian, code)
    if len(parts) < 3:
        return gregorian
    return f"{solar_hijri(day)} ({gregorian})"


def solar_hijri(day: date) -> str:
    """A Gregorian day as a Solar Hijri date in Persian: 2025-01-27 → ۸ بهمن ۱۴۰۳."""
    jalali = jdatetime.date.fromgregorian(date=day)
    month = jdatetime.date.j_months_fa[jalali.month - 1]
    return localize_digits(f"{jalali.day} {month} {jalali.year}", "fa")


def format_value(value: float | str, unit: str, code: str, patterns: dict[str, Any]) -> str:
    """A value in a figure's unit, for display. ``patterns`` are the language's unit formats
    ("{value} years") from build/i18n/<lang>.yml; a pattern may be a table of CLDR plural
    categories (one, two, few, many, other), chosen with Babel's plural rules."""
    if unit == "date":
        return format_date_value(str(value), code)
    number = float(value)
    if math.isinf(number):
        return "∞"
    if unit == "USD":
        return format_usd(number, code)
    if unit == "percent":
        return format_percent(number, code)
    decimals = 2 if unit in ("ratio", "years") and number != int(number) else None
    number = round(number, 2) if decimals else number
    shown = format_number(number, code, decimals)
    pattern = patterns.get(unit, "{value}")
    if isinstance(pattern, dict):
        category = Locale.parse(SITE_LANGUAGES[code].babel).plural_form(number)
        pattern = pattern.get(category) or pattern["other"]
    return str(pattern).replace("{value}", shown)
