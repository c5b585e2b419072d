"""Translation catalogs: the reader-facing text of the fact base in every site language.

English lives in the records (``label: {en: "…"}``). The other languages live in one catalog per
language, ``facts/translations/<lang>.yml``, so a translator works in one file::

    language: fa
    texts:
      figure/nvda-drop-2025-01-27/label: "افت انویدیا در ۲۷ ژانویه ۲۰۲۵"
      claim/zht-nvda-drop/reason: "…"

A slot may also be written inline in the record (``label: {en: "…", fa: "…"}``); writing it in
both places is an error. Every slot must be filled in every language: an untranslated string is a
check failure, never a silent English fallback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from crosscheck.factbase import FactBase
from crosscheck.models import LANGUAGES, Text
from crosscheck.problems import Location, Problem
from crosscheck.yamlsafe import LoadedYaml, load_yaml

CATALOG_DIR = "translations"
OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != "en")


@dataclass(frozen=True)
class Slot:
    """One piece of reader-facing text: where it lives, its English, and context for translators."""

    key: str
    text: Text
    context: str = ""
    source_language: str | None = None
    """For a quote's translation: the quote's own language (the original needs no translation)."""

    def needed_in(self, language: str) -> bool:
        return language != "en" and language != self.source_language


@dataclass
class Catalogs:
    """Every language's texts by slot key, with the file each came from."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    files: dict[str, LoadedYaml] = field(default_factory=dict)

    def get(self, key: str, language: str) -> str | None:
        return self.texts.get(language, {}).get(key)


def slots(base: FactBase) -> Iterator[Slot]:
    """Every reader-facing text slot of the fact base, in a stable order."""
    for sid, located in base.sources.items():
        source = located.record
        yield Slot(
            f"source/{sid}/title_translation",
            source.title_translation,
            source.title,
            source.language,
        )
        yield Slot(f"source/{sid}/short_name", source.short_name)
        if source.date_basis:
            yield Slot(f"source/{sid}/date_basis", source.date_basis)
        if source.notes:
            yield Slot(f"source/{sid}/notes", source.notes)
        for index, step in enumerate(source.translation_chain):
            if step.note:
                yield Slot(f"source/{sid}/translation_chain/{index}/note", step.note)
    for fid, located in base.figures.items():
        figure = located.record
        yield Slot(f"figure/{fid}/label", figure.label)
        yield Slot(f"figure/{fid}/definition", figure.definition)
        if figure.reference.note:
            yield Slot(f"figure/{fid}/reference/note", figure.reference.note)
    for cid, located in base.claims.items():
        claim = located.record
        source = base.sources.get(claim.source)
        language = source.record.language if source else None
        if claim.reason:
            yield Slot(f"claim/{cid}/reason", claim.reason, claim.quote)
        if claim.translation:
            yield Slot(f"claim/{cid}/translation", claim.translation, claim.quote, language)
    for kid, located in base.constraints.items():
        yield Slot(f"constraint/{kid}/description", located.record.description)


def load_catalogs(base: FactBase) -> tuple[Catalogs, list[Problem]]:
    """Read facts/translations/<lang>.yml for every non-English site language."""
    catalogs = Catalogs()
    problems: list[Problem] = []
    folder = base.root / CATALOG_DIR
    for language in OTHER_LANGUAGES:
        path = folder / f"{language}.yml"
        display = base.display(path)
        if not path.exists():
            catalogs.texts[language] = {}
            continue
        loaded, file_problems = load_yaml(path, display)
        problems.extend(file_problems)
        catalogs.files[language] = loaded
        data = loaded.data if isinstance(loaded.data, dict) else {}
        if data.get("language") != language:
            problems.append(
                Problem(
                    loaded.location(("language",)),
                    "wrong-type",
                    f"catalog {display} must declare 'language: {language}'",
                    f"language: {language}",
                    "set the language to the file's name",
                )
            )
        unknown = sorted(set(data) - {"language", "texts"})
        problems.extend(
            Problem(
                loaded.location((key,), key=True),
                "unknown-key",
                f"unknown key '{key}' in a translation catalog",
                "only 'language' and 'texts'",
                "move translations under 'texts:'",
            )
            for key in unknown
        )
        texts = data.get("texts") or {}
        if not isinstance(texts, dict):
            texts = {}
        clean: dict[str, str] = {}
        for key, value in texts.items():
            if isinstance(value, str) and value.strip():
                clean[str(key)] = value
            else:
                problems.append(
                    Problem(
                        loaded.location(("texts", key)),
                        "wrong-type",
                        f"translation of '{key}' must be non-empty text",
                        "a quoted string",
                        "write the translation in quotes, or delete the line",
                    )
                )
        catalogs.texts[language] = clean
    return catalogs, problems


