"""Load the fact base: every YAML file under facts/, validated record by record.

One bad record never hides the others: each record is validated on its own, and every schema
error is mapped back to the line and column of the YAML node it is about.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from crosscheck.files import FileRefused, inside, read_bounded
from crosscheck.models import Claim, Constraint, Correction, FactFile, Figure, Reference, Source
from crosscheck.problems import InternalError, Location, Problem
from crosscheck.yamlsafe import LoadedYaml, PathKey, load_yaml

T = TypeVar("T", bound=BaseModel)

SECTIONS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "references": Reference,
    "figures": Figure,
    "claims": Claim,
    "constraints": Constraint,
    "corrections": Correction,
}


@dataclass(frozen=True)
class Located(Generic[T]):
    """A validated record and where it was written."""

    record: T
    file: LoadedYaml
    path: PathKey

    def at(self, *keys: str | int, key: bool = False) -> Location:
        return self.file.location((*self.path, *keys), key=key)

    @property
    def location(self) -> Location:
        return self.file.location(self.path)


@dataclass
class FactBase:
    """Every record of the fact base, by id, in file order."""

    root: Path
    sources: dict[str, Located[Source]] = field(default_factory=dict)
    references: dict[str, Located[Reference]] = field(default_factory=dict)
    figures: dict[str, Located[Figure]] = field(default_factory=dict)
    claims: dict[str, Located[Claim]] = field(default_factory=dict)
    constraints: dict[str, Located[Constraint]] = field(default_factory=dict)
    corrections: dict[str, Located[Correction]] = field(default_factory=dict)
    snapshots: dict[str, str] = field(default_factory=dict)
    """Source id → snapshot text (only for snapshots that exist and match their sha256)."""
    invalid_ids: set[str] = field(default_factory=set)
    """Ids of records that exist but failed to load or validate (already reported): references
    to them are not dangling, their catalog entries not orphans, and what depends on them is
    not judged (one mistake, one error)."""
    files: int = 0

    def display(self, path: Path) -> str:
        return display_path(path, self.root)


def display_path(path: Path, root: Path) -> str:
    """A path as printed, relative to the folder holding facts/. A file name that is not valid
    UTF-8 (read by Python with surrogate escapes) shows its bad bytes as \\xNN, so every
    output stays valid UTF-8."""
    try:
        shown = path.relative_to(root.parent).as_posix()
    except ValueError:
        shown = path.as_posix()
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``loc`` (to suggest its keys)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = next(
            (f for name, f in current.model_fields.items() if part in (name, f.alias)), None
        )
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """The model class inside Optional[...] / list[...] / Annotated[...], if any."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


_KIND_NAMES: dict[type, str] = {dict: "a mapping", list: "a list"}
_EXPECTED = {
    "string_type": "text (a string)",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
    "int_type": "a whole number",
    "float_type": "a number",
    "too_short": "at least one item",
    "greater_than_equal": "a larger number",
    "less_than_equal": "a smaller number",
}
_FIXES = {
    "string_type": "put the text in quotes",
    "bool_type": "write true or false",
    "list_type": "write a list: one '- ' item per line, or [a, b]",
    "model_type": "write the keys indented under this one (see facts/schema.json)",
    "dict_type": "write the keys indented under this one (see facts/schema.json)",
    "too_short": "add at least one item",
}

_PATTERN_HINTS = {
    "Id": ("a kebab-case id such as 'city-budget-2024'", "use lowercase letters, digits, '-'"),
    "IsoDate": ("a quoted ISO date such as '2025-01-27'", 'write the date as "YYYY-MM-DD"'),
}


def _schema_problem(
    error: dict[str, Any], model: type[BaseModel], file: LoadedYaml, base: PathKey
) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    where = (*base, *loc)
    name = str(loc[-1]) if loc else "record"
    given = error.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = _keys_of(owner) if owner else []
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else "remove the key or fix its spelling"
        return Problem(
            file.location(where, key=True),
            "unknown-key",
            f"unknown key '{name}'",
            "one of: " + ", ".join(known) if known else "no extra keys",
            fix,
        )
    if kind == "missing":
        return Problem(
            file.location(where[:-1]),
            "missing-key",
            f"required key '{name}' is missing",
            f"a '{name}:' entry in this record",
            f"add '{name}: …' (see facts/schema.json for its meaning)",
        )
    shown = repr(given) if not isinstance(given, dict | list) else _KIND_NAMES[type(given)]
    expected = _EXPECTED.get(kind, error["msg"])
    fix = "correct the value"
    owner = _model_at(model, loc)
    if owner is not None and owner.__name__ == "Text":
        expected = 'text per language, e.g. {en: "…"}'
        fix = 'write it as a mapping of language codes to text: {en: "…"}'
    if kind == "value_error" and "not a real date" in str(error.get("ctx", {}).get("error")):
        expected = str(error["ctx"]["error"])
        fix = 'write a real calendar date as "YYYY-MM-DD", "YYYY-MM" or "YYYY"'
    elif kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        for hint_name, (hint_expected, hint_fix) in _PATTERN_HINTS.items():
            if ("[a-z0-9-]" in pattern and hint_name == "Id") or (
                r"\d{4}" in pattern and hint_name == "IsoDate"
            ):
                expected, fix = hint_expected, hint_fix
    elif kind in ("float_type", "int_type") and isinstance(given, str):
        expected = "a number written in full"
        fix = "write digits only, e.g. 5_600_000 for '5.6M' (underscores group digits)"
    elif kind == "literal_error":
        expected = "one of " + str(error.get("ctx", {}).get("expected", ""))
        fix = "use one of the listed words"
    elif kind in _FIXES and not (owner is not None and owner.__name__ == "Text"):
        fix = _FIXES[kind]
    return Problem(
        file.location(where),
        "wrong-type",
        f"'{name}' has the wrong type or form: got {shown}",
        expected,
        fix,
    )


