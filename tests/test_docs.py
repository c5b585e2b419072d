"""Docs are tested against code: every error code, command, tolerance, language and page."""

from __future__ import annotations

import re

import pytest

from crosscheck.cli import build_parser
from crosscheck.models import LANGUAGES
from crosscheck.problems import CODES
from tests.conftest import REPO

DOCS = REPO / "docs"
EN = DOCS / "en"
# A figure typed into prose: a number standing alone, in any script's digits.
NUMBER = re.compile(r"(?<![\w.\-])[0-9۰-۹٠-٩０-９]+(?:[.,٫٬][0-9۰-۹٠-٩０-９]+)*(?![\w\-])")
# Index names that contain a number, as each language writes them.
NAMES_WITH_NUMBERS = re.compile(
    r"S&P ?500|Nasdaq ?100|اس\u200c?اندپی ?(?:۵۰۰|500)|ستاندرد آند بورز ?500|إس آند بي ?500"
)


def prose(text: str) -> str:
    """Markdown without front matter, code, macros and link targets: what readers read as text."""
    text = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"```.*?```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return NAMES_WITH_NUMBERS.sub("", text)


def test_every_error_code_is_documented_and_nothing_else() -> None:
    text = (EN / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### ([a-z0-9.-]+)$", text, re.M))
    assert documented == set(CODES)


def test_every_language_documents_every_error_code() -> None:
    for language in LANGUAGES:
        text = (DOCS / language / "errors.md").read_text(encoding="utf-8")
        assert re.findall(r"^### ([a-z0-9.-]+)$", text, re.M) == list(CODES), language


def test_every_language_has_every_page() -> None:
    pages = {p.name for p in EN.glob("*.md")}
    assert len(pages) >= 8
    for language in LANGUAGES:
        assert {p.name for p in (DOCS / language).glob("*.md")} == pages, language


def test_no_figure_is_typed_into_prose() -> None:
    offenders = []
    for path in sorted(DOCS.rglob("*.md")):
        for number, line in enumerate(prose(path.read_text(encoding="utf-8")).splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            if NUMBER.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert not offenders, "numbers typed into prose (use a fact macro):\n" + "\n".join(offenders)


def _catalog(language: str) -> dict[str, object]:
    import yaml

    path = REPO / "build" / "i18n" / f"{language}.yml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def _count_patterns(language: str) -> list[re.Pattern[str]]:
    from crosscheck.site.counts import typed_count_patterns

    counts = _catalog(language)["counts"]
    assert isinstance(counts, dict)
    return typed_count_patterns(counts, cjk=language in ("zh-Hant", "zh-Hans", "ja"))


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for child in node.values() for text in _strings(child)]
    if isinstance(node, list):
        return [text for child in node for text in _strings(child)]
    return [str(node)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_count_is_typed_into_prose(language: str) -> None:
    """A count of the fact base ("five articles", "پنج مقاله", "خمس مقالات", "五篇文章",
    "5本の記事"), in words or digits, comes from count(): typed, it goes stale."""
    patterns = _count_patterns(language)
    offenders = []
    for path in sorted((DOCS / language).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        # Front matter stays in: a page description is prose too.
        text = re.sub(r"```.*?```|\{\{.*?\}\}|\{%.*?%\}|`[^`\n]*`", "", text, flags=re.S)
        for number, line in enumerate(text.splitlines(), 1):
            for pattern in patterns:
                if match := pattern.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {match.group(0)}")
    catalog = _catalog(language)
    for key, node in catalog.items():
        if key in ("counts", "glossary_avoid"):
            continue
        for text in _strings(node):
            for pattern in patterns:
                if match := pattern.search(text):
                    offenders.append(f"build/i18n/{language}.yml: {key}: {match.group(0)}")
    assert not offenders, "counts typed into prose (use count()):\n" + "\n".join(offenders)


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "through five articles written in"),
        ("en", "The 5 articles rarely"),
        ("fa", "از خلال پنج مقاله به پنج زبان"),
        ("ar", "عبر خمس مقالات كُتبت بخمس لغات"),
        ("ar", "نادراً ما تختلق المقالات الخمس أرقامها"),
        ("zh-Hant", "以五種語言寫成的五篇文章"),
        ("zh-Hans", "这五篇文章很少"),
        ("ja", "五つの言語で書かれた"),
        ("ja", "で書かれた5本の記事"),
        ("ja", "5言語・5本の記事"),
    ],
)
def test_the_count_lint_catches_a_typed_count(language: str, typed: str) -> None:
    assert any(p.search(typed) for p in _count_patterns(language)), typed


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_and_catalogs_use_the_glossary_terms(language: str) -> None:
    """The variants a catalog's glossary_avoid rules out ("variant → term") are written nowhere in
    that language's pages, interface strings or fact-base catalog (the built pages are checked
    too, in tests/site/test_words.py, for what the code formats)."""
    catalog = _catalog(language)
    avoid = [str(entry).partition(" → ") for entry in catalog["glossary_avoid"]]  # type: ignore[union-attr]
    texts = {
        str(p.relative_to(REPO)): p.read_text(encoding="utf-8")
        for p in (DOCS / language).glob("*.md")
    }
    texts[f"build/i18n/{language}.yml"] = "\n".join(
        _strings({k: v for k, v in catalog.items() if k != "glossary_avoid"})
    )
    translations = REPO / "facts" / "translations" / f"{language}.yml"
    if translations.exists():
        texts[str(translations.relative_to(REPO))] = translations.read_text(encoding="utf-8")
    offenders = []
    for name, text in texts.items():
        for variant, _, term in avoid:
            for match in re.finditer(re.escape(variant), text):
                if not text.startswith(term, match.start()):
                    offenders.append(f"{name}: {variant} → {term}")
    assert not offenders, "\n".join(offenders)


