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

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosscheck.factbase import FactBase
from crosscheck.files import FileRefused, read_bounded
from crosscheck.models import LANGUAGES, Text
from crosscheck.problems import Location, Problem, terminal_text
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
    unreadable: set[str] = field(default_factory=set)
    """Languages whose catalog could not be read (already reported): no entry is checked."""
    languages: tuple[str, ...] = ("en",)
    """The fact base's languages, English first: each site language with a catalog file in
    translations/ (adding a language is adding its catalog: crosscheck translations xx --write)."""

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
        if source.publisher_note:
            yield Slot(
                f"source/{sid}/publisher_note", source.publisher_note, source.publisher or ""
            )
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
        if figure.event:
            yield Slot(f"figure/{fid}/event", figure.event, figure.label.en)
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
    for rid, located in base.corrections.items():
        yield Slot(f"correction/{rid}/text", located.record.text)


def load_catalogs(base: FactBase) -> tuple[Catalogs, list[Problem]]:
    """Read facts/translations/<lang>.yml for every non-English site language."""
    catalogs = Catalogs()
    problems: list[Problem] = []
    folder = base.root / CATALOG_DIR
    if folder.is_dir():
        for path in sorted(folder.glob("*.yml")):
            if path.stem not in OTHER_LANGUAGES and not path.name.startswith("."):
                problems.append(
                    Problem(
                        Location(base.display(path)),
                        "unknown-file",
                        f"'{path.name}' is not the catalog of a site language",
                        "one of: " + ", ".join(f"{lang}.yml" for lang in OTHER_LANGUAGES),
                        "rename it to the language's code, spelled exactly (zh-Hant.yml)",
                    )
                )
    present = tuple(lang for lang in OTHER_LANGUAGES if os.path.lexists(folder / f"{lang}.yml"))
    catalogs.languages = ("en", *present)
    for language in present:
        path = folder / f"{language}.yml"
        display = base.display(path)
        # The same opener as record files: a regular file inside facts/, size-capped.
        loaded, file_problems = load_yaml(path, display, base.root)
        problems.extend(file_problems)
        catalogs.files[language] = loaded
        if file_problems and loaded.data is None:
            catalogs.texts[language] = {}
            catalogs.unreadable.add(language)
            continue
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
        texts = data.get("texts")
        if texts is None:
            texts = {}
        if not isinstance(texts, dict):
            problems.append(
                Problem(
                    loaded.location(("texts",)),
                    "wrong-type",
                    "'texts' must be a mapping of text keys to translations",
                    "texts:, then one 'kind/id/field: \"…\"' entry per line",
                    "write the entries indented under 'texts:' (an empty catalog is 'texts: {}')",
                )
            )
            catalogs.unreadable.add(language)  # its entries are unknown, not all missing
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
        registry = {
            "source": base.sources,
            "figure": base.figures,
            "claim": base.claims,
            "correction": base.corrections,
        }.get(kind, base.constraints)
        where = registry[record_id].location
        for language in catalogs.languages[1:]:
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
                if language in catalogs.unreadable or _language_unknown(base, slot):
                    continue  # the unreadable catalog (or source) is the one problem to report
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
            if _record_id(key) in base.invalid_ids:
                continue  # its record failed to load: that is the one problem to report
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


def _language_unknown(base: FactBase, slot: Slot) -> bool:
    """A quote's translation whose source failed to load: which languages need it is unknown
    (not the quote's own), so none is reported missing on top of the source's problem."""
    if not slot.key.startswith("claim/") or not slot.key.endswith("/translation"):
        return False
    source = base.claims[_record_id(slot.key)].record.source
    return source in base.invalid_ids and source not in base.sources


def _record_id(key: str) -> str:
    """The record id in a slot key ('claim/zht-nvda-drop/reason' → 'zht-nvda-drop')."""
    parts = key.split("/")
    return parts[1] if len(parts) > 1 else ""


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