def validate_records(
    file: LoadedYaml, invalid_ids: set[str] | None = None
) -> tuple[dict[str, list[tuple[BaseModel, PathKey]]], list[Problem]]:
    """Validate each record of one file on its own; return the valid ones and the problems.

    Ids of records that fail validation are added to ``invalid_ids``.
    """
    if invalid_ids is None:
        invalid_ids = set()
    problems: list[Problem] = []
    valid: dict[str, list[tuple[BaseModel, PathKey]]] = {name: [] for name in SECTIONS}
    data = file.data
    if not isinstance(data, dict):
        problems.append(
            Problem(
                file.location(()),
                "wrong-type",
                "a fact file must be a mapping of sections",
                "keys such as 'sources:', 'figures:', 'claims:'",
                "start the file with a section name followed by a list of records",
            )
        )
        return valid, problems
    for section, records in data.items():
        model = SECTIONS.get(section)
        if model is None or not isinstance(records, list):
            # The records under a misspelt or malformed section were meant all the same: their
            # catalog entries and the references to them are not reported on top of this one.
            invalid_ids.update(_meant_ids(records))
        if model is None:
            close = difflib.get_close_matches(section, list(SECTIONS), n=1, cutoff=0.6)
            problems.append(
                Problem(
                    file.location((section,), key=True),
                    "unknown-key",
                    f"unknown section '{section}'",
                    "one of: " + ", ".join(FactFile.model_fields),
                    f"did you mean '{close[0]}'?" if close else "remove or rename the section",
                )
            )
            continue
        if not isinstance(records, list):
            problems.append(
                Problem(
                    file.location((section,)),
                    "wrong-type",
                    f"section '{section}' must be a list of records",
                    "a list: each record starts with '- id: …'",
                    "indent the records under the section and start each with '- '",
                )
            )
            continue
        for index, item in enumerate(records):
            base: PathKey = (section, index)
            declared = isinstance(item, dict) and isinstance(item.get("id"), str)
            try:
                record = model.model_validate(item)
            except ValidationError as error:
                invalid_ids.update(_meant_ids([item]))
                errors = _relevant_errors(error.errors(include_url=False), file, base)
                problems.extend(_schema_problem(e, model, file, base) for e in errors)
                continue
            if file.is_bad_below(base):
                # A value in this record was replaced because of a YAML problem (a 1.1 trap, a
                # number out of range), already reported: the record is not used, so the one
                # mistake is not reported again as a wrong type or a wrong verdict.
                if declared:
                    invalid_ids.add(item["id"])
                continue
            valid[section].append((record, base))
    return valid, problems


def _meant_ids(records: object) -> set[str]:
    """The ids records that failed to load were meant to have: 'id', or a misspelling of it
    ('idd: x', 'Id: x'), so that one mistake in a record is one error, not one more per
    reference to it and per translation of its texts."""
    items = records if isinstance(records, list) else [records]
    ids: set[str] = set()
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, value in item.items():
            name = str(key).lower()
            if isinstance(value, str) and (
                name == "id"
                or (len(name) <= 4 and difflib.SequenceMatcher(None, name, "id").ratio() >= 0.6)
            ):
                ids.add(value)
    return ids


