"""``crosscheck suggest``: draft claims from a new snapshot.

Reads a snapshot's text and finds every number, date, ordinal, multiplier and number word in it
(with the numeral parser and the number words of ``lang/<lang>/numbers.yml``), reads its hedge
with the checker's own hedge reader, and takes its sentence as the quote (checked with the
checker's quote rules). For each number it proposes the figure it is about, by a transparent
score (:func:`score_figure`):

1. **gate**: the kind of number must fit the figure's unit (a percentage a percent figure, an
   ordinal a rank, a date a date, "$6 million" a USD figure), and its magnitude must be within
   :data:`MAX_MAGNITUDE_GAP` orders of magnitude of the figure's reference;
2. **words**: the words of the number's sentence (its own clause counting double) shared with the
   figure's vocabulary — its label and definition in every language, the quotes of its claims and
   their translations — each weighted by its rarity across figures (inverse document frequency;
   Chinese and Japanese by character bigrams, since they write no spaces);
3. **closeness**: multiplied by how close the number is to the reference (in orders of
   magnitude, in days for dates), and by whether the years the sentence names agree with the
   figure's date.

A number whose best score stays under :data:`MIN_SCORE` is listed as "no figure". The verdict
of each draft is computed by :func:`crosscheck.reconcile.reconcile_claim`, the function
``crosscheck check`` uses, so a pasted draft gets the verdict shown.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Literal

from crosscheck.expressions import Interval
from crosscheck.factbase import FactBase
from crosscheck.files import FileRefused, read_bounded
from crosscheck.hedges import languages_for, read_number
from crosscheck.models import Claim, Figure, Hedge, Verdict
from crosscheck.numberwords import number_words
from crosscheck.numerals import (
    CJK_SCALE_RUN,
    PERCENT_SIGNS,
    RANGE_SEPARATOR,
    RATIO_WORDS,
    NumeralError,
    PartialDate,
    Quantity,
    date_interval,
    date_spans,
    is_ordinal_at,
    iso_bounds,
    normalise,
    number_spans,
    parse_date,
    parse_quantity,
)
from crosscheck.pipeline import CheckResult
from crosscheck.problems import Location, Problem
from crosscheck.reconcile import reconcile_claim
from crosscheck.rules import find_on_boundary, fold
from crosscheck.superlatives import load_superlatives
from crosscheck.translations import Catalogs, yaml_quoted

MIN_SCORE = 4.0
"""The least word evidence (summed inverse document frequencies) for proposing a figure."""
MAX_MAGNITUDE_GAP = 1.0
"""A number more than this many orders of magnitude from a figure's reference is not about it."""
CLAUSE_WEIGHT = 4.0
"""Words of the number's own clause count this much; the rest of its sentence counts 1."""
TIE_SHARE = 0.85
"""A runner-up scoring this share of the best gets a draft too: one number, two figures (a
sentence giving one fall for two companies), when the number is close to its reference too."""
TIE_CLOSENESS = 0.5
UNKNOWN_CLOSENESS = 0.5
"""The closeness of a figure without a reference value: below any tie, above a far number."""
DATE_WINDOW_DAYS = 60
"""A date this many days from a figure's reference date scores zero closeness."""
CLOSENESS_FLOOR = 0.2
"""The share of the word score a figure keeps however far its reference is (inside the gate)."""
CLOSENESS_POWER = 4
"""How sharply closeness falls: a number a third of an order of magnitude off keeps a quarter."""
BARE_YEAR_WEIGHT = 0.5
"""A year alone ("in 2022") is more often a time frame than a date claim."""
RANK_REACH = 14
"""How near (in characters) a rank word must stand to make an ordinal a rank."""
ALTERNATIVES = 3
MAX_MENTIONS = 1000
"""The most numbers one run drafts (an article has a few hundred at most): a longer text stops
there, with a note, so that any input ends within seconds."""
MAX_QUOTE = 600
"""The longest quote a draft takes: a longer sentence is cut at its clause marks or spaces."""

MentionKind = Literal["number", "percent", "ratio", "ordinal", "date"]
Units = frozenset[str]

_KIND_UNITS: dict[str, Units] = {
    "percent": frozenset({"percent"}),
    "ratio": frozenset({"ratio"}),
    "ordinal": frozenset({"rank"}),
    "date": frozenset({"date"}),
}
_PLAIN_UNITS: Units = frozenset({"count"})
"""A bare number ("the 7 largest") counts things; a unit word ("$", 美元, سال) names its unit."""
_CJK_NUMERAL = re.compile("[零〇一二两兩三四五六七八九十百千数數]+")


