"""The real fact base: it passes, and the test proves it checked everything."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from crosscheck.explain import explain_claim
from crosscheck.export import EXPORT_VERSION, export_factbase
from crosscheck.origins import ORIGIN_VERDICTS
from crosscheck.pipeline import CheckResult, run_check
from crosscheck.reconcile import JUDGMENT_VERDICTS
from tests.conftest import FACTS, REPO


def records_on_disk(kind: str) -> list[str]:
    """Record ids read straight from the YAML, independently of the loader, so the tests prove
    the checker read them all (and never assume the base's current size)."""
    return [
        record["id"]
        for path in sorted(FACTS.rglob("*.yml"))
        if "translations" not in path.parts
        for record in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(kind, [])
    ]


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return run_check(FACTS)


def test_real_fact_base_has_no_problems(result: CheckResult) -> None:
    assert [p.render() for p in result.problems] == []


def test_checked_every_source_and_every_claim(result: CheckResult) -> None:
    base = result.base
    on_disk = {kind: records_on_disk(kind) for kind in ("sources", "claims", "figures")}
    assert on_disk["sources"] and sorted(on_disk["sources"]) == sorted(base.sources)
    assert set(base.snapshots) == set(base.sources), (
        "every snapshot was read and matched its sha256"
    )
    assert on_disk["claims"] and sorted(on_disk["claims"]) == sorted(base.claims)
    assert sorted(on_disk["figures"]) == sorted(base.figures)
    recon = result.reconciliation
    for claim_id, located in base.claims.items():
        claim = located.record
        if (
            claim.figure
            and claim.value is not None
            and (claim.stated or isinstance(claim.value, str))
        ):
            assert claim_id in recon.claims, f"{claim_id} was not reconciled"
    for located in base.sources.values():
        assert any(c.record.source == located.record.id for c in base.claims.values())


def test_every_hedge_was_read_from_its_quote(result: CheckResult) -> None:
    """A recorded hedge equals the reading, or a note explains it; the reading is never missing."""
    read = 0
    for claim_id, outcome in result.reconciliation.claims.items():
        claim = result.base.claims[claim_id].record
        if claim.stated is None:
            continue
        read += 1
        if claim.hedge is not None and not claim.hedge_note:
            assert claim.hedge == outcome.read_hedge, claim_id
    assert read, "no hedge was read"


def test_snapshots_are_byte_for_byte_and_self_contained(result: CheckResult) -> None:
    for located in result.base.sources.values():
        path = located.file.path.parent / located.record.snapshot
        assert path.resolve().is_relative_to(FACTS.resolve())
        assert hashlib.sha256(path.read_bytes()).hexdigest() == located.record.sha256


def test_every_claim_has_a_reason_and_a_translation(result: CheckResult) -> None:
    for located in result.base.claims.values():
        claim = located.record
        assert claim.reason and claim.reason.en.strip(), claim.id
        assert claim.translation and claim.translation.en.strip(), claim.id


def test_judgments_and_wrong_verdicts_exist(result: CheckResult) -> None:
    verdicts = {c.record.verdict for c in result.base.claims.values()}
    assert {"accurate", "rounded", "hedged", "wrong", "unverified", "not-checkable"} <= verdicts
    assert verdicts & set(JUDGMENT_VERDICTS)


def test_every_claim_not_rated_right_has_a_computed_origin(result: CheckResult) -> None:
    located_errors = [c for c in result.base.claims.values() if c.record.verdict in ORIGIN_VERDICTS]
    assert located_errors, "no claim to locate an error for"
    for located in located_errors:
        origin = result.reconciliation.origins[located.record.id]
        assert origin.problem in (None, "partial"), located.record.id
        if located.record.error_origin:
            assert located.record.error_origin == origin.kind


def test_the_help_example_names_an_existing_claim(result: CheckResult) -> None:
    from crosscheck import cli

    ids = set(re.findall(r"crosscheck explain ([a-z0-9-]+)", (cli.__doc__ or "")))
    ids |= set(re.findall(r"crosscheck explain ([a-z0-9-]+)", cli.cmd_explain.__doc__ or ""))
    assert ids and ids <= set(result.base.claims), ids


def test_explain_says_no_evidence_only_when_none_is_listed(result: CheckResult) -> None:
    for claim_id in result.base.claims:
        text = explain_claim(result, claim_id)
        if "none found" in text:
            assert "\nevidence  [" not in text, claim_id


def test_explain_covers_every_claim(result: CheckResult) -> None:
    for claim_id in result.base.claims:
        text = explain_claim(result, claim_id)
        assert claim_id in text and "verdict" in text


def test_export_shape(result: CheckResult) -> None:
    data = json.loads(json.dumps(export_factbase(result)))
    assert data["version"] == EXPORT_VERSION
    assert sorted(s["id"] for s in data["sources"]) == sorted(records_on_disk("sources"))
    assert all(len(s["sha256"]) == 64 for s in data["sources"])
    claim = next(c for c in data["claims"] if c["id"] == "ja-nvda-value-loss")
    assert claim["computed_verdict"] == "accurate"
    assert claim["claimreview_rating"]["ratingValue"] == 5
    assert claim["quote"] == "時価総額は5,888億ドル減少した"
    figure = next(f for f in data["figures"] if f["id"] == "nvda-value-loss-2025-01-27")
    assert figure["reference_interval"] == {"lo": 588.5e9, "hi": 593.5e9}


def test_nothing_reads_the_shared_folder() -> None:
    for path in [*(REPO / "src").rglob("*.py"), REPO / "Makefile", REPO / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "/shared/" not in text, path


def test_every_fact_file_has_the_schema_modeline() -> None:
    for path in Path(FACTS).rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path


def test_every_reference_keeps_its_text_or_says_why_not(result: CheckResult) -> None:
    references = [located.record for located in result.base.references.values()]
    assert references, "no reference was read"
    for ref in references:
        assert (ref.archive is None) != (ref.not_archived is None), ref.id
        if ref.archive is not None:
            assert ref.archive_sha256 and ref.archive_extent and ref.retrieved_from, ref.id
            assert ref.retrieved, ref.id
    assert any(ref.archive for ref in references), "no archived evidence at all"


def test_partial_sources_say_where_their_text_came_from(result: CheckResult) -> None:
    for located in result.base.sources.values():
        source = located.record
        if source.partial:
            assert source.retrieved_from and source.retrieved and source.retrieval_note, source.id


def test_translated_claims_link_to_stored_originals(result: CheckResult) -> None:
    claims = result.base.claims
    linked = [c.record for c in claims.values() if c.record.original]
    assert linked, "no claim names its original"
    for claim in linked:
        original = claims[claim.original or ""].record
        assert original.source != claim.source, claim.id
        assert original.figure == claim.figure, claim.id
