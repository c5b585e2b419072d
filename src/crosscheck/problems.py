"""Problems found in the fact base, and how they are shown to people and tools.

Every stage returns values plus a list of :class:`Problem`; nothing raises for bad input.
The text form reads like a compiler's::

    facts/figures/nvidia.yml:42:12: error[quote-not-in-source] quote not found in ...
      expected: the exact text of the source (after NFC and whitespace folding)
      fix: copy the sentence from facts/sources/003.txt; nearest passage: "…"
"""

from __future__ import annotations

import json
import re
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
        """The compiler-style text form; every field goes through :func:`terminal_text`, so
        text from the fact base cannot move the cursor, recolour or reorder the output."""
        t = terminal_text
        lines = [f"{t(str(self.location))}: {self.severity}[{self.code}] {t(self.message)}"]
        if self.expected:
            lines.append(f"  expected: {t(self.expected)}")
        if self.fix:
            lines.append(f"  fix: {t(self.fix)}")
        lines.extend(f"  see also: {t(str(loc))}" for loc in self.related)
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["location"] = asdict(self.location)
        data["related"] = [asdict(loc) for loc in self.related]
        return data


# What a terminal would act on instead of showing: C0 controls (ESC starts colour and cursor
# sequences, CR and LF start lines), DEL and C1 controls (U+009B is a one-byte CSI), line and
# paragraph separators, the bidi controls that reorder what follows (U+202E shows a URL
# backwards), and lone surrogates (a file name that is not UTF-8), which cannot be encoded.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_text(text: str, keep_newlines: bool = False) -> str:
    """Text safe to print to a terminal: each unsafe character as a visible escape (\\x1b,
    \\u202e); with ``keep_newlines``, line breaks stay (for multi-line reports)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _TERMINAL_UNSAFE.sub(escape, text)


class InternalError(Exception):
    """A bug in the checker, never bad input: names the file (or stage) being checked, so the
    CLI can say where it happened and exit 3 instead of 1 ("problems found")."""

    def __init__(self, where: str, error: BaseException) -> None:
        super().__init__(f"{where}: {type(error).__name__}: {error}")
        self.where = where
        self.error = error


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
    # ensure_ascii: every control, bidi and lone-surrogate character becomes a \\u escape, so
    # the output is valid UTF-8 JSON that no terminal can act on.
    return json.dumps([p.to_json() for p in problems], ensure_ascii=True, indent=2)


# Every error code, with the one-line meaning shown in docs/ (a test keeps the two in step).
CODES: dict[str, str] = {
    "file-unreadable": "a file cannot be read (permissions, a directory, too large)",
    "file-too-large": "a file is larger than the documented limit",
    "unknown-file": "a file under facts/ that the checker does not read (wrong extension)",
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
    "number-out-of-range": "a number that is not finite or too large to compute with",
    "duplicate-id": "two records share one id",
    "dangling-reference": "a record refers to an id that does not exist",
    "path-outside-facts": "a snapshot path leaves the facts/ folder",
    "invalid-snapshot-path": "a snapshot path that is not a plain relative path to a .txt file",
    "snapshot-missing": "a source's archived text file does not exist",
    "sha256-mismatch": "a snapshot's bytes do not match the recorded sha256",
    "archive-missing": "a reference has no archived text, or its archive file does not exist",
    "archive-sha256-mismatch": "a reference's archive file does not match its recorded sha256",
    "excerpt-not-in-archive": "a reference's excerpt is not verbatim in its archived text",
    "evidence-not-archived": "a reference value rests only on references with no archived text",
    "rewritten-copy-cited": "a machine-rewritten copy is cited as the publisher's words",
    "invalid-url": "a URL that is not a plain http(s) URL",
    "quote-not-in-source": "a claim's quote is not in its source's snapshot",
    "quote-boundary": "a quote starts or ends inside a word or number, or holds no text",
    "stated-not-in-quote": "the number as written is not part of the quote",
    "unparsable-number": "the number as written cannot be read as a number or date",
    "value-mismatch": "the recorded value differs from the number written in the quote",
    "unit-mismatch": "a claim's unit differs from its figure's unit",
    "hedge-mismatch": "the recorded hedge differs from the hedge read from the quote",
    "hedge-not-attached": "the recorded hedge's word hedges another number, or none",
    "verdict-mismatch": "the recorded verdict contradicts the computed one",
    "matches-missing": "a scope or timing verdict names no figure the number is right on",
    "matches-wrong": "the number is not right on the figure a judgment verdict names either",
    "judgment-on-wrong": "a claim computed wrong is rated unsupported or not-checkable",
    "statement-missing": "a not-checkable claim is not marked opinion, forecast or hypothetical",
    "reason-missing": "a judgment verdict without a written reason",
    "field-unused": "a claim gives a field its verdict or reading does not use, which is ignored",
    "unverified-rated": "a claim about a figure without evidence is rated better than unverified",
    "unverified-with-evidence": "a figure marked unverified gives a value or evidence for it",
    "reference-missing": "a figure has neither evidence nor an explicit unverified status",
    "interval-kind-missing": "a reference interval is not marked uncertainty or spread",
    "interval-kind-mismatch": "an uncertainty's bounds are separate numbers of one reference "
    "(members of a group: a spread)",
    "interval-evidence-missing": "a bound of an uncertainty or a member of a spread is not "
    "written by the archived evidence cited for it",
    "spread-members-missing": "a spread does not list the members of the group it ranges over",
    "spread-bounds-mismatch": "a spread's lo or hi is not the least or greatest member value",
    "precision-unsupported": "a reference rounds more coarsely than its evidence writes the value",
    "reference-not-in-evidence": "a reference number is not written in any excerpt supporting it",
    "invalid-expression": "a constraint or derived value cannot be parsed or evaluated",
    "constraint-violated": "figures contradict an arithmetic or order constraint",
    "origin-missing": "a claim not rated right is not linked to its claim in the stored original",
    "origin-contradicted": "a recorded error origin contradicts the computed one",
    "original-other-figure": "a claim's original claim is about another figure",
    "original-unlinked": "a translated claim about a figure its original states names no "
    "original claim",
    "partial-unrecorded": "a source marked partial does not say where, when and what was retrieved",
    "partial-text-complete": "a source marked partial has a snapshot that ends on a complete "
    "sentence",
    "translation-chain-invalid": "a translation chain does not start at the original and end in "
    "the source's language",
    "translation-missing": "a reader-facing text has no translation in a site language",
    "translation-orphan": "a catalog entry translates a text slot that does not exist",
    "translation-conflict": "a text is translated both inline and in the language's catalog",
    "invalid-chart": "a chart spec in build/charts/ that names an unknown figure, kind or key",
}
