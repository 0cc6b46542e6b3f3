"""The typed document model: the only contract between sources and renderers.

Readers build it, :mod:`publisher.document.normalize` finishes it (citation numbers, ids,
back-links, empty-section pruning), and every renderer reads it and nothing else.
The set of node types is closed and small, in the spirit of Pandoc's AST: a new
callout style is a ``Note`` with another ``kind``, not a new class.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

# --------------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class LineBreak:
    pass


@dataclass(frozen=True)
class Link:
    """An external link; ``url`` is already checked to use a safe scheme."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Citation:
    """``[@key]`` in the source. ``number`` and ``id`` are set by normalisation."""

    key: str
    number: int = 0
    id: str = ""
    ref_id: str = ""


@dataclass(frozen=True)
class Span:
    """Inline text in another language than the document's."""

    lang: str
    children: tuple[Inline, ...]


Inline: TypeAlias = Text | Emphasis | Strong | Code | LineBreak | Link | Citation | Span

# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Note:
    """A call-out (disclaimer, tip, warning): one container, many kinds."""

    kind: str
    blocks: tuple[Block, ...]
    title: str = ""


@dataclass(frozen=True)
class Resource:
    """One entry of a resource list: a named link, what it offers, an optional note."""

    name: str
    url: str
    description: tuple[Inline, ...]
    note: tuple[Block, ...] = ()


@dataclass(frozen=True)
class ResourceList:
    items: tuple[Resource, ...]


@dataclass(frozen=True)
class Question:
    """A reader's question; the answer is optional and never invented."""

    question: tuple[Inline, ...]
    answer: tuple[Block, ...] = ()


@dataclass(frozen=True)
class QuestionList:
    items: tuple[Question, ...]


class ImageData:
    """An image's bytes, read and checked once by the reader: what every renderer embeds.

    Not a dataclass on purpose: ``dataclasses.asdict`` and ``json.dumps(default=str)`` (the
    document's fingerprint) see it as one value, ``sha256:...``, instead of copying and
    printing megabytes.
    """

    __slots__ = ("data", "sha256")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.sha256 = hashlib.sha256(data).hexdigest()

    def __str__(self) -> str:
        return f"sha256:{self.sha256}"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ImageData) and other.sha256 == self.sha256

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __deepcopy__(self, memo: dict[int, object]) -> ImageData:
        return self  # immutable


@dataclass(frozen=True)
class Figure:
    """An image. ``path`` is absolute and inside the project; ``alt`` is empty only if decorative.

    ``image`` holds the bytes the reader checked; renderers embed those, never the file again
    (it may have changed since). ``None`` only in documents built by hand (tests).
    """

    path: str
    alt: str
    decorative: bool = False
    caption: tuple[Inline, ...] = ()
    width_px: int = 0
    height_px: int = 0
    image: ImageData | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``caption`` (optional) doubles as its accessible name.

    Without a caption the header row is what describes the table (WCAG 1.3.1 asks for header
    cells, not for a caption): HTML, EPUB and PDF then give it no name rather than one that
    repeats the header, and DOCX names it by its header cells because Word's checker wants
    every table to have alternative text.
    """

    caption: str
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    summary: str = ""


Block: TypeAlias = Paragraph | ListBlock | Quote | Note | ResourceList | QuestionList | Figure | Table

# --------------------------------------------------------------------------- structure

SectionRole = Literal["body", "summary", "references", "further-reading"]


@dataclass(frozen=True)
class Section:
    """A heading and what it holds. ``level`` 2 is a top section (the title is level 1)."""

    title: str
    id: str
    level: int
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    role: SectionRole = "body"


@dataclass(frozen=True)
class Name:
    """A person (``family``, ``given``) or an organisation (``literal``), as CSL-JSON writes names."""

    family: str = ""
    given: str = ""
    literal: str = ""


@dataclass(frozen=True)
class PartialDate:
    """A CSL date: ``parts`` is (year,), (year, month) or (year, month, day); ``literal`` is printed as is."""

    parts: tuple[int, ...] = ()
    literal: str = ""


@dataclass(frozen=True)
class Reference:
    """A bibliography entry with CSL-JSON's fields (https://citationstyles.org).

    ``number`` follows the order of first citation; it is 0 for a work that is never
    cited, which is listed, unnumbered, under "Further reading". ``entry`` is how the
    reference reads in the document's citation style (AMA by default), set once by
    normalisation so that every format prints the same words.
    """

    key: str
    number: int
    id: str
    title: str
    type: str = "webpage"  # a CSL type: webpage, article-journal, book, report, chapter, …
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    container: str = ""  # CSL container-title: the journal, website or book the work is part of
    publisher: str = ""
    place: str = ""  # CSL publisher-place
    volume: str = ""
    issue: str = ""
    page: str = ""
    edition: str = ""
    report_number: str = ""  # CSL number (of a report)
    issued: PartialDate | None = None
    url: str = ""
    accessed: dt.date | None = None
    doi: str = ""
    pmid: str = ""
    backlinks: tuple[str, ...] = ()  # ids of the citations that point here, in order
    language: str = ""  # of the work, when it differs from the document's
    entry: tuple[Inline, ...] = ()  # the formatted entry: set by normalisation, read by every renderer


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str = ""
    parent: str = ""


@dataclass(frozen=True)
class Edition:
    """This edition of the text, a different fact from its medical review (``last_reviewed``).

    ``date`` is the source's ``edition`` (default: the review date) and ``version`` its label, if
    any. ``fingerprint`` is set by normalisation from the document's content: it changes whenever
    anything a reader sees changes, even if nobody moved the date or the version.
    """

    date: dt.date
    version: str = ""
    fingerprint: str = ""


@dataclass(frozen=True)
class ConditionCode:
    """A code of the condition in a terminology: ``system`` is a key like "ORPHA", "ICD-10", "SNOMED-CT"."""

    system: str
    code: str
    display: str = ""


@dataclass(frozen=True)
class Document:
    slug: str
    title: str
    language: str
    publisher: Publisher
    last_reviewed: dt.date
    sections: tuple[Section, ...]
    references: tuple[Reference, ...] = ()
    description: str = ""
    keywords: tuple[str, ...] = ()
    canonical_url: str = ""
    rights: str = ""
    audience: str = ""
    translation_of: str = ""
    direction: Literal["ltr", "rtl"] = "ltr"
    edition: Edition | None = None  # set by the reader; None only in hand-made test documents
    references_file: str = ""  # absolute path of the source's references_file, if any (a build input)
    codes: tuple[ConditionCode, ...] = ()
    owner: str = ""  # who answers for the content's review (a team or a person)
    review_by: dt.date | None = None  # when the next medical review is due
    strings: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def edition_date(self) -> dt.date:
        """The date of this edition: the edition's, or the review date when there is no edition."""
        return self.edition.date if self.edition is not None else self.last_reviewed


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    id: str


