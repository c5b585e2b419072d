"""Number words as data: one file per language (``src/crosscheck/lang/<lang>/numbers.yml``).

Each file lists the language's cardinals ("five", پنج, خمس), ordinals ("third", سوم, الثالثة),
scale words ("billion", میلیارد) and the affixes that make digits a rank (3rd, 第3, 3位), each
entry with an example sentence in which it is read (tests/unit/test_numberwords.py). The numeral
parser and ``crosscheck suggest`` read them through :func:`number_words`; the errors page lists
them through the same function, so the documentation cannot drift from the parser. Chinese
and Japanese numerals (一二三…十百千, 万, 億, 兆) are character arithmetic in
:mod:`crosscheck.numerals`.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal, cast, get_args

from crosscheck.yamlsafe import load_yaml

LANG_DIR = Path(__file__).parent / "lang"
Section = Literal[
    "cardinals",
    "ordinals",
    "scales",
    "ordinal_prefixes",
    "ordinal_suffixes",
    "units",
    "rank_words",
    "months",
]
SECTIONS: tuple[Section, ...] = get_args(Section)
UNIT_KINDS = ("USD", "points", "years", "count")
"""The figure units a unit word may name (percent, ratio, rank and date are read otherwise)."""


class NumberWordsError(RuntimeError):
    """A packaged number-word file is broken: a bug in crosscheck, not in the fact base."""


@dataclass(frozen=True)
class NumberWord:
    """One word of one language: what it is, the number it writes, and its example sentence."""

    language: str
    section: Section
    word: str
    """Lower-cased after NFKC, as the parser compares it."""
    value: Decimal | None
    """The number (cardinals, ordinals) or the multiplier (scales); None for affixes."""
    example: str
    ratio: bool = False
    """A multiplier such as "twice": the number is a ratio."""
    common: bool = False
    """Also an everyday word ("one of them", «نه» 'no'): suggest needs a unit beside it."""
    unit: str | None = None
    """For unit words: the figure unit they name (USD, points, years, count)."""
    position: Literal["before", "after"] = "after"
    """For unit words: whether they stand before the number ("$6") or after it ("6 dollars")."""


@dataclass(frozen=True)
class Lexicon:
    language: str
    words: tuple[NumberWord, ...]

    def section(self, name: Section) -> tuple[NumberWord, ...]:
        return tuple(word for word in self.words if word.section == name)


def _value(raw: object, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise NumberWordsError(f"{where}: 'value' must be a number")
    try:
        value = Decimal(str(raw))
    except InvalidOperation as error:
        raise NumberWordsError(f"{where}: 'value' must be a number") from error
    if not value.is_finite():
        raise NumberWordsError(f"{where}: 'value' must be a finite number")
    # "1e9" as a whole number (1000000000), never Decimal('1E+9'): products keep plain digits.
    return Decimal(int(value)) if value == value.to_integral_value() else value


@functools.cache
def load_number_words(language: str) -> Lexicon:
    """The number words of one language (empty when it has no file). Cached: the files ship
    with the package and never change while it runs."""
    path = LANG_DIR / language / "numbers.yml"
    if not path.is_file():
        return Lexicon(language, ())
    loaded, problems = load_yaml(path, path.as_posix())
    if problems or not isinstance(loaded.data, dict):
        raise NumberWordsError(f"{path}: " + "; ".join(p.message for p in problems))
    unknown = set(loaded.data) - set(SECTIONS)
    if unknown:
        raise NumberWordsError(f"{path}: unknown sections {sorted(unknown)}")
    words: list[NumberWord] = []
    for section in SECTIONS:
        for index, raw in enumerate(loaded.data.get(section) or []):
            where = f"{path}: {section}[{index}]"
            if not isinstance(raw, dict):
                raise NumberWordsError(f"{where}: expected a mapping")
            word, example = raw.get("word"), raw.get("example")
            if not isinstance(word, str) or not word or not isinstance(example, str):
                raise NumberWordsError(f"{where}: 'word' and 'example' must be text")
            affix = section.startswith("ordinal_") or section in ("units", "rank_words")
            value = None if affix else _value(raw.get("value"), where)
            unit = raw.get("unit")
            if section == "units" and unit not in UNIT_KINDS:
                raise NumberWordsError(f"{where}: 'unit' must be one of {', '.join(UNIT_KINDS)}")
            position = raw.get("position", "after")
            if position not in ("before", "after"):
                raise NumberWordsError(f"{where}: 'position' must be before or after")
            words.append(
                NumberWord(
                    language,
                    section,
                    unicodedata.normalize("NFKC", word).lower(),
                    value,
                    example,
                    ratio=raw.get("kind") == "ratio",
                    common=bool(raw.get("common")),
                    unit=unit if section == "units" else None,
                    position=position,
                )
            )
    return Lexicon(language, tuple(words))


def languages() -> tuple[str, ...]:
    """Every language with a number-word file, in folder order."""
    return tuple(sorted(p.parent.name for p in LANG_DIR.glob("*/numbers.yml")))


@dataclass(frozen=True)
class Words:
    """The words of a set of languages, merged for the parser (first language wins)."""

    cardinals: dict[str, NumberWord]
    ordinals: dict[str, NumberWord]
    scales: dict[str, Decimal]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    units: dict[str, NumberWord]
    rank_words: tuple[str, ...] = ()
    months: dict[str, int] = field(default_factory=dict)

    @property
    def numbers(self) -> dict[str, NumberWord]:
        """Cardinals and ordinals: every word that is a number by itself."""
        return {**self.ordinals, **self.cardinals}


@functools.cache
def number_words(only: tuple[str, ...] | None = None) -> Words:
    """The number words of ``only`` (every language when None)."""
    cardinals: dict[str, NumberWord] = {}
    ordinals: dict[str, NumberWord] = {}
    scales: dict[str, Decimal] = {}
    prefixes: list[str] = []
    suffixes: list[str] = []
    units: dict[str, NumberWord] = {}
    rank_words: list[str] = []
    months: dict[str, int] = {}
    for language in only if only is not None else languages():
        for entry in load_number_words(language).words:
            if entry.section == "cardinals":
                cardinals.setdefault(entry.word, entry)
            elif entry.section == "ordinals":
                ordinals.setdefault(entry.word, entry)
            elif entry.section == "scales":
                scales.setdefault(entry.word, cast(Decimal, entry.value))
            elif entry.section == "ordinal_prefixes":
                prefixes.append(entry.word)
            elif entry.section == "ordinal_suffixes":
                suffixes.append(entry.word)
            elif entry.section == "units":
                units.setdefault(entry.word, entry)
            elif entry.section == "months":
                months.setdefault(entry.word, int(cast(Decimal, entry.value)))
            else:
                rank_words.append(entry.word)
    return Words(
        cardinals,
        ordinals,
        scales,
        tuple(prefixes),
        tuple(suffixes),
        units,
        tuple(rank_words),
        months,
    )


def understood() -> str:
    """What the numeral parser reads, with examples taken from the lexicons (the fix hint of
    unparsable-number): so the hint names exactly the words the parser knows."""
    firsts: dict[str, str] = {}
    wanted: tuple[tuple[Section, Decimal], ...] = (
        ("cardinals", Decimal(5)),
        ("ordinals", Decimal(3)),
        ("scales", Decimal("1e9")),
    )
    for section, value in wanted:
        seen: dict[str, str] = {}
        for language in languages():
            for entry in load_number_words(language).section(section):
                if entry.value == value and language not in seen:
                    seen[language] = entry.word
        firsts[section] = ", ".join(seen.values())
    prefixes = "".join(dict.fromkeys(w for w in number_words().prefixes if not w.isascii()))
    # Imported here: superlatives reads numbers through numerals, which reads this module.
    from crosscheck.superlatives import load_superlatives

    superlatives = ", ".join(
        dict.fromkeys(
            entries[0].words[0] for lang in languages() if (entries := load_superlatives(lang))
        )
    )
    return (
        "digits of any script, 一二三…十百千 with 万/億/兆, "
        f"number words ({firsts['cardinals']}, …), "
        f"ordinals ({firsts['ordinals']}, {prefixes}三, 3rd, …), scale words "
        f"({firsts['scales']}, …) and, for a rank 1, superlatives ({superlatives}, …)"
    )


__all__ = [
    "SECTIONS",
    "UNIT_KINDS",
    "Lexicon",
    "NumberWord",
    "NumberWordsError",
    "Words",
    "languages",
    "load_number_words",
    "number_words",
    "understood",
]
