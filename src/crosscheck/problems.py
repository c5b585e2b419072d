"""Problems found in the fact base, and how they are shown to people and tools.

Every stage returns values plus a list of :class:`Problem`; nothing raises for bad input.
The text form reads like a compiler's::

    facts/figures/nvidia.yml:42:12: error[quote-not-in-source] quote not found in ...
      expected: the exact text of the source (after NFC and whitespace folding)
      fix: copy the sentence from facts/sources/003.txt; nearest passage: "…"
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column, as editors show them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the fact base, with what was expected and how to fix it."""

    location: Location
    code: str
    message: str
    expected: str = ""
    fix: str = ""
    severity: Severity = "error"
    related: tuple[Location, ...] = field(default_factory=tuple)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def render(self) -> str:
        lines = [f"{self.location}: {self.severity}[{self.code}] {self.message}"]
        if self.expected:
            lines.append(f"  expected: {self.expected}")
        if self.fix:
            lines.append(f"  fix: {self.fix}")
        lines.extend(f"  see also: {loc}" for loc in self.related)
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["location"] = asdict(self.location)
        data["related"] = [asdict(loc) for loc in self.related]
        return data


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, without exact duplicates, so output is stable."""
    unique: dict[tuple[object, ...], Problem] = {}
    for problem in problems:
        unique.setdefault((problem.sort_key(), problem.expected, problem.fix), problem)
    return sorted(unique.values(), key=Problem.sort_key)


def render_text(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    body = "\n".join(p.render() for p in problems)
    summary = f"{errors} error(s), {warnings} warning(s)"
    return f"{body}\n{summary}" if body else summary


def render_json(problems: list[Problem]) -> str:
    return json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=2)


# Every error code, with the one-line meaning shown in docs/ (a test keeps the two in step).
CODES: dict[str, str] = {
    "file-unreadable": "a file cannot be read (permissions, a directory, too large)",
    "file-too-large": "a YAML file is larger than the documented limit",
    "not-utf8": "a file is not valid UTF-8 text",
    "yaml-syntax": "the YAML is malformed",
    "yaml-too-deep": "the YAML nests deeper than any fact record needs",
    "yaml-alias": "the YAML uses anchors or aliases, which the fact base does not allow",
    "yaml-tag": "the YAML uses an explicit tag such as !!python/object",
    "yaml-1.1-trap": "a value YAML 1.1 silently changes (no/on/yes, unquoted dates, 1:30, 0123)",
    "duplicate-key": "the same key appears twice in one mapping (YAML keeps only the last)",
    "unknown-key": "a key the schema does not know, usually a typo",
    "missing-key": "a required key is absent",
    "wrong-type": "a value has the wrong type or form",
    "duplicate-id": "two records share one id",
    "dangling-reference": "a record refers to an id that does not exist",
    "path-outside-facts": "a snapshot path leaves the facts/ folder",
    "snapshot-missing": "a source's archived text file does not exist",
    "sha256-mismatch": "a snapshot's bytes do not match the recorded sha256",
    "archive-missing": "a reference has no archived text, or its archive file does not exist",
    "archive-sha256-mismatch": "a reference's archive file does not match its recorded sha256",
    "excerpt-not-in-archive": "a reference's excerpt is not verbatim in its archived text",
    "evidence-not-archived": "a reference value rests only on references with no archived text",
    "rewritten-copy-cited": "a machine-rewritten copy is cited as the publisher's words",
    "invalid-url": "a URL that is not http(s)",
    "quote-not-in-source": "a claim's quote is not in its source's snapshot",
    "stated-not-in-quote": "the number as written is not part of the quote",
    "unparsable-number": "the number as written cannot be read as a number or date",
    "value-mismatch": "the recorded value differs from the number written in the quote",
    "unit-mismatch": "a claim's unit differs from its figure's unit",
    "hedge-mismatch": "the recorded hedge does not match the words of the quote",
    "verdict-mismatch": "the recorded verdict contradicts the computed one",
    "reason-missing": "a judgment verdict without a written reason",
    "unverified-rated": "a claim about a figure without evidence is rated better than unverified",
    "reference-missing": "a figure has neither evidence nor an explicit unverified status",
    "invalid-expression": "a constraint or derived value cannot be parsed or evaluated",
    "constraint-violated": "figures contradict an arithmetic or order constraint",
    "contradictory-claims": "two claims rated right about one figure cannot both be right",
    "translation-missing": "a reader-facing text has no translation in a site language",
    "translation-orphan": "a catalog entry translates a text slot that does not exist",
    "translation-conflict": "a text is translated both inline and in the language's catalog",
}