class SuggestError(Exception):
    """The snapshot cannot be read: carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read_text(path: Path, display: str) -> str:
    """The text of a snapshot (a regular UTF-8 file within the size bound), or SuggestError."""
    here = Location(display, 1, 1)
    try:
        raw = read_bounded(path, None)
    except FileRefused as refused:
        raise SuggestError(
            Problem(here, refused.code, refused.message, refused.expected, refused.fix)
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise SuggestError(
            Problem(
                Location(display, line, col),
                "not-utf8",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                "UTF-8 encoded text",
                "re-save the file as UTF-8 in your editor",
            )
        ) from None
    return text.removeprefix("\ufeff")


# ---------------------------------------------------------------------------------------------
# Language

_PERSIAN_LETTERS = re.compile("[پچژگکی]")
_ARABIC_LETTERS = re.compile("[ةيكى]")
_KANA = re.compile("[\u3040-\u30ff]")
_HAN = re.compile("[\u4e00-\u9fff]")
# Characters that differ between the two Chinese scripts, among the commonest of each.
_SIMPLIFIED = frozenset("这们为对说时国来会发们过还经济资亿万与从业东车长门问间")
_TRADITIONAL = frozenset("這們為對說時國來會發們過還經濟資億萬與從業東車長門問間")


def detect_language(text: str) -> str:
    """The site language a text is written in, by its script: Persian letters (پ چ ژ گ ک ی)
    against Arabic ones (ة ي ك), kana for Japanese, simplified against traditional characters;
    English otherwise."""
    arabic_script = len(re.findall("[\u0600-\u06ff]", text))
    han = len(_HAN.findall(text))
    if arabic_script > han and arabic_script > 20:
        persian = len(_PERSIAN_LETTERS.findall(text))
        return "fa" if persian > len(_ARABIC_LETTERS.findall(text)) else "ar"
    if han > 20:
        if len(_KANA.findall(text)) > han / 10:
            return "ja"
        simplified = sum(1 for c in text if c in _SIMPLIFIED)
        traditional = sum(1 for c in text if c in _TRADITIONAL)
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    return "en"


# ---------------------------------------------------------------------------------------------
# Finding the numbers

_SENTENCE_END = re.compile(r"(?<=[.!?؟;])\s+|(?<=[。！？；])")
_CLAUSE_END = re.compile(r"[,，、;；:：،()（）「」『』\"“”—]")


@dataclass(frozen=True)
class Mention:
    """A number, date or number word read in a sentence of the snapshot."""

    line: int
    quote: str
    """Its sentence, as the snapshot writes it (NFC, whitespace folded)."""
    stated: str
    """The number as written, with its scale and unit words, cut from the quote."""
    kind: MentionKind
    units: Units
    """The figure units it may be about."""
    quantity: Quantity | None = None
    date: PartialDate | None = None
    hedge: Hedge = "none"
    hedge_word: str | None = None
    clause: str = ""
    """The clause of the quote around the number (normalised)."""


def _normalised(quote: str) -> tuple[str, list[int]]:
    """``quote`` normalised as the parser reads it, and for each of its characters the index
    of the quote character it came from (so spans found in it can be cut from the quote)."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(quote):
        piece = " " if char.isspace() else normalise(char)
        for piece_char in piece:
            if piece_char == " " and out and out[-1] == " ":
                continue
            out.append(piece_char)
            origin.append(index)
    origin.append(len(quote))
    return "".join(out), origin


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    """(line number, sentence) for every sentence of the text, folded as quotes are; a
    sentence longer than :data:`MAX_QUOTE` is cut at its clause marks or spaces (a line of a
    megabyte with no full stop must not make every number's quote a megabyte long)."""
    for number, line in enumerate(text.splitlines(), start=1):
        folded = fold(line)
        cursor = 0
        for sentence in _SENTENCE_END.split(folded):
            for piece in _pieces(sentence.strip()):
                at = folded.find(piece, cursor) if piece else -1
                if at < 0:
                    continue
                cursor = at + len(piece)
                # The checker's quote-boundary rule, applied where the piece stands (two
                # characters of context each side are all the rule looks at); lines are joined
                # by whitespace in the folded snapshot, so a boundary here is one there too.
                window = folded[max(0, at - 2) : cursor + 2]
                if find_on_boundary(piece, window)[1]:
                    yield number, piece


_PIECE_END = re.compile(r"(?<=[,，、;；:：،])\s*|\s+")


def _pieces(sentence: str) -> Iterable[str]:
    if len(sentence) <= MAX_QUOTE:
        yield sentence
        return
    start = 0
    cut = 0
    for match in _PIECE_END.finditer(sentence):
        if match.start() - start > MAX_QUOTE:
            if cut > start:
                yield sentence[start:cut].strip()
                start = cut
            while match.start() - start > MAX_QUOTE:  # no mark to cut at: a hard cut
                yield sentence[start : start + MAX_QUOTE]
                start += MAX_QUOTE
        cut = match.end()
    if len(sentence) - start > MAX_QUOTE and cut > start:
        yield sentence[start:cut].strip()
        start = cut
    while len(sentence) - start > MAX_QUOTE:
        yield sentence[start : start + MAX_QUOTE]
        start += MAX_QUOTE
    yield sentence[start:].strip()


