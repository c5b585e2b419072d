"""Evidence rules: every reference keeps the text it was read from, and says what it is.

A reference's excerpt is only as good as the copy it was taken from. A reference names an archive
file (the stored copy's text as retrieved, never edited) whose sha256 is recorded and in which the
excerpt must be verbatim, or says in ``not_archived`` why no text could be kept: such a reference
never carries a reference value alone. A copy whose words were machine-rewritten is not the
publisher's text and is cited for context only.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from crosscheck.factbase import FactBase, Located
from crosscheck.models import Reference
from crosscheck.problems import Problem
from crosscheck.reconcile import Reconciliation
from crosscheck.rules import fold


def _confined(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _read_archive(base: FactBase, located: Located[Reference]) -> tuple[str | None, list[Problem]]:
    """The archive's text when it exists, stays in facts/ and matches its sha256."""
    ref = located.record
    if ref.archive is None:
        return None, []
    target = located.file.path.parent / ref.archive
    if Path(ref.archive).is_absolute() or not _confined(base.root, target):
        return None, [
            Problem(
                located.at("archive"),
                "path-outside-facts",
                f"archive path '{ref.archive}' leaves the facts/ folder",
                "a path relative to this file that stays inside facts/",
                "copy the text into facts/evidence/archive/ and name it here",
            )
        ]
    try:
        raw = target.read_bytes()
    except OSError:
        return None, [
            Problem(
                located.at("archive"),
                "archive-missing",
                f"archive file '{ref.archive}' does not exist",
                f"a file at {base.display(target)}",
                "save the stored copy's text there exactly as retrieved, or fix the path",
            )
        ]
    digest = hashlib.sha256(raw).hexdigest()
    if ref.archive_sha256 != digest:
        recorded = ref.archive_sha256 or "none"
        return None, [
            Problem(
                located.at("archive_sha256" if ref.archive_sha256 else "archive"),
                "archive-sha256-mismatch",
                f"archive {base.display(target)} has sha256 {digest}",
                f"the recorded archive_sha256 ({recorded})",
                "restore the archived bytes (archives are never edited), or record the sha256 "
                "of a newly retrieved copy",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                located.at("archive"),
                "not-utf8",
                f"archive {base.display(target)} is not UTF-8 (byte {error.start})",
                "archived text in UTF-8",
                "convert the archived text to UTF-8 and record the new sha256",
            )
        ]


def check_evidence_archives(base: FactBase, _: Reconciliation) -> list[Problem]:
    """Each archive exists inside facts/, matches its sha256 and holds its excerpt verbatim."""
    problems: list[Problem] = []
    for located in base.references.values():
        ref = located.record
        if ref.archive_extent == "passage" and not (ref.archive_note or "").strip():
            problems.append(
                Problem(
                    located.at("archive_extent"),
                    "missing-key",
                    f"the archive of '{ref.id}' is a passage of the retrieved text but does not "
                    "say what it leaves out",
                    "'archive_note:' saying what was omitted and why",
                    "add 'archive_note:' (e.g. \"The author and committer lines, which hold a "
                    'personal e-mail address, are left out.")',
                )
            )
        text, found = _read_archive(base, located)
        problems += found
        if text is None:
            continue
        if fold(ref.excerpt) not in fold(text):
            archive = base.display(located.file.path.parent / (ref.archive or ""))
            problems.append(
                Problem(
                    located.at("excerpt"),
                    "excerpt-not-in-archive",
                    f"excerpt of '{ref.id}' is not in {archive}",
                    "the excerpt verbatim in the archived text (after NFC and whitespace folding)",
                    "copy the sentence from the archive as it is; never edit an excerpt to fit "
                    "(cite another copy if this one does not say it)",
                )
            )
    return problems


def check_unarchived_support(base: FactBase, _: Reconciliation) -> list[Problem]:
    """A reference value needs at least one piece of evidence whose text is archived."""
    problems: list[Problem] = []
    for located in base.figures.values():
        reference = located.record.reference
        for index, citation in enumerate(reference.evidence):
            cited = base.references.get(citation.ref)
            if cited is not None and cited.record.rewritten and citation.supports != "context":
                problems.append(
                    Problem(
                        located.at("reference", "evidence", index, "ref"),
                        "rewritten-copy-cited",
                        f"'{citation.ref}' is a rewritten copy, cited as the words of "
                        f"{cited.record.publisher}",
                        "evidence from a copy whose words are the publisher's "
                        "('supports: context' for a rewritten one)",
                        "cite a copy with the publisher's own words, or keep the figure unverified",
                        related=(cited.at("rewritten"),),
                    )
                )
        if reference.unverified or reference.derive:
            continue
        supporting = [c for c in reference.evidence if c.supports != "context"]
        refs = [base.references.get(c.ref) for c in supporting]
        if not refs or any(r is None for r in refs):
            continue  # reference-missing or dangling-reference says it already
        # Only a reference that says it has no text counts against the value: a record with
        # neither field is the minimal form a contributor starts from (tests/test_real_facts.py
        # requires one of the two for every reference of the real base).
        if all(r.record.not_archived is not None for r in refs if r is not None):
            problems.append(
                Problem(
                    located.at("reference", "evidence"),
                    "evidence-not-archived",
                    f"figure '{located.record.id}' rests only on evidence with no archived text",
                    "at least one cited reference whose text is archived",
                    "archive a stored copy of one reference, or set 'unverified: true'",
                )
            )
    return problems


def check_original_links(base: FactBase, _: Reconciliation) -> list[Problem]:
    """``original:`` names a claim of another source, in a language earlier in this source's
    translation chain (the text it was translated from, directly or through other steps)."""
    problems: list[Problem] = []
    for located in base.claims.values():
        claim = located.record
        if claim.original is None or claim.original in base.invalid_ids:
            continue
        source = base.sources.get(claim.source)
        target = base.claims.get(claim.original)
        if source is None:
            continue  # dangling source, reported by check_references_exist
        earlier = {step.language for step in source.record.translation_chain[:-1]}
        target_source = base.sources.get(target.record.source) if target else None
        if target is not None and target.record.source in base.invalid_ids:
            continue  # the source of the claim translated failed to load: reported there
        if (
            target is not None
            and target_source is not None
            and target.record.source != claim.source
            and target_source.record.language in earlier
        ):
            continue
        if target is None:
            message = f"no claim with id '{claim.original}'"
        else:
            message = (
                f"claim '{claim.original}' is not from a source earlier in the translation "
                f"chain of '{claim.source}'"
            )
        languages = ", ".join(sorted(earlier)) or "none"
        problems.append(
            Problem(
                located.at("original"),
                "dangling-reference",
                message,
                f"the id of a claim of another source in one of this text's earlier languages "
                f"({languages})",
                "name the claim this one translates, in the source it was translated from",
            )
        )
    return problems


EVIDENCE_RULES = (check_evidence_archives, check_unarchived_support, check_original_links)
