"""The source format's schema: what a condition's YAML file may say.

These pydantic models check shape and simple values only. Cross-field rules
(citation keys, image paths, section depth) live in :mod:`publisher.source.reader`,
where the position of each value is known.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from publisher.source import limits as lim

# BCP 47, simplified: language, optional script, region and variants (RFC 5646 section 2.1).
BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-(?:[A-Za-z]{2}|[0-9]{3}))?(-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A build of a folder writes dist/index.html (the catalog), opds.json and sitemap.xml beside the outputs:
# a condition with one of these slugs would overwrite them, or they it.
RESERVED_SLUGS = frozenset({"index", "opds", "sitemap"})


def check_slug(value: str) -> str:
    """A slug that names no file the catalog writes."""
    if value in RESERVED_SLUGS:
        raise ValueError(f"the slug '{value}' is reserved: the catalog writes dist/{value}.* — "
                         f"choose another slug (reserved: {', '.join(sorted(RESERVED_SLUGS))})")
    return value
KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]*$")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: object) -> object:
    """Only ``YYYY-MM-DD`` text: pydantic alone would take 20200102 as seconds since 1970."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    raise ValueError(f"'{value}' is not a date written as YYYY-MM-DD")


def _plausible_year(value: dt.date) -> dt.date:
    """A health page reviewed in 2200 is a typo, and zip files (DOCX, EPUB) cannot store years after 2107."""
    if not lim.MIN_YEAR <= value.year <= lim.MAX_YEAR:
        raise ValueError(f"'{value.isoformat()}' is not between {lim.MIN_YEAR} and {lim.MAX_YEAR} "
                         "— write the real date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_plausible_year)]

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Markdown = Annotated[str, StringConstraints(min_length=1, max_length=200_000)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Audience = Literal["patient", "clinician"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class PublisherInfo(Strict):
    name: NonEmpty
    url: Url | None = None
    parent: NonEmpty | None = None


class ResourceItem(Strict):
    name: NonEmpty
    url: Url
    description: Markdown = Field(description="Markdown; follows the linked name in the same sentence.")
    note: Markdown | None = None
    audience: Audience | None = None


class QuestionItem(Strict):
    question: Markdown
    answer: Markdown | None = None
    audience: Audience | None = None


class ImageBlock(Strict):
    file: NonEmpty = Field(description="Path relative to the source file, inside the project.")
    alt: NonEmpty | None = None
    decorative: bool = False
    caption: Markdown | None = None

    @model_validator(mode="after")
    def _alt_or_decorative(self) -> ImageBlock:
        if self.decorative and self.alt:
            raise ValueError("an image is either decorative or has alt text, not both")
        if not self.decorative and not self.alt:
            raise ValueError(
                "an image needs alt text — add 'alt: ...', or 'decorative: true' if it carries no information"
            )
        return self


class TableBlock(Strict):
    caption: NonEmpty | None = Field(None, description="Short title, and the table's accessible name; optional: "
                                     "without it the header row describes the table.")
    summary: NonEmpty | None = None
    header: list[Markdown] = Field(min_length=1)
    rows: list[list[Markdown]] = Field(min_length=1)


BLOCK_KINDS = ("text", "note", "resources", "questions", "image", "table")


class Block(Strict):
    """Exactly one of the keys below, plus an optional audience."""

    text: Markdown | None = None
    note: Markdown | None = None
    note_kind: Literal["note", "disclaimer", "tip", "warning"] = "note"
    resources: list[ResourceItem] | None = None
    questions: list[QuestionItem] | None = None
    image: ImageBlock | None = None
    table: TableBlock | None = None
    audience: Audience | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Block:
        kinds = [k for k in BLOCK_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "a block holds exactly one of text, note, resources, questions, image, table"
                + (f" (found {', '.join(kinds)})" if kinds else " (found none)")
            )
        return self


class SectionSource(Strict):
    title: NonEmpty
    id: Annotated[str, StringConstraints(pattern=SLUG.pattern)] | None = None
    audience: Audience | None = None
    body: Markdown | None = Field(None, description="Markdown shorthand for a first 'text' block.")
    blocks: list[Block] = []
    sections: list[SectionSource] = []


# CSL 1.0.2 item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
)
CslType = Literal[CSL_TYPES]  # type: ignore[valid-type]
DOI = re.compile(r"^10\.[0-9]{4,9}/\S+$")


def _number_text(value: object) -> object:
    """Volume, issue, page and the like: YAML reads ``volume: 47`` as a number; CSL keeps text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


NumberText = Annotated[str, BeforeValidator(_number_text, json_schema_input_type=str | int),
                       StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class NameSource(Strict):
    """A person (``family`` and ``given``) or an organisation (``literal``)."""

    family: NonEmpty | None = None
    given: NonEmpty | None = None
    literal: NonEmpty | None = Field(None, description="An organisation, or a name printed exactly as written.")

    @model_validator(mode="after")
    def _one_kind(self) -> NameSource:
        if self.literal and (self.family or self.given):
            raise ValueError("a name has either 'literal' or 'family'/'given', not both")
        if not self.literal and not self.family:
            raise ValueError("a name needs 'family' (and usually 'given'), or 'literal' for an organisation")
        return self


def _name(value: object) -> object:
    return {"literal": value} if isinstance(value, str) else value


Name = Annotated[NameSource, BeforeValidator(_name, json_schema_input_type=NonEmpty | NameSource)]


class DateSource(Strict):
    """A CSL-JSON date: ``date-parts: [[year, month, day]]`` (month and day optional), or ``literal``."""

    date_parts: list[Annotated[list[int], Field(min_length=1, max_length=3)]] | None = Field(
        None, alias="date-parts", min_length=1, max_length=1)
    literal: NonEmpty | None = Field(None, description="A date printed as written, e.g. 'Spring 2014'.")

    @model_validator(mode="after")
    def _valid(self) -> DateSource:
        if (self.date_parts is None) == (self.literal is None):
            raise ValueError("a date has either 'date-parts' or 'literal'")
        if self.date_parts:
            parts = self.date_parts[0]
            try:
                dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
            except ValueError as exc:
                raise ValueError(f"{parts} is not a date: {exc}") from None
        return self


PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?")


def _csl_date(value: object) -> object:
    """``2014``, ``2014-03`` and ``2014-03-23`` (YAML may read the last as a date) as CSL date-parts."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date-parts": [[value]]}
    if isinstance(value, str):
        match = PARTIAL_DATE.fullmatch(value.strip())
        if match is None:
            raise ValueError(f"'{value}' is not a date written as YYYY, YYYY-MM or YYYY-MM-DD "
                             "(write {literal: ...} for a date printed as it is)")
        return {"date-parts": [[int(p) for p in match.groups() if p]]}
    return value


CslDate = Annotated[DateSource, BeforeValidator(_csl_date, json_schema_input_type=str | int | DateSource)]


def _accessed(value: object) -> object:
    """An access date is a day: YYYY-MM-DD, or CSL-JSON date-parts with year, month and day."""
    if isinstance(value, dict) and set(value) == {"date-parts"}:
        parts = value["date-parts"]
        if isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list) and len(parts[0]) == 3 \
                and all(isinstance(p, int) for p in parts[0]):
            try:
                return dt.date(*parts[0])
            except ValueError as exc:
                raise ValueError(f"{parts[0]} is not a date: {exc}") from None
        raise ValueError("an access date needs year, month and day: date-parts: [[2015, 6, 26]]")
    return _iso_date(value)


