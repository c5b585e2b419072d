"""The translation chain on a claim's page: original sentence, each step, what changed."""

from __future__ import annotations

import pytest

from crosscheck.pipeline import CheckResult, run_check
from crosscheck.site.chain import _changes, claim_chain
from crosscheck.site.context import SiteContext, load_strings
from tests.conftest import FACTS, REPO, key_date_figure

CASES = REPO / "tests" / "cases" / "valid"


def contexts(result: CheckResult) -> dict[str, SiteContext]:
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


@pytest.fixture(scope="module")
def kept() -> dict[str, SiteContext]:
    return contexts(run_check(CASES / "origin-kept-in-translation" / "facts"))


def test_the_chain_shows_the_original_each_step_and_the_change(
    kept: dict[str, SiteContext],
) -> None:
    ctx = kept["en"]
    claim = ctx.result.base.claims["ja-capex"].record
    steps = claim_chain(ctx, claim)
    chain = ctx.result.base.sources[claim.source].record.translation_chain
    assert len(steps) == len(chain)
    original = ctx.result.base.claims["en-capex"].record
    assert steps[0]["quote"] == original.quote and steps[-1]["quote"] == claim.quote
    assert all(step["missing"] for step in steps[1:-1])  # the texts in between are not stored
    change = str(steps[-1]["changes"][0])
    assert change == "The hedge changed: “more than” became “at least”."


def test_the_chain_is_written_in_every_page_language(kept: dict[str, SiteContext]) -> None:
    english = claim_chain(kept["en"], kept["en"].result.base.claims["ja-capex"].record)
    for code, ctx in kept.items():
        steps = claim_chain(ctx, ctx.result.base.claims["ja-capex"].record)
        assert steps[-1]["changes"] and steps[0]["label"], code
        if code != "en":
            assert steps[-1]["changes"][0] != english[-1]["changes"][0], code


def test_each_hedge_is_named_as_the_page_names_it() -> None:
    result = run_check(CASES / "origin-in-translation" / "facts")
    ctx = contexts(result)["en"]
    steps = claim_chain(ctx, result.base.claims["ja-capex"].record)
    assert str(steps[-1]["changes"][0]) == "The hedge changed: “up to” became “at least”."


def test_a_changed_number_is_shown_in_each_texts_script_and_escaped(
    kept: dict[str, SiteContext],
) -> None:
    ctx = kept["en"]
    base = ctx.result.base
    before = base.claims["en-capex"].record
    after = base.claims["ja-capex"].record.model_copy(
        update={"stated": "<b>700億ドル</b>", "value": 70_000_000_000}
    )
    change = str(_changes(ctx, before, after)[0])
    assert change == (
        'The number changed: <bdi lang="en">$65 billion</bdi> became '
        '<bdi lang="ja">&lt;b&gt;700億ドル&lt;/b&gt;</bdi>.'
    )


def test_claims_without_a_stored_original_have_no_chain() -> None:
    result = run_check(FACTS)
    ctx = contexts(result)["en"]
    linked = [c.record for c in result.base.claims.values() if c.record.original]
    assert linked, "no linked claim was read"
    unlinked = [c.record for c in result.base.claims.values() if not c.record.original]
    assert all(claim_chain(ctx, c) == [] for c in unlinked)
    assert all(claim_chain(ctx, c) for c in linked)
