"""Read numbers and dates as the sources write them, in every script the seeds use.

``parse_quantity("5,888億ドル")`` → value 588.8e9 with step 1e8 (the unit of the last written
digit), so the stated precision gives an interval. Handles ASCII, Persian (۰–۹), Arabic-Indic
(٠–٩) and full-width digits; CJK numerals (一二两三…十百千) and multipliers (万/萬, 亿/億, 兆);
number words, ordinals ("third", 第三, 3位, سوم, الثالثة: kind 'ordinal', a rank) and scale words
of each language's ``lang/<lang>/numbers.yml`` (crosscheck.numberwords); percent signs of every
script.

Precision rule (documented in docs/en/methodology.md, with a table computed from this code):
the step is one unit of the last written digit; trailing zeros of a whole number of three or more
digits are not significant ("6000 亿" → step 1000 亿, but "10%" → step 1%). A written number allows
the values that round to it (AggChecker: the true value "can be rounded to the claimed value";
statcheck: the recomputed value rounds to the reported decimals), so half a step either side, but
a whole number never allows more than :data:`ROUNDING_CAP` of its value either side. Half a unit
of a single significant digit is up to ±50% ("$1 trillion" would allow $0.5–1.5T), which no reader
takes it to mean; newspaper practice rounds large sums to two or three significant digits
(Poynter's numeracy guidelines) and the coarse one-digit roundings that do appear stay within about
a tenth ($5.58 million written "$6 million" is 7.6% off). A number written with decimals keeps its
decimal step: its writer chose the decimal place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from crosscheck.numberwords import Words, number_words

# Persian and Arabic-Indic digits, and the Arabic decimal and thousands separators. Full-width
# forms (０-９, ％, ，) are handled by NFKC normalisation first.
_DIGITS = str.maketrans(
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬",
    "01234567890123456789.,",
)

_CJK_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
# Large CJK multipliers. 兆 is 10^12 in Japanese and in Taiwan's usage; mainland texts use
# 万亿 for 10^12, so reading 兆 as 10^12 is right for every seed.
_CJK_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

# Number words, scale words and ordinal affixes are data, one file per language
# (src/crosscheck/lang/<lang>/numbers.yml, read by crosscheck.numberwords). ``language`` below
# selects the lexicons a text is read with (its own, then English); None reads every language.


def _words(language: str | None) -> Words:
    if language is None:
        return number_words()
    return number_words((language,) if language == "en" else (language, "en"))


_PERCENT = re.compile(r"%|٪|درصد|パーセント|في\s?المئة|بالمئة|percent|per cent", re.I)
_RATIO = re.compile(r"倍|times|fold|برابر|ضعف")

Kind = Literal["number", "percent", "ratio", "ordinal"]

ROUNDING_CAP = Decimal("0.10")
"""The widest half-interval a whole number allows, relative to its value (see the module doc)."""


class NumeralError(ValueError):
    """The text holds no number we can read, or more than one."""


@dataclass(frozen=True)
class Quantity:
    """A number as written: its value and the step of its last written digit."""

    value: Decimal
    step: Decimal
    kind: Kind = "number"
    value_hi: Decimal | None = None  # for ranges such as "60–65"
    decimal: bool = False
    """Written with a decimal point ("3.1%", "5.6 million"): the step is the writer's choice."""

    def half_width(self) -> Decimal:
        """Half the precision interval: half a step, capped for whole numbers (ROUNDING_CAP)."""
        half = self.step / 2
        if self.decimal or self.value_hi is not None:
            return half
        return min(half, abs(self.value) * ROUNDING_CAP) if self.value else half

    def interval(self) -> tuple[float, float]:
        half = self.half_width()
        lo = self.value - half
        hi = (self.value_hi if self.value_hi is not None else self.value) + half
        return float(lo), float(hi)


