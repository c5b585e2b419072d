"""Hedges read from the text: the words attached to a number that bound or soften it.

The words are data, one file per language (``src/crosscheck/lang/<lang>/hedges.yml``, each entry
with a sentence where it hedges the number and one where it does not). A hedge word is attached
to a number only when it stands right before or right after it, in the position its language
puts it (以上 and 近く follow the number, 超过 and بیش از precede it), with nothing between the
two but spaces and the number's own unit and scale words ("$", "億", "ドル", "میلیارد"). So
"2倍以上" lends nothing to the "2,400億ドル" beside it, and a single character such as 多 hedges
only in its position (四年多), never because it occurs somewhere in the sentence.

Text is read after :func:`crosscheck.numerals.normalise` (NFKC, native digits to ASCII, spaces
folded); offsets given to and returned by :func:`read_hedge` index that normalised text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from crosscheck.models import Hedge
from crosscheck.numerals import (
    NumeralError,
    Quantity,
    normalise,
    number_span,
    number_spans,
    parse_quantity,
)
from crosscheck.superlatives import is_superlative, read_superlative
from crosscheck.yamlsafe import load_yaml

LANG_DIR = Path(__file__).parent / "lang"
HEDGE_KINDS: tuple[Hedge, ...] = (
    "about",
    "nearly",
    "more-than",
    "at-least",
    "less-than",
    "at-most",
    "up-to",
)
"""The kinds a lexicon entry may have ('none' and 'range' are not words)."""
Position = Literal["before", "after"]


class LexiconError(RuntimeError):
    """A packaged hedge file is broken: a bug in crosscheck itself, not in the fact base."""


@dataclass(frozen=True)
class HedgeEntry:
    """One meaning of a group of hedge words, with its two test sentences."""

    language: str
    kind: Hedge
    position: Position
    words: tuple[str, ...]
    applies: tuple[str, str]
    """A sentence where the words hedge the number, and that number as written in it."""
    not_applies: tuple[str, str]
    """A sentence with the same word that does not hedge the number given."""


@dataclass(frozen=True)
class HedgeReading:
    """The hedge attached to a number: its kind, the word as the text writes it, where."""

    kind: Hedge
    word: str
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: tuple[HedgeEntry, ...]
    units: tuple[str, ...]


def _pattern(words: list[str]) -> str:
    """Alternation of words, longest first; words of letters get word boundaries (so "over"
    is not read in "moreover"), CJK words do not (Chinese and Japanese write no spaces)."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word)
        if word[0].isalpha() and not _cjk(word[0]):
            escaped = r"(?<![^\W\d_])" + escaped
        if word[-1].isalpha() and not _cjk(word[-1]):
            escaped += r"(?![^\W\d_])"
        parts.append(escaped)
    return "|".join(parts) if parts else "(?!)"


def _cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"{where}: expected a list of words")
    return tuple(normalise(v).lower() for v in cast(list[str], value))


def _sentence(value: object, where: str) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise LexiconError(f"{where}: expected [sentence, number as written in it]")
    return cast(str, value[0]), cast(str, value[1])


@functools.cache
def load_lexicon(language: str) -> Lexicon:
    """The hedge words of one language (empty when it has no file). Cached: the files ship
    with the package and never change while it runs."""
    path = LANG_DIR / language / "hedges.yml"
    if not path.is_file():
        return Lexicon(language, (), ())
    loaded, problems = load_yaml(path, path.as_posix())
    if problems or not isinstance(loaded.data, dict):
        raise LexiconError(f"{path}: " + "; ".join(p.message for p in problems))
    data = loaded.data
    entries = []
    for index, raw in enumerate(data.get("hedges") or []):
        where = f"{path}: hedges[{index}]"
        if not isinstance(raw, dict) or raw.get("kind") not in HEDGE_KINDS:
            raise LexiconError(f"{where}: 'kind' must be one of {', '.join(HEDGE_KINDS)}")
        if raw.get("position") not in ("before", "after"):
            raise LexiconError(f"{where}: 'position' must be before or after")
        entries.append(
            HedgeEntry(
                language,
                raw["kind"],
                raw["position"],
                _strings(raw.get("words"), where),
                _sentence(raw.get("applies"), where),
                _sentence(raw.get("not"), where),
            )
        )
    return Lexicon(language, tuple(entries), _strings(data.get("units") or [], f"{path}: units"))


@dataclass(frozen=True)
class _Reader:
    before: re.Pattern[str]
    """Matches a hedge word, then units and spaces, up to the end of the left context."""
    after: re.Pattern[str]
    """Matches spaces and units, then a hedge word, from the end of the number."""
    kinds: dict[tuple[Position, str], Hedge]


