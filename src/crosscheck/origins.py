"""Where an error entered, computed from the texts, never typed.

A claim whose verdict says the source got it wrong (:data:`ORIGIN_VERDICTS`) gets an origin:

- ``original`` when its source is itself an original text, or when it translates a claim of the
  original (``original: <claim-id>``) that is already not right in the same way (the same
  verdict): the error entered at the first text whose claim is not right, even when a
  translation then changed the number or the hedge (CNN's "upward of $65 billion" became
  "650億ドル以上": wrong in both, so the error was CNN's; the change is recorded beside it);
- ``translation`` when the number or the hedge differs between the original's claim and this
  one and the original's claim is not wrong in the same way: the error entered in one of the
  translation steps after the original's text (step N of the source's ``translation_chain``,
  counting the original as step 0; a range of steps when the texts in between are not stored);
- ``unknown`` only when no original text is in the fact base. When it is (a source whose chain
  is the original step of this source's chain, or the source that this source's other claims
  link to), the claim must be linked to its original claim.

A ``partial`` original holds only the beginning of the text, as a search of stored copies returned
it. A claim need not be linked to it only when its passage is computably beyond what was retrieved:
the retrieved text states no number the claim's value reads as, no claim of the original is about
the claim's figure, and the claim's quote comes after every passage of its text that is linked to
the original (translations keep the order of the passages they translate), and every amount of
money and percentage the retrieved text writes is the number a claim of the original states (not
merely inside a long quote: otherwise an original passage left without a claim may be the one the
claim translates, its number changed in translation). The order rests on the links, so every claim
of a translated text about a figure its original states is linked, whatever its verdict
(:func:`unlinked_translations`, code original-unlinked). A passage the retrieved text holds cannot
be declared missing by marking the original partial; and ``partial`` itself is checked against the
text (rules_origins.check_partial_sources): a partial snapshot ends cut off, not on a complete
sentence, so a whole original cannot be marked partial. What stays a contributor's word is the
snapshot itself (the beginning of the stored copy at ``retrieved_from``, as a reviewer can retrieve
it again): a snapshot cut short by hand before a passage is not detectable from the texts alone.
Counts, years and names (R1, S&P 500) are not required to be claimed: only quantities written as
money or percentages, which is what the fact base's figures are.

Right verdicts (accurate, rounded, hedged) have no error to locate; unverified claims are not
known to be wrong; not-checkable claims state no figure.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from crosscheck.factbase import FactBase
from crosscheck.models import ChainStep, Claim, ErrorOrigin, Hedge, Source, Verdict
from crosscheck.numerals import normalise, written_quantities, written_quantity_spans

ORIGIN_VERDICTS: tuple[Verdict, ...] = (
    "wrong",
    "different-scope",
    "different-timing",
    "unsupported",
)
"""The verdicts that say a statement is not right, so its error has an origin."""


class _HasHedge(Protocol):
    @property
    def hedge(self) -> Hedge: ...

    @property
    def hedge_word(self) -> str | None: ...


HEDGE_WORDS: dict[Hedge, str] = {
    "none": "no hedge",
    "about": "about",
    "nearly": "nearly",
    "more-than": "more than",
    "at-least": "at least",
    "less-than": "less than",
    "at-most": "at most",
    "up-to": "up to",
    "range": "a range",
}
"""How the origin sentence names a hedge (English: explain's language)."""


@dataclass(frozen=True)
class Origin:
    kind: ErrorOrigin
    steps: tuple[int, int] | None = None
    """For 'translation': the first and last translation step it may have entered in."""
    original_claim: str | None = None
    original_source: str | None = None
    """The source that holds the original text, when the fact base has it."""
    problem: Literal["missing", "partial", "inconsistent", "other-figure"] | None = None
    """'missing': the original text exists but the claim is not linked to its claim there;
    'inconsistent': same number and hedge as the original's claim, but another verdict."""
    difference: str = ""
    """What changed between the original's claim and this one."""
    retrieved: str = ""
    """For 'missing' with a partial original: why the claim's passage is in the retrieved text."""
    source: str | None = None
    """The claim's own source (whose chain the steps count along)."""

    def sentence(self, base: FactBase) -> str:
        """The origin as a sentence, for ``crosscheck explain``."""
        if self.kind == "original":
            if self.original_claim and self.difference:
                return (
                    f"The error was already in the original ({self.original_source}): its claim "
                    f"'{self.original_claim}' is rated the same way. The translation kept the "
                    f"error and changed its wording: {self.difference}."
                )
            if self.original_claim:
                return (
                    f"The error was already in the original ({self.original_source}): its claim "
                    f"'{self.original_claim}' states the same number with the same hedge."
                )
            return "The error is in this text itself: it is the original."
        if self.kind == "translation" and self.steps:
            return f"The error entered in translation, {self.step_words(base)}: {self.difference}."
        if self.problem == "missing":
            return (
                f"The original text is in the fact base ({self.original_source}) but the claim "
                "is not linked to its claim there, so the origin cannot be computed."
            )
        if self.problem == "inconsistent":
            return (
                f"The claim states the same number with the same hedge as '{self.original_claim}' "
                "but is rated differently, so where the error entered cannot be computed."
            )
        if self.problem == "other-figure":
            return (
                f"The claim is linked to '{self.original_claim}', which is about another figure, "
                "so where the error entered cannot be computed."
            )
        if self.problem == "partial":
            return (
                f"Only the beginning of the original ({self.original_source}) was retrieved, and "
                "the passage this claim translates comes after it, so where the error entered is "
                "unknown."
            )
        return "No original text is in the fact base, so where the error entered is unknown."

    def step_words(self, base: FactBase) -> str:
        """The translation steps, each named by its language and publisher where known."""
        assert self.steps is not None
        first, last = self.steps
        chain = self.chain(base)

        def step(n: int) -> str:
            if n >= len(chain):
                return f"step {n}"
            entry = chain[n]
            who = f", {entry.publisher}" if entry.publisher else ""
            return f"step {n} (into {entry.language}{who})"

        if first == last:
            return f"in {step(first)}"
        steps = [step(n) for n in range(first, last + 1)]
        return "in " + ", ".join(steps[:-1]) + " or " + steps[-1]

    def chain(self, base: FactBase) -> list[ChainStep]:
        located = base.sources.get(self.source or "")
        return list(located.record.translation_chain) if located else []


def _is_original(source: Source) -> bool:
    return len(source.translation_chain) == 1 or source.translation_chain[-1].method == "original"


def _same_text(a: Source, b: Source) -> bool:
    """Whether source ``a`` is the original text of ``b``'s chain (same address or title)."""
    first = b.translation_chain[0]
    own = a.translation_chain[0]
    urls = {u for u in (a.url, own.url) if u}
    if first.url and first.url in urls:
        return True
    titles = {t.casefold() for t in (a.title, own.title) if t}
    return bool(first.title) and (first.title or "").casefold() in titles


def _position(source: Source) -> int:
    """The step of a chain a source's text is: 0 for the original."""
    return len(source.translation_chain) - 1


def _same_value(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-9)
    return a == b


def _difference(
    original: Claim, claim: Claim, hedges: tuple[Hedge, Hedge], words: tuple[str, str]
) -> str:
    parts = []
    if not _same_value(original.value, claim.value) or not _same_value(
        original.value_hi, claim.value_hi
    ):
        parts.append(f"the original writes '{original.stated}', this text '{claim.stated}'")
    if hedges[0] != hedges[1]:

        def said(hedge: Hedge, word: str) -> str:
            name = HEDGE_WORDS[hedge]
            if not word or word.casefold() == name:
                return f"'{name}'" if word else name
            return f"'{word}' ({name})"

        parts.append(
            f"the original says {said(hedges[0], words[0])}, this text {said(hedges[1], words[1])}"
        )
    return "; ".join(parts)


def _states_value(text: str, claim: Claim) -> bool:
    """Whether any number written in ``text`` reads as the claim's value (same number, same
    magnitude once scale words are applied)."""
    if not isinstance(claim.value, int | float) or isinstance(claim.value, bool):
        return bool(text)  # a date or a wordless claim: assume the passage could be there
    for quantity in written_quantities(text):
        lo, hi = quantity.interval()
        if lo <= float(claim.value) <= hi:
            return True
    return False


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class _PartialIndex:
    """What the partial-original rule looks up, built once per check (linear in the base): the
    figures each source has claims about, and each translated source's claims linked to each
    original source, with the folded snapshot texts they are found in."""

    base: FactBase
    figures: dict[str, dict[str, str]]
    """source id → figure id → the first claim of that source about it."""
    linked: dict[tuple[str, str], list[Claim]]
    """(translated source id, original source id) → its claims linked to that original."""
    folded: dict[str, str]
    quotes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """source id → the quotes of its claims, each with the number it states."""
    amounts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, base: FactBase) -> _PartialIndex:
        figures: dict[str, dict[str, str]] = {}
        linked: dict[tuple[str, str], list[Claim]] = {}
        quotes: dict[str, list[tuple[str, str]]] = {}
        for located in base.claims.values():
            record = located.record
            quotes.setdefault(record.source, []).append((record.quote, record.stated or ""))
            if record.figure:
                figures.setdefault(record.source, {}).setdefault(record.figure, record.id)
            target = base.claims.get(record.original or "")
            if target is not None:
                linked.setdefault((record.source, target.record.source), []).append(record)
        return cls(base, figures, linked, {}, quotes)

    def uncovered(self, source_id: str) -> str:
        """An amount or percentage the retrieved text of ``source_id`` writes that no claim of
        that source quotes ('' when every one is quoted)."""
        if source_id not in self.amounts:
            self.amounts[source_id] = _uncovered_amount(
                self.base.snapshots.get(source_id, ""), self.quotes.get(source_id, [])
            )
        return self.amounts[source_id]

    def text(self, source_id: str) -> str:
        if source_id not in self.folded:
            self.folded[source_id] = _fold(self.base.snapshots.get(source_id, ""))
        return self.folded[source_id]

    def retrieved(self, original: Source, source: Source, claim: Claim) -> str:
        """Why the passage ``claim`` translates is in the retrieved text of the partial
        ``original`` (the empty string when it is computably beyond it)."""
        if _states_value(self.base.snapshots.get(original.id, ""), claim):
            return "the retrieved text states a number that reads as the claim's value"
        same = self.figures.get(original.id, {}).get(claim.figure or "")
        if same is not None:
            return f"claim '{same}' of the retrieved text is about the same figure"
        text = self.text(source.id)
        at = text.find(_fold(claim.quote))
        if at < 0:
            return ""  # the quote is not in its snapshot: reported by check_quotes
        for record in self.linked.get((source.id, original.id), []):
            if text.find(_fold(record.quote)) > at:
                return (
                    f"its quote comes before that of '{record.id}', which translates claim "
                    f"'{record.original}' of the retrieved text"
                )
        uncovered = self.uncovered(original.id)
        if uncovered:
            return (
                f"the retrieved text writes '{uncovered}', which no claim of it states, so the "
                "passage this claim translates may be one left without a claim"
            )
        return ""