def normalise(text: str) -> str:
    """NFKC (full-width → ASCII), native digits → ASCII, whitespace folded."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    return re.sub(r"\s+", " ", text).strip()


def _digit_step(digits: str) -> tuple[Decimal, Decimal]:
    """Value and step of an ASCII numeral such as '5,888' or '3.1' or '6000'."""
    plain = digits.replace(",", "")
    try:
        value = Decimal(plain)
    except InvalidOperation as error:
        raise NumeralError(f"cannot read {digits!r} as a number") from error
    if "." in plain:
        return value, Decimal(1).scaleb(-len(plain.split(".")[1]))
    if len(plain) < 3:  # "10%", "50美元": a two-digit number is read as exact to the unit
        return value, Decimal(1)
    stripped = plain.rstrip("0")
    zeros = len(plain) - len(stripped) if stripped else 0
    return value, Decimal(1).scaleb(zeros)


def _cjk_number(text: str) -> tuple[Decimal, Decimal]:
    """Value and step of a CJK numeral without scale words, e.g. 两 → 2, 二十五 → 25."""
    total = 0
    current = 0
    step = 1
    for char in text:
        if char in _CJK_DIGITS:
            current = _CJK_DIGITS[char]
            step = 1
        elif char in _CJK_UNITS:
            unit = _CJK_UNITS[char]
            total += (current or 1) * unit
            current = 0
            step = unit
        else:
            raise NumeralError(f"cannot read {char!r} as a CJK numeral")
    if current:
        total += current
        step = 1
    return Decimal(total), Decimal(step)


_NUMBER_CORE = re.compile(
    r"(?P<digits>\d[\d,]*(?:\.\d+)?)"
    r"|(?P<cjk>[零〇一二两兩三四五六七八九十百千]+)"
)
_CJK_SCALE_RUN = re.compile(r"\s?(?P<scales>[万萬亿億兆]+)")
_WORD_SCALE = re.compile(r"\s?(?P<word>[^\W\d_]+)")
_RANGE_SEP = re.compile(r"\s?(?:-|–|—|~|〜|至|到|تا|إلى)\s?")


def _scale_after(text: str, pos: int, words: Words) -> tuple[Decimal, int]:
    """The multiplier that follows position ``pos`` and where it ends."""
    cjk = _CJK_SCALE_RUN.match(text, pos)
    if cjk:
        scale = 1
        for char in cjk.group("scales"):
            scale *= _CJK_SCALES[char]
        return Decimal(scale), cjk.end()
    word = _WORD_SCALE.match(text, pos)
    if word and word.group("word").lower() in words.scales:
        return words.scales[word.group("word").lower()], word.end()
    return Decimal(1), pos


def _read_core(
    text: str, match: re.Match[str], words: Words
) -> tuple[Decimal, Decimal, Decimal, int]:
    """Value and step of one numeral (unscaled), its multiplier, and where it ends."""
    if match.group("digits"):
        value, step = _digit_step(match.group("digits"))
    else:
        value, step = _cjk_number(match.group("cjk"))
    scale, end = _scale_after(text, match.end(), words)
    return value, step, scale, end


def _affix_pattern(affixes: tuple[str, ...], after: bool) -> re.Pattern[str]:
    """Ordinal affixes beside a numeral: a letter affix must end its word (3rd, not 3rds is
    a rank; "3 امتیاز" is no ordinal), a CJK one need not (3位に, 第3)."""
    parts = []
    for affix in sorted(affixes, key=len, reverse=True):
        escaped = re.escape(affix)
        if after and not _is_cjk_char(affix[-1]):
            escaped += r"(?![^\W\d_])"
        parts.append(escaped)
    alternation = "|".join(parts) or "(?!)"
    return re.compile(rf"\s?(?:{alternation})" if after else rf"(?:{alternation})\s?$", re.I)


def _is_cjk_char(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"


@functools.cache
def _ordinal_affixes(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = _words(language)
    return _affix_pattern(words.prefixes, False), _affix_pattern(words.suffixes, True)


def is_ordinal_at(text: str, start: int, end: int, language: str | None = None) -> bool:
    """Whether the numeral at ``text[start:end]`` is written as a rank: 第 before it, or
    'rd', 位, 番目 after it (the affixes of the language's numbers.yml)."""
    before, after = _ordinal_affixes(language)
    return bool(before.search(text[max(0, start - 4) : start]) or after.match(text, end))


def _word_number(text: str, words: Words) -> Quantity | None:
    found = re.findall(r"[^\W\d_]+", text)
    numbers = words.numbers
    for index, word in enumerate(found):
        entry = numbers.get(word.lower())
        if entry is None or entry.value is None:
            continue
        value = entry.value
        if entry.section == "ordinals":
            return Quantity(value, Decimal(1), "ordinal")
        if value < 1:  # a share of a whole: "half" is 50%
            return Quantity(value * 100, Decimal(10), "percent")
        step = Decimal(1)
        nxt = found[index + 1].lower() if index + 1 < len(found) else ""
        if nxt in words.scales:
            scale = words.scales[nxt]
            value, step = value * scale, step * scale
        kind: Kind = "ratio" if entry.ratio or _RATIO.search(text) else "number"
        return Quantity(value, step, kind)
    return None


_FRACTION = re.compile(
    r"(?P<den>\d+|[一二两兩三四五六七八九十百]+)分之(?P<num>\d+|[一二两兩三四五六七八九十]+)"
)
# "several" (数/數 + unit) and "hundreds of" are ranges: 2 to 9 of the unit.
_SEVERAL = re.compile(r"(?:数|數)(?P<units>[十百千]*)(?P<scales>[万萬亿億兆]*)")
_HUNDREDS = re.compile(r"(?:صدها|hundreds of)\s?(?P<word>[^\W\d_]+)?", re.IGNORECASE)


def _small_number(text: str) -> Decimal:
    return Decimal(text) if text.isdigit() else _cjk_number(text)[0]


def _vague_quantity(text: str, words: Words) -> Quantity | None:
    """Fractions (四分之一 → 25%) and vague ranges (数兆 → 2–9 × 10^12, صدها میلیارد, hundreds of
    billions)."""
    if match := _FRACTION.search(text):
        den, num = _small_number(match.group("den")), _small_number(match.group("num"))
        if den == 0:
            raise NumeralError(f"division by zero in {text!r}")
        return Quantity(num / den * 100, Decimal(1), "percent")
    if match := _SEVERAL.search(text):
        unit = Decimal(1)
        for char in match.group("units"):
            unit *= _CJK_UNITS[char]
        for char in match.group("scales"):
            unit *= _CJK_SCALES[char]
        return Quantity(2 * unit, unit, "number", 9 * unit)
    if match := _HUNDREDS.search(text):
        word = (match.group("word") or "").lower()
        scale = words.scales.get(word) or words.scales.get(word.removesuffix("s"), Decimal(1))
        return Quantity(200 * scale, 100 * scale, "number", 900 * scale)
    return None


def parse_quantity(written: str, language: str | None = None) -> Quantity:
    """Read the number in ``written`` (the number as the source writes it), with the number
    words of ``language`` and English (every language's when None).

    Raises :class:`NumeralError` when there is no number, or two numbers that are not a range.
    """
    words = _words(language)
    text = normalise(written)
    vague = _vague_quantity(text, words)
    if vague is not None:
        return vague
    if any(half in text for half in ("半",)) and not _NUMBER_CORE.search(text):
        return Quantity(Decimal(50), Decimal(10), "percent")
    matches = list(_NUMBER_CORE.finditer(text))
    if not matches:
        word = _word_number(text, words)
        if word is None:
            raise NumeralError(f"no number found in {written!r}")
        return word
    value, step, scale, end = _read_core(text, matches[0], words)
    value_hi = None
    if len(matches) > 1:
        sep = _RANGE_SEP.match(text, end)
        if not sep or sep.end() != matches[1].start() or len(matches) > 2:
            raise NumeralError(f"more than one number in {written!r}; record one number per claim")
        hi, hi_step, hi_scale, _ = _read_core(text, matches[1], words)
        if scale == 1:  # "60–65 billion": the scale word follows only the second number
            scale = hi_scale
        value_hi = hi * hi_scale
        step = min(step * scale, hi_step * hi_scale) / scale
    value, step = value * scale, step * scale
    kind: Kind = "number"
    if _PERCENT.search(text):
        kind = "percent"
    elif _RATIO.search(text):
        kind = "ratio"
    elif value_hi is None and is_ordinal_at(text, matches[0].start(), matches[0].end(), language):
        kind = "ordinal"
    decimal = "." in (matches[0].group("digits") or "")
    return Quantity(value, step, kind, value_hi, decimal)


@functools.cache
def _span_patterns(language: str | None) -> tuple[re.Pattern[str], ...]:
    words = sorted([*_words(language).numbers, "صدها", "hundreds of"], key=len, reverse=True)
    word_number = re.compile(
        "|".join(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])" for word in words), re.I
    )
    return (_FRACTION, _SEVERAL, _NUMBER_CORE, word_number, re.compile("半"))


