"""The errors page's list of number words is read from the lexicons the parser reads."""

from __future__ import annotations

import html
import re

import pytest

from crosscheck.models import LANGUAGES
from crosscheck.numberwords import load_number_words
from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.macros import Macros
from tests.conftest import FACTS, REPO, key_date_figure


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


@pytest.mark.parametrize("page_language", LANGUAGES)
def test_every_lexicon_word_is_listed(contexts: dict[str, SiteContext], page_language: str) -> None:
    rows = Macros(contexts[page_language], "errors.html").number_words()
    cells = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", str(r["words"]))) for r in rows)
    listed = 0
    for language in LANGUAGES:
        for entry in load_number_words(language).words:
            assert entry.word in cells, (language, entry.word)
            listed += 1
    assert listed > 0
    assert all(str(row["kind"]) for row in rows)
