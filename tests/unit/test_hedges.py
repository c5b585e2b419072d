"""Hedges read from the text: every lexicon entry's two sentences, and properties per language."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.hedges import (
    HedgeEntry,
    load_lexicon,
    read_hedge,
    read_number,
    stray_hedge,
)
from crosscheck.models import LANGUAGES
from crosscheck.numerals import normalise, number_span

ENTRIES = [entry for language in LANGUAGES for entry in load_lexicon(language).entries]
WORDS = [(entry, word) for entry in ENTRIES for word in entry.words]


def _reading(sentence: str, number: str, language: str):
    text = normalise(sentence)
    written = normalise(number)
    at = text.find(written)
    assert at >= 0, (sentence, number)
    core = number_span(written) or (0, len(written))
    return read_hedge(text, at + core[0], at + core[1], language)


def test_every_language_has_a_hedge_lexicon_with_every_bound() -> None:
    for language in LANGUAGES:
        kinds = {entry.kind for entry in load_lexicon(language).entries}
        assert {"about", "nearly", "more-than", "at-least", "less-than", "at-most"} <= kinds


@pytest.mark.parametrize(
    "entry", ENTRIES, ids=[f"{e.language}-{e.kind}-{e.position}-{e.words[0]}" for e in ENTRIES]
)
def test_each_entry_hedges_its_sentence_and_not_the_other(entry: HedgeEntry) -> None:
    sentence, number = entry.applies
    reading = _reading(sentence, number, entry.language)
    assert reading is not None and reading.kind == entry.kind, (sentence, reading)
    assert reading.word.lower() in entry.words
    sentence, number = entry.not_applies
    assert any(word in normalise(sentence).lower() for word in entry.words), sentence
    reading = _reading(sentence, number, entry.language)
    assert reading is None or reading.word.lower() not in entry.words, (sentence, reading)


def test_words_added_to_fit_one_claim_are_gone() -> None:
    japanese = {word for entry in load_lexicon("ja").entries for word in entry.words}
    assert not any("迎え" in word for word in japanese)
    for entry in ENTRIES:
        for word in entry.words:
            if len(word) == 1 and word in "多数數余餘":
                assert entry.position == "after" and word not in "数數", (entry.language, word)


def test_as_much_as_upward_of_up_to_are_read() -> None:
    assert _reading("Altman sought as much as $7 trillion", "7", "en").kind == "up-to"
    assert _reading("Capex of upward of $60 billion", "60", "en").kind == "more-than"
    assert _reading("训练费用最多 600 万美元", "600", "zh-Hans").kind == "at-most"
    assert _reading("هزینه حداکثر 6 میلیون دلار بود", "6", "fa").kind == "at-most"


def test_a_hedge_of_another_number_lends_nothing() -> None:
    quote = "約3年前にMetaで発生した2,400億ドルというこれまでの記録の2倍以上となる"
    assert read_number(quote, "2,400億ドル", "ja").kind == "none"  # type: ignore[union-attr]
    assert read_number(quote, "2倍", "ja").kind == "at-least"  # type: ignore[union-attr]
    assert stray_hedge(quote, "at-least", "ja") == ("以上", "2")


# Property tests, per language: a hedge word is read exactly when it stands in its position,
# separated from the number only by spaces and unit words.

NUMBERS = st.integers(min_value=1, max_value=99_999).map(str)
FILLER = "Zq"  # no hedge word contains it, in any language


def _units(language: str) -> list[str]:
    return ["", *load_lexicon(language).units]


def _build(entry: HedgeEntry, word: str, number: str, unit: str, between: str) -> tuple[str, int]:
    """A sentence with the word in its position; returns it and where the number starts."""
    gap = " " if entry.language in ("en", "fa", "ar") else ""
    if entry.position == "before":
        head = f"{FILLER} {word}{gap}{between}"
        return f"{head}{number}{gap}{unit} {FILLER}", len(head)
    head = f"{FILLER} "
    return f"{head}{number}{gap}{unit}{gap}{between}{word} {FILLER}", len(head)


def _words(language: str) -> list[tuple[HedgeEntry, str]]:
    return [(entry, word) for entry, word in WORDS if entry.language == language]


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(data=st.data(), number=NUMBERS)
def test_a_hedge_word_in_position_hedges_the_number(
    language: str, data: st.DataObject, number: str
) -> None:
    entry, word = data.draw(st.sampled_from(_words(language)))
    unit = data.draw(st.sampled_from(_units(entry.language)))
    sentence, start = _build(entry, word, number, unit, "")
    reading = read_hedge(sentence, start, start + len(number), entry.language)
    assert reading is not None, sentence
    # A longer word of another entry may contain this one ("no more than" ⊃ "more than"), but
    # the word read is always the one written in front of or after the number.
    assert word in reading.word.lower(), (sentence, reading)
    assert reading.kind == entry.kind or len(reading.word) > len(word), (sentence, reading)


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(data=st.data(), number=NUMBERS)
def test_a_word_between_detaches_the_hedge(language: str, data: st.DataObject, number: str) -> None:
    entry, word = data.draw(st.sampled_from(_words(language)))
    sentence, start = _build(entry, word, number, "", f"{FILLER} ")
    assert read_hedge(sentence, start, start + len(number), entry.language) is None, sentence


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(data=st.data(), first=NUMBERS, second=NUMBERS)
def test_a_hedge_belongs_to_one_number_only(
    language: str, data: st.DataObject, first: str, second: str
) -> None:
    after = [w for w in _words(language) if w[0].position == "after"]
    entry, word = data.draw(st.sampled_from(after))
    gap = " " if entry.language in ("en", "fa", "ar") else ""
    sentence = f"{second} {FILLER} {first}{gap}{word}"
    assert read_hedge(sentence, 0, len(second), entry.language) is None, sentence
