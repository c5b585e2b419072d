"""Safe arithmetic over figures, in interval arithmetic. No ``eval`` of YAML text.

Grammar (a small recursive-descent parser)::

    relation := sum (("<" | "<=" | ">" | ">=" | "~") sum)*
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := "-" unary | atom
    atom     := NUMBER | "{" figure-id "}" | "@" ISO-DATE | "(" sum ")"

Each figure is an interval (a point is a zero-width interval), so "{loss} / {record}" gives the
range of ratios that the evidence allows. A relation holds when *some* values inside the
intervals satisfy it ("consistent with the evidence"); ``a ~ b`` means equal within the
constraint's relative tolerance. Dates are day numbers: ``@2025`` is the whole year 2025, and
``({selloff} - {founded}) / 365.25`` an age in years.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

# The largest magnitude a literal or a result may have: the same bound as for numbers in YAML.
from crosscheck.yamlsafe import MAX_MAGNITUDE


class ExpressionError(ValueError):
    """The expression cannot be parsed or evaluated."""


class UnknownFigure(ExpressionError):
    """The expression names a figure that does not exist (reported as a dangling reference)."""


class DivisionByZero(ExpressionError):
    """A divisor's interval contains zero (a property of the values, not of the syntax)."""


# Bounds on what an expression may be, checked where it is read: a real derivation or
# constraint is a line of a few figures; these stop a hostile one before the recursive-descent
# parser could exhaust Python's stack (each level of nesting costs it about four frames).
MAX_EXPRESSION_CHARS = 1000
MAX_NESTING = 32


def check_syntax(text: str) -> None:
    """Parse the whole expression with placeholder values, so a syntax error is found even
    when an earlier figure is missing."""
    # The placeholders make '{a} / ({b} - {a})' divide by zero; only real values can.
    with contextlib.suppress(DivisionByZero):
        _Parser(tokenize(text), lambda _name: Interval.point(1.0)).relation()


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def point(value: float) -> Interval:
        return Interval(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise DivisionByZero("division by an interval that contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def nearest(self, x: float) -> float:
        return min(max(x, self.lo), self.hi)

    def widen(self, relative: float) -> Interval:
        pad = relative * max(abs(self.lo), abs(self.hi))
        return Interval(self.lo - pad, self.hi + pad)

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    def __str__(self) -> str:
        if self.is_point:
            return _fmt(self.lo)
        return f"[{_fmt(self.lo)}, {_fmt(self.hi)}]"


def _fmt(x: float) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


_TOKEN = re.compile(
    r"\s*(?:@(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)|(?P<num>\d+(?:_\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?)|\{(?P<ref>[a-z0-9-]+)\}"
    r"|(?P<op><=|>=|[-+*/()<>~]))"
)
_RELATIONS = ("<", "<=", ">", ">=", "~")


def tokenize(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(
            f"the expression is {len(text):,} characters long, over the limit of "
            f"{MAX_EXPRESSION_CHARS:,}"
        )
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExpressionError(f"unexpected text at column {pos + 1}: {text[pos : pos + 12]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


def references(text: str) -> list[str]:
    """The figure ids an expression uses, in order of first use."""
    seen: dict[str, None] = {}
    for kind, value in tokenize(text):
        if kind == "ref":
            seen.setdefault(value, None)
    return list(seen)


@dataclass
class _Parser:
    tokens: list[tuple[str, str]]
    lookup: Callable[[str], Interval]
    pos: int = 0
    depth: int = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ExpressionError("the expression ends too early")
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def relation(self) -> tuple[list[Interval], list[str]]:
        terms = [self.sum()]
        ops: list[str] = []
        while self.peek() in _RELATIONS:
            ops.append(self.take()[1])
            terms.append(self.sum())
        if self.pos != len(self.tokens):
            raise ExpressionError(f"unexpected {self.tokens[self.pos][1]!r}")
        return terms, ops

    def sum(self) -> Interval:
        value = self.product()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            value = _finite(value + self.product() if op == "+" else value - self.product())
        return value

    def product(self) -> Interval:
        value = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()[1]
            value = _finite(value * self.unary() if op == "*" else value / self.unary())
        return value

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError(
                f"the expression nests deeper than {MAX_NESTING} levels of '(' or '-'"
            )

    def unary(self) -> Interval:
        if self.peek() == "-":
            self.take()
            self.nested()
            value = -self.unary()
            self.depth -= 1
            return value
        kind, value = self.take()
        if kind == "num":
            return _finite(Interval.point(float(value.replace("_", ""))), value)
        if kind == "ref":
            return self.lookup(value)
        if kind == "date":
            from crosscheck.numerals import date_interval

            try:
                return Interval(*date_interval(value))
            except ValueError as error:
                raise ExpressionError(f"@{value} is not a date") from error
        if value == "(":
            self.nested()
            inner = self.sum()
            if self.take()[1] != ")":
                raise ExpressionError("a '(' is not closed")
            self.depth -= 1
            return inner
        raise ExpressionError(f"unexpected {value!r}")


def _finite(value: Interval, literal: str = "") -> Interval:
    """Refuse infinities and NaN (``1e999999``, ``1e999999 * 0``): a float overflow is not a
    figure, and NaN would compare as "consistent" with anything."""
    ends = (value.lo, value.hi)
    if all(math.isfinite(x) and abs(x) <= MAX_MAGNITUDE for x in ends):
        return value
    if literal:
        raise ExpressionError(f"the number {literal[:24]} is beyond {MAX_MAGNITUDE:.0e}")
    raise ExpressionError(f"the result is not a finite number of at most {MAX_MAGNITUDE:.0e}")


def evaluate(text: str, lookup: Callable[[str], Interval]) -> Interval:
    """Evaluate an arithmetic expression (no relation) to an interval."""
    terms, ops = _Parser(tokenize(text), lookup).relation()
    if ops:
        raise ExpressionError("a derived value cannot contain a comparison")
    return terms[0]


@dataclass(frozen=True)
class RelationResult:
    holds: bool
    terms: tuple[Interval, ...]
    failed: str = ""


def check_relation(
    text: str, lookup: Callable[[str], Interval], tolerance: float
) -> RelationResult:
    """Evaluate a chain of comparisons; it holds when the intervals allow each link."""
    terms, ops = _Parser(tokenize(text), lookup).relation()
    if not ops:
        raise ExpressionError("a constraint needs a comparison: <, <=, >, >= or ~")
    for left, op, right in zip(terms, ops, terms[1:], strict=False):
        ok = {
            "<": left.lo < right.hi,
            "<=": left.lo <= right.hi,
            ">": left.hi > right.lo,
            ">=": left.hi >= right.lo,
            "~": left.widen(tolerance).overlaps(right.widen(tolerance)),
        }[op]
        if not ok:
            return RelationResult(False, tuple(terms), f"{left} {op} {right}")
    return RelationResult(True, tuple(terms))
