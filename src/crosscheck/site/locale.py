"""Numbers and dates as each language's readers expect them.

Numbers follow each language's house style, which is data (``src/crosscheck/lang/<lang>/
numberstyle.yml``, read by :mod:`crosscheck.site.numberstyle`): the word for the dollar after
the scale word, the range connector, ordinals for ranks, plural forms. Separators come from Babel.
Digits follow CLDR's default numbering system for each locale (the style's ``numerals``):
Persian (fa) uses ``arabext`` (۰–۹ with ٫ and ٬); Arabic (ar, Modern Standard Arabic as CLDR
defines it) uses Latin digits, like English, Chinese and Japanese. Babel formats in Latin digits
only (babel issue #446), so Persian strings are transliterated with CLDR's own arabext symbols.
Persian dates show the Solar Hijri date first, the Gregorian date beside it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date

import jdatetime
from babel import Locale, dates, numbers

from crosscheck.numerals import iso_bounds
from crosscheck.site.numberstyle import (
    NumberStyle,
    Written,
    load_style,
    range_ends,
    range_text,
    rank_bounds,
    written,
)


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    """BCP 47 tag used in <html lang>, URLs and the fact base."""
    babel: str
    """Babel/CLDR locale id."""
    theme: str
    """Material for MkDocs language (its partials/languages/<theme>.html)."""
    direction: str


SITE_LANGUAGES: dict[str, SiteLanguage] = {
    "en": SiteLanguage("en", "en", "en", "ltr"),
    "fa": SiteLanguage("fa", "fa", "fa", "rtl"),
    # Taiwan usage: Material's zh-TW strings (zh-Hant's mix in mainland wording, 个).
    "zh-Hant": SiteLanguage("zh-Hant", "zh_Hant", "zh-TW", "ltr"),
    # Material has no zh-Hans partial; build/overrides/partials/languages/zh-Hans.html adds one.
    "zh-Hans": SiteLanguage("zh-Hans", "zh_Hans", "zh-Hans", "ltr"),
    "ja": SiteLanguage("ja", "ja", "ja", "ltr"),
    # Material's Arabic with the desk's corrections (build/overrides/partials/languages/).
    "ar": SiteLanguage("ar", "ar", "ar-crosscheck", "rtl"),
}


@functools.cache
def _digit_map(code: str) -> dict[int, str] | None:
    numbering = style(code).numerals
    if numbering == "latn":
        return None
    symbols = Locale.parse(SITE_LANGUAGES[code].babel).number_symbols[numbering]
    digits = "۰۱۲۳۴۵۶۷۸۹"
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


def localize_digits(text: str, code: str) -> str:
    """Latin digits and symbols → the locale's numbering system (Persian only, per CLDR)."""
    table = _digit_map(code)
    return text.translate(table) if table else text


def style(code: str) -> NumberStyle:
    """The language's number style (src/crosscheck/lang/<lang>/numberstyle.yml)."""
    return load_style(code, SITE_LANGUAGES[code].babel)


def format_number(value: float, code: str, decimals: int | None = None) -> str:
    """A plain number with the locale's separators and digits (1,000; ۱٬۰۰۰)."""
    language = SITE_LANGUAGES[code]
    if decimals is None:
        decimals = min(3, len(repr(float(value)).partition(".")[2].rstrip("0")))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = numbers.format_decimal(value, format=pattern, locale=language.babel)
    return localize_digits(text, code)


def format_usd(value: float, code: str) -> str:
    """US dollars as the language's press writes them: $589 billion, 5890億ドル, 5890亿美元,
    ۵۸۹ میلیارد دلار, 589 مليار دولار (never a $ or US$ sign beside 億, میلیارد or مليار)."""
    return format_value(value, "USD", code)


