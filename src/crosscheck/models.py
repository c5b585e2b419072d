"""The fact base's records. Field docstrings become descriptions in facts/schema.json."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from crosscheck.numerals import is_calendar_date


def _calendar_date(value: str) -> str:
    if not is_calendar_date(value):
        raise ValueError(f"{value!r} is not a real date: a calendar month 01-12 and a day it has")
    return value


LANGUAGES = ("en", "fa", "zh-Hant", "zh-Hans", "ja", "ar")
"""The site's languages, English first (the default)."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*[a-z0-9]$", max_length=80),
    Field(description="A stable kebab-case identifier, unique across the fact base."),
]
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    AfterValidator(_calendar_date),
    Field(description="An ISO 8601 date in quotes: '2025-01-27', or '2025-01' / '2025'."),
]
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"),
    Field(description="A BCP 47 language tag such as 'fa', 'zh-Hant', 'ja'."),
]
Url = Annotated[
    str,
    StringConstraints(max_length=2000),
    Field(description="An http(s) URL."),
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

Unit = Literal["USD", "percent", "points", "years", "date", "count", "ratio", "rank"]
Hedge = Literal[
    "none", "about", "nearly", "more-than", "at-least", "less-than", "at-most", "up-to", "range"
]
"""How a number is hedged. Open bounds: more-than, less-than; closed: at-least, at-most, up-to."""
IntervalKind = Literal["uncertainty", "spread"]
StatementKind = Literal["opinion", "forecast", "hypothetical"]
Verdict = Literal[
    "accurate",
    "rounded",
    "hedged",
    "wrong",
    "unverified",
    "different-scope",
    "different-timing",
    "unsupported",
    "not-checkable",
]
ChainMethod = Literal["original", "human", "machine", "unknown"]
ErrorOrigin = Literal["original", "translation", "unknown"]
ArchiveExtent = Literal["search-excerpt", "search-passage", "full-text", "passage"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class Text(Strict):
    """Reader-facing text with one slot per site language; English is required."""

    en: str = Field(min_length=1, description="English.")
    fa: str | None = Field(default=None, description="Persian.")
    zh_Hant: str | None = Field(default=None, alias="zh-Hant", description="Traditional Chinese.")
    zh_Hans: str | None = Field(default=None, alias="zh-Hans", description="Simplified Chinese.")
    ja: str | None = Field(default=None, description="Japanese.")
    ar: str | None = Field(default=None, description="Arabic.")

    def get(self, language: str) -> str | None:
        return getattr(self, language.replace("-", "_"))


class ChainStep(Strict):
    """One step of a text's life: the original publication, then each translation."""

    language: LanguageTag
    method: ChainMethod = Field(description="original, or how it was translated.")
    by: str | None = Field(default=None, description="Author of the original, or translator.")
    publisher: str | None = None
    title: str | None = Field(default=None, description="Title in this step's language.")
    url: Url | None = None
    date: IsoDate | None = None
    note: Text | None = None


class Source(Strict):
    """One article, with its archived text snapshot and where its text came from."""

    id: Id
    snapshot: str = Field(description="Path of the archived text, relative to this YAML file.")
    sha256: Sha256 = Field(description="sha256 of the snapshot's bytes, checked on every run.")
    language: LanguageTag = Field(description="Language of the snapshot text.")
    title: str = Field(description="Title in the original script.")
    title_translation: Text = Field(
        description="The title translated into the site languages. Leave it out for a source "
        "in English: its English is the title itself (the catalogs still translate it)."
    )
    short_name: Text = Field(
        description="How pages name the source in lists and charts, e.g. 'Axios, in Persian'."
    )
    publisher: str | None = Field(
        default=None, description="Who published the snapshot text (a name; absent if unknown)."
    )
    publisher_note: Text | None = Field(
        default=None,
        description="What the publisher is to the text, in the site languages (it is words, "
        "the publisher a name): 'repost of Axios', 'carrying CNN's story'. Needs 'publisher'.",
    )
    authors: list[str] = Field(default_factory=list, description="Authors of the snapshot text.")
    date: IsoDate = Field(description="Publication date of the snapshot text (best evidence).")
    date_basis: Text | None = Field(default=None, description="How the date was established.")
    url: Url | None = Field(default=None, description="URL where the text states one.")
    partial: bool = Field(
        default=False,
        description="True when the snapshot holds only the beginning of the text as a search of "
        "stored copies returned it, not all of it. Needs 'retrieved_from', 'retrieved' and "
        "'retrieval_note'.",
    )
    retrieved_from: Url | None = Field(
        default=None, description="Address of the stored copy the snapshot was retrieved from."
    )
    retrieved: IsoDate | None = Field(default=None, description="Date the snapshot was retrieved.")
    retrieval_note: str | None = Field(
        default=None, description="What was retrieved, from where, and what is missing."
    )
    translation_chain: list[ChainStep] = Field(
        min_length=1, description="From the original to this text; the last step is this text."
    )
    notes: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _english_title_is_its_translation(cls, data: Any) -> Any:
        """An English source's title is its own English translation: not written twice."""
        if (
            isinstance(data, dict)
            and data.get("language") == "en"
            and "title_translation" not in data
            and isinstance(data.get("title"), str)
            and data["title"].strip()
        ):
            return {**data, "title_translation": {"en": data["title"]}}
        return data

    @model_validator(mode="after")
    def _publisher_note_describes_a_publisher(self) -> Source:
        if self.publisher_note is not None and not (self.publisher or "").strip():
            raise ValueError("'publisher_note' describes the publisher: give 'publisher' too")
        return self

    model_config = ConfigDict(
        **Strict.model_config,
        json_schema_extra=lambda schema: _title_translation_only_when_not_english(schema),
    )


def _title_translation_only_when_not_english(schema: dict[str, Any]) -> None:
    """In facts/schema.json too, title_translation is required only when language is not en."""
    required = schema.get("required")
    if isinstance(required, list) and "title_translation" in required:
        required.remove("title_translation")
        schema["if"] = {"not": {"properties": {"language": {"const": "en"}}}}
        schema["then"] = {"required": ["title_translation"]}


class Reference(Strict):
    """A piece of independent evidence: a primary document or an authoritative report."""

    id: Id
    url: Url
    publisher: str
    title: str
    date: IsoDate | None = None
    excerpt: str = Field(min_length=1, description="The sentence(s) that state the value.")
    stored_copy: bool = Field(
        default=False,
        description="True when the URL is a syndicated or archived copy of the publisher's text.",
    )
    archive: str | None = Field(
        default=None,
        description="Path of the text as retrieved, relative to this YAML file and inside facts/ "
        "(e.g. 'archive/<id>.txt'): never edited; the excerpt must be verbatim in it.",
    )
    archive_sha256: Sha256 | None = Field(
        default=None, description="sha256 of the archive file's bytes, checked on every run."
    )
    archive_extent: ArchiveExtent | None = Field(
        default=None,
        description="What the archive holds: 'search-excerpt' (the whole excerpt a search of "
        "stored copies returned, not the whole page), 'search-passage' (a contiguous passage of "
        "that excerpt, copied unchanged), 'full-text' (the whole stored text) or 'passage' (a "
        "contiguous passage of the whole retrieved text, copied unchanged, the rest left out as "
        "'archive_note' says).",
    )
    archive_note: str | None = Field(
        default=None,
        description="What the archive leaves out of the retrieved text and why (personal data "
        "such as a committer's e-mail address is never archived). Required with 'passage'.",
    )
    retrieved_from: Url | None = Field(
        default=None,
        description="Address of the stored copy the archive text was retrieved from.",
    )
    retrieved: IsoDate | None = Field(default=None, description="Date the text was retrieved.")
    syndicated: bool = Field(
        default=False,
        description="True when the stored copy is a repost on another site than the publisher's "
        "(its words still the publisher's).",
    )
    rewritten: bool = Field(
        default=False,
        description="True when the stored copy's words are machine-rewritten or paraphrased: "
        "they are not the publisher's words and cannot be quoted as such.",
    )
    not_archived: str | None = Field(
        default=None,
        description="Why no text could be archived (what was searched). Such a reference is "
        "never the sole support of a reference value.",
    )


class Citation(Strict):
    """A figure's use of one reference, optionally for one bound of an interval."""

    ref: Id
    supports: Literal["value", "lo", "hi", "context"] = "value"
    note: str | None = None


class Member(Strict):
    """One member of a group whose values a 'spread' reference ranges over."""

    name: str = Field(min_length=1, description="The member, as the evidence names it.")
    value: float | int = Field(description="The member's value, in the figure's unit.")
    ref: Id = Field(
        description="The reference whose excerpt states this value (its archived text is read)."
    )


class ReferenceValue(Strict):
    """The reconciled real value of a figure and its evidence."""

    value: float | int | str | None = Field(
        default=None, description="Point value (a number, or an ISO date for unit 'date')."
    )
    lo: float | int | str | None = Field(
        default=None, description="Lower bound when vendors differ (an ISO date for dates)."
    )
    hi: float | int | str | None = Field(
        default=None, description="Upper bound when vendors differ (an ISO date for dates)."
    )
    interval: IntervalKind | None = Field(
        default=None,
        description="Required with lo/hi. 'uncertainty': one quantity known only within the "
        "bounds (vendors disagree, the evidence rounds): every value in it is right. 'spread': "
        "separate members of a group range over the bounds: a claim about the group must hold "
        "for every member. An uncertainty cites each bound ('supports: lo' / 'supports: hi') by "
        "evidence that states it, or one reference writing the range; a spread lists its "
        "'members', and lo/hi are their least and greatest values.",
    )
    members: list[Member] = Field(
        default_factory=list,
        description="With 'interval: spread': each member of the group with its value and the "
        "reference stating it; lo and hi must be the least and greatest of them.",
    )
    precision: float | None = Field(
        default=None,
        gt=0,
        description='The step the evidence rounds to (1e9 for "$589 billion"): reconciliation '
        "widens the value or bounds by half of it; pages show them as the evidence writes them.",
    )
    derive: str | None = Field(
        default=None,
        description="An arithmetic expression over other figures, e.g. '{a} / {b}'.",
    )
    evidence: list[Citation] = Field(default_factory=list)
    unverified: bool = Field(
        default=False, description="True when no independent evidence was found."
    )
    note: Text | None = None


class Figure(Strict):
    """A quantity the sources talk about, exactly defined."""

    id: Id
    label: Text
    event: Text | None = Field(
        default=None,
        description="For a figure the timeline lists: the event's name ('DeepSeek-R1 released'), "
        "where the label names the figure ('DeepSeek-R1 release date').",
    )
    definition: Text
    unit: Unit
    as_of: IsoDate
    points_in: Literal["USD"] | None = Field(
        default=None,
        description="For index points: the currency the index is a price-weighted average in "
        "(the Dow: USD), which some languages' press writes its moves in (ja: 289ドル33セント).",
    )
    reference: ReferenceValue


class Claim(Strict):
    """One figure as one source states it, with the verdict on it."""

    id: Id
    source: Id
    original: Id | None = Field(
        default=None, description="The claim in the original text that this claim translates."
    )
    figure: Id | None = Field(default=None, description="Absent only for not-checkable claims.")
    quote: str = Field(min_length=1, description="Verbatim from the snapshot, original language.")
    stated: str | None = Field(
        default=None,
        description="The number or date as written in the quote. Absent for a claim that names "
        "a date by an event ('last week', 'inauguration day': then 'value' gives the span) and "
        "for claims with a judgment verdict.",
    )
    value: float | int | str | None = Field(
        default=None, description="The parsed value in the figure's unit (ISO date for dates)."
    )
    value_hi: float | int | str | None = Field(
        default=None, description="Upper end of a range (an ISO date for a span of days)."
    )
    unit: Unit | None = None
    hedge: Hedge | None = Field(
        default=None,
        description="Optional: the checker reads the hedge attached to the number in the quote. "
        "When given it must equal that reading, unless 'hedge_note' explains the reading.",
    )
    hedge_note: str | None = Field(
        default=None,
        description="Why the hedge differs from what the parser reads (an idiom it cannot read).",
    )
    precision: float | None = Field(
        default=None, description="Overrides the step read from the written number."
    )
    verdict: Verdict
    reason: Text | None = Field(default=None, description="Why; required for judgment verdicts.")
    matches: Id | None = Field(
        default=None,
        description="For different-scope and different-timing: the figure on which the number "
        "is right (intraday, another vendor, another period, one member of a group).",
    )
    statement: StatementKind | None = Field(
        default=None, description="For not-checkable: an opinion, a forecast or a hypothetical."
    )
    error_origin: ErrorOrigin | None = Field(
        default=None,
        description="Optional assertion of where the error entered; the checker computes it from "
        "'original' links and fails when this disagrees.",
    )
    translation: Text | None = Field(default=None, description="The quote in site languages.")


class Constraint(Strict):
    """An arithmetic or order relation between figures that must hold."""

    id: Id
    expr: str = Field(description="e.g. '{a} * {b} / 100 ~ {c}' or '{v2} < {v3} < {r1}'.")
    tolerance: float = Field(default=0.02, ge=0, le=1, description="Relative, for '~'.")
    description: Text


DayDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    AfterValidator(_calendar_date),
    Field(description="An ISO 8601 day in quotes: '2026-11-22'."),
]


class Correction(Strict):
    """One entry of the corrections log (facts/corrections.yml): what changed after it was first
    written, when and why. The corrections page and the Atom feeds are rendered from it."""

    id: Id
    date: DayDate = Field(description="The day the change was made.")
    text: Text = Field(
        description="What changed and why. Numbers are never typed: name them by placeholder, "
        "{fact:<figure id>} (its reference value), {label:<figure id>}, {stated:<claim id>} "
        "(the number as the source wrote it), {claim:<claim id>} (its verdict, linked), "
        "{source:<source id>}. Each translation uses the same placeholders."
    )
    claims: list[Id] = Field(
        default_factory=list,
        description="Claims whose verdict this entry set or changed (the verdicts feed lists "
        "them, with their verdict as the checker computes it now).",
    )


class FactFile(Strict):
    """One YAML file of the fact base; every section is optional."""

    sources: list[Source] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    constraints: list[Constraint] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)