def _relevant_errors(errors: list[Any], file: LoadedYaml, base: PathKey) -> list[dict[str, Any]]:
    """Drop errors that only repeat another problem.

    A value replaced because of a YAML problem (an alias, a tag, a 1.1 trap) was already
    reported; a required key reported missing next to an unknown key that is its misspelling
    ('qoute' for 'quote') is the same mistake, told once as "did you mean".
    """
    kept = [e for e in errors if not file.is_bad((*base, *e["loc"]))]
    unknown = {
        (tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in kept if e["type"] == "extra_forbidden"
    }

    def misspelt(e: dict[str, Any]) -> bool:
        parent, name = tuple(e["loc"][:-1]), str(e["loc"][-1])
        return any(
            p == parent and difflib.SequenceMatcher(None, name, u).ratio() >= 0.6
            for p, u in unknown
        )

    return [e for e in kept if not (e["type"] == "missing" and misspelt(e))]


# Names editors and tools leave next to a file while it is being edited: never data, and gone
# when the editor closes, so they are skipped rather than reported (a warning on every check
# made while a file is open would train people to ignore the output).
_LEFTOVER = re.compile(r"^\.|~$|^#.*#$")


@dataclass(frozen=True)
class FactFiles:
    """What lies under facts/: record files, catalogs, snapshots, and what is not understood."""

    records: list[Path] = field(default_factory=list)
    unknown: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)
    """Folders named like a record file (``drafts.yml/``), reported as unreadable."""


def scan_facts(root: Path) -> FactFiles:
    """Every file under facts/, classified. Any file that is not a record file (``*.yml``), a
    snapshot (``*.txt``), a catalog or a schema is reported, so that ``claims.YML`` or
    ``notes.yaml`` is never silently skipped (the extensions are exact and lower-case: that is
    what the site publishes and what the checker reads)."""
    found = FactFiles()
    for folder, dirs, names in os.walk(root, followlinks=False):
        here = Path(folder)
        in_catalogs = root / CATALOG_FOLDER in (here, *here.parents)
        dirs[:] = sorted(d for d in dirs if not _LEFTOVER.search(d))
        for name in dirs:
            if (here / name).is_symlink():
                found.unknown.append(here / name)
            elif name.endswith(".yml") and not in_catalogs:
                found.folders.append(here / name)
        for name in sorted(names):
            path = here / name
            if _LEFTOVER.search(name):
                continue
            if in_catalogs:
                if not (name == "schema.json" or name.endswith(".yml")):
                    found.unknown.append(path)
            elif name.endswith(".yml"):
                found.records.append(path)
            elif not (name.endswith(".txt") or (here == root and name == "schema.json")):
                found.unknown.append(path)
    return found


CATALOG_FOLDER = "translations"


def yaml_files(root: Path) -> Iterator[Path]:
    """Record files: every ``*.yml`` file under facts/ except the translation catalogs."""
    yield from scan_facts(root).records


def _unknown_file(display: str, link: bool) -> Problem:
    return Problem(
        Location(display),
        "unknown-file",
        "a link to a folder is not followed" if link else "the checker reads no file of this kind",
        "record files named *.yml, snapshots named *.txt, catalogs translations/<lang>.yml",
        "rename it (extensions are lower-case: .yml, .txt), or move it out of facts/",
    )


def load_factbase(root: Path) -> tuple[FactBase, list[Problem]]:
    """Read and validate every YAML file under ``root`` (the facts/ folder)."""
    base = FactBase(root=root)
    problems: list[Problem] = []
    every_id: dict[str, tuple[str, Located[Any]]] = {}
    found = scan_facts(root)
    for path in found.unknown:
        problems.append(_unknown_file(base.display(path), path.is_symlink() and path.is_dir()))
        if path.suffix.lower() in (".yml", ".yaml") and not path.is_dir():
            # claims.YML is refused, but its records were meant: their catalog entries and the
            # references to them are not reported on top of the one problem.
            base.invalid_ids.update(_ids_in_unreadable(path, root))
    for folder in found.folders:
        problems.append(
            Problem(
                Location(base.display(folder), 1, 1),
                "file-unreadable",
                "this is a folder, not a regular file",
                "a regular, readable file",
                "rename a folder whose name ends in .yml",
            )
        )
    for path in sorted(found.records):
        display = base.display(path)
        try:
            problems.extend(_load_file(base, path, display, every_id))
        except Exception as error:  # a bug, not bad input: name the file for the report
            raise InternalError(f"checking {display}", error) from error
    try:
        problems.extend(load_snapshots(base))
    except InternalError:
        raise
    except Exception as error:
        raise InternalError(f"reading the snapshots of {base.display(root)}", error) from error
    return base, problems


