"""Docs are tested against code: every error code, command, tolerance and language."""

from __future__ import annotations

import re

from crosscheck.cli import build_parser
from crosscheck.models import LANGUAGES
from crosscheck.problems import CODES
from crosscheck.reconcile import ABOUT_TOLERANCE, ACCURATE_TOLERANCE, NEARLY_TOLERANCE
from tests.conftest import REPO

DOCS = REPO / "docs"


def test_every_error_code_is_documented_and_nothing_else() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### ([a-z0-9.-]+)$", text, re.M))
    assert documented == set(CODES)


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for command in subparsers.choices:  # type: ignore[union-attr]
        assert f"crosscheck {command}" in readme, command
    for target in ("make site", "make test", "make bench"):
        assert target in readme


def test_methodology_states_the_tolerances_the_code_uses() -> None:
    text = (DOCS / "methodology.md").read_text(encoding="utf-8")
    for tolerance in (ACCURATE_TOLERANCE, ABOUT_TOLERANCE, NEARLY_TOLERANCE):
        assert f"{tolerance:.0%}" in text


def test_the_site_languages_are_listed_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f"`{language}`" in readme


def test_export_shape_is_documented_key_for_key() -> None:
    from crosscheck.export import export_factbase
    from crosscheck.pipeline import run_check

    data = export_factbase(run_check(REPO / "facts"))
    text = (DOCS / "data.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)
    top_section = next(s for s in sections if s.startswith("Top level"))
    top = set(re.findall(r"^\| `([a-z_]+)` \|", top_section, re.M))
    assert top == set(data)
    for name in ("sources", "references", "figures", "claims", "constraints"):
        section = next(s for s in sections if s.startswith(f"`{name}[]`"))
        documented = set(re.findall(r"`([a-z_0-9]+)`", "\n".join(
            line.split("|")[1] for line in section.splitlines() if line.startswith("| `")
        )))  # fmt: skip
        used = {key for record in data[name] for key in record}
        assert used <= documented, (name, used - documented)