@functools.cache
def _affix_words(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Patterns of the unit words before and after a number, and the unit each word names."""
    words = number_words(languages_for(language))
    units = {word: entry.unit or "" for word, entry in words.units.items()}

    def alternation(position: str) -> str:
        parts = []
        for word in sorted((w for w, e in words.units.items() if e.position == position),
                           key=len, reverse=True):  # fmt: skip
            escaped = re.escape(word)
            if word[-1].isalpha() and word[-1].isascii():
                escaped += r"(?![^\W\d_])"
            parts.append(escaped)
        return "|".join(parts) or "(?!)"

    before = re.compile(rf"(?:{alternation('before')})\s?$", re.I)
    after = re.compile(rf"[\s-]?(?:{alternation('after')})", re.I)
    return before, after, units


def _extend(text: str, start: int, end: int, language: str) -> tuple[int, int, str | None]:
    """The number at ``text[start:end]`` with its scale words, range, percent sign, unit words
    and ordinal affixes, and the figure unit its unit word names."""
    words = number_words(languages_for(language))
    before, after, units = _affix_words(language)
    unit: str | None = None
    left = before.search(text[max(0, start - 6) : start])
    if left:
        start = start - (len(text[max(0, start - 6) : start]) - left.start())
        unit = units.get(left.group().strip().lower())
    for prefix in words.prefixes:
        if text[max(0, start - len(prefix)) : start] == prefix:
            start -= len(prefix)
    if text[start:end] in ("数", "數"):  # 数十億: "several" takes the units after it
        while end < len(text) and text[end] in "十百千":
            end += 1
    end = _scale_end(text, end, words.scales)
    sep = RANGE_SEPARATOR.match(text, end)
    if sep:
        second = re.match(r"\d[\d,]*(?:\.\d+)?", text[sep.end() :])
        if second:
            end = _scale_end(text, sep.end() + second.end(), words.scales)
    for pattern in (re.compile(rf"\s?(?:{PERCENT_SIGNS.pattern})", re.I),
                    re.compile(rf"\s?(?:{RATIO_WORDS.pattern})")):  # fmt: skip
        match = pattern.match(text, end)
        if match:
            end = match.end()
            break
    else:
        match = after.match(text, end)
        if match:
            end = match.end()
            unit = units.get(match.group().lstrip(" -").lower(), unit)
    for suffix in words.suffixes:
        found = re.match(rf"\s?{re.escape(suffix)}", text[end:], re.I)
        if found and not (suffix.isascii() and text[end + found.end() : end + found.end() + 1]
                          .isalpha()):  # fmt: skip
            end += found.end()
            break
    return start, end, unit


def _scale_end(text: str, end: int, scales: dict[str, Decimal]) -> int:
    cjk = CJK_SCALE_RUN.match(text, end)
    if cjk:
        return cjk.end()
    word = re.compile(r"\s?([^\W\d_]+)").match(text, end)
    if word and word.group(1).lower() in scales:
        return word.end()
    return end


def _glued_to_a_name(text: str, start: int, end: int) -> bool:
    """Digits that are part of a name (R1, V3, H800, GPT-4, 4o), not a number."""
    if not text[start].isdigit():
        return False
    before = text[start - 1] if start else ""
    if before.isascii() and before.isalpha():
        return True
    if before == "-" and start > 1 and text[start - 2].isascii() and text[start - 2].isalpha():
        return True
    after = text[end] if end < len(text) else ""
    return after.isascii() and after.isalpha()


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: up to the nearest comma-like marks."""
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    following = _CLAUSE_END.search(text, end)
    return text[lo : following.start() if following else len(text)]


def find_mentions(text: str, language: str) -> list[Mention]:
    """Every number, date, ordinal, superlative (rank 1) and number word in ``text``, sentence
    by sentence, in the order they stand; at most :data:`MAX_MENTIONS` + 1 (one more tells
    that the text had more)."""
    words = number_words(languages_for(language))
    mentions: list[Mention] = []
    for line, quote in _sentences(text):
        if len(mentions) > MAX_MENTIONS:
            break
        norm, origin = _normalised(quote)

        def cut(start: int, end: int, quote: str = quote, origin: list[int] = origin) -> str:
            return quote[origin[start] : origin[end - 1] + 1]

        found: list[tuple[int, Mention]] = []
        dates = date_spans(norm)
        for start, end in dates:
            stated = cut(start, end)
            try:
                written = parse_date(stated)
            except NumeralError:
                continue
            clause = _clause(norm, start, end)
            units = _KIND_UNITS["date"]
            found.append(
                (start, Mention(line, quote, stated, "date", units, date=written, clause=clause))
            )
        taken = [False] * (len(norm) + 1)
        for start, end in dates:
            for i in range(start, end):
                taken[i] = True
        for start, end in number_spans(norm, language):
            if any(taken[start:end]) or _glued_to_a_name(norm, start, end):
                continue
            lo, hi, unit = _extend(norm, start, end, language)
            if hi < len(norm) and _glued_to_a_name(norm, start, hi):
                continue
            for i in range(lo, hi):
                taken[i] = True
            mention = _number_mention(line, quote, cut(lo, hi), unit, language)
            if mention is None:
                mention = _number_mention(line, quote, cut(start, end), None, language)
            if mention is None:
                continue
            core = norm[start:end].lower()
            entry = words.numbers.get(core)
            everyday = (entry is not None and entry.common) or _CJK_NUMERAL.fullmatch(core)
            one = mention.quantity is not None and mention.quantity.value == 1
            bare = hi - lo == end - start or (one and mention.units == {"count"})
            if everyday and bare and mention.hedge in ("none", "range"):
                # "one of them", 一个 ("a"), 数据 ("data"): an everyday word, a number only with
                # a scale or unit word (not the counter of "a": 一个, 一家) or a hedge beside it
                continue
            if mention.kind == "ordinal" and not _ranks(norm, lo, hi, words.rank_words):
                mention = Mention(**{**mention.__dict__, "units": frozenset()})
            found.append((lo, Mention(**{**mention.__dict__, "clause": _clause(norm, lo, hi)})))
        found += _superlatives(line, quote, norm, taken, cut, language)
        mentions += [mention for _, mention in sorted(found, key=lambda pair: pair[0])]
    return mentions


@functools.cache
def _superlative_pattern(language: str) -> re.Pattern[str]:
    """The superlatives of the language and English (lang/<lang>/superlatives.yml), longest
    first; Latin words only as whole words."""
    words = {
        word
        for lang in languages_for(language)
        for entry in load_superlatives(lang)
        for word in entry.words
    }
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        if word.isascii():
            escaped = rf"(?<![^\W\d_]){escaped}(?![^\W\d_])"
        parts.append(escaped)
    return re.compile("|".join(parts) or "(?!)", re.I)


def _superlatives(
    line: int,
    quote: str,
    norm: str,
    taken: list[bool],
    cut: Callable[[int, int], str],
    language: str,
) -> list[tuple[int, Mention]]:
    """Superlatives that state rank 1 ("the largest ever", 過去最大, 之最), as the checker reads
    them: one that its neighbours make one of several ("one of the largest", 最大級, ثاني أكبر)
    is no rank and is left out."""
    found = []
    for match in _superlative_pattern(language).finditer(norm):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        stated = cut(start, end)
        try:
            reading = read_number(quote, stated, language)
        except NumeralError:
            continue
        if reading is None or reading.start != start:
            continue  # the checker would read the word where it first stands, not here
        word = reading.hedge.word if reading.hedge else None
        mention = Mention(
            line, quote, stated, "ordinal", frozenset({"rank"}), reading.quantity,
            hedge=reading.kind, hedge_word=word, clause=_clause(norm, start, end),
        )  # fmt: skip
        found.append((start, mention))
    return found


def _ranks(text: str, start: int, end: int, rank_words: tuple[str, ...]) -> bool:
    """Whether a rank word ("place", 大, رتبه, المرتبة) stands within :data:`RANK_REACH`
    characters of the ordinal at ``text[start:end]``: "third place" is a rank, "his first
    week" and 第二天 ("the next day") are not."""
    near = text[max(0, start - RANK_REACH) : end + RANK_REACH].lower()
    return any(word in near for word in rank_words)


def _number_mention(
    line: int, quote: str, stated: str, unit: str | None, language: str
) -> Mention | None:
    try:
        quantity = parse_quantity(stated, language)
        reading = read_number(quote, stated, language)
    except NumeralError:
        return None
    if reading is None:
        return None
    kind: MentionKind = quantity.kind
    if kind == "number" and _ordinal_in(stated, language):
        kind = "ordinal"
    units = _KIND_UNITS.get(kind) or (frozenset({unit}) if unit else _PLAIN_UNITS)
    word = reading.hedge.word if reading.hedge else None
    return Mention(line, quote, stated, kind, units, quantity, hedge=reading.kind, hedge_word=word)


def _ordinal_in(stated: str, language: str) -> bool:
    text = normalise(stated)
    return any(is_ordinal_at(text, s, e, language) for s, e in number_spans(text, language))


# ---------------------------------------------------------------------------------------------
# The figures' vocabulary

_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا",
                              "آ": "ا", "ؤ": "و", "ئ": "ی", "ـ": None})  # fmt: skip
