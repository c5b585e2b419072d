"""Counts as each language writes them: words for small numbers, digits beyond, the noun in the
form its plural category (and, in Arabic, its gender and the number's case) requires."""

from __future__ import annotations

import pytest

from crosscheck.site.context import load_strings
from crosscheck.site.counts import COUNTED, count_phrase, typed_count_patterns
from crosscheck.site.locale import SITE_LANGUAGES, format_number
from tests.conftest import REPO

STRINGS = load_strings(REPO / "build")


def phrase(language: str, what: str, n: int) -> str:
    return count_phrase(
        n,
        what,
        STRINGS[language]["counts"],
        SITE_LANGUAGES[language].babel,
        lambda k: format_number(k, language),
    ).text


@pytest.mark.parametrize(
    ("language", "what", "n", "expected"),
    [
        ("en", "articles", 1, "one article"),
        ("en", "articles", 5, "five articles"),
        ("en", "claims", 105, "105 claims"),
        ("fa", "articles", 5, "پنج مقاله"),
        ("fa", "article-languages", 5, "پنج زبان"),
        ("fa", "figures", 72, "۷۲ رقم"),
        # Arabic: one and two are words of their own; three to ten take the opposite gender of
        # the noun (feminine مقالة → خمس, masculine رقم → خمسة); 11-99 an accusative singular.
        ("ar", "articles", 1, "مقالة واحدة"),
        ("ar", "articles", 2, "مقالتين"),
        ("ar", "articles", 5, "خمس مقالات"),
        ("ar", "article-languages", 5, "خمس لغات"),
        ("ar", "figures", 5, "خمسة أرقام"),
        ("ar", "figures", 72, "72 رقماً"),
        ("ar", "claims", 105, "105 ادعاءات"),
        ("ar", "claims", 100, "100 ادعاء"),
        ("zh-Hant", "articles", 2, "兩篇文章"),
        ("zh-Hant", "article-languages", 5, "五種語言"),
        ("zh-Hans", "articles", 5, "五篇文章"),
        ("zh-Hans", "figures", 72, "72个数据项"),
        ("ja", "articles", 5, "5本の記事"),
        ("ja", "article-languages", 5, "5言語"),
        ("en", "originals", 2, "two of their originals"),
        ("ar", "originals", 2, "نصّين أصليين"),
        ("zh-Hans", "originals", 2, "两篇原文"),
    ],
)
def test_count_phrases(language: str, what: str, n: int, expected: str) -> None:
    assert phrase(language, what, n) == expected


@pytest.mark.parametrize("language", list(STRINGS))
def test_every_count_phrase_is_caught_by_the_lint_when_typed(language: str) -> None:
    """Whatever count() prints for three or more (words or digits), typed by hand it fails."""
    patterns = typed_count_patterns(
        STRINGS[language]["counts"], cjk=language in ("zh-Hant", "zh-Hans", "ja")
    )
    for what in COUNTED:
        for n in (3, 5, 9, 12, 72, 105):
            typed = phrase(language, what, n)
            assert any(p.search(typed) for p in patterns), (language, what, typed)


def test_generic_one_and_two_are_not_counts() -> None:
    patterns = typed_count_patterns(STRINGS["en"]["counts"], cjk=False)
    for text in ("a figure as one article states it", "two claims inside it never contradict"):
        assert not any(p.search(text) for p in patterns), text
