"""Each cross-record rule, on a tiny fact base (see conftest.BASE_YAML)."""

from __future__ import annotations

from collections.abc import Callable

from crosscheck.pipeline import CheckResult
from tests.conftest import claim_yaml, codes

Make = Callable[..., CheckResult]


def test_a_consistent_claim_passes(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml()})
    assert result.problems == []
    assert result.reconciliation.claims["c1"].computed == "accurate"


def test_quote_must_be_in_the_snapshot_and_the_hint_shows_the_nearest_passage(
    make_facts: Make,
) -> None:
    result = make_facts(
        {"c.yml": claim_yaml(quote="Nvidiaの株価は18%近く下落し", stated="18%", value=18)}
    )
    problem = next(p for p in result.problems if p.code == "quote-not-in-source")
    assert "nearest passage at line 1" in problem.fix
    assert "17%近く下落し" in problem.fix


def test_quote_matching_folds_whitespace_and_normalises(make_facts: Make) -> None:
    snapshot = "Nvidiaの株価は17%近く\n   下落し、時価総額は5,888億ドル減少した。\n"
    folded = claim_yaml(quote="Nvidiaの株価は17%近く 下落し")
    assert "quote-not-in-source" not in codes(make_facts({"c.yml": folded}, snapshot=snapshot))
    decomposed = "5,888億ト\u3099ル減少"  # NFD of ドル
    nfd = claim_yaml(quote=decomposed, stated="5,888億", value=588_800_000_000, hedge="none")
    assert "quote-not-in-source" not in codes(make_facts({"c.yml": nfd}, snapshot=snapshot))


def test_value_must_match_the_written_number(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml(value=71)})
    problem = next(p for p in result.problems if p.code == "value-mismatch")
    assert "17" in problem.expected


def test_stated_must_come_from_the_quote(make_facts: Make) -> None:
    assert "stated-not-in-quote" in codes(make_facts({"c.yml": claim_yaml(stated="16%", value=16)}))


def test_recorded_verdict_must_equal_the_computed_one(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml(verdict="wrong")})
    problem = next(p for p in result.problems if p.code == "verdict-mismatch")
    assert "'accurate'" in problem.expected


def test_judgment_verdicts_need_a_reason(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml(verdict="different-scope", reason=None)})
    assert "reason-missing" in codes(result)


def test_hedge_must_match_the_quote(make_facts: Make) -> None:
    assert "hedge-mismatch" in codes(make_facts({"c.yml": claim_yaml(hedge="none")}))
    assert "hedge-mismatch" in codes(make_facts({"c.yml": claim_yaml(hedge="more-than")}))


def test_the_hedge_is_read_when_not_recorded(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml(hedge=None)})
    assert codes(result) == []
    assert result.reconciliation.claims["c1"].hedge == "nearly"


def test_a_hedge_note_explains_a_reading_the_parser_cannot_make(make_facts: Make) -> None:
    """Where the parser reads no hedge word ("Nvidiaの株価は17%" has none), a note may say what an idiom
    means; where it reads one, no note overrules the word attached to the number."""
    result = make_facts({"c.yml": claim_yaml(hedge="about", hedge_note="an idiom")})
    assert "hedge-mismatch" in codes(result)  # 近く is read as 'nearly': a note cannot overrule it
    assert result.reconciliation.claims["c1"].hedge == "nearly"
    unread = claim_yaml(quote="Nvidiaの株価は17%", hedge="about", hedge_note="an idiom")
    result = make_facts({"c.yml": unread})
    assert "hedge-mismatch" not in codes(result)
    assert result.reconciliation.claims["c1"].hedge == "about"


def test_unverified_figures_cannot_be_rated(make_facts: Make) -> None:
    figure = """\
    figures:
      - id: unknown-fig
        label: {en: "U"}
        definition: {en: "U"}
        unit: percent
        as_of: "2025-01-27"
        reference: {unverified: true}
    """
    result = make_facts({"f.yml": figure, "c.yml": claim_yaml(figure="unknown-fig")})
    assert codes(result) == ["unverified-rated"]
    ok = make_facts(
        {"f.yml": figure, "c.yml": claim_yaml(figure="unknown-fig", verdict="unverified")}
    )
    assert ok.problems == []