_MARKS = re.compile("[\u064b-\u065f\u0670]")
_WORD = re.compile(r"[^\W\d_]+(?:['’&][^\W\d_]+)?")
_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_ARTICLE = re.compile("^(?:وال|بال|فال|کال|لل|ال)(?=..)")


def script_variants(catalogs: Catalogs) -> dict[int, str]:
    """Traditional characters and the simplified ones the catalogs write for them, learnt from
    the slots translated into both zh-Hant and zh-Hans (a character pair that the aligned texts
    replace one for the other, where neither script uses the other's character), so that a
    Traditional article and Simplified quotes share their words."""
    hant, hans = catalogs.texts.get("zh-Hant", {}), catalogs.texts.get("zh-Hans", {})
    pairs: Counter[tuple[str, str]] = Counter()
    for key, traditional in hant.items():
        simplified = hans.get(key)
        if not simplified:
            continue
        matcher = difflib.SequenceMatcher(None, traditional, simplified, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "replace" and i2 - i1 == j2 - j1:
                pairs.update(zip(traditional[i1:i2], simplified[j1:j2], strict=True))
    in_hant = Counter("".join(hant.values()))
    in_hans = Counter("".join(hans.values()))
    variants: dict[int, str] = {}
    for (traditional, simplified), count in pairs.most_common():
        if (
            count >= 2
            and _HAN.match(traditional)
            and _HAN.match(simplified)
            and ord(traditional) not in variants
            and in_hans[traditional] <= count // 4
            and in_hant[simplified] <= count // 4
        ):
            variants[ord(traditional)] = simplified
    return variants


def tokens(text: str, variants: dict[int, str] | None = None) -> set[str]:
    """The words of a text as the score compares them: lower-cased Latin and Arabic-script
    words (Arabic and Persian letter forms folded together, the article ال dropped, English
    plural -s dropped), and character bigrams of Chinese and Japanese runs (Traditional
    characters read as their ``variants``)."""
    text = _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_ARABIC_FOLD).lower()
    if variants:
        text = text.translate(variants)
    found: set[str] = set()
    for run in _CJK_RUN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    for word in _WORD.findall(_CJK_RUN.sub(" ", text)):
        word = word.replace("’", "'").removesuffix("'s")
        if word.isascii():
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
        else:
            word = _ARTICLE.sub("", word)
        if len(word) >= 2:
            found.add(word)
    return found


