"""Cross-record rules. Each ``check_<rule>`` takes the fact base (and the reconciliation) and
returns problems with a human message; :data:`RULES` lists them in the order they run."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from urllib.parse import SplitResult, urlsplit

from crosscheck.expressions import (
    MAX_MAGNITUDE,
    ExpressionError,
    Interval,
    check_relation,
    references,
)
from crosscheck.factbase import FactBase, Located
from crosscheck.models import Claim
from crosscheck.numberwords import understood
from crosscheck.numerals import (
    NumeralError,
    date_matches,
    is_calendar_date,
    parse_date,
    parse_quantity,
)
from crosscheck.problems import Location, Problem
from crosscheck.reconcile import (
    JUDGMENT_VERDICTS,
    Reconciliation,
    derived_inputs,
    quantity_in_range,
)
from crosscheck.superlatives import is_superlative, read_superlative

Rule = Callable[[FactBase, Reconciliation], list[Problem]]


def fold(text: str) -> str:
    """NFC and whitespace folding: how quotes are compared with their snapshots."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _problem(
    where: Location,
    code: str,
    message: str,
    expected: str,
    fix: str,
    related: Iterable[Location] = (),
) -> Problem:
    return Problem(where, code, message, expected, fix, related=tuple(related))


def check_references_exist(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems: list[Problem] = []

    def missing(where: Location, kind: str, wanted: str, known: Iterable[str]) -> None:
        if wanted in base.invalid_ids:
            return  # the record exists but is invalid; its own problem is reported
        close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
        problems.append(
            _problem(
                where,
                "dangling-reference",
                f"no {kind} with id '{wanted}'",
                f"the id of an existing {kind}",
                f"did you mean '{close[0]}'?" if close else f"add the {kind} or fix the id",
            )
        )

    for located in base.claims.values():
        claim = located.record
        if claim.source not in base.sources:
            missing(located.at("source"), "source", claim.source, base.sources)
        if claim.figure is not None and claim.figure not in base.figures:
            missing(located.at("figure"), "figure", claim.figure, base.figures)
    for located in base.figures.values():
        for index, citation in enumerate(located.record.reference.evidence):
            if citation.ref not in base.references:
                where = located.at("reference", "evidence", index, "ref")
                missing(where, "reference", citation.ref, base.references)
        for index, member in enumerate(located.record.reference.members):
            if member.ref not in base.references:
                where = located.at("reference", "members", index, "ref")
                missing(where, "reference", member.ref, base.references)
        for figure_id in derived_inputs(located.record):
            if figure_id not in base.figures:
                missing(located.at("reference", "derive"), "figure", figure_id, base.figures)
    for located in base.constraints.values():
        try:
            used = references(located.record.expr)
        except ExpressionError:
            continue
        for figure_id in used:
            if figure_id not in base.figures:
                missing(located.at("expr"), "figure", figure_id, base.figures)
    return problems


def _urls(base: FactBase) -> Iterable[tuple[Located[object], tuple[str | int, ...], str]]:
    for located in base.sources.values():
        if located.record.url:
            yield located, ("url",), located.record.url
        for index, step in enumerate(located.record.translation_chain):
            if step.url:
                yield located, ("translation_chain", index, "url"), step.url
    for located in base.references.values():
        yield located, ("url",), located.record.url


# Characters that never belong in a URL as written: controls (C0, DEL, C1), whitespace, and
# the invisible format characters (bidi controls such as U+202E, zero-width joiners) that make
# a link read differently from where it goes.
_URL_FORBIDDEN = re.compile(
    r"[\x00-\x20\x7f-\x9f<>\"'\\\s\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def url_problem(url: str) -> str:
    """Why a URL is refused (empty when it is a plain http(s) URL)."""
    if _URL_FORBIDDEN.search(url):
        return "it holds a control, invisible or whitespace character, or one of < > \" ' \\"
    try:
        parts: SplitResult = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as error:  # "https://[arxiv.org/…": an unclosed IPv6 bracket
        return f"it cannot be parsed ({error})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "it is not an http(s) URL"
    if "@" in parts.netloc:
        return "it names a user or password before the host (user:pass@)"
    if host.startswith("[") or ":" in host:
        return ""  # an IPv6 literal, already validated by urlsplit
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "its host name is not a valid (internationalised) domain name"
    labels = ascii_host.rstrip(".").split(".")
    if not ascii_host or not all(_HOST_LABEL.match(label) for label in labels):
        return "its host name is not a valid domain name"
    return ""


def check_urls(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems = []
    for located, keys, url in _urls(base):
        why = url_problem(url)
        if why:
            problems.append(
                _problem(
                    located.at(*keys),
                    "invalid-url",
                    f"'{url[:80]}' is refused: {why}",
                    "a URL starting with https:// or http://",
                    "copy the address from the browser's address bar",
                )
            )
    return problems


# CJK numerals and scale characters: part of a number when glued to digits (5890億美元).
_CJK_NUMERALS = frozenset("〇零一二三四五六七八九十百千万萬亿億兆两兩")
_NUMBER_SEPARATORS = frozenset(",.٫٬'")
_JOINERS = frozenset("\u200c\u200d")  # ZWNJ / ZWJ join the letters on either side (Persian)


def _is_cjk(char: str) -> bool:
    """Han, kana and their marks: scripts written without spaces between words."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana (with ー)
        or 0x31F0 <= code <= 0x31FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF66 <= code <= 0xFF9F
        or 0x20000 <= code <= 0x3FFFF
        or char in "々〆〇"
    )


def _kind(char: str) -> str:
    """'digit', 'cjk-numeral', 'cjk', 'letter' (a script written with spaces) or 'other'."""
    if char in _CJK_NUMERALS:
        return "cjk-numeral"
    if unicodedata.category(char) == "Nd":
        return "digit"
    if _is_cjk(char):
        return "cjk"
    if unicodedata.category(char)[0] in "LM":
        return "letter"
    return "other"


def _glued(left: str, right: str) -> bool:
    """Whether two adjacent characters belong to one word or one number, so that a quote may
    not begin or end between them. Numbers: digits, their CJK numerals and scale characters
    (5890億: '890億' is cut out of a number). Words: letters of scripts written with spaces,
    and letters next to digits (V3, 5.6M). Chinese and Japanese are written without spaces, so
    a quote may begin or end between two CJK characters (but not inside a number), and next to
    a Latin word or a number (Nvidiaの, 17%近く)."""
    a, b = _kind(left), _kind(right)
    if a in ("digit", "cjk-numeral") and b in ("digit", "cjk-numeral"):
        return True
    return a in ("letter", "digit") and b in ("letter", "digit")


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends on a word and number boundary of ``text``."""
    if start > 0:
        before, first = text[start - 1], text[start]
        if _glued(before, first) or first in _JOINERS or before in _JOINERS:
            return False
        # "5,888" cut after the separator: "888…"
        if (
            start > 1
            and before in _NUMBER_SEPARATORS
            and _kind(first) == "digit"
            and _kind(text[start - 2]) == "digit"
        ):
            return False
    if end < len(text):
        last, after = text[end - 1], text[end]
        if _glued(last, after) or last in _JOINERS or after in _JOINERS:
            return False
        if (
            end + 1 < len(text)
            and after in _NUMBER_SEPARATORS
            and _kind(last) == "digit"
            and _kind(text[end + 1]) == "digit"
        ):
            return False
    return True


def find_on_boundary(needle: str, text: str) -> tuple[bool, bool]:
    """(found at all, found on a boundary): every occurrence is tried, so a quote that also
    appears cut out of a longer word elsewhere still counts where it stands whole."""
    at = text.find(needle)
    found = at >= 0
    while at >= 0:
        if _boundary_ok(text, at, at + len(needle)):
            return True, True
        at = text.find(needle, at + 1)
    return found, False


# The hint looks for the longest piece of the quote that the snapshot holds, by binary search
# on the length of pieces starting at a bounded number of anchors (each test is one str.find,
# linear in the snapshot), so its cost is bounded whatever the lengths: a 5 MB wrong quote
# costs the same few hundred finds as a short one.
_HINT_ANCHORS = 24
_HINT_PIECE = 256
_HINT_QUOTE = 4096
_HINT_SHOWN = 160


def _nearest_passage(quote: str, text: str) -> tuple[int, str]:
    """The snapshot line most like the quote, and its line number, for the fix hint."""
    folded_quote = fold(quote)[:_HINT_QUOTE]
    lines = [fold(line) for line in text.splitlines()]
    joined = "\n".join(lines)
    best = (0, -1, 0)  # length, position in joined, anchor in the quote
    step = max(1, len(folded_quote) // _HINT_ANCHORS)
    for anchor in range(0, len(folded_quote), step):
        lo, hi, where = 0, min(_HINT_PIECE, len(folded_quote) - anchor), -1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            found = joined.find(folded_quote[anchor : anchor + mid])
            if found >= 0:
                lo, where = mid, found
            else:
                hi = mid - 1
        if lo > best[0]:
            best = (lo, where, anchor)
    length, where, anchor = best
    if length == 0:
        return 0, ""
    number = joined.count("\n", 0, where) + 1
    line_start = joined.rfind("\n", 0, where) + 1
    line = lines[number - 1]
    start = max(0, where - line_start - anchor)
    passage = line[start : start + min(len(folded_quote) + 10, _HINT_SHOWN)]
    return number, passage


def check_quotes_in_source(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems = []
    folded_texts = {source_id: fold(text) for source_id, text in base.snapshots.items()}
    for located in base.claims.values():
        claim = located.record
        text = folded_texts.get(claim.source)
        if text is None:
            continue
        quote = fold(claim.quote)
        source = base.sources[claim.source]
        snapshot = base.display(source.file.path.parent / source.record.snapshot)
        if not quote:
            problems.append(
                _problem(
                    located.at("quote"),
                    "quote-boundary",
                    "the quote is only whitespace (it would be found in any text)",
                    "the words of the source that state the figure",
                    f"copy the sentence from {snapshot}",
                )
            )
            continue
        found, whole = find_on_boundary(quote, text)
        if whole:
            continue
        if found:
            problems.append(
                _problem(
                    located.at("quote"),
                    "quote-boundary",
                    f"the quote begins or ends inside a word or number of {snapshot}",
                    "a quote that starts and ends on a word or number boundary",
                    "extend the quote to the whole word or number (e.g. the full '5890億', not "
                    "'890億')",
                )
            )
            continue
        line, passage = _nearest_passage(claim.quote, base.snapshots[claim.source])
        hint = f'; nearest passage at line {line}: "{passage}"' if line else ""
        problems.append(
            _problem(
                located.at("quote"),
                "quote-not-in-source",
                f"quote not found in {snapshot}",
                "the exact text of the source (after NFC and whitespace folding)",
                f"copy the sentence from {snapshot}{hint}",
            )
        )
    return problems


def check_stated_in_quote(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems = []
    for located in base.claims.values():
        claim = located.record
        if claim.stated is None:
            continue
        found, whole = find_on_boundary(fold(claim.stated), fold(claim.quote))
        if not whole:
            how = "appears only inside a longer word or number of" if found else "is not part of"
            problems.append(
                _problem(
                    located.at("stated"),
                    "stated-not-in-quote",
                    f"the number as written, '{claim.stated}', {how} the quote",
                    "'stated' copied from the quote, in the source's own script",
                    "copy the number with its unit words from the quote",
                )
            )
    return problems


def _number_problem(located: Located[Claim], message: str, expected: str, fix: str) -> Problem:
    return _problem(located.at("stated"), "unparsable-number", message, expected, fix)


def check_values(base: FactBase, recon: Reconciliation) -> list[Problem]:
    """The recorded value must be the number the quote writes, in the figure's unit."""
    problems: list[Problem] = []
    for claim_id, located in base.claims.items():
        claim = located.record
        figure = base.figures.get(claim.figure or "")
        if figure is None:
            continue
        unit = figure.record.unit
        if claim.unit is not None and claim.unit != unit:
            problems.append(
                _problem(
                    located.at("unit"),
                    "unit-mismatch",
                    f"claim unit '{claim.unit}' differs from the unit of figure "
                    f"'{figure.record.id}', '{unit}'",
                    f"'{unit}' (the figure's unit)",
                    "convert the value to the figure's unit, or attach the claim to another figure",
                    related=(figure.at("unit"),),
                )
            )
        qualitative = claim.verdict in (*JUDGMENT_VERDICTS, "unverified")
        if (
            claim.stated is None
            and (qualitative or unit == "date")
            and (claim.value is None or unit == "date")
        ):
            if unit == "date" and claim.value is not None:
                problems.extend(_check_date_value(located))
            continue
        if claim.stated is None or claim.value is None:
            missing_key = "stated" if claim.stated is None else "value"
            problems.append(
                _problem(
                    located.location,
                    "missing-key",
                    f"a claim about figure '{figure.record.id}' needs '{missing_key}'",
                    "'stated' (the number as written) and 'value' (what it means)",
                    f"add '{missing_key}:', or mark the claim not-checkable with a reason",
                )
            )
            continue
        if unit == "date":
            problems.extend(_check_date_value(located))
            continue
        if isinstance(claim.value, str):
            problems.append(
                _problem(
                    located.at("value"),
                    "wrong-type",
                    f"'value' must be a number for unit '{unit}', got {claim.value!r}",
                    "a number written in full",
                    "write digits only, e.g. 5_600_000 for '5.6M' (underscores group digits)",
                )
            )
            continue
        quantity = recon.quantities.get(claim_id)
        if quantity is None:
            source = base.sources.get(claim.source)
            language = source.record.language if source else "en"
            try:
                parsed = (
                    read_superlative(claim.quote, claim.stated, language)
                    if is_superlative(claim.stated, language)
                    else parse_quantity(claim.stated)
                )
            except NumeralError as error:
                problems.append(
                    _number_problem(
                        located,
                        str(error),
                        "one number as the source writes it: " + understood(),
                        "copy exactly one number with its scale word; docs/en/errors.md lists "
                        "the number words of each language under unparsable-number",
                    )
                )
                continue
            if not quantity_in_range(parsed):
                problems.append(
                    _problem(
                        located.at("stated"),
                        "number-out-of-range",
                        f"the number written in '{claim.stated[:40]}' is beyond what the fact "
                        "base can compute with",
                        f"a number of magnitude at most {MAX_MAGNITUDE:.0e}",
                        "check the number of digits",
                    )
                )
            continue
        written = float(quantity.value)
        if abs(written - float(claim.value)) > 1e-9 * max(1.0, abs(written)):
            problems.append(
                _problem(
                    located.at("value"),
                    "value-mismatch",
                    f"value {claim.value!r} differs from the number in the quote",
                    f"{_plain(written)} (read from '{claim.stated}')",
                    f"set 'value: {_plain(written)}' or correct 'stated'",
                )
            )
        if quantity.value_hi is not None and claim.value_hi != float(quantity.value_hi):
            hi = _plain(float(quantity.value_hi))
            problems.append(
                _problem(
                    located.at("value_hi") if claim.value_hi is not None else located.location,
                    "value-mismatch",
                    "the quote states a range; 'value_hi' must be its upper end",
                    f"value_hi: {hi}",
                    f"set 'value_hi: {hi}' and 'hedge: range'",
                )
            )
        # A percentage belongs to a percent figure and back; an ordinal ("third", 第三, سوم)
        # states a rank, so it belongs to a rank figure.
        if (quantity.kind == "percent") != (unit == "percent") or (
            quantity.kind == "ordinal" and unit != "rank"
        ):
            problems.append(
                _problem(
                    located.at("stated"),
                    "unit-mismatch",
                    f"the quote writes a{'n' if quantity.kind == 'ordinal' else ''} "
                    f"{quantity.kind}, but the figure's unit is '{unit}'",
                    "a claim in the same kind of unit as its figure",
                    "attach the claim to a figure of the right unit",
                )
            )
    return problems


def _check_date_value(located: Located[Claim]) -> list[Problem]:
    claim = located.record
    value = claim.value
    iso = r"\d{4}(-\d{2}(-\d{2})?)?"
    hi_ok = claim.value_hi is None or (
        isinstance(claim.value_hi, str) and re.fullmatch(iso, claim.value_hi)
    )
    real = isinstance(value, str) and is_calendar_date(value)
    if real and isinstance(claim.value_hi, str) and not is_calendar_date(claim.value_hi):
        real = False
    if not isinstance(value, str) or not re.fullmatch(iso, value) or not hi_ok or not real:
        return [
            _problem(
                located.at("value"),
                "wrong-type",
                f"a date claim's value must be a quoted ISO date, got {value!r}",
                "'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' in quotes, naming a real day or month",
                "write the date the quote means, in quotes",
            )
        ]
    if claim.stated is None:
        return []
    try:
        written = parse_date(claim.stated or "")
    except NumeralError as error:
        return [_number_problem(located, str(error), "a date as written", "copy the date words")]
    if not date_matches(written, value):
        return [
            _problem(
                located.at("value"),
                "value-mismatch",
                f"date {value!r} does not agree with '{claim.stated}'",
                "the same year, month, day (and weekday) as written",
                "correct 'value' to the date the quote writes",
            )
        ]
    return []


def _plain(x: float) -> str:
    if x == int(x) and abs(x) >= 1000:
        return f"{int(x):_}"
    return f"{x:g}"


def check_figure_evidence(base: FactBase, recon: Reconciliation) -> list[Problem]:
    problems = []
    for figure_id, located in base.figures.items():
        figure = located.record
        ref = figure.reference
        if ref.unverified or ref.derive:
            continue
        kind = str if figure.unit == "date" else (int, float)
        point_ok = isinstance(ref.value, kind) and not isinstance(ref.value, bool)
        bounds_ok = isinstance(ref.lo, kind) and isinstance(ref.hi, kind)
        mistyped = [
            key for key in ("value", "lo", "hi")
            if getattr(ref, key) is not None and not isinstance(getattr(ref, key), kind)
        ]  # fmt: skip
        if figure.unit == "date":  # an ISO-looking date that names no day ('2025-02-30')
            mistyped += [
                key for key in ("value", "lo", "hi")
                if isinstance(getattr(ref, key), str) and not is_calendar_date(getattr(ref, key))
            ]  # fmt: skip
        if mistyped:
            key = mistyped[0]
            given = getattr(ref, key)
            is_date = figure.unit == "date"
            problems.append(
                _problem(
                    located.at("reference", key),
                    "wrong-type",
                    f"reference '{key}' must be {'an ISO date' if is_date else 'a number'} for "
                    f"unit '{figure.unit}', got {given!r}",
                    "a quoted ISO date such as '2025-01-27'"
                    if is_date
                    else "a number written in full",
                    "write the date in quotes as YYYY-MM-DD"
                    if is_date
                    else "write digits only, e.g. 5_900_000_000 for '5.9B'",
                )
            )
            continue
        if not (point_ok or bounds_ok) or not ref.evidence:
            problems.append(
                _problem(
                    located.at("reference"),
                    "reference-missing",
                    f"figure '{figure_id}' has no usable reference value with evidence",
                    "'value' (or 'lo' and 'hi'; a quoted ISO date for unit date) and at least "
                    "one 'evidence' citation",
                    "cite independent evidence, or set 'unverified: true' (its claims then stay "
                    "unverified)",
                )
            )
        elif recon.figures.get(figure_id) is not None and recon.figures[figure_id].interval is None:
            problems.append(
                _problem(
                    located.at("reference"),
                    "reference-missing",
                    "the reference value cannot be read",
                    "a number or ISO date",
                    "",
                )
            )
    return problems


def check_constraints(base: FactBase, recon: Reconciliation) -> list[Problem]:
    problems = []
    for located in base.constraints.values():
        constraint = located.record
        unknown = False

        def lookup(figure_id: str) -> Interval:
            nonlocal unknown
            result = recon.figures.get(figure_id)
            if result is None or result.interval is None:
                unknown = True
                return Interval.point(1.0)
            return result.interval

        try:
            outcome = check_relation(constraint.expr, lookup, constraint.tolerance)
        except ExpressionError as error:
            problems.append(
                _problem(
                    located.at("expr"),
                    "invalid-expression",
                    f"constraint cannot be evaluated: {error}",
                    "figures in braces joined by + - * / and a comparison (<, <=, >, >=, ~)",
                    "e.g. '{a} * {b} / 100 ~ {c}'",
                )
            )
            continue
        if unknown or outcome.holds:
            continue
        problems.append(
            _problem(
                located.at("expr"),
                "constraint-violated",
                f"constraint '{constraint.id}' does not hold: {outcome.failed}",
                constraint.expr
                + (f" (tolerance {constraint.tolerance:.0%})" if "~" in constraint.expr else ""),
                "one of the figures' reference values is wrong: recheck their evidence",
            )
        )
    return problems


RULES: tuple[Rule, ...] = (
    check_references_exist,
    check_urls,
    check_figure_evidence,
    check_quotes_in_source,
    check_stated_in_quote,
    check_values,
    check_constraints,
)
"""The rules about references, URLs, quotes, values and constraints. The hedge, verdict and
origin families live in rules_hedges, rules_verdicts and rules_origins; the pipeline lists all."""