AccessDate = Annotated[dt.date, BeforeValidator(_accessed, json_schema_input_type=str | DateSource),
                      AfterValidator(_plausible_year)]


def _doi(value: object) -> object:
    """A bare DOI ("10.1200/JCO.2010.123"); "https://doi.org/…" and "doi:…" are taken and trimmed."""
    if isinstance(value, str):
        value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)
        if not DOI.match(value):
            raise ValueError(f"'{value}' is not a DOI — a DOI starts with '10.' and a registrant code, "
                             "e.g. 10.1200/JCO.2010.28.1234")
    return value


class ReferenceSource(Strict):
    """A reference in CSL-JSON's field names (the format Zotero, pandoc and reference managers exchange).

    The fields of source format 1 (``authors``, ``container``, ``date``, ``url``) are still read,
    as the CSL fields they always meant; a reference uses one spelling of each field, not both.
    """

    id: Annotated[str, StringConstraints(pattern=KEY.pattern)]
    type: CslType | None = Field(None, description="CSL type: webpage, article-journal, book, report, chapter, … "
                                 "(default: webpage with a URL, else book).")
    title: NonEmpty
    author: list[Name] = Field([], description="People ({family, given}) or organisations ({literal}).")
    editor: list[Name] = []
    container_title: NonEmpty | None = Field(None, alias="container-title",
                                             description="The journal, website or book the work is part of.")
    publisher: NonEmpty | None = None
    publisher_place: NonEmpty | None = Field(None, alias="publisher-place")
    volume: NumberText | None = None
    issue: NumberText | None = None
    page: NumberText | None = Field(None, description="Page or page range, e.g. 476-485.")
    edition: NumberText | None = None
    number: NumberText | None = Field(None, description="A report's or standard's number.")
    issued: CslDate | None = Field(None, description="Publication date: 2014, 2014-03 or 2014-03-23, or CSL-JSON "
                                   "{date-parts: [[2014, 3, 23]]} or {literal: ...}.")
    accessed: AccessDate | None = Field(None, description="When the web page was read: YYYY-MM-DD.")
    DOI: Annotated[str, BeforeValidator(_doi)] | None = Field(None, description="e.g. 10.1200/JCO.2010.28.1234")
    PMID: Annotated[str, BeforeValidator(_number_text, json_schema_input_type=str | int),
                    StringConstraints(pattern=r"^[0-9]{1,9}$")] | None = Field(None, description="PubMed id.")
    URL: Url | None = None
    language: NonEmpty | None = Field(None, description="BCP 47 tag of the work when it differs from the document's.")
    # Source format 1 spellings, read as the CSL fields above.
    authors: list[NonEmpty] = Field([], description="Format 1: names as printed; same as author: [{literal: ...}].")
    container: NonEmpty | None = Field(None, description="Format 1: same as container-title.")
    date: NonEmpty | None = Field(None, description="Format 1: the issued date as printed; same as issued: "
                                  "{literal: ...}.")
    url: Url | None = Field(None, description="Format 1: same as URL.")

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return _check_bcp47(value) if value is not None else None

    @model_validator(mode="after")
    def _one_spelling(self) -> ReferenceSource:
        for old, new in (("authors", "author"), ("container", "container_title"), ("date", "issued"),
                         ("url", "URL")):
            if getattr(self, old) and getattr(self, new):
                shown = type(self).model_fields[new].alias or new
                raise ValueError(f"'{old}' and '{shown}' say the same thing: keep '{shown}'")
        return self