@dataclass(frozen=True)
class FigureProfile:
    id: str
    unit: str
    as_of: str
    reference: Interval | None
    words: frozenset[str]


@dataclass(frozen=True)
class FigureIndex:
    """Every figure's vocabulary, and how rare each word is across figures."""

    profiles: tuple[FigureProfile, ...]
    idf: dict[str, float]
    mean_size: float
    variants: dict[int, str] = field(default_factory=dict)
    variants_key: tuple[tuple[int, str], ...] = ()


def _figure_texts(figure: Figure, result: CheckResult) -> list[str]:
    texts = []
    for key, slot in (("label", figure.label), ("definition", figure.definition)):
        for language in ("en", "fa", "zh-Hant", "zh-Hans", "ja", "ar"):
            value = slot.get(language) or result.catalogs.get(f"figure/{figure.id}/{key}", language)
            if value:
                texts.append(value)
    return texts


def build_index(result: CheckResult, exclude_sources: Iterable[str] = ()) -> FigureIndex:
    """The vocabulary of every figure: its label and definition in every language, and the
    quotes (with their translations) of its claims, except those of ``exclude_sources``."""
    excluded = set(exclude_sources)
    base = result.base
    quotes: dict[str, list[str]] = {}
    for claim_id, located in base.claims.items():
        claim = located.record
        if claim.source in excluded or claim.figure is None:
            continue
        texts = quotes.setdefault(claim.figure, [])
        texts.append(claim.quote)
        for language in ("en", "fa", "zh-Hant", "zh-Hans", "ja", "ar"):
            translated = (claim.translation.get(language) if claim.translation else None) or (
                result.catalogs.get(f"claim/{claim_id}/translation", language)
            )
            if translated:
                texts.append(translated)
    variants = script_variants(result.catalogs)
    profiles = []
    for figure_id, located in base.figures.items():
        figure = located.record
        words: set[str] = set()
        for text in _figure_texts(figure, result) + quotes.get(figure_id, []):
            words |= tokens(text, variants)
        outcome = result.reconciliation.figures.get(figure_id)
        reference = outcome.display if outcome is not None else None
        profiles.append(
            FigureProfile(figure_id, figure.unit, figure.as_of, reference, frozenset(words))
        )
    counts = Counter(word for profile in profiles for word in profile.words)
    total = len(profiles)
    idf = {word: math.log((total + 1) / (count + 0.5)) for word, count in counts.items()}
    mean = sum(len(p.words) for p in profiles) / total if total else 1.0
    key = tuple(sorted(variants.items()))
    return FigureIndex(tuple(profiles), idf, mean or 1.0, variants, key)


# ---------------------------------------------------------------------------------------------
# Scoring

_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Scored:
    figure: str
    score: float
    value: float | int | str | None
    value_hi: float | int | str | None = None
    closeness: float = 0.0


def _number_value(quantity: Quantity) -> tuple[float | int, float | int | None]:
    def plain(x: Decimal) -> float | int:
        return int(x) if x == x.to_integral_value() else float(x)

    hi = plain(quantity.value_hi) if quantity.value_hi is not None else None
    return plain(quantity.value), hi


def resolve_date(written: PartialDate, context: date) -> str | None:
    """The ISO date a partial date means, read as a local editor writes it: a missing year is
    the context's year (the year before when that would put it more than a month after the
    context), a weekday alone is the latest such day on or before the context date."""
    if written.decade and written.year is not None:
        return f"{written.year:04d}"
    if written.year is None and written.month is None and written.weekday is not None:
        day = context - timedelta(days=(context.weekday() - written.weekday) % 7)
        return day.isoformat()
    year = written.year
    if year is None:
        if written.month is None:
            return None
        year = context.year
        first = date(year, written.month, written.day or 1)
        if first > context + timedelta(days=31):
            year -= 1
    if written.month is None:
        return f"{year:04d}"
    if written.day is None:
        return f"{year:04d}-{written.month:02d}"
    try:
        return date(year, written.month, written.day).isoformat()
    except ValueError:
        return None