def walk_sections(sections: tuple[Section, ...]) -> list[Section]:
    """All sections, depth first, in reading order."""
    out: list[Section] = []
    for section in sections:
        out.append(section)
        out.extend(walk_sections(section.sections))
    return out


def outline(doc: Document) -> list[OutlineEntry]:
    """The heading outline every format must reproduce: the title, then every section."""
    entries = [OutlineEntry(1, doc.title, "title")]
    entries.extend(OutlineEntry(s.level, s.title, s.id) for s in walk_sections(doc.sections))
    return entries


def iter_blocks(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block, nested ones included, in reading order."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, ListBlock):
            for item in block.items:
                out.extend(iter_blocks(item))
        elif isinstance(block, Quote | Note):
            out.extend(iter_blocks(block.blocks))
        elif isinstance(block, ResourceList):
            for res in block.items:
                out.extend(iter_blocks(res.note))
        elif isinstance(block, QuestionList):
            for q in block.items:
                out.extend(iter_blocks(q.answer))
    return out


def all_blocks(doc: Document) -> list[Block]:
    out: list[Block] = []
    for section in walk_sections(doc.sections):
        out.extend(iter_blocks(section.blocks))
    return out


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """Plain text of inlines as a reader sees it (citations as their number)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, Citation):
            parts.append(f"[{node.number}]")
        else:
            parts.append(inline_text(node.children))
    return "".join(parts)


def merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent Text nodes joined, so equal text always has the same shape."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


def iter_inlines(inlines: tuple[Inline, ...]) -> list[Inline]:
    out: list[Inline] = []
    for node in inlines:
        out.append(node)
        if isinstance(node, Emphasis | Strong | Link | Span):
            out.extend(iter_inlines(node.children))
    return out


def block_inlines(block: Block) -> list[tuple[Inline, ...]]:
    """The inline runs directly owned by a block (not by its nested blocks)."""
    if isinstance(block, Paragraph):
        return [block.children]
    if isinstance(block, ResourceList):
        return [r.description for r in block.items]
    if isinstance(block, QuestionList):
        return [q.question for q in block.items]
    if isinstance(block, Figure):
        return [block.caption]
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row)]
    return []


def external_links(doc: Document) -> list[str]:
    """Every external URL in reading order (resources, inline links, references), deduplicated."""
    seen: dict[str, None] = {}
    for block in all_blocks(doc):
        if isinstance(block, ResourceList):
            for res in block.items:
                seen.setdefault(res.url, None)
        for run in block_inlines(block):
            for node in iter_inlines(run):
                if isinstance(node, Link):
                    seen.setdefault(node.url, None)
    for ref in doc.references:
        for node in iter_inlines(ref.entry):
            if isinstance(node, Link):
                seen.setdefault(node.url, None)
    return list(seen)


def cited_references(doc: Document) -> tuple[Reference, ...]:
    """The numbered references, in number order."""
    return tuple(r for r in doc.references if r.number)


def further_reading(doc: Document) -> tuple[Reference, ...]:
    """The references no citation points to, in source order: listed unnumbered, after the others."""
    return tuple(r for r in doc.references if not r.number)


def first_link(ref: Reference) -> str:
    """The first address a reference's entry links to (its URL, its DOI, …), or ""."""
    return next((n.url for n in iter_inlines(ref.entry) if isinstance(n, Link)), "")


def metadata_title(doc: Document) -> str:
    """The title for document properties and catalogues.

    It names a non-default audience variant ("Leiomyosarcoma (Clinician version)") so that
    a file manager, an e-book library or a records system tells the versions apart; the
    H1 heading stays the plain title, so the outline is the same in every variant.
    """
    label = doc.strings.get(f"audience_{doc.audience}", "")
    return f"{doc.title} ({label})" if label else doc.title
