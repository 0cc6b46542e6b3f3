"""What a source says, section by section, as plain text with positions, for the lint rules.

The walk follows the validated source (not the built model) because the lint must see
every audience's content and know where each field sits in the YAML file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from publisher.document import model as m
from publisher.lint.locate import FieldLines
from publisher.source import schema as s
from publisher.source.markdown import Converter
from publisher.source.markdown import Field as MdField
from publisher.source.yamlpos import position, text_start

Loc = tuple[Any, ...]


@dataclass(frozen=True)
class Link:
    offset: int
    text: str
    url: str


@dataclass
class Prose:
    """One Markdown field as the reader sees it: paragraphs (runs), links, and a way back to lines."""

    loc: Loc
    graded: bool  # patient-facing prose, held to the reading targets
    text: str = ""
    runs: list[tuple[int, str]] = field(default_factory=list)  # (offset, paragraph or list item)
    links: list[Link] = field(default_factory=list)
    lines: FieldLines | None = None
    lead: int = 0  # length of the resource name put before a description: not in this field's raw text

    def line_at(self, offset: int) -> int:
        assert self.lines is not None
        return self.lines.line_at(offset)

    def position_at(self, offset: int) -> tuple[int, int]:
        assert self.lines is not None
        return self.lines.position_at(offset)


@dataclass
class Unit:
    """A section's own content (not its sub-sections')."""

    title: str
    line: int
    graded: bool
    prose: list[Prose] = field(default_factory=list)
    names: list[tuple[int, str, str]] = field(default_factory=list)  # resource (line, name, url): link texts
    images: list[tuple[int, s.ImageBlock]] = field(default_factory=list)


class Walker:
    def __init__(self, shown: str, tree: Any, raw_lines: Sequence[str]) -> None:
        self.shown = shown
        self.tree = tree
        self.raw_lines = tuple(raw_lines)
        self.cited: set[str] = set()  # citation keys used anywhere, whatever the audience

    def units(self, src: s.SourceDocument, summary_title: str) -> list[Unit]:
        summary = self.prose(src.summary, ("summary",), True)
        out = [Unit(summary_title, self._text_line(("summary",)), True, [summary])]
        for i, section in enumerate(src.sections):
            out.extend(self._section(section, ("sections", i), True))
        return out

    def _section(self, sec: s.SectionSource, loc: Loc, graded: bool) -> Iterator[Unit]:
        graded = graded and sec.audience != "clinician"
        body_line = self._text_line((*loc, "body")) if sec.body is not None else self._line((*loc, "title"))
        unit = Unit(sec.title, body_line, graded)
        if sec.body is not None:
            unit.prose.append(self.prose(sec.body, (*loc, "body"), graded))
        for i, block in enumerate(sec.blocks):
            self._block(block, (*loc, "blocks", i), graded and block.audience != "clinician", unit)
        yield unit
        for j, child in enumerate(sec.sections):
            yield from self._section(child, (*loc, "sections", j), graded)

    def _block(self, b: s.Block, loc: Loc, graded: bool, unit: Unit) -> None:
        add = unit.prose.append
        if b.text is not None:
            add(self.prose(b.text, (*loc, "text"), graded))
        elif b.note is not None:
            add(self.prose(b.note, (*loc, "note"), graded))
        elif b.resources is not None:
            for i, r in enumerate(b.resources):
                here = (*loc, "resources", i)
                unit.names.append((self._line((*here, "name")), r.name, r.url))
                wanted = graded and r.audience != "clinician"
                # The name is read as the subject of the description: "Orphanet lists …".
                add(self.prose(r.description, (*here, "description"), wanted, lead=r.name))
                if r.note:
                    add(self.prose(r.note, (*here, "note"), wanted))
        elif b.questions is not None:
            for i, q in enumerate(b.questions):
                here = (*loc, "questions", i)
                wanted = graded and q.audience != "clinician"
                add(self.prose(q.question, (*here, "question"), wanted))
                if q.answer:
                    add(self.prose(q.answer, (*here, "answer"), wanted))
        elif b.image is not None:
            unit.images.append((self._line((*loc, "image", "alt")), b.image))
            if b.image.caption:
                add(self.prose(b.image.caption, (*loc, "image", "caption"), graded))
        elif b.table is not None:
            # Cells are not sentences, so they are not graded; their links are still checked.
            cells: list[tuple[Loc, str]] = [(("header", i), c) for i, c in enumerate(b.table.header)]
            cells += [(("rows", r, i), c) for r, row in enumerate(b.table.rows) for i, c in enumerate(row)]
            for where, cell in cells:
                add(self.prose(cell, (*loc, "table", *where), False))

    def _line(self, loc: Loc) -> int:
        return position(self.tree, loc)[0]

    def _text_line(self, loc: Loc) -> int:
        return text_start(self.tree, loc)[0]

    # ------------------------------------------------------------ Markdown to plain text

    def prose(self, markdown: str, loc: Loc, graded: bool, lead: str = "") -> Prose:
        line, col = text_start(self.tree, loc)
        if line != position(self.tree, loc)[0]:
            col = 1  # a block scalar ("|" or ">") starts on the next line, at its own indentation
        converter = Converter(MdField(self.shown, line, col, self.raw_lines), lambda key, where: self.cited.add(key))
        out = Prose(loc, graded)
        text = _Text()
        if lead:
            text.add(lead + " ")
            out.lead = text.length
        for n, run in enumerate(_runs(converter.blocks(markdown))):
            start = 0 if n == 0 else text.length  # the lead belongs to the first paragraph
            _inline_text(run, text, out.links)
            out.runs.append((start, text.since(start).rstrip()))
            text.add("\n\n")
        out.text = text.since(0)
        out.lines = FieldLines(out.text, self.raw_lines, line, col, out.lead)
        return out


class _Text:
    """A growing string that knows its length, to record where links and paragraphs start."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, part: str) -> None:
        self.parts.append(part)
        self.length += len(part)

    def since(self, offset: int) -> str:
        self.parts = ["".join(self.parts)]
        return self.parts[0][offset:]


def _runs(blocks: tuple[m.Block, ...]) -> Iterator[tuple[m.Inline, ...]]:
    """Paragraphs and list items: each ends a sentence whatever its punctuation."""
    for block in blocks:
        if isinstance(block, m.Paragraph):
            yield block.children
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                yield from _runs(item)
        elif isinstance(block, m.Quote | m.Note):
            yield from _runs(block.blocks)


def _inline_text(inlines: tuple[m.Inline, ...], text: _Text, links: list[Link]) -> None:
    for node in inlines:
        if isinstance(node, m.Text | m.Code):
            text.add(node.text)
        elif isinstance(node, m.LineBreak):
            text.add(" ")
        elif isinstance(node, m.Link):
            offset = text.length
            _inline_text(node.children, text, links)
            links.append(Link(offset, text.since(offset), node.url))
        elif isinstance(node, m.Emphasis | m.Strong | m.Span):
            _inline_text(node.children, text, links)
        # Citations are left out: "[1]" is not a word a reader has to read.