def _closeness(
    mention: Mention,
    profile: FigureProfile,
    value: float | int | str,
    value_hi: float | int | None = None,
) -> float:
    """1 when the number (or a point of its range) equals the reference, falling to 0 at the
    edge of the gate, -1 beyond it; :data:`UNKNOWN_CLOSENESS` when the figure has no
    reference to compare with."""
    reference = profile.reference
    if reference is None:
        return UNKNOWN_CLOSENESS
    if isinstance(value, str):
        lo, hi = date_interval(value, decade=bool(mention.date and mention.date.decade))
        if hi >= reference.lo and lo <= reference.hi:
            return 1.0
        gap = min(abs(lo - reference.hi), abs(hi - reference.lo))
        return max(0.0, 1 - gap / DATE_WINDOW_DAYS)
    nearest = min(max(float(value), reference.lo), reference.hi)
    point = min(max(nearest, float(value)), float(value if value_hi is None else value_hi))
    if nearest == 0 or point == 0:
        return 1.0 if nearest == point else 0.0
    if (nearest > 0) != (point > 0):
        return 0.0
    gap = abs(math.log10(abs(point) / abs(nearest)))
    if gap > MAX_MAGNITUDE_GAP:
        return -1.0
    # A wide range ("hundreds of billions": 200–900 billion) meets many references: it is
    # as weak a sign of its figure as it is wide.
    width = 0.0
    if value_hi is not None and float(value) > 0:
        width = math.log10(max(float(value_hi), float(value)) / float(value))
    return max(0.0, 1 - (gap + width) / MAX_MAGNITUDE_GAP)


def _tokens_of(text: str, index: FigureIndex) -> set[str]:
    return _cached_tokens(text, index.variants_key)


@functools.lru_cache(maxsize=4096)
def _cached_tokens(text: str, variants: tuple[tuple[int, str], ...]) -> frozenset[str]:
    return frozenset(tokens(text, dict(variants)))


@functools.lru_cache(maxsize=4096)
def _years_in(text: str) -> tuple[int, ...]:
    return tuple(int(y) for y in _YEAR_IN_TEXT.findall(text))


def score_figure(
    mention: Mention, profile: FigureProfile, index: FigureIndex, context: date | None
) -> Scored | None:
    """The score of one figure for one mention, or None when the gate shuts (see the module
    docstring: unit and magnitude gate, then shared words times closeness)."""
    if profile.unit not in mention.units:
        return None
    value_hi: float | int | None = None
    if mention.kind == "date":
        if mention.date is None:
            return None
        when = context or iso_bounds(profile.as_of)[0]
        value: float | int | str | None = resolve_date(mention.date, when)
    elif mention.quantity is not None:
        value, value_hi = _number_value(mention.quantity)
    else:
        return None
    if value is None:
        return None
    closeness = _closeness(mention, profile, value, value_hi)
    if closeness < 0:
        return None
    sentence = _tokens_of(mention.quote, index)
    clause = _tokens_of(mention.clause, index)
    shared = profile.words & sentence
    words = sum(index.idf[w] * (CLAUSE_WEIGHT if w in clause else 1.0) for w in shared)
    words /= (len(profile.words) / index.mean_size) ** 0.25 if profile.words else 1.0
    years = set(_years_in(mention.clause))
    if mention.kind == "date" and mention.date and mention.date.year in years:
        years.discard(mention.date.year)
    as_of_year = int(profile.as_of[:4])
    timing = 1.0
    if years:
        timing = 1.25 if as_of_year in years else 0.75
    if (
        mention.kind == "date"
        and mention.date
        and mention.date.month is None
        and not (mention.date.decade)
    ):
        timing *= BARE_YEAR_WEIGHT
    score = words * (CLOSENESS_FLOOR + (1 - CLOSENESS_FLOOR) * closeness**CLOSENESS_POWER)
    score *= timing
    return Scored(profile.id, score, value, value_hi, closeness)


# ---------------------------------------------------------------------------------------------
# Drafts


@dataclass(frozen=True)
class Draft:
    """A proposed claim: the mention, its figure (None: no figure fits), the verdict the
    checker computes for it, and the runner-up figures."""

    mention: Mention
    figure: str | None
    value: float | int | str | None
    value_hi: float | int | str | None
    confidence: float
    alternatives: tuple[tuple[str, float], ...]
    verdict: Verdict | None = None
    steps: tuple[str, ...] = ()
    existing: str | None = None
    """The id of a claim of the base that already states this number about this figure."""
    displaced: str | None = None
    """The figure that scored best but holds another value in this source."""


@dataclass(frozen=True)
class Suggestions:
    path: str
    language: str
    source: str | None
    drafts: tuple[Draft, ...] = field(default_factory=tuple)
    truncated: bool = False
    """The text held more than :data:`MAX_MENTIONS` numbers; the drafts stop there."""


def _verdict(
    result: CheckResult, mention: Mention, figure_id: str, scored: Scored, source: str, lang: str
) -> tuple[Verdict | None, tuple[str, ...]]:
    located = result.base.figures[figure_id]
    figure_result = result.reconciliation.figures.get(figure_id)
    claim = Claim(
        id="draft",
        source=source,
        figure=figure_id,
        quote=mention.quote,
        stated=mention.stated,
        value=scored.value,
        value_hi=scored.value_hi,
        verdict="unverified",
    )
    outcome, _ = reconcile_claim(
        claim,
        located.record,
        figure_result.interval if figure_result else None,
        lang,
        figure_result,
    )
    if outcome is None:
        return None, ()
    return outcome.computed, outcome.steps