_MONEY = re.compile(
    r"[$\u20ac\u00a3\u00a5\uffe5]|US\$|dollar|\u30c9\u30eb|\u7f8e\u5143|\u5186|\u5143|"
    r"\u062f\u0644\u0627\u0631|\u062f\u0648\u0644\u0627\u0631|\u0631\u06cc\u0627\u0644",
    re.IGNORECASE,
)
"""A currency next to a number: $, €, £, ¥, US$, dollar(s), ドル, 美元, 円, 元, دلار, دولار,
ریال."""


def _uncovered_amount(text: str, quotes: list[tuple[str, str]]) -> str:
    """The first amount of money or percentage ``text`` writes that no claim states: outside the
    stated number of every (quote, stated) pair, each quote found wherever it occurs, so one long
    quote cannot cover the other numbers it holds. As written; '' when every one is stated."""
    normalised = normalise(text)
    spans = []
    for quote, stated in quotes:
        needle, number = normalise(quote), normalise(stated)
        at = normalised.find(needle) if needle else -1
        while at >= 0:
            inside = needle.find(number) if number else -1
            if inside >= 0:  # the number the claim states, not every number its quote holds
                spans.append((at + inside, at + inside + len(number)))
            at = normalised.find(needle, at + 1)
    for (start, end), quantity in written_quantity_spans(normalised):
        near = normalised[max(0, start - 4) : end + 12]
        if quantity.kind != "percent" and not _MONEY.search(near):
            continue
        if not any(lo <= start and end <= hi for lo, hi in spans):
            word = re.match(r"\s?[^\W\d_]+", normalised[end:])
            return normalised[max(0, start - 1) : end + (word.end() if word else 0)].strip()
    return ""