def test_dangling_references_suggest_the_closest_id(make_facts: Make) -> None:
    result = make_facts({"c.yml": claim_yaml(figure="drops")})
    problem = next(p for p in result.problems if p.code == "dangling-reference")
    assert "did you mean 'drop'" in problem.fix


def test_constraints_are_evaluated(make_facts: Make) -> None:
    constraint = """\
    constraints:
      - id: too-big
        expr: "{drop} > 20"
        description: {en: "x"}
      - id: fine
        expr: "{drop} * 2 ~ 33.94"
        description: {en: "x"}
    """
    result = make_facts({"k.yml": constraint})
    assert codes(result) == ["constraint-violated"]


# Archived evidence for the wide figure's bounds: one excerpt per vendor (an uncertainty), or
# one excerpt naming both members (a spread).
_EXCERPTS = {
    "ev-lo": "Vendor A puts the fall at 10%.",
    "ev-hi": "Vendor B puts the fall at 30%.",
    "ev-group": "Member A fell 10% and member B 30%.",
}


def _evidence_files() -> dict[str, str]:
    import hashlib

    files = {f"{ref}.txt": text + "\n" for ref, text in _EXCERPTS.items()}
    lines = ["references:"]
    for ref, text in _EXCERPTS.items():
        sha = hashlib.sha256((text + "\n").encode()).hexdigest()
        lines.append(
            f'  - {{id: {ref}, url: "https://example.org/{ref}", publisher: x, title: x, '
            f'excerpt: "{text}", archive: {ref}.txt, archive_sha256: {sha}}}'
        )
    files["ev.yml"] = "\n".join(lines) + "\n"
    return files


def _wide(kind: str, *claims: tuple[str, int, str], evidence: str | None = None) -> dict[str, str]:
    if evidence is None:
        evidence = (
            "evidence: [{ref: ev-lo, supports: lo}, {ref: ev-hi, supports: hi}]"
            if kind == "uncertainty"
            else "evidence: [{ref: ev-group}], members: [{name: A, value: 10, ref: ev-group}, "
            "{name: B, value: 30, ref: ev-group}]"
        )
    lines = [
        "figures:",
        "  - id: wide",
        '    label: {en: "W"}',
        '    definition: {en: "W"}',
        "    unit: percent",
        '    as_of: "2025-01-27"',
        f"    reference: {{lo: 10, hi: 30, interval: {kind}, {evidence}}}",
    ]
    if claims:
        lines.append("claims:")
    for cid, n, verdict in claims:
        lines.append(
            f'  - {{id: {cid}, source: src-ja, figure: wide, quote: "{n}%", stated: "{n}%", '
            f"value: {n}, verdict: {verdict}}}"
        )
    return {"w.yml": "\n".join(lines) + "\n", **_evidence_files()}


def test_claims_inside_one_uncertainty_interval_never_contradict(make_facts: Make) -> None:
    base = _wide("uncertainty", ("lo-claim", 17, "accurate"), ("hi-claim", 29, "accurate"))
    result = make_facts(base, snapshot="17% と 29% と 5,888億ドル。\n")
    assert codes(result) == []


def test_a_group_claim_must_hold_for_every_member_of_a_spread(make_facts: Make) -> None:
    base = _wide("spread", ("one", 29, "accurate"))
    result = make_facts(base, snapshot="17% と 29% と 5,888億ドル。\n")
    assert codes(result) == ["verdict-mismatch"]
    assert result.reconciliation.claims["one"].computed == "wrong"


def test_members_of_a_group_do_not_pass_as_an_uncertainty(make_facts: Make) -> None:
    """One excerpt writing both bounds as two numbers names two members: a claim about the
    group would otherwise pass on its best member."""
    evidence = "evidence: [{ref: ev-group, supports: lo}, {ref: ev-hi, supports: hi}]"
    base = _wide("uncertainty", ("one", 29, "accurate"), evidence=evidence)
    result = make_facts(base, snapshot="17% と 29% と 5,888億ドル。\n")
    assert codes(result) == ["interval-kind-mismatch"]