def _load_file(
    base: FactBase, path: Path, display: str, every_id: dict[str, tuple[str, Located[Any]]]
) -> list[Problem]:
    """Load one record file into ``base``; its problems."""
    root = base.root
    problems: list[Problem] = []
    loaded, file_problems = load_yaml(path, display, root)
    problems.extend(file_problems)
    if any(p.code == "path-outside-facts" for p in file_problems):
        return problems
    base.files += 1
    if any(p.code in _FATAL for p in file_problems):
        base.invalid_ids.update(_ids_in_unreadable(path, root))
        return problems
    valid, schema_problems = validate_records(loaded, base.invalid_ids)
    problems.extend(schema_problems)
    for section, records in valid.items():
        registry: dict[str, Located[Any]] = getattr(base, section)
        for record, path_key in records:
            located = Located(record, loaded, path_key)
            record_id = record.id  # type: ignore[attr-defined]
            if record_id in every_id:
                first_section, first = every_id[record_id]
                problems.append(
                    Problem(
                        located.at("id"),
                        "duplicate-id",
                        f"id '{record_id}' is already used by a {first_section[:-1]}",
                        "ids unique across the whole fact base",
                        "rename one of the two records (and the references to it)",
                        related=(first.at("id"),),
                    )
                )
                base.invalid_ids.add(record_id)
                continue
            every_id[record_id] = (section, located)
            registry[record_id] = located
    return problems


_FATAL = {"yaml-syntax", "not-utf8", "file-too-large", "file-unreadable", "yaml-too-deep"}
_ID_LINE = re.compile(rb"^[ \t-]*id:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)", re.M)


def _ids_in_unreadable(path: Path, root: Path) -> set[str]:
    """Ids written in a file that could not be parsed, so that references to them are not
    reported as dangling, nor their catalog entries as orphans, on top of the file's own
    problem."""
    try:
        return {m.decode() for m in _ID_LINE.findall(read_bounded(path, root))}
    except FileRefused:
        return set()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _snapshot_path_problem(
    root: Path, snapshot: str, target: Path
) -> tuple[str, str, str, str] | None:
    """Why a snapshot path is refused, if it is. Snapshots are published under archive/ as
    they are named, so the name must be a plain relative path to a ``.txt`` file (served as
    text, never as a page or script) with no ``..`` (MkDocs drops such a path, and the
    download link would 404) and no control characters."""
    expected = "a plain relative path to a .txt file beside or below this record, e.g. 'x.txt'"
    if _CONTROL.search(snapshot) or "\\" in snapshot:
        return (
            "invalid-snapshot-path",
            f"snapshot path '{_shown(snapshot)}' holds a control character or a backslash",
            expected,
            "write the path with '/' and printable characters only",
        )
    if Path(snapshot).is_absolute() or not inside(root, target):
        return (
            "path-outside-facts",
            f"snapshot path '{snapshot}' leaves the facts/ folder",
            "a path relative to this file that stays inside facts/",
            "copy the text into facts/sources/ and name it here",
        )
    parts = snapshot.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return (
            "invalid-snapshot-path",
            f"snapshot path '{snapshot}' has an empty, '.' or '..' segment",
            expected,
            "move the snapshot beside the record (or below it) and name it without '..'",
        )
    if not snapshot.endswith(".txt"):
        return (
            "invalid-snapshot-path",
            f"snapshot '{snapshot}' is not a .txt file",
            expected,
            "save the archived text as plain text with the extension .txt (lower-case)",
        )
    return None


def load_snapshots(base: FactBase) -> list[Problem]:
    """Check each source's snapshot path and sha256; keep the texts that pass."""
    problems: list[Problem] = []
    for source_id, located in base.sources.items():
        source = located.record
        folder = located.file.path.parent
        target = folder / source.snapshot
        where = located.at("snapshot")
        refusal = _snapshot_path_problem(base.root, source.snapshot, target)
        if refusal is not None:
            code, message, expected, fix = refusal
            problems.append(Problem(where, code, message, expected, fix))
            continue
        if not os.path.lexists(target):
            problems.append(
                Problem(
                    where,
                    "snapshot-missing",
                    f"snapshot file '{_shown(source.snapshot)}' does not exist",
                    f"a file at {base.display(target)}",
                    "copy the archived text there byte for byte, or fix the path",
                )
            )
            continue
        try:
            raw = read_bounded(target, base.root)
        except FileRefused as refused:
            problems.append(
                Problem(
                    where,
                    refused.code,
                    f"snapshot {base.display(target)}: {refused.message}",
                    refused.expected,
                    refused.fix,
                )
            )
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256:
            problems.append(
                Problem(
                    located.at("sha256"),
                    "sha256-mismatch",
                    f"snapshot {base.display(target)} has sha256 {digest}",
                    f"the recorded sha256 {source.sha256}",
                    "restore the archived bytes (snapshots are never edited), or record the new "
                    "sha256 if a new snapshot replaces the old one",
                )
            )
            continue
        try:
            base.snapshots[source_id] = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            problems.append(
                Problem(
                    where,
                    "not-utf8",
                    f"snapshot {base.display(target)} is not UTF-8: byte 0x{raw[error.start]:02x} "
                    f"on its line {line}",
                    "archived text in UTF-8",
                    "convert the archived text to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) and "
                    "record the new sha256",
                )
            )
    return problems
