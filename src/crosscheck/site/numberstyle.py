"""Numbers as each language's newspapers write them: the house style is data, one file per
language (``src/crosscheck/lang/<lang>/numberstyle.yml``), read here and nowhere else.

A value is written in three layers, each from the language's file:

- the **number**: digits in the language's numbering system (CLDR: ``arabext`` for Persian,
  Latin for the others), an ordinal for ranks (``third``, ``سوم``, ``الثالثة``, ``第三``, ``3位``),
  or a compound (Japanese ``5887億5000万``, never a decimal on 億; the Dow in ``289ドル33セント``);
- the **scale word** for large amounts (``billion``, ``میلیارد``, ``مليار``, ``亿``, ``億``), whose
  form may follow CLDR's plural categories (Arabic ``ملياري``, ``5 مليارات``, ``589 مليار``);
- the **unit** (``{x} دلار``, ``{x}美元``, ``${x}``), again by plural category where the language
  inflects it (``مرتان``, ``3 مرات``, ``2.11 مرة``).

A range is written with the language's own connector (``{lo}〜{hi}``, ``{lo} تا {hi}``,
``ما بين {lo} و{hi}``) and, unless the language repeats it (``repeat_in_range``), the unit and
the scale word once, after the upper end: ``۵۸۹ تا ۵۹۳ میلیارد دلار``, ``5890億〜5930億ドル``.

Pattern tables are chosen by exact value first (``"=2"``, as ICU MessageFormat), then by the CLDR
plural category of the number as shown (Babel's ``plural_form``; ``ordinal_form`` for ordinal
suffixes), then ``other``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, cast

import yaml
from babel import Locale, numbers

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"

Pattern = str | dict[str, str]
"""A pattern, or a table of patterns by exact value (``=1``) and CLDR plural category."""

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
NUMERALS = ("latn", "arabext")
REPEATABLE = ("scale", "unit")


class NumberStyleError(ValueError):
    """A numberstyle.yml file that cannot be used (the message names the file and the key)."""


@dataclass(frozen=True)
class Scale:
    value: Decimal
    word: Pattern
    """The number with its scale word: ``{n} میلیارد``, ``{n}億``; a table for Arabic."""


@dataclass(frozen=True)
class UnitStyle:
    pattern: Pattern
    """The number (with its scale word) in the unit: ``{x} دلار``; ``{x}`` is the number."""
    scaled: str | None = None
    """The unit after a scale word when it differs (Arabic ``مليار دولار``, never ``دولاراً``)."""
    range: str | None = None
    """A range of this unit written whole (Arabic ``بين المرتبتين {lo} و{hi}``)."""
    dollars: str | None = None
    """Set for an amount written in dollars and cents (``{n}ドル``, with ``cents``)."""
    cents: str | None = None
    whole: Pattern | None = None
    """Set for years written in years and months (``{n}年``, with ``months``: 1年6カ月); a
    plural table where the noun agrees with its count (Arabic سنة، سنتان، 3 سنوات)."""
    months: Pattern | None = None
    joiner: str = ""
    """Between the years and the months (Persian ``۱ سال و ۶ ماه``)."""
    name: str | None = None
    """The unit's name for an axis title, when it differs from the interface's ``units.*``."""


@dataclass(frozen=True)
class Example:
    text: str
    unit: str
    value: float | str | None = None
    lo: float | None = None
    hi: float | None = None
    figure: str | None = None


@dataclass(frozen=True)
class NumberStyle:
    code: str
    babel: str
    numerals: str
    range: str
    repeat_in_range: frozenset[str]
    scale_from: Decimal
    group_from: Decimal
    """The smallest number written with digit grouping (Japanese press: 1000, but 1万2000)."""
    scale_units: frozenset[str]
    compound: bool
    scales: tuple[Scale, ...]
    units: dict[str, UnitStyle]
    ordinal_words: tuple[str, ...]
    ordinal_digits: Pattern
    figure_units: tuple[tuple[str, str, str], ...]
    """(unit, the figure's ``points_in`` currency, unit style): figures this language writes in
    another unit (the Dow's points in dollars)."""
    examples: tuple[Example, ...]
    upper_date_without_year: bool = False
    """A range of days within one year writes the year once, at its start
    (2025年1月27日至2月2日)."""

    def unit_style(self, unit: str, figure: str | None = None) -> tuple[str, UnitStyle]:
        """The unit's style, or the one the language uses for a figure of this kind: ``figure``
        is the figure's ``points_in`` currency (the Dow's points in ドル)."""
        if figure is not None:
            for of_unit, currency, name in self.figure_units:
                if of_unit == unit and figure == currency:
                    return name, self.units[name]
        return unit, self.units.get(unit, UnitStyle("{x}"))


@dataclass(frozen=True)
class Written:
    """A value in three layers; ``text`` puts them together."""

    number: str
    scale: str
    """The scale layer with ``{n}`` for the number (``{n}`` alone when there is no scale)."""
    unit: str
    """The unit layer with ``{x}`` for the number and its scale word."""

    @property
    def scaled(self) -> str:
        return self.scale.replace("{n}", self.number)

    @property
    def text(self) -> str:
        return self.unit.replace("{x}", self.scaled)


# -- loading ------------------------------------------------------------------------------------


def _fail(path: Path, key: str, message: str) -> NumberStyleError:
    return NumberStyleError(f"{path.as_posix()}: {key}: {message}")


def _pattern(value: object, path: Path, key: str, slot: str) -> Pattern:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "other" in value:
        for name, text in value.items():
            exact = isinstance(name, str) and name.startswith("=")
            if not (exact or name in PLURAL_CATEGORIES) or not isinstance(text, str):
                raise _fail(path, key, f"'{name}' is not =N or a CLDR plural category")
            if exact:
                Decimal(name[1:])
        return {str(k): str(v) for k, v in value.items()}
    raise _fail(path, key, f"expected a pattern with {slot} or a table with 'other'")


def _unit(value: object, path: Path, key: str) -> UnitStyle:
    if not isinstance(value, dict) or "pattern" not in value:
        return UnitStyle(_pattern(value, path, key, "{x}"))
    table = cast(dict[str, Any], value)
    known = {"pattern", "scaled", "range", "dollars", "cents", "whole", "months", "joiner", "name"}
    unknown = set(table) - known
    if unknown:
        raise _fail(path, key, f"unknown keys {sorted(unknown)}")
    if ("dollars" in table) != ("cents" in table):
        raise _fail(path, key, "'dollars' and 'cents' go together")
    if ("whole" in table) != ("months" in table):
        raise _fail(path, key, "'whole' and 'months' go together")
    return UnitStyle(
        _pattern(table["pattern"], path, key, "{x}"),
        scaled=table.get("scaled"),
        range=table.get("range"),
        dollars=table.get("dollars"),
        cents=table.get("cents"),
        whole=_pattern(table["whole"], path, key, "{n}") if "whole" in table else None,
        months=_pattern(table["months"], path, key, "{n}") if "months" in table else None,
        joiner=str(table.get("joiner", "")),
        name=table.get("name"),
    )


def _example(raw: object, path: Path, index: int) -> Example:
    if not isinstance(raw, dict) or "text" not in raw or "unit" not in raw:
        raise _fail(path, f"examples[{index}]", "expected text, unit and value (or lo and hi)")
    return Example(
        text=str(raw["text"]),
        unit=str(raw["unit"]),
        value=raw.get("value"),
        lo=raw.get("lo"),
        hi=raw.get("hi"),
        figure=raw.get("figure"),
    )


@functools.cache
def load_style(code: str, babel: str, lang_dir: Path = LANG_DIR) -> NumberStyle:
    """One language's number style. Cached: the files ship with the package."""
    path = lang_dir / code / "numberstyle.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise NumberStyleError(f"{path.as_posix()}: cannot read: {error}") from error
    if not isinstance(data, dict):
        raise _fail(path, "(top)", "expected a mapping")
    if data.get("numerals") not in NUMERALS:
        raise _fail(path, "numerals", f"one of {', '.join(NUMERALS)}")
    connector = data.get("range")
    if not isinstance(connector, str) or "{lo}" not in connector or "{hi}" not in connector:
        raise _fail(path, "range", "a pattern with {lo} and {hi}")
    repeat = frozenset(data.get("repeat_in_range") or ())
    units = {
        str(name): _unit(value, path, f"units.{name}")
        for name, value in (data.get("units") or {}).items()
    }
    if unknown := repeat - set(REPEATABLE) - set(units):
        raise _fail(path, "repeat_in_range", f"unknown {sorted(unknown)}")
    scales_data = data.get("scales") or {}
    scales = tuple(
        Scale(
            Decimal(str(item["value"])),
            _pattern(item["word"], path, f"scales.words[{i}]", "{n}"),
        )
        for i, item in enumerate(scales_data.get("words") or ())
    )
    if list(scales) != sorted(scales, key=lambda s: -s.value):
        raise _fail(path, "scales.words", "largest first")
    ordinals = data.get("ordinals") or {}
    figure_units = tuple(
        (str(unit), str(pattern), str(name))
        for unit, table in (data.get("figure_units") or {}).items()
        for pattern, name in dict(table).items()
    )
    for unit, pattern, name in figure_units:
        if name not in units:
            raise _fail(path, f"figure_units.{unit}.{pattern}", f"no unit '{name}' in units")
    return NumberStyle(
        code=code,
        babel=babel,
        numerals=data["numerals"],
        range=connector,
        repeat_in_range=repeat,
        scale_from=Decimal(str(scales_data.get("from", "1e6"))),
        group_from=Decimal(str(data.get("group_from", 1000))),
        scale_units=frozenset(scales_data.get("units") or ("USD",)),
        compound=bool(scales_data.get("compound", False)),
        scales=scales,
        units=units,
        ordinal_words=tuple(str(w) for w in ordinals.get("words") or ()),
        ordinal_digits=_pattern(ordinals.get("digits", "{n}"), path, "ordinals.digits", "{n}"),
        figure_units=figure_units,
        examples=tuple(_example(e, path, i) for i, e in enumerate(data.get("examples") or ())),
        upper_date_without_year=bool(data.get("upper_date_without_year", False)),
    )


# -- formatting ---------------------------------------------------------------------------------


def _decimal(value: float) -> Decimal:
    """The shortest decimal that is the float (5.576e6 → 5576000, 0.1 → 0.1, not 0.1000…01)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _fraction_digits(number: Decimal, most: int = 3) -> int:
    for digits in range(most + 1):
        if number == number.quantize(Decimal(1).scaleb(-digits)):
            return digits
    return most


def _digits(number: Decimal, style: NumberStyle, grouping: bool = True, most: int = 3) -> str:
    """Latin digits with the locale's separators (Babel), before any transliteration: at most
    ``most`` decimals, and no trailing zero (2.2999… is 2.3, not 2.30)."""
    number = number.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
    decimals = _fraction_digits(number, most)
    shown = number.quantize(Decimal(1).scaleb(-decimals))
    grouping = grouping and number >= style.group_from
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(shown, format=pattern, locale=style.babel)


def _choose(
    pattern: Pattern, number: Decimal | None, style: NumberStyle, ordinal: bool, words: bool = True
) -> str:
    """The pattern for this number: by exact value, then CLDR category, then ``other``. Without
    ``words``, an exact form that drops the digits (``مرتان``, ``یک میلیون``) is passed over."""
    if isinstance(pattern, str):
        return pattern
    if number is not None:
        for key, text in pattern.items():
            spelled = "{n}" not in text and "{x}" not in text
            if key.startswith("=") and Decimal(key[1:]) == number and (words or not spelled):
                return text
        locale = Locale.parse(style.babel)
        category = locale.ordinal_form(number) if ordinal else locale.plural_form(number)
        if category in pattern:
            return pattern[category]
    return pattern["other"]


def _shown(text: str) -> Decimal:
    """The number a reader sees (plural rules look at the written digits: 2.50 is not 2)."""
    return Decimal(text.replace(",", "").replace("\u066c", "").replace("\u066b", ".") or "0")


def _compound(amount: Decimal, scales: tuple[Scale, ...], style: NumberStyle, words: bool) -> str:
    """5887.5億 → 5887億5000万: each scale word takes a whole number, the rest the next one."""
    parts = []
    for scale in scales:
        if amount >= scale.value:
            whole = int(amount // scale.value)
            parts.append(
                _choose(scale.word, Decimal(whole), style, False, words).replace(
                    "{n}", _digits(Decimal(whole), style, grouping=False)
                )
            )
            amount -= whole * scale.value
    if amount or not parts:
        parts.append(_digits(amount, style, grouping=False, most=2))
    return "".join(parts)


def written(
    value: float,
    unit: str,
    style: NumberStyle,
    figure: str | None = None,
    ordinals: bool = True,
    words: bool = True,
) -> Written:
    """One value in its three layers (see the module docstring); digits still Latin. Without
    ``ordinals`` a rank is written in digits (3rd, رتبه ۳); without ``words`` no form spells the
    number out (an axis tick, a range: ``1 دولار``, ``۱ تا ۱٫۲ تریلیون دلار``)."""
    _, unit_style = style.unit_style(unit, figure)
    number = _decimal(value)
    if number < 0:  # the sign before the whole amount: -$200 billion, not $-200 billion
        shown = written(-value, unit, style, figure, ordinals, words)
        return Written(shown.number, shown.scale, "-" + shown.unit)
    if unit == "rank":
        return _ordinal(int(number), style, unit_style, ordinals)
    if unit_style.dollars and unit_style.cents:
        dollars = int(number)
        cents = (number - dollars) * 100
        text = unit_style.dollars.replace("{n}", _digits(Decimal(dollars), style))
        if cents:
            text += unit_style.cents.replace("{n}", _digits(cents, style, most=1))
        return Written(text, "{n}", _choose(unit_style.pattern, None, style, False))
    if unit_style.whole and unit_style.months:
        years, months = divmod(int((number * 12).to_integral_value()), 12)
        text = ""
        if years or not months:
            # (each end of a range names its own years and months: the words stay)
            text = _choose(unit_style.whole, Decimal(years), style, False)
            text = text.replace("{n}", str(years))
        if months:
            month_text = _choose(unit_style.months, Decimal(months), style, False)
            text += (unit_style.joiner if text else "") + month_text.replace("{n}", str(months))
        return Written(text, "{n}", _choose(unit_style.pattern, None, style, False))
    scale_words = [s for s in style.scales if number >= s.value]
    if unit in style.scale_units and number >= style.scale_from and scale_words:
        unit_layer = unit_style.scaled or _choose(unit_style.pattern, None, style, False)
        if style.compound:
            return Written(_compound(number, tuple(scale_words), style, words), "{n}", unit_layer)
        scale = scale_words[0]
        digits = _digits(number / scale.value, style, grouping=False)
        key = _shown(digits)
        scale_layer = _choose(scale.word, key, style, False, words)
        return Written(digits, scale_layer, unit_layer)
    most = 2 if unit in ("USD", "percent", "ratio", "years", "points") else 3
    digits = _digits(number, style, most=most)
    key = _shown(digits)
    return Written(digits, "{n}", _choose(unit_style.pattern, key, style, False, words))


def _ordinal(rank: int, style: NumberStyle, unit_style: UnitStyle, words: bool) -> Written:
    if words and 1 <= rank <= len(style.ordinal_words):
        number = style.ordinal_words[rank - 1]
    else:
        digits = str(rank)
        number = _choose(style.ordinal_digits, Decimal(rank), style, True).replace("{n}", digits)
    key = Decimal(rank)
    return Written(number, "{n}", _choose(unit_style.pattern, key, style, False))


def range_ends(lo: Written, hi: Written, unit: str, style: NumberStyle) -> tuple[str, str]:
    """The two ends as a range writes them, for the language's connector to join: the unit
    (and the scale word) once, its text before the number on the lower end and after it on the
    upper end (``۵۸۹`` and ``۵۹۳ میلیارد دلار``; ``رتبه دوم`` and ``چهارم``; ``5890億`` and
    ``5930億ドル``), unless the language repeats it (``$589 billion`` and ``$593 billion``)."""
    once = unit not in style.repeat_in_range and "unit" not in style.repeat_in_range
    if not once or lo.unit != hi.unit or "{x}" not in hi.unit:
        return lo.text, hi.text
    before, after = hi.unit.split("{x}", 1)
    lower, upper = lo.scaled, hi.scaled
    same_scale = lo.scale == hi.scale and lo.scale != "{n}" and "{n}" in hi.scale
    if same_scale and "scale" not in style.repeat_in_range:
        scale_before, scale_after = hi.scale.split("{n}", 1)
        lower, upper = scale_before + lo.number, hi.number + scale_after
    return before + lower, upper + after


def range_text(lo: Written, hi: Written, unit: str, style: NumberStyle) -> str:
    """Two ends with the language's connector, the unit (and scale word) written once."""
    if lo.text == hi.text:
        return lo.text
    unit_style = style.units.get(unit, UnitStyle("{x}"))
    once = unit not in style.repeat_in_range and "unit" not in style.repeat_in_range
    if once and lo.unit == hi.unit and unit_style.range:
        return unit_style.range.replace("{lo}", lo.scaled).replace("{hi}", hi.scaled)
    lower, upper = range_ends(lo, hi, unit, style)
    return style.range.replace("{lo}", lower).replace("{hi}", upper)


def rank_bounds(lo: float, hi: float) -> tuple[int, int]:
    """The whole ranks an interval holds: a rank is an integer, so [2.5, 3.5] (the precision of
    "3rd") is rank 3, never 2.5 to 3.5."""
    first, last = math.ceil(lo - 1e-9), math.floor(hi + 1e-9)
    if first > last:
        first = last = round((lo + hi) / 2)
    return first, last