def test_an_uncertainty_bound_needs_evidence_that_writes_it(make_facts: Make) -> None:
    evidence = "evidence: [{ref: ev-lo, supports: lo}, {ref: ev-lo, supports: hi}]"
    result = make_facts(_wide("uncertainty", evidence=evidence))
    assert "interval-evidence-missing" in codes(result)
    problem = next(p for p in result.problems if p.code == "interval-evidence-missing")
    assert "'ev-lo' is cited for 'hi'" in problem.message


def test_a_spread_without_members_or_with_narrowed_bounds_fails(make_facts: Make) -> None:
    result = make_facts(_wide("spread", evidence="evidence: [{ref: ev-group}]"))
    assert codes(result) == ["spread-members-missing"]
    narrowed = "evidence: [{ref: ev-group}], members: [{name: A, value: 10, ref: ev-group}]"
    result = make_facts(_wide("spread", evidence=narrowed))
    assert codes(result) == ["spread-bounds-mismatch"]


def test_urls_must_be_http(make_facts: Make) -> None:
    ref = """\
    references:
      - id: bad-url
        url: "javascript:alert(1)"
        publisher: "x"
        title: "x"
        excerpt: "x"
    """
    assert codes(make_facts({"r.yml": ref})) == ["invalid-url"]


def test_unknown_keys_say_did_you_mean(make_facts: Make) -> None:
    text = claim_yaml().replace("quote:", "qoute:")
    problems = make_facts({"c.yml": text}).problems
    assert any(p.code == "unknown-key" and "did you mean 'quote'" in p.fix for p in problems)


def test_the_origin_is_computed_from_the_original_claim() -> None:
    from pathlib import Path

    from crosscheck.pipeline import run_check

    case = Path(__file__).parent.parent / "cases" / "valid" / "origin-in-translation" / "facts"
    result = run_check(case)
    origin = result.reconciliation.origins["ja-capex"]
    # en → vi → ja with only the English stored: the hedge changed at step 1 or 2.
    assert (origin.kind, origin.steps) == ("translation", (1, 2))
    assert origin.difference == "the original says 'up to', this text '以上' (at least)"
    assert "en-capex" not in result.reconciliation.origins  # right claims have no origin
    assert "in step 1 (into vi" in origin.sentence(result.base)


def test_an_error_kept_in_translation_entered_in_the_original() -> None:
    """Wrong in the original and wrong in the translation: the error entered at the first text
    whose claim is not right, even though the translation changed the hedge word."""
    from pathlib import Path

    from crosscheck.pipeline import run_check

    case = Path(__file__).parent.parent / "cases" / "valid" / "origin-kept-in-translation"
    result = run_check(case / "facts")
    origin = result.reconciliation.origins["ja-capex"]
    assert (origin.kind, origin.original_claim) == ("original", "en-capex")
    assert "'upward of' (more than), this text '以上' (at least)" in origin.sentence(result.base)


def _dates(evidence: str) -> dict[str, str]:
    figure = (
        "figures:\n  - id: when\n    label: {en: W}\n    definition: {en: W}\n    unit: date\n"
        '    as_of: "2025-01-27"\n'
        f'    reference: {{lo: "2025-01-20", hi: "2025-01-27", interval: uncertainty, {evidence}}}\n'
    )
    return {"d.yml": figure, **_evidence_files()}


def test_day_precise_date_bounds_need_two_references(make_facts: Make) -> None:
    two = "evidence: [{ref: ev-lo, supports: lo}, {ref: ev-hi, supports: hi}]"
    assert codes(make_facts(_dates(two))) == []
    one = "evidence: [{ref: ev-lo, supports: lo}, {ref: ev-lo, supports: hi}]"
    assert codes(make_facts(_dates(one))) == ["interval-evidence-missing"]
    uncited = "evidence: [{ref: ev-lo}]"
    assert codes(make_facts(_dates(uncited))) == ["interval-evidence-missing"] * 2
