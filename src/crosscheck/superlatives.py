"""Superlatives read as rank 1: "the largest one-day loss ever", 史上最大, 之最, بزرگ‌ترین, أكبر.

A claim about a ranking (unit ``rank``) may write its number as a superlative (``stated:
"最大"``): that states rank 1, unless the words around it say otherwise ("one of the largest",
最大級, 之一 later in the clause, من أكبر, ثاني أكبر, أكبر من: the comparative). The words and their
blockers are data, one file per language (``src/crosscheck/lang/<lang>/superlatives.yml``), each
entry with a sentence where the word states rank 1 and sentences where it does not, tested.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import cast

from crosscheck.numerals import NumeralError, Quantity, normalise
from crosscheck.yamlsafe import load_yaml

LANG_DIR = Path(__file__).parent / "lang"
RANK_ONE = Quantity(Decimal(1), Decimal(1), "number")
"""What a superlative states: first place, exactly."""
_CLAUSE_END = re.compile(r"[.,;:!?。，、；：！？،؛]")


class LexiconError(RuntimeError):
    """A packaged superlatives file is broken: a bug in crosscheck itself, not in the fact base."""


@dataclass(frozen=True)
class SuperlativeEntry:
    language: str
    words: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    not_later: tuple[str, ...]
    applies: tuple[str, str]
    """A sentence where the word states rank 1, and the word as written in it."""
    not_applies: tuple[tuple[str, str], ...]
    """Sentences where the same word states no rank 1, each with the word as written."""


def _words(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LexiconError(f"{where}: expected a list of words")
    return tuple(normalise(v).lower() for v in cast(list[str], value))


def _pair(value: object, where: str) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise LexiconError(f"{where}: expected [sentence, word as written in it]")
    return cast(str, value[0]), cast(str, value[1])


@functools.cache
def load_superlatives(language: str) -> tuple[SuperlativeEntry, ...]:
    """The superlatives of one language (none when it has no file); cached, as the files ship
    with the package."""
    path = LANG_DIR / language / "superlatives.yml"
    if not path.is_file():
        return ()
    loaded, problems = load_yaml(path, path.as_posix())
    if problems or not isinstance(loaded.data, dict):
        raise LexiconError(f"{path}: " + "; ".join(p.message for p in problems))
    entries = []
    for index, raw in enumerate(loaded.data.get("superlatives") or []):
        where = f"{path}: superlatives[{index}]"
        if not isinstance(raw, dict):
            raise LexiconError(f"{where}: expected a mapping")
        nots = raw.get("not")
        if not isinstance(nots, list) or not nots:
            raise LexiconError(f"{where}: 'not' needs at least one sentence")
        entries.append(
            SuperlativeEntry(
                language,
                _words(raw.get("words"), where),
                _words(raw.get("not_before") or [], where),
                _words(raw.get("not_after") or [], where),
                _words(raw.get("not_later") or [], where),
                _pair(raw.get("applies"), where),
                tuple(_pair(n, where) for n in nots),
            )
        )
    return tuple(entries)


def _languages(language: str) -> tuple[str, ...]:
    return (language,) if language == "en" else (language, "en")


def is_superlative(stated: str, language: str) -> bool:
    """Whether ``stated`` (the number as written) is one of the language's superlatives."""
    written = normalise(stated).lower().strip()
    return any(
        written in entry.words for lang in _languages(language) for entry in load_superlatives(lang)
    )


def blocker(quote: str, stated: str, language: str) -> str | None:
    """The words in ``quote`` that keep the superlative ``stated`` from stating rank 1 (None
    when it states rank 1). Raises :class:`NumeralError` when ``stated`` is not a superlative
    or not in the quote."""
    text = normalise(quote).lower()
    written = normalise(stated).lower().strip()
    entries = [
        e for lang in _languages(language) for e in load_superlatives(lang) if written in e.words
    ]
    if not entries:
        raise NumeralError(f"no number found in {stated!r}")
    at = text.find(written)
    if at < 0:
        raise NumeralError(f"{stated!r} is not in the quote")
    before = text[:at].rstrip()
    after = text[at + len(written) :]
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    for entry in entries:
        for word in entry.not_before:
            if before.endswith(word) and _word_edge(before, len(before) - len(word)):
                return word
        for word in entry.not_after:
            if after.lstrip().startswith(word):
                return word
        for word in entry.not_later:
            if word in clause:
                return word
    return None


def _word_edge(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a word (CJK text has no spaces: always)."""
    if start <= 0:
        return True
    prev, first = text[start - 1], text[start]
    return not (prev.isalpha() and first.isalpha() and not _cjk(first))


def _cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff"


def read_superlative(quote: str, stated: str, language: str) -> Quantity:
    """Rank 1 when ``stated`` is a superlative that states it in ``quote``; otherwise raises
    :class:`NumeralError` saying why (no superlative, or the words that block it)."""
    found = blocker(quote, stated, language)
    if found is not None:
        raise NumeralError(
            f"{stated!r} states no rank 1 here: '{found}' makes it one of several, another "
            "place or a comparison; record the rank as written (e.g. 第二大, second-largest)"
        )
    return RANK_ONE
