"""Number words are data: every lexicon entry is read in its own example sentence."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from crosscheck.models import LANGUAGES
from crosscheck.numberwords import NumberWord, languages, load_number_words, understood
from crosscheck.numerals import (
    date_spans,
    is_ordinal_at,
    normalise,
    number_spans,
    parse_date,
    parse_quantity,
)
from crosscheck.suggest import find_mentions

ENTRIES = [entry for language in languages() for entry in load_number_words(language).words]


def test_every_site_language_has_a_number_word_file() -> None:
    assert set(LANGUAGES) <= set(languages())
    assert ENTRIES, "no number words were loaded"


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e.language}-{e.section}-{e.word}" for e in ENTRIES]
)
def test_each_entry_is_read_in_its_example(entry: NumberWord) -> None:
    text = normalise(entry.example)
    lowered = text.lower()
    assert entry.word in lowered, (entry.word, entry.example)
    if entry.section in ("cardinals", "ordinals"):
        spans = [lowered[s:e] for s, e in number_spans(text, entry.language)]
        assert entry.word in spans, (entry.word, spans)
        quantity = parse_quantity(entry.word, entry.language)
        assert entry.value is not None
        if entry.section == "ordinals":
            assert (quantity.kind, quantity.value) == ("ordinal", entry.value)
        elif entry.value < 1:
            assert (quantity.kind, quantity.value) == ("percent", entry.value * 100)
        else:
            assert quantity.value == entry.value
            assert quantity.kind == ("ratio" if entry.ratio else "number")
    elif entry.section == "scales":
        written = re.search(rf"(\d[\d.,]*)\s?{re.escape(entry.word)}(?![^\W\d_])", lowered)
        assert written, entry.example
        assert entry.value is not None
        expected = Decimal(written.group(1).replace(",", "")) * entry.value
        assert parse_quantity(written.group(0), entry.language).value == expected
    elif entry.section == "units":
        mentions = find_mentions(entry.example, entry.language)
        named = [m for m in mentions if entry.word in normalise(m.stated).lower()]
        assert named, (entry.word, [m.stated for m in mentions])
        assert named[0].units == {entry.unit}, (named[0].stated, named[0].units)
    elif entry.section == "months":
        dates = [parse_date(text[s:e]) for s, e in date_spans(text)]
        assert any(d.month == entry.value for d in dates), (entry.word, dates)
    elif entry.section == "rank_words":
        ranks = [m for m in find_mentions(entry.example, entry.language) if m.kind == "ordinal"]
        assert ranks and ranks[0].units == {"rank"}, (entry.word, entry.example)
    else:
        ranks = [
            (s, e)
            for s, e in number_spans(text, entry.language)
            if is_ordinal_at(text, s, e, entry.language)
            and (
                lowered[e:].lstrip().startswith(entry.word)
                or lowered[:s].rstrip().endswith(entry.word)
            )
        ]
        assert ranks, (entry.word, entry.example)


@pytest.mark.parametrize(
    ("written", "language", "value"),
    [
        ("third place", "en", 3),
        ("3rd", "en", 3),
        ("第三", "zh-Hans", 3),
        ("第3", "zh-Hant", 3),
        ("3位", "ja", 3),
        ("第3位", "ja", 3),
        ("سوم", "fa", 3),
        ("رتبه سوم", "fa", 3),
        ("نخست", "fa", 1),
        ("اول", "fa", 1),
        ("الثالثة", "ar", 3),
        ("المرتبة الثالثة", "ar", 3),
        ("الأولى", "ar", 1),
    ],
)
def test_ordinals_are_ranks(written: str, language: str, value: int) -> None:
    quantity = parse_quantity(written, language)
    assert (quantity.kind, quantity.value) == ("ordinal", Decimal(value))


def test_a_measure_word_of_another_language_is_no_rank() -> None:
    # 位 makes a rank in Japanese (3位) but counts people in Chinese (3位分析师).
    assert parse_quantity("3位分析师", "zh-Hans").kind == "number"
    assert parse_quantity("3位", "ja").kind == "ordinal"
    assert parse_quantity("3 امتیاز", "fa").kind == "number"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("January 27, 2025", (2025, 1, 27)),
        ("Jan. 27", (None, 1, 27)),
        ("27 January 2025", (2025, 1, 27)),
        ("May 2024", (2024, 5, None)),
        ("۲۷ ژانویه ۲۰۲۵", (2025, 1, 27)),
        ("27 كانون الثاني 2025", (2025, 1, 27)),
    ],
)
def test_month_names_are_dates(written: str, expected: tuple[int | None, ...]) -> None:
    date = parse_date(written)
    assert (date.year, date.month, date.day) == expected


def test_a_month_name_needs_a_day_or_year_and_its_capital() -> None:
    assert date_spans(normalise("you may 5 times, may")) == []


def test_the_fix_hint_names_words_from_the_lexicons() -> None:
    hint = understood()
    for language in ("en", "fa", "ar"):
        fives = [e.word for e in load_number_words(language).section("cardinals") if e.value == 5]
        assert fives and fives[0] in hint
