"""``crosscheck new DIR``: a minimal working project of its own story.

The project gets one invented source with its snapshot, one piece of evidence with its archived
text, one figure, one claim, a catalog and a home page per language, and a copy of the
generator's templates, theme overrides and stylesheet (``build/``): ``crosscheck check`` accepts
it and ``mkdocs build`` builds it as it is. The story's own text (the example below) comes from
``crosscheck/scaffold/``; the generator's machinery and interface strings from crosscheck's own
``build/``, so that the scaffold is always what the current code builds.

Why a copy of build/ and not a pointer to crosscheck's: MkDocs' ``theme.custom_dir`` and the
plugin's ``build_dir`` are paths inside the project, a committed mkdocs.yml cannot name a path of
one machine's crosscheck checkout, and a project's look and interface strings (topic names,
chart titles, the site's description) are its own to edit.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from crosscheck.models import LANGUAGES

SCAFFOLD = Path(__file__).parent / "scaffold"
GENERATOR_BUILD = Path(__file__).resolve().parents[2] / "build"
"""crosscheck's own build/ (in the source tree the README installs from)."""

MACHINERY = ("templates", "overrides", "assets")
"""The parts of build/ every project uses as they are: page templates, theme overrides, CSS."""
GENERATED_CHARTS = ("reconciliation_title",)
"""Chart strings of the charts the generator draws for every figure; the other chart strings
name the story's own charts (build/charts/), which a new project does not have."""
GENERIC_TERMS = ("reference_value", "claim", "figure", "verdict", "hedge")
"""Glossary entries about crosscheck itself, kept; the rest are the story's terms."""

_SHA_MARKER = re.compile(r"@sha256:([^@\s]+)@")


class NewProjectError(Exception):
    """The project cannot be created as asked (the message says why)."""


def parse_languages(text: str) -> tuple[str, ...]:
    """'en,ja' → ('en', 'ja'), in the site's order; English is always built (at the root)."""
    asked = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [code for code in asked if code not in LANGUAGES]
    if unknown:
        raise NewProjectError(
            f"unknown language {', '.join(unknown)}: one of {', '.join(LANGUAGES)}"
        )
    if "en" not in asked:
        raise NewProjectError("the languages must include en (the site's root is English)")
    return tuple(code for code in LANGUAGES if code in asked)


def create_project(
    target: Path,
    languages: tuple[str, ...],
    title: str | None = None,
    generator_build: Path = GENERATOR_BUILD,
) -> list[Path]:
    """Write the project into ``target`` (which must be empty or absent); the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewProjectError(f"'{target}' exists and is not an empty folder")
    if not (generator_build / "templates").is_dir():
        raise NewProjectError(
            f"crosscheck's build/ folder is not at {generator_build}: run crosscheck from its "
            "source tree (README, 'The two commands')"
        )
    title = title or target.resolve().name
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)

    # The generator's machinery, as crosscheck builds with it today.
    for part in MACHINERY:
        for path in sorted((generator_build / part).rglob("*")):
            if path.is_file():
                write(f"build/{part}/{path.relative_to(generator_build / part)}", path.read_bytes())
    # Search folding is not story-specific (jieba's user words are: a new project has none).
    folds = "search/normalise.yml"
    write(f"build/{folds}", (generator_build / folds).read_bytes())
    for code in languages:
        strings = _interface_strings(generator_build, code, title)
        write(f"build/i18n/{code}.yml", _STRINGS_HEADER + _yaml(strings))
    # The example story.
    mkdocs = (SCAFFOLD / "mkdocs.yml").read_text(encoding="utf-8")
    write("mkdocs.yml", mkdocs.replace('"@title@"', json.dumps(title, ensure_ascii=False)))
    write(".gitignore", (SCAFFOLD / "gitignore").read_text(encoding="utf-8"))
    for path in sorted((SCAFFOLD / "facts").rglob("*")):
        if path.is_file():
            write(f"facts/{path.relative_to(SCAFFOLD / 'facts')}", path.read_bytes())
    for code in languages:
        write(f"docs/{code}/index.md", (SCAFFOLD / "docs" / code / "index.md").read_bytes())
        if code != "en":
            catalog = SCAFFOLD / "catalogs" / f"{code}.yml"
            write(f"facts/translations/{code}.yml", catalog.read_bytes())
    from crosscheck.schema import catalog_schema_text, schema_text

    write("facts/schema.json", schema_text())
    if len(languages) > 1:
        write("facts/translations/schema.json", catalog_schema_text())
    _fill_digests(target, written)
    return written


def _interface_strings(generator_build: Path, code: str, title: str) -> dict[str, Any]:
    """crosscheck's interface strings for a language, with the story's replaced by the
    example's: its description, topic and index intros; no story charts or story terms."""
    source = generator_build / "i18n" / f"{code}.yml"
    strings: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    example: dict[str, Any] = yaml.safe_load(
        (SCAFFOLD / "strings" / f"{code}.yml").read_text(encoding="utf-8")
    )
    strings["site_name"] = title
    strings["topics"] = example.pop("topics")
    charts = strings.get("charts", {})
    strings["charts"] = {key: charts[key] for key in GENERATED_CHARTS if key in charts}
    glossary = strings.get("glossary", {})
    strings["glossary"] = {key: glossary[key] for key in GENERIC_TERMS if key in glossary}
    for key, value in example.items():
        if isinstance(value, dict):
            strings.setdefault(key, {}).update(value)
        else:
            strings[key] = value
    return strings


def _fill_digests(target: Path, written: list[Path]) -> None:
    """Replace each '@sha256:<path>@' in the written YAML with the digest of that file."""
    for path in written:
        if path.suffix != ".yml":
            continue
        text = path.read_text(encoding="utf-8")
        if "@sha256:" in text:
            filled = _SHA_MARKER.sub(
                lambda m: hashlib.sha256((target / m.group(1)).read_bytes()).hexdigest(), text
            )
            path.write_text(filled, encoding="utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Writes a value shared by several keys (a YAML anchor in crosscheck's own strings) in
    full at each, so that a project's strings read without anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)


_STRINGS_HEADER = """\
# Interface strings and glossary for the site. Every language file has exactly the same keys.
# {placeholders} are filled by the templates; {date} is the day of mkdocs.yml's key_date_figure.
"""