def test_no_figure_is_typed_into_templates() -> None:
    for path in sorted((REPO / "build" / "templates").glob("*.j2")):
        text = re.sub(
            r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S
        )
        text = re.sub(r"<[^>]*>", "", text)
        assert not NUMBER.search(text), path


def test_interface_strings_type_no_figures() -> None:
    import yaml

    def values(node: object) -> list[str]:
        if isinstance(node, dict):
            return [v for child in node.values() for v in values(child)]
        return [str(node)]

    for language in LANGUAGES:
        data = yaml.safe_load(
            (REPO / "build" / "i18n" / f"{language}.yml").read_text(encoding="utf-8")
        )
        for text in values(data):
            cleaned = NAMES_WITH_NUMBERS.sub("", re.sub(r"\{[a-z_]+\}", "", text))
            assert not NUMBER.search(cleaned), (language, text)


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for command in subparsers.choices:  # type: ignore[union-attr]
        assert f"crosscheck {command}" in readme, command
    for target in ("make site", "make test", "make bench"):
        assert target in readme


def test_methodology_takes_its_tolerances_from_the_code() -> None:
    text = (EN / "methodology.md").read_text(encoding="utf-8")
    for name in ("accurate", "about", "nearly", "rounding"):
        assert f'tolerance("{name}")' in text
    assert "worked_cases()" in text, "the worked cases come from crosscheck.worked_cases"


def test_the_site_languages_are_listed_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f"`{language}`" in readme


def test_export_shape_is_documented_key_for_key() -> None:
    from crosscheck.export import export_factbase
    from crosscheck.pipeline import run_check

    data = export_factbase(run_check(REPO / "facts"))
    text = (EN / "data.md").read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)
    top_section = next(s for s in sections if s.startswith("Top level"))
    assert set(re.findall(r"^\| `([a-z_]+)` \|", top_section, re.M)) == set(data)
    for name in ("sources", "references", "figures", "claims", "constraints"):
        section = next(s for s in sections if s.startswith(f"`{name}[]`"))
        rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
        documented = set(re.findall(r"`([a-z_0-9]+)`", "\n".join(rows)))
        used = {key for record in data[name] for key in record}
        assert used <= documented, (name, used - documented)


def test_the_claims_csv_columns_are_documented_in_every_language() -> None:
    from crosscheck.site.data import CSV_COLUMNS

    columns = [name for name, _, _ in CSV_COLUMNS]
    for language in LANGUAGES:
        text = (DOCS / language / "data.md").read_text(encoding="utf-8")
        section = text.split("{: #claims-csv }", 1)[1]
        documented = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
        assert documented == columns, language
        assert f"(data/claims-{language}.csv)" in text, language
        assert "(data/datapackage.json)" in text, language