def _linked_originals(base: FactBase) -> dict[str, str]:
    """Source id → the original source its claims' ``original:`` links lead to (the first one)."""
    found: dict[str, str] = {}
    for located in base.claims.values():
        record = located.record
        target = base.claims.get(record.original or "")
        if target is not None:
            origin = base.sources.get(target.record.source)
            if origin is not None and _is_original(origin.record):
                found.setdefault(record.source, origin.record.id)
    return found


def stored_originals(base: FactBase) -> dict[str, str]:
    """Translated source id → the stored original its text was translated from: the source whose
    text is its chain's original step, else the one its claims' ``original:`` links lead to."""
    originals = [s.record for s in base.sources.values() if _is_original(s.record)]
    linked = _linked_originals(base)
    found: dict[str, str] = {}
    for located in base.sources.values():
        source = located.record
        if _is_original(source):
            continue
        text = next((o for o in originals if o.id != source.id and _same_text(o, source)), None)
        if text is not None:
            found[source.id] = text.id
        elif source.id in linked:
            found[source.id] = linked[source.id]
    return found


def unlinked_translations(base: FactBase) -> list[tuple[Claim, str, str]]:
    """Claims of a translated text, whatever their verdict, about a figure that a claim of its
    stored original states, but linked to no original claim: (claim, original claim id, original
    source id). The partial-original rule orders passages by the linked ones, so a link left out
    (even on an accurate claim) would move where the retrieved text is taken to end."""
    originals = stored_originals(base)
    figures: dict[str, dict[str, str]] = {}
    for located in base.claims.values():
        record = located.record
        if record.figure:
            figures.setdefault(record.source, {}).setdefault(record.figure, record.id)
    found = []
    for located in base.claims.values():
        claim = located.record
        original = originals.get(claim.source)
        if claim.original or original is None or not claim.figure:
            continue
        same = figures.get(original, {}).get(claim.figure)
        if same is not None:
            found.append((claim, same, original))
    return found