def source_of(base: FactBase, path: Path) -> str | None:
    """The source whose snapshot is the file at ``path``, if any."""
    try:
        target = path.resolve()
    except OSError:
        return None
    for source_id, located in base.sources.items():
        snapshot = located.file.path.parent / located.record.snapshot
        try:
            if snapshot.resolve() == target:
                return source_id
        except OSError:
            continue
    return None


def suggest(
    result: CheckResult,
    text: str,
    path: str,
    language: str | None = None,
    source: str | None = None,
    exclude_sources: Iterable[str] = (),
) -> Suggestions:
    """Draft claims for every number of ``text`` against the checked fact base ``result``."""
    base: FactBase = result.base
    located_source = base.sources.get(source or "")
    lang = language or (located_source.record.language if located_source else None)
    lang = lang or detect_language(text)
    # The last day the source's date allows: "Monday" in an article of January 2025 is the
    # latest Monday of that month, not one before it.
    context = iso_bounds(located_source.record.date)[1] if located_source else None
    index = build_index(result, exclude_sources)
    existing = {
        (c.record.figure, fold(c.record.stated or "")): c.record.id
        for c in base.claims.values()
        if c.record.source == source and c.record.source not in set(exclude_sources)
    }
    ranked: list[tuple[Mention, list[Scored]]] = []
    mentions = find_mentions(text, lang)
    for mention in mentions[:MAX_MENTIONS]:
        if not find_on_boundary(fold(mention.stated), mention.quote)[1]:
            continue
        scores = sorted(
            (s for p in index.profiles if (s := score_figure(mention, p, index, context))),
            key=lambda s: -s.score,
        )
        ranked.append((mention, scores))
    chosen = assign(ranked)
    drafts = []
    for (mention, scores), picks in zip(ranked, chosen, strict=True):
        total = sum(s.score for s in scores[: ALTERNATIVES + 1]) or 1.0
        if not picks:
            value, value_hi = _plain_value(mention, context)
            alternatives = tuple(
                (s.figure, round(s.score / total, 2)) for s in scores[:ALTERNATIVES]
            )
            drafts.append(Draft(mention, None, value, value_hi, 0.0, alternatives))
            continue
        for best in picks:
            verdict, steps = _verdict(result, mention, best.figure, best, source or "draft", lang)
            others = tuple(
                (s.figure, round(s.score / total, 2))
                for s in scores[: ALTERNATIVES + 1]
                if s.figure != best.figure
            )[:ALTERNATIVES]
            drafts.append(
                Draft(
                    mention,
                    best.figure,
                    best.value,
                    best.value_hi,
                    round(best.score / total, 2),
                    others,
                    verdict,
                    steps,
                    existing.get((best.figure, fold(mention.stated))),
                    scores[0].figure if picks[0].figure != scores[0].figure else None,
                )
            )
    return Suggestions(path, lang, source, tuple(drafts), len(mentions) > MAX_MENTIONS)


def assign(ranked: list[tuple[Mention, list[Scored]]]) -> list[list[Scored]]:
    """The figures each mention is proposed for, from its scored candidates (best first).

    A mention takes its best figure if it scores at least :data:`MIN_SCORE`, and the runners-up
    that tie with it (:data:`TIE_SHARE`, :data:`TIE_CLOSENESS`). One source states one value of
    a figure: when mentions of values that cannot both hold ($500 billion and $6 million; not
    $500 billion and "hundreds of billions") compete for a figure, the best-scoring keeps it
    and the others move to their next candidate (or to no figure)."""
    skip: list[set[str]] = [set() for _ in ranked]
    while True:
        picks = [_picks(scores, taken) for (_, scores), taken in zip(ranked, skip, strict=True)]
        holders: dict[str, Scored] = {}
        for chosen in picks:
            for scored in chosen:
                held = holders.get(scored.figure)
                if held is None or scored.score > held.score:
                    holders[scored.figure] = scored
        changed = False
        for index, chosen in enumerate(picks):
            for scored in chosen:
                if not _compatible(holders[scored.figure], scored):
                    skip[index].add(scored.figure)
                    changed = True
        if not changed:
            return picks


def _compatible(a: Scored, b: Scored) -> bool:
    """Whether two values can both be what one source says of a figure: equal, or one a range
    that holds the other."""
    if a.value == b.value and a.value_hi == b.value_hi:
        return True
    spans = [_span(a), _span(b)]
    if spans[0] is None or spans[1] is None or (a.value_hi is None and b.value_hi is None):
        return False
    (a_lo, a_hi), (b_lo, b_hi) = spans[0], spans[1]
    return a_lo <= b_hi and b_lo <= a_hi


def _span(scored: Scored) -> tuple[float, float] | None:
    if isinstance(scored.value, str) or scored.value is None or isinstance(scored.value_hi, str):
        return None
    hi = scored.value if scored.value_hi is None else scored.value_hi
    return float(scored.value), float(hi)