class CodeSource(Strict):
    system: NonEmpty = Field(description="The terminology, e.g. ORPHA, ICD-10, ICD-10-CM, SNOMED-CT, MeSH, OMIM.")
    code: NonEmpty
    display: NonEmpty | None = Field(None, description="The code's name in that terminology.")


class SourceDocument(Strict):
    format: Literal[1] = 1
    title: NonEmpty
    slug: Annotated[str, StringConstraints(pattern=SLUG.pattern, max_length=100)] | None = None
    language: NonEmpty
    direction: Literal["ltr", "rtl"] | None = None
    publisher: PublisherInfo
    canonical_url: Url | None = None
    last_reviewed: IsoDate
    edition: IsoDate | None = Field(None, description="Date of this edition of the text (default: last_reviewed).")
    version: NonEmpty | None = Field(None, description="This edition's label, e.g. '2' or '2026.1'.")
    review_by: IsoDate | None = Field(None, description="When the next medical review is due.")
    owner: NonEmpty | None = Field(None, description="Who answers for the review: a team or a person.")
    codes: list[CodeSource] = Field([], description="The condition's codes in terminologies (ORPHA, ICD-10, …).")
    description: NonEmpty | None = None
    keywords: list[NonEmpty] = []
    rights: NonEmpty | None = None
    translation_of: NonEmpty | None = Field(None, description="Slug of the source this one translates.")
    summary: Markdown
    sections: list[SectionSource] = []
    references: list[ReferenceSource] = []
    references_file: NonEmpty | None = Field(None, description="A CSL-JSON (.json) or BibTeX (.bib) file of more "
                                             "references, relative to this source, inside the project.")

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        return _check_bcp47(value)

    @field_validator("slug")
    @classmethod
    def _not_reserved(cls, value: str | None) -> str | None:
        return None if value is None else check_slug(value)

    @field_validator("canonical_url")
    @classmethod
    def _fits_a_qr_code(cls, value: str | None) -> str | None:
        """The PDF prints this address as a QR code; segno raises past its capacity."""
        if value is not None and len(value.encode()) > lim.MAX_CANONICAL_URL_BYTES:
            raise ValueError(f"the address is {len(value.encode()):,} bytes; the handout prints it as a QR code, "
                             f"which holds at most {lim.MAX_CANONICAL_URL_BYTES:,} — give a shorter address")
        return value


def _check_bcp47(value: str) -> str:
    if not BCP47.match(value):
        raise ValueError(f"'{value}' is not a BCP 47 language tag — use e.g. 'en', 'en-US', 'es', 'zh-Hans'")
    return value