def compute_origins(base: FactBase, results: Mapping[str, _HasHedge]) -> dict[str, Origin]:
    """The origin of every claim rated with one of :data:`ORIGIN_VERDICTS`."""
    origins: dict[str, Origin] = {}
    partial: _PartialIndex | None = None
    stored: dict[str, str] | None = None
    for claim_id, located in base.claims.items():
        claim = located.record
        if claim.verdict not in ORIGIN_VERDICTS:
            continue
        source = base.sources.get(claim.source)
        if source is None:
            continue
        if _is_original(source.record):
            origins[claim_id] = Origin("original", original_source=source.record.id)
            continue
        linked = base.claims.get(claim.original or "")
        if linked is None:
            # The source's original: the stored text its chain's original step names, else the
            # one its other claims link to, whatever its chain's first step says (so editing that
            # step's address or title cannot hide a stored original).
            if stored is None:
                stored = stored_originals(base)
            found = stored.get(source.record.id)
            text = base.sources[found].record if found in base.sources else None
            if text is None:
                origins[claim_id] = Origin("unknown")
                continue
            # Only the beginning of a partial original was retrieved: the passage this claim
            # translates may be missing, but only when that is computed from the texts, so no
            # contributor can declare a retrieved passage missing (see the module docstring).
            why = "full"
            if text.partial:
                partial = partial or _PartialIndex.build(base)
                why = partial.retrieved(text, source.record, claim)
            if not why:
                origins[claim_id] = Origin("unknown", original_source=text.id, problem="partial")
            else:
                origins[claim_id] = Origin(
                    "unknown",
                    original_source=text.id,
                    problem="missing",
                    retrieved="" if why == "full" else why,
                )
            continue
        original = linked.record
        if original.figure != claim.figure:  # reported by check_original_figures
            origins[claim_id] = Origin(
                "unknown", None, original.id, original.source, problem="other-figure"
            )
            continue

        def hedge_of(c: Claim) -> Hedge:
            result = results.get(c.id)
            return result.hedge if result is not None else (c.hedge or "none")

        def word_of(c: Claim) -> str:
            result = results.get(c.id)
            return (result.hedge_word or "") if result is not None else ""

        hedges = (hedge_of(original), hedge_of(claim))
        difference = _difference(original, claim, hedges, (word_of(original), word_of(claim)))
        original_source = base.sources.get(original.source)
        if original.verdict == claim.verdict:
            # The error entered at the first text whose claim is not right: the original's.
            origins[claim_id] = Origin(
                "original",
                None,
                original.id,
                original.source,
                difference=difference,
                source=claim.source,
            )
        elif difference:
            first = _position(original_source.record) + 1 if original_source else 1
            last = _position(source.record)
            origins[claim_id] = Origin(
                "translation",
                (min(first, last), last),
                original.id,
                original.source,
                difference=difference,
                source=claim.source,
            )
        else:
            origins[claim_id] = Origin(
                "unknown", None, original.id, original.source, problem="inconsistent"
            )
    return origins
