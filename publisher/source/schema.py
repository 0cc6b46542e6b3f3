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
    caption: NonEmpty = Field(description="Short title; also the table's accessible name.")
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


class ReferenceSource(Strict):
    id: Annotated[str, StringConstraints(pattern=KEY.pattern)]
    title: NonEmpty
    authors: list[NonEmpty] = []
    container: NonEmpty | None = Field(None, description="Journal, website or book the work is part of.")
    publisher: NonEmpty | None = None
    date: NonEmpty | None = Field(None, description="Issued date as printed, e.g. 'March 23, 2014' or '2014'.")
    url: Url | None = None
    accessed: IsoDate | None = None
    language: NonEmpty | None = Field(None, description="BCP 47 tag of the title when it differs from the document's.")

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return _check_bcp47(value) if value is not None else None


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

    @field_validator("language")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        return _check_bcp47(value)

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
