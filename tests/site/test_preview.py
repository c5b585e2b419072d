"""The live preview (`mkdocs serve`): a saved reason reaches its page first, and no language keeps
text older than its rebuild, even when a newer save interrupts the background builds."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check
from crosscheck.site.preview import Preview, mkdocs_language_builder
from tests.conftest import REPO
from tests.site.conftest import build_site

SERVE_URL = "http://127.0.0.1:8000/"


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    if (REPO / ".cache" / "charts").is_dir():  # charts already drawn: a faster build
        shutil.copytree(REPO / ".cache" / "charts", project / ".cache" / "charts")
    return project


class Reason:
    """A claim's English reason, edited in place in its figures file."""

    def __init__(self, project: Path) -> None:
        for located in run_check(project / "facts").base.claims.values():
            claim = located.record
            text = located.file.path.read_text(encoding="utf-8")
            if claim.figure and claim.reason and text.count(f'"{claim.reason.en}"') == 1:
                self.path, self.written = located.file.path, f'"{claim.reason.en}"'
                self.page = f"figure-{claim.figure}.html"
                return
        raise AssertionError("the fact base has no claim with a figure and a one-line reason")

    def mark(self, marker: str) -> None:
        """The reason with `marker` in place of the previous marker (or at its end)."""
        content = self.path.read_text(encoding="utf-8")
        new = self.written.split(" preview", 1)[0].removesuffix('"') + f" {marker}" + '"'
        self.path.write_text(content.replace(self.written, new, 1), encoding="utf-8")
        self.written = new


def files_with(site: Path, text: str) -> set[Path]:
    return {
        p.relative_to(site)
        for p in site.rglob("*")
        if p.is_file() and text.encode() in p.read_bytes()
    }


def language_of_file(path: Path) -> str:
    return path.parts[0] if path.parts[0] in LANGUAGES else "en"


@pytest.mark.slow
def test_a_saved_reason_reaches_its_page_first_and_no_language_stays_stale(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = project_copy(tmp_path)
    site = build_site(tmp_path / "site", project=project)
    reason = Reason(project)
    preview = Preview(
        site, LANGUAGES, mkdocs_language_builder(str(project / "mkdocs.yml"), SERVE_URL, True)
    )

    # Round 1, the reader on the English page: when the builder returns, the page has the text.
    preview.saw_request("/" + reason.page)
    reason.mark("previewmarkone")
    preview()
    assert "previewmarkone" in (site / reason.page).read_text(encoding="utf-8")
    preview.wait()
    assert not preview.background_errors
    first = files_with(site, "previewmarkone")
    # The English reason is in every language's data downloads: each language was rebuilt.
    assert {language_of_file(p) for p in first} == set(LANGUAGES)

    # Round 2, the reader on a Persian page: Persian is built before the builder returns.
    preview.saw_request("/fa/" + reason.page)
    reason.mark("previewmarktwo")
    preview()
    fa_files = {p for p in first if language_of_file(p) == "fa"}
    assert fa_files
    for path in fa_files:
        assert b"previewmarktwo" in (site / path).read_bytes(), path
    preview.wait()
    assert files_with(site, "previewmarkone") == set()
    assert files_with(site, "previewmarktwo") == first

    # Round 3 is interrupted by round 4 (a save while the other languages build): the end state
    # is round 4's everywhere, and nothing of round 3 or of a staging folder is left.
    reason.mark("previewmarkthree")
    preview()
    reason.mark("previewmarkfour")
    preview()
    preview.wait()
    assert not preview.background_errors
    assert files_with(site, "previewmarkthree") == set()
    assert files_with(site, "previewmarktwo") == set()
    assert files_with(site, "previewmarkfour") == first
    assert sorted(p.name for p in site.parent.iterdir()) == ["project", "site"]
    # The cancelled builds are not reported as errors.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