def _picks(scores: list[Scored], skip: set[str]) -> list[Scored]:
    open_scores = [s for s in scores if s.figure not in skip]
    if not open_scores or open_scores[0].score < MIN_SCORE:
        return []
    best = open_scores[0]
    if best.value_hi is not None:  # a range ("hundreds of billions") fits many figures alike
        return [best]
    return [best] + [
        s
        for s in open_scores[1:]
        if s.score >= max(MIN_SCORE, TIE_SHARE * best.score) and s.closeness >= TIE_CLOSENESS
    ]


def _plain_value(
    mention: Mention, context: date | None
) -> tuple[float | int | str | None, float | int | None]:
    if mention.kind == "date":
        if mention.date is None or context is None:
            return None, None
        return resolve_date(mention.date, context), None
    if mention.quantity is None:
        return None, None
    return _number_value(mention.quantity)


# ---------------------------------------------------------------------------------------------
# Output


def _yaml_value(value: float | int | str | None) -> str:
    if isinstance(value, str):
        return yaml_quoted(value)
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:_}"
    return json.dumps(value)


def _comment(text: str) -> str:
    """Text for a YAML comment: on one line, with controls and bidi marks escaped."""
    return yaml_quoted(text)[1:-1]


def render_yaml(suggestions: Suggestions) -> str:
    """The drafts as a YAML ``claims:`` list ready to paste, with the confidence and the
    runner-up figures as comments, then the numbers that fit no figure, as comments."""
    source = suggestions.source or "source-id"
    lines = [
        f"# crosscheck suggest {_comment(suggestions.path)} (language {suggestions.language}): "
        "drafts to review: check the figure, the value and the verdict, write the reason.",
        "claims:",
    ]
    used: Counter[str] = Counter()
    unmatched = []
    for draft in suggestions.drafts:
        mention = draft.mention
        if draft.figure is None:
            unmatched.append(draft)
            continue
        others = ", ".join(f"{fid} ({conf:.2f})" for fid, conf in draft.alternatives) or "none"
        lines.append(
            f"  # line {mention.line}: confidence {draft.confidence:.2f}; alternatives: {others}"
        )
        if draft.existing:
            lines.append(f"  # already in the base as {draft.existing}")
        if draft.displaced:
            lines.append(
                f"  # best fit {draft.displaced} holds another value of this source: check which"
            )
        ident = f"{source}-{draft.figure}"[:76].strip("-")
        used[ident] += 1
        if used[ident] > 1:
            ident = f"{ident}-{used[ident]}"
        lines += [
            f"  - id: {ident}",
            f"    source: {source}",
            f"    figure: {draft.figure}",
            f"    quote: {yaml_quoted(mention.quote)}",
            f"    stated: {yaml_quoted(mention.stated)}",
            f"    value: {_yaml_value(draft.value)}",
        ]
        if draft.value_hi is not None:
            lines.append(f"    value_hi: {_yaml_value(draft.value_hi)}")
        lines.append(f"    hedge: {mention.hedge}")
        lines.append(f"    verdict: {draft.verdict or 'unverified'}")
        reason = "; ".join(draft.steps) or "why the verdict holds, from the evidence"
        lines.append(f"    reason: {{en: {yaml_quoted(reason)}}}")
    if not any(draft.figure for draft in suggestions.drafts):
        lines[-1] = "claims: []"
    if suggestions.truncated:
        lines.append(
            f"# stopped after {MAX_MENTIONS} numbers: split the snapshot to draft the rest"
        )
    if unmatched:
        lines.append("# no figure (a new figure may be needed):")
        for draft in unmatched:
            mention = draft.mention
            lines.append(
                f"#   line {mention.line}: {_comment(mention.stated)} ({mention.kind}) in "
                f"{_comment(mention.quote)}"
            )
    return "\n".join(lines)


def to_json(suggestions: Suggestions) -> list[dict[str, object]]:
    """The drafts as JSON records: quote, stated, value, hedge, figure, verdict, confidence,
    alternatives (and line, kind, value_hi, existing, displaced)."""
    return [
        {
            "line": d.mention.line,
            "quote": d.mention.quote,
            "stated": d.mention.stated,
            "kind": d.mention.kind,
            "value": d.value,
            "value_hi": d.value_hi,
            "hedge": d.mention.hedge,
            "figure": d.figure,
            "verdict": d.verdict,
            "confidence": d.confidence,
            "alternatives": [{"figure": f, "confidence": c} for f, c in d.alternatives],
            "existing": d.existing,
            "displaced": d.displaced,
        }
        for d in suggestions.drafts
    ]


def render_json(suggestions: Suggestions) -> str:
    # ensure_ascii: snapshot text cannot reach a terminal as controls or bidi marks.
    return json.dumps(to_json(suggestions), ensure_ascii=True, indent=2, allow_nan=False)


__all__ = [
    "Draft",
    "FigureIndex",
    "Mention",
    "SuggestError",
    "Suggestions",
    "build_index",
    "detect_language",
    "find_mentions",
    "read_text",
    "render_json",
    "render_yaml",
    "resolve_date",
    "score_figure",
    "source_of",
    "suggest",
    "to_json",
    "tokens",
]
