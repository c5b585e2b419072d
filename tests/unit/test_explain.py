"""``crosscheck explain``: its help's example exists, and its lines say what the checker read."""

from __future__ import annotations

import re

import pytest

from crosscheck import cli
from crosscheck.explain import explain_claim
from crosscheck.pipeline import CheckResult, run_check
from tests.conftest import FACTS


@pytest.fixture(scope="module")
def real() -> CheckResult:
    return run_check(FACTS)


def test_the_help_examples_name_claims_that_exist(real: CheckResult) -> None:
    examples = re.findall(
        r"crosscheck explain ([a-z0-9-]+)", (cli.__doc__ or "") + (cli.cmd_explain.__doc__ or "")
    )
    assert examples, "no example was read"
    assert all(claim_id in real.base.claims for claim_id in examples), examples


def test_no_claim_says_none_found_after_listing_evidence(real: CheckResult) -> None:
    checked = 0
    for claim_id in real.base.claims:
        lines = explain_claim(real, claim_id).splitlines()
        for index, line in enumerate(lines):
            if "none found" in line:
                block = lines[:index]
                start = max(
                    i for i, text in enumerate(block) if text.startswith(("figure", "matches"))
                )
                assert not any(text.startswith("evidence  [") for text in block[start:]), claim_id
        checked += 1
    assert checked == len(real.base.claims)


def test_the_hedge_read_and_the_scope_figure_are_shown(real: CheckResult) -> None:
    hedged = next(
        c
        for c, r in real.reconciliation.claims.items()
        if r.hedge_word and real.base.claims[c].record.stated
    )
    result = real.reconciliation.claims[hedged]
    assert f"hedge     '{result.hedge_word}', read as '{result.read_hedge}'" in explain_claim(
        real, hedged
    )
    scoped = [c for c, located in real.base.claims.items() if located.record.matches]
    assert scoped, "no claim names a scope figure"
    for claim_id in scoped:
        text = explain_claim(real, claim_id)
        matches = real.base.claims[claim_id].record.matches
        assert f"matches   {matches}:" in text and "on it     " in text


def test_the_origin_line_is_a_sentence(real: CheckResult) -> None:
    lines = [
        line
        for claim_id in real.reconciliation.origins
        for line in explain_claim(real, claim_id).splitlines()
        if line.startswith("origin    ")
    ]
    assert lines
    for line in lines:
        sentence = line.removeprefix("origin    ")
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert "-than" not in sentence and "at-least" not in sentence  # hedges named in words