def check_translations(base: FactBase, catalogs: Catalogs) -> list[Problem]:
    """Every slot filled in every language, exactly once; no catalog entry without a slot.

    Applies once the fact base has a translations/ folder (a small fact base kept in one
    language, such as a test case, has none).
    """
    problems: list[Problem] = []
    if not (base.root / CATALOG_DIR).is_dir():
        return problems
    known: set[str] = set()
    for slot in slots(base):
        known.add(slot.key)
        kind, record_id = slot.key.split("/")[:2]
        registry = {"source": base.sources, "figure": base.figures, "claim": base.claims}.get(
            kind, base.constraints
        )
        where = registry[record_id].location
        for language in OTHER_LANGUAGES:
            inline = slot.text.get(language)
            cataloged = catalogs.get(slot.key, language)
            if inline and cataloged:
                problems.append(
                    Problem(
                        catalogs.files[language].location(("texts", slot.key), key=True),
                        "translation-conflict",
                        f"'{slot.key}' is translated both inline and in the {language} catalog",
                        "one translation per language",
                        "keep the catalog entry and delete the inline one",
                        related=(where,),
                    )
                )
            elif not (inline or cataloged) and slot.needed_in(language):
                problems.append(
                    Problem(
                        _catalog_location(base, catalogs, language),
                        "translation-missing",
                        f"no {language} translation for '{slot.key}'",
                        f"an entry '{slot.key}: \"…\"' under 'texts:'",
                        f'translate: "{slot.text.en[:70]}" (crosscheck translations {language} '
                        "prints every missing entry)",
                        related=(where,),
                    )
                )
    for language, texts in catalogs.texts.items():
        for key in sorted(set(texts) - known):
            problems.append(
                Problem(
                    catalogs.files[language].location(("texts", key), key=True),
                    "translation-orphan",
                    f"'{key}' translates nothing: no such text slot",
                    "a key printed by 'crosscheck translations'",
                    "delete the entry, or fix the id after a rename",
                )
            )
    return problems


def _catalog_location(base: FactBase, catalogs: Catalogs, language: str) -> Location:
    loaded = catalogs.files.get(language)
    if loaded is not None:
        return loaded.location(("texts",), key=True)
    return Location(base.display(base.root / CATALOG_DIR / f"{language}.yml"))


def text(slot_text: Text, key: str, language: str, catalogs: Catalogs) -> str:
    """The text of a slot in a language (inline first, then the catalog)."""
    value = slot_text.get(language) or catalogs.get(key, language)
    if value is None:
        raise KeyError(f"no {language} text for {key}")
    return value


def missing_skeleton(base: FactBase, catalogs: Catalogs, language: str) -> str:
    """YAML lines for every missing entry of a language, with the English as a comment."""
    import json

    lines = []
    for slot in slots(base):
        if not slot.needed_in(language):
            continue
        if slot.text.get(language) or catalogs.get(slot.key, language):
            continue
        if slot.context and slot.context != slot.text.en:
            lines.append(f"  # original: {slot.context}")
        lines.append(f"  # en: {slot.text.en}")
        lines.append(f"  {slot.key}: {json.dumps('', ensure_ascii=False)}")
    return "\n".join(lines)