def yaml_quoted(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``value`` and stays on one line:
    backslash and quote escaped, and every control, line-break (LF, CR, NEL, U+2028/9), bidi
    and lone-surrogate character written as a \\u escape."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


_UNSAFE_IN_YAML = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _comment(label: str, value: str) -> str:
    """A one-line YAML comment: no newline in the text can end it and start an entry."""
    return f"# {label}: {terminal_text(value)}"


def present_keys(catalogs: Catalogs, language: str) -> set[str]:
    """Keys written in a language's catalog, filled or not (an empty entry is present: a
    translator is working on it, and --write must not add it twice)."""
    loaded = catalogs.files.get(language)
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    texts = data.get("texts")
    return {str(key) for key in texts} if isinstance(texts, dict) else set()


def missing_slots(base: FactBase, catalogs: Catalogs, language: str) -> list[Slot]:
    """The slots a language still needs and its catalog does not have, in fact-base order."""
    present = present_keys(catalogs, language)
    return [
        slot
        for slot in slots(base)
        if slot.needed_in(language) and not slot.text.get(language) and slot.key not in present
    ]


def _entry_lines(slot: Slot, indent: str) -> list[str]:
    lines = []
    if slot.context and slot.context != slot.text.en:
        lines.append(indent + _comment("original", slot.context))
    lines.append(indent + _comment("en", slot.text.en))
    lines.append(f"{indent}{slot.key}: {yaml_quoted('')}")
    return lines


def missing_skeleton(base: FactBase, catalogs: Catalogs, language: str) -> str:
    """YAML lines for every missing entry of a language, with the English (and the original
    of a quote) as comments."""
    missing = missing_slots(base, catalogs, language)
    return "\n".join(line for slot in missing for line in _entry_lines(slot, "  "))


class CatalogWriteError(Exception):
    """The catalog cannot be rewritten safely (the reason is the message)."""


_TEXTS_LINE = re.compile(r"^texts:[ \t]*(?P<rest>\{[ \t]*\})?[ \t]*(?:#.*)?$")
_ENTRY = re.compile(r"^(?P<indent>[ \t]+)[\"']?(?P<key>[^\s#\"':][^\"':]*)[\"']?:(?:\s|$)")


def write_missing(base: FactBase, catalogs: Catalogs, language: str) -> tuple[Path, int]:
    """Insert the missing entries into facts/translations/<language>.yml in place.

    Line-based, not a YAML round trip: the catalogs are one entry per line, so each new entry
    (its comments, then ``key: ""``) goes right before the first existing entry that comes
    after it in fact-base order (the order the catalogs are written in), and every existing
    line, comment and value stays byte for byte. The result is parsed before it replaces the
    file: the old entries must read back unchanged and the new ones empty.
    """
    path = base.root / CATALOG_DIR / f"{language}.yml"
    if language in catalogs.unreadable:
        raise CatalogWriteError(f"{base.display(path)} cannot be read; fix it first")
    missing = missing_slots(base, catalogs, language)
    if not missing:
        return path, 0
    if os.path.lexists(path):
        try:
            text = read_bounded(path, base.root).decode("utf-8")
        except (FileRefused, UnicodeDecodeError) as error:
            raise CatalogWriteError(f"{base.display(path)} cannot be read: {error}") from None
    else:
        text = f"language: {language}\ntexts:\n"
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    texts_at = next((i for i, line in enumerate(lines) if line.startswith("texts:")), None)
    if texts_at is None:
        lines.append("texts:")
        texts_at = len(lines) - 1
    match = _TEXTS_LINE.match(lines[texts_at])
    if match is None:
        raise CatalogWriteError(
            f"{base.display(path)}: 'texts:' must be followed by one entry per line to be "
            "rewritten; add the entries by hand"
        )
    if match.group("rest"):
        lines[texts_at] = "texts:"
    end = next(
        (i for i in range(texts_at + 1, len(lines)) if lines[i][:1] not in ("", " ", "\t", "#")),
        len(lines),
    )
    order = {slot.key: index for index, slot in enumerate(slots(base))}
    entries: list[tuple[int, int]] = []  # (line where its block starts, its slot order)
    indent = "  "
    for i in range(texts_at + 1, end):
        entry = _ENTRY.match(lines[i])
        if entry is None:
            continue
        indent = entry.group("indent")
        start = i
        while start - 1 > texts_at and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        entries.append((start, order.get(entry.group("key"), -1)))
    last = max((i for i in range(texts_at + 1, end) if lines[i].strip()), default=texts_at)
    inserts: dict[int, list[str]] = {}
    for slot in missing:
        rank = order[slot.key]
        at = next((start for start, other in entries if other > rank), last + 1)
        inserts.setdefault(at, []).extend(_entry_lines(slot, indent))
    result: list[str] = []
    for i, line in enumerate(lines):
        result.extend(inserts.get(i, []))
        result.append(line)
    result.extend(inserts.get(len(lines), []))
    new_text = newline.join(result) + newline
    _replace_checked(base, path, new_text, catalogs, language, {s.key for s in missing})
    return path, len(missing)


def _replace_checked(
    base: FactBase, path: Path, new_text: str, catalogs: Catalogs, language: str, added: set[str]
) -> None:
    """Write ``new_text`` beside the catalog, parse it, and only then move it into place."""
    temporary = path.with_name(f".{path.name}.tmp")  # a dot file: the checker skips it
    temporary.parent.mkdir(parents=True, exist_ok=True)
    temporary.write_text(new_text, encoding="utf-8", newline="")
    try:
        loaded, problems = load_yaml(temporary, base.display(path), base.root)
        data = loaded.data if isinstance(loaded.data, dict) else {}
        texts = data.get("texts") if isinstance(data.get("texts"), dict) else None
        before = catalogs.files.get(language)
        old = (before.data or {}).get("texts") if before is not None else None
        old = old if isinstance(old, dict) else {}
        expected = {**old, **dict.fromkeys(added, "")}
        if problems or texts != expected or data.get("language", language) != language:
            raise CatalogWriteError(
                f"{base.display(path)}: the rewritten catalog would not read back as the old "
                "entries plus the new ones; nothing was changed (add the entries by hand)"
            )
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
