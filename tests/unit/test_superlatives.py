"""Superlatives read as rank 1, per language, from the lexicon's own test sentences."""

from __future__ import annotations

import pytest

from crosscheck.hedges import read_number
from crosscheck.models import LANGUAGES
from crosscheck.numerals import NumeralError
from crosscheck.superlatives import RANK_ONE, blocker, is_superlative, load_superlatives

ENTRIES = [entry for language in LANGUAGES for entry in load_superlatives(language)]


def test_every_language_has_superlatives() -> None:
    assert {entry.language for entry in ENTRIES} == set(LANGUAGES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.language}:{e.words[0]}" for e in ENTRIES])
def test_a_superlative_states_rank_one_where_the_lexicon_says(entry) -> None:  # type: ignore[no-untyped-def]
    sentence, word = entry.applies
    assert is_superlative(word, entry.language)
    reading = read_number(sentence, word, entry.language)
    assert reading is not None and reading.quantity == RANK_ONE


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e.language}:{e.words[0]}" for e in ENTRIES])
def test_the_same_word_states_no_rank_where_its_neighbours_say_otherwise(entry) -> None:  # type: ignore[no-untyped-def]
    for sentence, word in entry.not_applies:
        assert blocker(sentence, word, entry.language) is not None, sentence
        with pytest.raises(NumeralError, match="states no rank 1"):
            read_number(sentence, word, entry.language)


def test_every_blocker_word_is_exercised_or_documented() -> None:
    """Each entry's test sentences block with at least one word of each list they use."""
    for entry in ENTRIES:
        found = {blocker(s, w, entry.language) for s, w in entry.not_applies}
        assert found <= {*entry.not_before, *entry.not_after, *entry.not_later}
        assert None not in found


def test_a_plain_word_is_not_a_superlative() -> None:
    assert not is_superlative("large", "en")
    with pytest.raises(NumeralError):
        read_number("Nvidia had a large loss.", "large", "en")
