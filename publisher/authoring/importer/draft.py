"""What an imported Word file becomes before it is written as YAML: a draft source, and notes on what did not map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Note:
    """Something the Word file has that the source cannot say, or a choice the importer made for the writer."""

    message: str  # what, and what to do about it
    where: str  # in the Word file: "paragraph 12", "table 2", "the page header"
    line: int = 0  # the generated YAML's line of the comment, set when it is written


@dataclass
class Text:
    markdown: str
    notes: list[Note] = field(default_factory=list)


@dataclass
class Image:
    file: str  # relative to the source, e.g. images/<slug>/image-1.png
    data: bytes
    alt: str = ""
    decorative: bool = False
    caption: str = ""  # Markdown
    notes: list[Note] = field(default_factory=list)


@dataclass
class Table:
    header: list[str]  # Markdown cells
    rows: list[list[str]]
    caption: str = ""
    summary: str = ""
    notes: list[Note] = field(default_factory=list)


@dataclass
class Resource:
    name: str
    url: str
    description: str  # Markdown, one paragraph
    note: str = ""  # Markdown


@dataclass
class Resources:
    items: list[Resource]
    notes: list[Note] = field(default_factory=list)


@dataclass
class Question:
    question: str  # Markdown, one paragraph
    answer: str = ""  # Markdown


@dataclass
class Questions:
    items: list[Question]
    notes: list[Note] = field(default_factory=list)


@dataclass
class Callout:
    kind: str  # note, disclaimer, tip, warning
    markdown: str
    notes: list[Note] = field(default_factory=list)


Block = Text | Image | Table | Resources | Questions | Callout


@dataclass
class Section:
    title: str
    level: int  # 2 for a top section, as in the model
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass
class Reference:
    id: str
    title: str
    url: str = ""
    accessed: dt.date | None = None
    language: str = ""  # the title's, when not the document's
    notes: list[Note] = field(default_factory=list)


@dataclass
class Publisher:
    name: str = ""
    url: str = ""
    parent: str = ""


@dataclass
class Draft:
    title: str
    language: str
    slug: str = ""  # written only when the file name is not a slug ("leiomyosarcoma.es.yaml")
    publisher: Publisher = field(default_factory=Publisher)
    canonical_url: str = ""
    last_reviewed: dt.date | None = None
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    summary: str = ""  # Markdown; '' when the Word file has none
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # about the document as a whole
    summary_notes: list[Note] = field(default_factory=list)

    def all_notes(self) -> list[Note]:
        out = [*self.notes, *self.summary_notes]

        def walk(sections: list[Section]) -> None:
            for s in sections:
                out.extend(s.notes)
                for b in s.blocks:
                    out.extend(b.notes)
                walk(s.sections)

        walk(self.sections)
        for r in self.references:
            out.extend(r.notes)
        return out

    def images(self) -> list[Image]:
        found: list[Image] = []

        def walk(sections: list[Section]) -> None:
            for s in sections:
                found.extend(b for b in s.blocks if isinstance(b, Image))
                walk(s.sections)

        walk(self.sections)
        return found