@functools.cache
def _reader(languages: tuple[str, ...]) -> _Reader:
    kinds: dict[tuple[Position, str], Hedge] = {}
    units: list[str] = []
    for language in languages:
        lexicon = load_lexicon(language)
        units += lexicon.units
        for entry in lexicon.entries:
            for word in entry.words:
                kinds.setdefault((entry.position, word), entry.kind)
    skip = rf"(?:\s|{_pattern(units)})*"
    before_words = [w for (pos, w) in kinds if pos == "before"]
    after_words = [w for (pos, w) in kinds if pos == "after"]
    return _Reader(
        re.compile(rf"(?P<word>{_pattern(before_words)}){skip}\s*$", re.I),
        re.compile(rf"{skip}\s*(?P<word>{_pattern(after_words)})", re.I),
        kinds,
    )


def languages_for(language: str) -> tuple[str, ...]:
    """The lexicons a text in ``language`` is read with: its own, then English (sources quote
    English names and figures)."""
    return (language,) if language == "en" else (language, "en")


_CONTEXT = 40  # characters of left context: longer than any hedge word plus its units


def read_hedge(text: str, start: int, end: int, language: str) -> HedgeReading | None:
    """The hedge attached to the number at ``text[start:end]`` (normalised text), or None.

    A word before the number wins over one after it only when both are present ("约 600 亿美元
    左右" reads 'about' either way); the two never combine.
    """
    reader = _reader(languages_for(language))
    left_start = max(0, start - _CONTEXT)
    left = text[left_start:start]
    found = reader.before.search(left)
    if found:
        word = found.group("word")
        kind = reader.kinds[("before", word.lower())]
        return HedgeReading(
            kind, word, left_start + found.start("word"), left_start + found.end("word")
        )
    found = reader.after.match(text, end)
    if found:
        word = found.group("word")
        kind = reader.kinds[("after", word.lower())]
        return HedgeReading(kind, word, found.start("word"), found.end("word"))
    return None


@dataclass(frozen=True)
class NumberReading:
    """A number read in its sentence: the quantity, where it stands, and its hedge."""

    quantity: Quantity
    start: int
    end: int
    hedge: HedgeReading | None

    @property
    def kind(self) -> Hedge:
        """The hedge as a claim records it: a written range reads 'range', no word 'none'."""
        if self.hedge is not None:
            return self.hedge.kind
        return "range" if self.quantity.value_hi is not None else "none"


def read_number(quote: str, stated: str, language: str) -> NumberReading | None:
    """Read ``stated`` (the number as written) where it stands in ``quote``, with its hedge.

    None when ``stated`` is not in the quote; raises :class:`NumeralError` when it is not a
    number. A superlative ("最大", "largest") reads as rank 1 where the quote's words let it
    (:mod:`crosscheck.superlatives`). The hedge is looked for around the numeral itself, so a
    hedge inside ``stated`` ("約3年前") counts, and so do unit words on either side of it.
    """
    text = normalise(quote)
    written = normalise(stated)
    at = text.lower().find(written.lower())
    if at < 0:
        return None
    try:
        quantity = parse_quantity(stated)
    except NumeralError:
        if not is_superlative(stated, language):
            raise
        quantity = read_superlative(quote, stated, language)  # rank 1, or why not
    core = number_span(written) or (0, len(written))
    start, end = at + core[0], at + core[1]
    return NumberReading(quantity, start, end, read_hedge(text, start, end, language))


def hedge_words(kind: Hedge, language: str) -> tuple[str, ...]:
    """Every word of one kind in the lexicons a text in ``language`` is read with."""
    return tuple(
        word
        for lang in languages_for(language)
        for entry in load_lexicon(lang).entries
        if entry.kind == kind
        for word in entry.words
    )


def stray_hedge(quote: str, kind: Hedge, language: str) -> tuple[str, str] | None:
    """A word of ``kind`` that the quote contains but attaches to another number (or to none):
    (the word, the number it belongs to, or '' when it hedges no number)."""
    text = normalise(quote)
    lowered = text.lower()
    for word in sorted(hedge_words(kind, language), key=len, reverse=True):
        at = lowered.find(word)
        if at < 0:
            continue
        # Only a number within reach of the word can own it: look in a window around it.
        lo = max(0, at - _CONTEXT)
        window = text[lo : at + len(word) + _CONTEXT]
        for start, end in number_spans(window):
            reading = read_hedge(text, lo + start, lo + end, language)
            if reading is not None and reading.start <= at < reading.end:
                return text[at : at + len(word)], text[lo + start : lo + end]
        return text[at : at + len(word)], ""
    return None


__all__ = [
    "HEDGE_KINDS",
    "HedgeEntry",
    "HedgeReading",
    "LexiconError",
    "NumberReading",
    "NumeralError",
    "hedge_words",
    "load_lexicon",
    "read_hedge",
    "read_number",
    "stray_hedge",
]
