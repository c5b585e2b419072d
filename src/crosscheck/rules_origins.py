"""The origin rules: where an error entered is computed, and a recorded one must agree."""

from __future__ import annotations

import re

from crosscheck.factbase import FactBase
from crosscheck.origins import unlinked_translations
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation


def check_origins(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """Every claim not rated right has a computable origin; a recorded one must match it."""
    problems = []
    for claim_id, located in base.claims.items():
        claim = located.record
        origin = recon.origins.get(claim_id)
        if origin is not None and origin.problem == "missing":
            partial = (
                f" (only part of it was retrieved, but {origin.retrieved})"
                if origin.retrieved
                else ""
            )
            problems.append(
                Problem(
                    located.location,
                    "origin-missing",
                    f"claim '{claim_id}' is rated '{claim.verdict}' and its source was translated "
                    f"from '{origin.original_source}', which is in the fact base{partial}, but it "
                    "names no original claim",
                    "'original: <claim-id>', the claim in the original text that this one "
                    "translates",
                    f"add the claim to '{origin.original_source}' if it has none, then link it "
                    "with 'original:'",
                )
            )
            continue
        if origin is not None and origin.problem == "inconsistent":
            problems.append(
                Problem(
                    located.at("original"),
                    "origin-contradicted",
                    f"claim '{claim_id}' states the same number and hedge as its original "
                    f"'{origin.original_claim}' but is rated '{claim.verdict}' where the original "
                    f"is rated '{base.claims[origin.original_claim or ''].record.verdict}'",
                    "the same verdict for the same number and hedge about the same figure",
                    "recheck both verdicts",
                    related=(base.claims[origin.original_claim or ""].at("verdict"),),
                )
            )
            continue
        if claim.error_origin is None:
            continue
        if origin is None:
            problems.append(
                Problem(
                    located.at("error_origin"),
                    "origin-contradicted",
                    f"'error_origin: {claim.error_origin}' on a claim rated '{claim.verdict}', "
                    "which locates no error",
                    "no 'error_origin' (only wrong, different-scope, different-timing and "
                    "unsupported claims have one)",
                    "delete 'error_origin:'",
                )
            )
        elif origin.kind != claim.error_origin:
            problems.append(
                Problem(
                    located.at("error_origin"),
                    "origin-contradicted",
                    f"'error_origin: {claim.error_origin}' contradicts the computed origin "
                    f"'{origin.kind}'",
                    f"{origin.kind}: {origin.sentence(base)}",
                    "delete 'error_origin:' (it is computed), or fix the 'original:' link",
                )
            )
    return problems


def check_partial_sources(base: FactBase, _: Reconciliation) -> list[Problem]:
    """A source marked partial says where its text was retrieved, when, and what was retrieved:
    a partial original lets a translated claim's origin be unknown, so the mark must be one a
    reviewer can check against the stored copy, never a bare flag."""
    problems = []
    for located in base.sources.values():
        source = located.record
        if not source.partial:
            continue
        missing = [
            key
            for key, value in (
                ("retrieved_from", source.retrieved_from),
                ("retrieved", source.retrieved),
                ("retrieval_note", source.retrieval_note),
            )
            if not (value or "").strip()
        ]
        if missing:
            problems.append(
                Problem(
                    located.at("partial", key=True),
                    "partial-unrecorded",
                    f"source '{source.id}' is marked partial but gives no "
                    + ", ".join(f"'{key}'" for key in missing),
                    "'retrieved_from:' (the stored copy's address), 'retrieved:' (the date) and "
                    "'retrieval_note:' (what was retrieved and what is missing)",
                    "add them from the stored copy the snapshot was taken from, or, if the "
                    "snapshot holds the whole text, delete 'partial: true'",
                )
            )
        text = base.snapshots.get(source.id)
        ending = _complete_ending(text) if text is not None else None
        if ending:
            problems.append(
                Problem(
                    located.at("partial", key=True),
                    "partial-text-complete",
                    f"source '{source.id}' is marked partial but its snapshot ends on a complete "
                    f"sentence ('{ending}')",
                    "a partial snapshot ends where the retrieval cut it off, mid-sentence",
                    "if the snapshot holds the whole text, delete 'partial: true'; if the stored "
                    "copy was cut at a sentence end, archive a longer retrieval that ends cut off",
                )
            )
    return problems


SENTENCE_END = re.compile(
    r"[.!?\u3002\uff01\uff1f\u061f\u06d4\u203c\u2047-\u2049\uff0e]"
    r"[\s\"'\u2019\u201d\u00bb\u203a\u300d\u300f\uff09)\]\u3011\u300b\u3009\uff63]*$"
)
"""A text that ends on a complete sentence: sentence-final punctuation in any of the site's
languages and English (. ! ? 。 ！ ？ ؟ ۔ ‼ ⁇ ⁈ ⁉ ．), then only closing quotes, brackets and
whitespace. An ellipsis (… or ...) is how a cut is marked, so it is not an ending."""


def _complete_ending(text: str) -> str:
    """The last characters of ``text`` when it ends on a complete sentence, else ''."""
    stripped = text.rstrip()
    if stripped.endswith(("...", "\u2026")) or not SENTENCE_END.search(stripped):
        return ""
    tail = stripped[-40:].split("\n")[-1]
    return tail.split(" ", 1)[1] if len(stripped) > 40 and " " in tail else tail.lstrip()


def check_original_figures(base: FactBase, _: Reconciliation) -> list[Problem]:
    """A claim and the claim it translates are about the same figure: the origin compares their
    numbers, so a link to a claim about another figure that happens to state the same number
    would put the error in the original."""
    problems = []
    for located in base.claims.values():
        claim = located.record
        target = base.claims.get(claim.original or "")
        if target is None or target.record.figure == claim.figure:
            continue
        problems.append(
            Problem(
                located.at("original"),
                "original-other-figure",
                f"claim '{claim.id}' is about figure '{claim.figure}' but its original "
                f"'{target.record.id}' is about '{target.record.figure}'",
                "the claim in the original text that states the same figure",
                "link the claim the passage translates, or attach both to the figure the "
                "passage states",
                related=(target.at("figure") if target.record.figure else target.location,),
            )
        )
    return problems


def check_translation_chains(base: FactBase, _: Reconciliation) -> list[Problem]:
    """A chain starts at the original and only there, and ends in the source's own language:
    origins count steps along it, so a translated text whose last step says 'original' would put
    every translator's error in the original."""
    problems = []
    for located in base.sources.values():
        source = located.record
        chain = source.translation_chain
        for index, step in enumerate(chain):
            first = index == 0
            if first != (step.method == "original"):
                problems.append(
                    Problem(
                        located.at("translation_chain", index, "method"),
                        "translation-chain-invalid",
                        f"step {index} of the chain of '{source.id}' is '{step.method}', but "
                        + (
                            "the chain starts at the original"
                            if first
                            else "only its first step is the original"
                        ),
                        "the first step: 'original'; every later step: how it was translated "
                        "('human', 'machine' or 'unknown')",
                        "put the original text first and each translation after it, in order",
                    )
                )
        if chain and chain[-1].language != source.language:
            problems.append(
                Problem(
                    located.at("translation_chain", len(chain) - 1, "language"),
                    "translation-chain-invalid",
                    f"the chain of '{source.id}' ends in '{chain[-1].language}', but its text is "
                    f"in '{source.language}'",
                    "the last step is this source's own text, in its language",
                    "add the step that produced this text, or fix 'language:'",
                )
            )
    return problems


def check_unlinked_translations(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """A claim of a translated text about a figure its stored original states is linked to the
    original's claim, whatever its verdict (see origins.unlinked_translations); a claim whose
    origin is already reported missing is not reported twice."""
    problems = []
    for claim, same, original in unlinked_translations(base):
        origin = recon.origins.get(claim.id)
        if origin is not None and origin.problem == "missing":
            continue
        located = base.claims[claim.id]
        problems.append(
            Problem(
                located.at("figure"),
                "original-unlinked",
                f"claim '{claim.id}' is about figure '{claim.figure}', which claim '{same}' of "
                f"its original '{original}' states, but it names no original claim",
                "'original: <claim-id>', the claim of the original this one translates",
                f"link '{same}' (or the claim of '{original}' whose passage this one translates; "
                "add it if it has none)",
                related=(base.claims[same].at("figure"),),
            )
        )
    return problems


ORIGIN_RULES = (
    check_origins,
    check_unlinked_translations,
    check_partial_sources,
    check_original_figures,
    check_translation_chains,
)
