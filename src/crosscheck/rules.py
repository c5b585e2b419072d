"""Cross-record rules. Each ``check_<rule>`` takes the fact base (and the reconciliation) and
returns problems with a human message; :data:`RULES` lists them in the order they run."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from crosscheck.expressions import ExpressionError, Interval, check_relation, references
from crosscheck.factbase import FactBase, Located
from crosscheck.models import Claim
from crosscheck.numerals import NumeralError, date_matches, parse_date, parse_quantity
from crosscheck.problems import Location, Problem
from crosscheck.reconcile import (
    JUDGMENT_VERDICTS,
    Reconciliation,
    derived_inputs,
)

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


def check_urls(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems = []
    for located, keys, url in _urls(base):
        parts = urlsplit(url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or any(c in url for c in " <>\"'")
        ):
            problems.append(
                _problem(
                    located.at(*keys),
                    "invalid-url",
                    f"'{url[:80]}' is not an http(s) URL",
                    "a URL starting with https:// or http://",
                    "copy the address from the browser's address bar",
                )
            )
    return problems


def _nearest_passage(quote: str, text: str) -> tuple[int, str]:
    """The snapshot line most like the quote, and its line number, for the fix hint."""
    best = (0.0, 0, "")
    folded_quote = fold(quote)
    for number, line in enumerate(text.splitlines(), start=1):
        folded = fold(line)
        if not folded:
            continue
        matcher = difflib.SequenceMatcher(None, folded_quote, folded, autojunk=False)
        if matcher.quick_ratio() <= best[0]:
            continue
        match = matcher.find_longest_match(0, len(folded_quote), 0, len(folded))
        score = match.size / max(len(folded_quote), 1)
        if score > best[0]:
            start = max(0, match.b - match.a)
            best = (score, number, folded[start : start + len(folded_quote) + 10])
    return best[1], best[2]


def check_quotes_in_source(base: FactBase, _: Reconciliation) -> list[Problem]:
    problems = []
    folded_texts = {source_id: fold(text) for source_id, text in base.snapshots.items()}
    for located in base.claims.values():
        claim = located.record
        text = folded_texts.get(claim.source)
        if text is None or fold(claim.quote) in text:
            continue
        source = base.sources[claim.source]
        snapshot = base.display(source.file.path.parent / source.record.snapshot)
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
        if claim.stated is not None and fold(claim.stated) not in fold(claim.quote):
            problems.append(
                _problem(
                    located.at("stated"),
                    "stated-not-in-quote",
                    f"the number as written, '{claim.stated}', is not part of the quote",
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
            try:
                parse_quantity(claim.stated)
            except NumeralError as error:
                problems.append(
                    _number_problem(
                        located,
                        str(error),
                        "one number as the source writes it",
                        "copy exactly one number, with its scale word (万, 億, میلیارد, …)",
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
        if (quantity.kind == "percent") != (unit == "percent"):
            problems.append(
                _problem(
                    located.at("stated"),
                    "unit-mismatch",
                    f"the quote writes a {quantity.kind}, but the figure's unit is '{unit}'",
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
    if not isinstance(value, str) or not re.fullmatch(iso, value) or not hi_ok:
        return [
            _problem(
                located.at("value"),
                "wrong-type",
                f"a date claim's value must be a quoted ISO date, got {value!r}",
                "'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' in quotes",
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