def _without_overlaps(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans left to right, the longest at each start, dropping any that overlaps one kept."""
    found.sort(key=lambda span: (span[0], -span[1]))
    spans: list[tuple[int, int]] = []
    for span in found:
        if not spans or span[0] >= spans[-1][1]:
            spans.append(span)
    return spans


def written_quantities(text: str) -> Iterator[Quantity]:
    """Each number written in ``text``, left to right, read at its longest parse (from where it
    starts, at most 40 characters on its line): what a passage states, for rules that ask
    whether it writes a value and how coarsely."""
    for _, quantity in written_quantity_spans(normalise(text)):
        yield quantity


def written_quantity_spans(normalised: str) -> Iterator[tuple[tuple[int, int], Quantity]]:
    """:func:`written_quantities` with where each number stands in ``normalised`` (a text
    already passed through :func:`normalise`): the span of its numeral and what it reads as."""
    for start, end in number_spans(normalised):
        window = normalised[start : start + 40].split("\n", 1)[0]
        for stop in range(len(window), 0, -1):
            try:
                quantity = parse_quantity(window[:stop])
            except NumeralError:
                continue
            yield (start, end), quantity
            break


def number_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Every numeral in normalised ``text``, left to right, without overlaps (linear time: one
    pass per pattern, so a long text with many numbers stays fast)."""
    found: list[tuple[int, int]] = []
    for pattern in _span_patterns(language):
        for match in pattern.finditer(text):
            if match.end() > match.start():
                end = match.start() + 1 if pattern is _SEVERAL else match.end()
                found.append((match.start(), end))
    return _without_overlaps(found)


def number_span(text: str, pos: int = 0, language: str | None = None) -> tuple[int, int] | None:
    """Where the first numeral at or after ``pos`` stands in normalised ``text``: its digits,
    CJK numerals, fraction (四分之一) or number word, without units or scale words."""
    best: tuple[int, int] | None = None
    for pattern in _span_patterns(language):
        match = pattern.search(text, pos)
        if match and match.end() > match.start():
            span = (match.start(), match.end())
            if pattern is _SEVERAL:  # 数百亿: the numeral is 数 itself; its units are scale words
                span = (match.start(), match.start() + 1)
            if best is None or span[0] < best[0] or (span[0] == best[0] and span[1] > best[1]):
                best = span
    return best


CJK_NUMERALS = "".join([*_CJK_DIGITS, *_CJK_UNITS])
"""The Chinese and Japanese numeral characters the parser reads (the errors page lists them)."""
CJK_MULTIPLIERS = "".join(_CJK_SCALES)

# What stands beside a numeral, for readers of running text (crosscheck.suggest).
PERCENT_SIGNS = _PERCENT
RATIO_WORDS = _RATIO
RANGE_SEPARATOR = _RANGE_SEP
CJK_SCALE_RUN = _CJK_SCALE_RUN


# ---------------------------------------------------------------------------------------------
# Dates

WEEKDAYS = {
    "monday": 0,
    "دوشنبه": 0,
    "週一": 0,
    "周一": 0,
    "星期一": 0,
    "月曜": 0,
    "الاثنين": 0,
    "tuesday": 1,
    "سه‌شنبه": 1,
    "週二": 1,
    "周二": 1,
    "火曜": 1,
    "الثلاثاء": 1,
    "wednesday": 2,
    "چهارشنبه": 2,
    "週三": 2,
    "周三": 2,
    "水曜": 2,
    "الأربعاء": 2,
    "thursday": 3,
    "پنجشنبه": 3,
    "週四": 3,
    "周四": 3,
    "木曜": 3,
    "الخميس": 3,
    "friday": 4,
    "جمعه": 4,
    "週五": 4,
    "周五": 4,
    "金曜": 4,
    "الجمعة": 4,
}


@dataclass(frozen=True)
class PartialDate:
    """A date as written: any of year, month, day, weekday, or a decade."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    decade: bool = False


_YMD = re.compile(r"(?P<y>\d{4})\s?[-/年]\s?(?P<m>\d{1,2})(?:\s?[-/月]\s?(?P<d>\d{1,2}))?")
_YY_M = re.compile(r"(?<!\d)(?P<y>\d{2})年(?P<m>\d{1,2})月")
_MD = re.compile(r"(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日")
_MONTH = re.compile(r"(?<!\d)(?P<m>1[0-2]|0?[1-9])\s?月(?!\s?\d)")
_DECADE = re.compile(r"(?:دهه|عقد|decade)\s?(?P<y>\d{3}0)|(?P<y2>\d{3}0)\s?(?:年代|s\b)")
_YEAR = re.compile(r"(?<!\d)(?P<y>1[5-9]\d\d|20\d\d)(?!\d)")


@functools.cache
def _month_name_dates() -> tuple[re.Pattern[str], ...]:
    """Dates written with a month name (numbers.yml ``months``): "January 27, 2025", "Jan. 27",
    "27 January 2025", "۲۷ ژانویه", "27 كانون الثاني 2025", "January 2025". A month name needs
    a day or a year beside it: "may" alone is no date."""
    months = number_words().months
    # English month names are capitalised ("May 5", never "you may 5 times"); other scripts
    # have no case.
    names = "|".join(
        re.escape(name.capitalize() if name.isascii() else name)
        for name in sorted(months, key=len, reverse=True)
    )
    if not names:
        return ()
    name = rf"(?<![^\W\d_])(?P<name>{names})(?![^\W\d_])\.?"
    day = r"(?<!\d)(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    year = r"(?P<y>1[5-9]\d\d|20\d\d)(?!\d)"
    return (
        re.compile(rf"{name}\s?{day}(?:,?\s?{year})?"),
        re.compile(rf"{day}\s?(?:of\s)?{name}(?:,?\s?{year})?"),
        re.compile(rf"{name},?\s?{year}"),
    )


def _month_name_date(text: str, weekday: int | None) -> PartialDate | None:
    months = number_words().months
    for pattern in _month_name_dates():
        if match := pattern.search(text):
            groups = match.groupdict()
            month = months[match.group("name").lower()]
            day = int(groups["d"]) if groups.get("d") else None
            year = int(groups["y"]) if groups.get("y") else None
            return PartialDate(year, month, day, weekday)
    return None


def parse_date(written: str) -> PartialDate:
    """Read a date as written ("2024年5月", "1月27日", "دوشنبه", "دهه 1950", "2025-01-20",
    "January 27, 2025", "۲۷ ژانویه ۲۰۲۵")."""
    text = normalise(written)
    weekday = next((n for word, n in WEEKDAYS.items() if word in text.lower()), None)
    if match := _DECADE.search(text):
        return PartialDate(year=int(match.group("y") or match.group("y2")), decade=True)
    if match := _YMD.search(text):
        day = match.group("d")
        return PartialDate(
            int(match.group("y")), int(match.group("m")), int(day) if day else None, weekday
        )
    if match := _YY_M.search(text):  # "24年11月": a two-digit year of this century
        return PartialDate(2000 + int(match.group("y")), int(match.group("m")), None, weekday)
    if named := _month_name_date(text, weekday):
        return named
    if match := _MD.search(text):
        return PartialDate(None, int(match.group("m")), int(match.group("d")), weekday)
    if match := _YEAR.search(text):
        return PartialDate(year=int(match.group("y")), weekday=weekday)
    if match := _MONTH.search(text):  # "去年 10 月": the month alone; the year is in 'value'
        return PartialDate(month=int(match.group("m")), weekday=weekday)
    if weekday is not None:
        return PartialDate(weekday=weekday)
    raise NumeralError(f"no date found in {written!r}")


_WEEKDAY_WORDS = re.compile(
    "|".join(
        rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])" if word.isascii() else re.escape(word)
        for word in sorted(WEEKDAYS, key=len, reverse=True)
    ),
    re.I,
)
# What follows a date pattern as part of the date as written (2024年5月份, 1月27日).
_DATE_TAIL = re.compile(r"\s?(?:月份|月|日|号|號|份|年)")
# A weekday in brackets right after its date is part of it: 1月27日(週一).
_WEEKDAY_AFTER = re.compile(r"\s?[(（]?\s?$")


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where a date is written in normalised ``text``: whatever :func:`parse_date` reads
    (2024年5月, 1月27日, 24年11月, دهه 1950, 1950s, a year such as 2025, a month 10 月, a
    weekday), left to right and without overlaps, the longest first."""
    found: list[tuple[int, int]] = []
    patterns = (_DECADE, _YMD, _YY_M, *_month_name_dates(), _MD, _YEAR, _MONTH, _WEEKDAY_WORDS)
    for pattern in patterns:
        for match in pattern.finditer(text):
            end = match.end()
            if pattern is not _WEEKDAY_WORDS and pattern is not _DECADE:
                tail = _DATE_TAIL.match(text, end)
                end = tail.end() if tail else end
            found.append((match.start(), end))
    spans = _without_overlaps(found)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        between = text[merged[-1][1] : start] if merged else ""
        if (
            merged
            and len(between) <= 2
            and _WEEKDAY_AFTER.fullmatch(between)
            and _WEEKDAY_WORDS.fullmatch(text[start:end])
        ):
            bracket = between.strip() in ("(", "（")
            close = end + 1 if bracket and text[end : end + 1] in ")）" else end
            merged[-1] = (merged[-1][0], close)
        else:
            merged.append((start, end))
    return merged


_ISO_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def is_calendar_date(value: str) -> bool:
    """Whether an ISO date of any precision ('2025', '2025-01', '2025-01-27') names a real
    day, month or year: '2025-13' and '2025-02-30' match the pattern but are no dates."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = (int(g) if g else None for g in match.group("y", "m", "d"))
    try:
        date(year or 0, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return False
    # The last day of the span must exist too ('9999-12' would end in the year 10000).
    return (year or 0) >= 1 and not (year == 9999 and month == 12 and day is None)


def iso_bounds(value: str) -> tuple[date, date]:
    """First and last day of an ISO date of any precision: '2024', '2024-05', '2024-05-06'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        year, month = parts
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), date.fromordinal(nxt.toordinal() - 1)
    day = date(*parts)
    return day, day


def date_matches(written: PartialDate, value: str) -> bool:
    """Whether the ISO ``value`` recorded for a claim agrees with what the quote writes."""
    lo, _hi = iso_bounds(value)
    parts = value.split("-")
    if written.decade:
        return len(parts) >= 1 and int(parts[0]) // 10 * 10 == written.year and len(parts) == 1
    checks = [
        (written.year, 0),
        (written.month, 1),
        (written.day, 2),
    ]
    for wanted, index in checks:
        if wanted is not None and (len(parts) <= index or int(parts[index]) != wanted):
            return False
    weekday_wrong = len(parts) < 3 or lo.weekday() != written.weekday
    return written.weekday is None or not weekday_wrong


def date_interval(value: str, decade: bool = False) -> tuple[float, float]:
    """A recorded ISO date as an interval of day ordinals (a decade when the quote says so)."""
    lo, hi = iso_bounds(value)
    if decade:
        lo, hi = date(lo.year // 10 * 10, 1, 1), date(lo.year // 10 * 10 + 9, 12, 31)
    return float(lo.toordinal()), float(hi.toordinal())
