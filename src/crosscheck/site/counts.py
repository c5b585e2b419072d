"""Counts of the fact base as a local editor writes them in prose: "five articles", "پنج مقاله",
"خمس مقالات", "五篇文章", "5本の記事". ``sources`` counts every stored text, ``articles`` the texts
the site checks, ``originals`` the stored originals of translated ones (sources = articles +
originals); ``source-languages`` and ``article-languages`` their languages.

Which numbers are written in words, and the noun phrase for each CLDR plural category, are data:
the ``counts`` section of build/i18n/<lang>.yml. Each counted noun has its own list of number
words because Arabic numbers from three to ten take the opposite gender of their noun (خمس مقالات,
خمسة أرقام) and Chinese writes 两 before a measure word; a count at or past the end of the list is
written in digits (``{n}`` then goes through the locale's digit formatting).

The same data drives the lint in tests/test_docs.py: a count typed into prose, in words or digits,
in the shape this module prints, fails the docs tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale

from crosscheck.factbase import FactBase
from crosscheck.site.context import SiteContext

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def count_of(base: FactBase, what: str) -> int:
    """How many of ``what`` the fact base holds (a count is never typed, it is computed)."""
    if what == "sources":
        return len(base.sources)
    if what == "source-languages":
        return len({located.record.language for located in base.sources.values()})
    if what == "articles":
        return len(articles(base))
    if what == "originals":
        return len(base.sources) - len(articles(base))
    if what == "article-languages":
        return len({base.sources[source].record.language for source in articles(base)})
    if what == "figures":
        return len(base.figures)
    if what == "claims":
        return len(base.claims)
    raise KeyError(what)


def articles(base: FactBase) -> set[str]:
    """The articles the site checks: every source except the stored originals of another
    source's text (a source whose claims other sources' claims translate, via ``original``)."""
    originals = {
        base.claims[claim.record.original].record.source
        for claim in base.claims.values()
        if claim.record.original and claim.record.original in base.claims
    }
    return set(base.sources) - originals


COUNTED = (
    "sources",
    "source-languages",
    "articles",
    "article-languages",
    "originals",
    "figures",
    "claims",
)


@dataclass(frozen=True)
class CountPhrase:
    """A count as text: ``before`` + number + ``after``; ``number`` is words or digits."""

    before: str
    number: str
    after: str
    in_words: bool

    @property
    def text(self) -> str:
        return f"{self.before}{self.number}{self.after}"


def count_phrase(
    n: int,
    what: str,
    counts: dict[str, Any],
    babel_locale: str,
    digits: Callable[[int], str],
) -> CountPhrase:
    """The phrase for ``n`` of ``what`` from one language's ``counts`` table."""
    entry = counts[what]
    category = Locale.parse(babel_locale).plural_form(n)
    pattern = str(entry.get(category) or entry["other"])
    words: list[str] = list(entry.get("words") or [])
    in_words = n < len(words)
    number = words[n] if in_words else digits(n)
    if "{n}" not in pattern:
        # "one article", "مقالة واحدة", "مقالتين": the number is part of the wording.
        return CountPhrase(pattern, "", "", True)
    before, after = pattern.split("{n}", 1)
    return CountPhrase(before, number, after, in_words)


# Numerals a contributor might type for a count: digits of every script, and CJK numerals. Zero,
# one and two are left out: "one article", "two claims inside it", "一篇文章" are generic wording,
# not a count of the fact base (which has more than two of each thing it counts).
_DIGITS = r"(?:[0-9۰-۹٠-٩０-９]{2,}|[3-9۳-۹٣-٩３-９])"
_CJK_NUMERALS = (
    r"(?![〇零一二两兩](?![〇零一二两兩三四五六七八九十百千]))[〇零一二两兩三四五六七八九十百千]+"
)
_CLITICS = "وب|ول|وال|بال|ال|[وفبلك]"


def typed_count_patterns(counts: dict[str, Any], cjk: bool) -> list[re.Pattern[str]]:
    """Regular expressions that find a count typed into prose in this language's shape: every
    noun phrase of the ``counts`` table with a number word, digits or CJK numerals for ``{n}``,
    the number before the noun ("five articles", "پنج مقاله", "五篇文章", "5本の記事") or, as
    Arabic writes a definite count, after it ("المقالات الخمس")."""
    patterns = []
    for what in COUNTED:
        entry = counts[what]
        words = sorted({str(w) for w in (entry.get("words") or [])[3:]}, key=len, reverse=True)
        numerals = [_DIGITS, *(re.escape(w) for w in words)]
        if cjk:
            numerals.append(_CJK_NUMERALS)
        number = "(?:" + "|".join(numerals) + ")"
        nouns = set()
        for category in CATEGORIES:
            pattern = str(entry.get(category) or "")
            if "{n}" in pattern:
                nouns.add(pattern.replace("{n}", "").strip())
        for noun in sorted(nouns, key=len, reverse=True):
            if not noun:
                continue
            escaped = re.escape(noun)
            if cjk:
                # Japanese also counts with the generic counter つ: 五つの言語.
                patterns.append(re.compile(number + r"\s*(?:つの)?" + escaped))
            else:
                # Arabic writes prepositions and conjunctions onto the number (بخمس, وخمس).
                patterns.append(
                    re.compile(rf"(?<!\w)(?:{_CLITICS})?{number}\s+{escaped}(?!\w)", re.I)
                )
                # Arabic's definite count: the number after its noun, with the article (ال).
                patterns.append(re.compile(rf"{escaped}\s+ال{number}(?!\w)", re.I))
    return patterns


def count_text(ctx: SiteContext, what: str) -> str:
    """A count of the fact base as plain text in the context's language ("five articles")."""
    n = count_of(ctx.result.base, what)
    return count_phrase(
        n, what, ctx.strings["counts"], ctx.language.babel, lambda k: ctx.value(k, "count")
    ).text