def format_percent(value: float, code: str) -> str:
    return format_value(value, "percent", code)


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
    # CLDR's format form adds the ezafe (ژانویهٔ ۲۰۲۵); the press and the catalogs write the
    # month bare before the year (ژانویه ۲۰۲۵), one spelling on a page.
    gregorian = localize_digits(gregorian.replace("\u0647\u0654", "\u0647"), code)
    if len(parts) < 3:
        return gregorian
    return f"{solar_hijri(day)} ({gregorian})"


def solar_hijri(day: date) -> str:
    """A Gregorian day as a Solar Hijri date in Persian: 2025-01-27 → ۸ بهمن ۱۴۰۳."""
    jalali = jdatetime.date.fromgregorian(date=day)
    month = jdatetime.date.j_months_fa[jalali.month - 1]
    return localize_digits(f"{jalali.day} {month} {jalali.year}", "fa")


def format_value(
    value: float | str, unit: str, code: str, figure: str | None = None, words: bool = True
) -> str:
    """A value in a figure's unit, as the language's press writes it (see numberstyle). A rank is
    a whole number: an ordinal (third, سوم, الثالثة, 第三, 3位). ``figure`` lets a language write
    one figure its own way (Japanese gives the Dow in ドル and セント). ``words=False`` keeps to
    digits, for a chart axis where every tick must read alike (1 دولار beside 1,000 دولار)."""
    if unit == "date":
        return format_date_value(str(value), code)
    number = float(value)
    if math.isinf(number):
        return "∞"
    if unit == "rank":
        number = float(rank_bounds(number, number)[0])
    shown = written(number, unit, style(code), figure, ordinals=words, words=words)
    return localize_digits(shown.text, code)


def format_range(
    lo: float | str, hi: float | str, unit: str, code: str, figure: str | None = None
) -> str:
    """Two values as one range: the language's connector, the unit written once where its press
    writes it once (5890億〜5930億ドル, ۵۸۹ تا ۵۹۳ میلیارد دلار, ما بين 589 و593 مليار دولار). A
    rank range holds whole ranks only; its ends are both words or both digits; no other number is
    spelled out in a range (۱ تا ۱٫۲ تریلیون دلار, not یک تریلیون تا ۱٫۲ تریلیون دلار)."""
    number_style = style(code)
    if unit == "date":
        texts = [format_date_value(str(x), code) for x in (lo, hi)]
        first, last = str(lo), str(hi)
        if number_style.upper_date_without_year and first[:4] == last[:4] and len(last) >= 7:
            day, _ = iso_bounds(last)
            skeleton = "MMMd" if len(last) == 10 else "MMMM"
            texts[1] = dates.format_skeleton(skeleton, day, locale=SITE_LANGUAGES[code].babel)
        ends = [Written(text, "{n}", "{x}") for text in texts]
        return range_text(ends[0], ends[1], unit, number_style)
    low, high = float(lo), float(hi)
    ordinals = True
    if unit == "rank":
        first, last = rank_bounds(low, high)
        low, high = float(first), float(last)
        ordinals = last <= len(number_style.ordinal_words) and first >= 1
    a = written(low, unit, number_style, figure, ordinals=ordinals, words=False)
    b = written(high, unit, number_style, figure, ordinals=ordinals, words=False)
    return localize_digits(range_text(a, b, unit, number_style), code)


def format_range_ends(
    lo: float, hi: float, unit: str, code: str, figure: str | None = None
) -> tuple[str, str]:
    """The two ends of a range for a sentence that has its own connector ("the evidence spans
    {lo} to {hi}"): the unit written once, as :func:`format_range` writes it."""
    number_style = style(code)
    a = written(lo, unit, number_style, figure, words=False)
    b = written(hi, unit, number_style, figure, words=False)
    lower, upper = range_ends(a, b, unit, number_style)
    return localize_digits(lower, code), localize_digits(upper, code)


def unit_name(unit: str, code: str, figure: str | None = None) -> str | None:
    """The unit's name when the language writes this figure in another unit (ja: the Dow in
    ドル), else None (use the interface's ``units.<unit>``)."""
    name, unit_style = style(code).unit_style(unit, figure)
    return unit_style.name if name != unit else None
