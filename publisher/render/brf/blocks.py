"""The document's blocks as braille lines, by the BANA formats of ``layouts/brf/brf.toml``."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.document import model as m
from publisher.document.bibliography import reference_inlines
from publisher.render.brf import text
from publisher.render.brf.lines import BLANK, Line, centred, wrap
from publisher.render.brf.style import Indents, Style


@dataclass(frozen=True)
class Writer:
    doc: m.Document
    style: Style

    @property
    def lang(self) -> str:
        return self.doc.language

    def para(self, inlines: tuple[m.Inline, ...], indents: Indents, prefix: str = "") -> list[Line]:
        parts = ([text.Piece(prefix, self.lang)] if prefix else []) + text.pieces(inlines, self.lang)
        return [Line(t) for t in wrap(text.braille(parts, self.style), indents, self.style)]

    def heading(self, title: str, level: int, anchor: str) -> list[Line]:
        braille = text.plain(title, self.lang, self.style)
        if level <= 1:
            rows = centred(braille, self.style)
        else:
            rows = wrap(braille, self.style.indents["heading_2" if level == 2 else "heading_3"], self.style)
        # The heading and the first line after it stay together.
        lines = [Line(t, keep=len(rows) - i) for i, t in enumerate(rows)]
        lines[0] = Line(lines[0].text, lines[0].keep, anchor, level)
        return [BLANK, *lines]

    def shift(self, indents: Indents, depth: int) -> Indents:
        return indents[0] + 2 * depth, indents[1] + 2 * depth

    def blocks(self, items: tuple[m.Block, ...], depth: int = 0) -> list[Line]:
        out: list[Line] = []
        for block in items:
            out += self.block(block, depth)
        return out

    def block(self, b: m.Block, depth: int) -> list[Line]:
        s = self.style
        if isinstance(b, m.Paragraph):
            return self.para(b.children, self.shift(s.indents["paragraph"], depth))
        if isinstance(b, m.ListBlock):
            items = []
            for n, item in enumerate(b.items, start=b.start):
                marker = f"{n}. " if b.ordered else (s.symbols["bullet"] + " " if s.symbols["bullet"] else "")
                items.append(self.item(item, depth, marker))
            return self.listed(items, depth)
        if isinstance(b, m.Quote):
            return [BLANK, *self.blocks_at(b.blocks, s.indents["displayed"], depth), BLANK]
        if isinstance(b, m.Note):
            label = b.title or self.doc.strings.get(b.kind, b.kind.capitalize())
            return [Line(s.symbols["box_top"] * s.cells),
                    *self.para((m.Text(label + ":"),), self.shift(s.indents["paragraph"], depth)),
                    *self.blocks(b.blocks, depth), Line(s.symbols["box_bottom"] * s.cells)]
        if isinstance(b, m.ResourceList):
            items = []
            for r in b.items:
                head: tuple[m.Inline, ...] = (m.Link(r.url, (m.Text(r.name),)), m.Text(" "), *r.description)
                items.append(self.item((m.Paragraph(head), *r.note), depth))
            return self.listed(items, depth)
        if isinstance(b, m.QuestionList):
            items = []
            for q in b.items:
                answer = (m.Paragraph((m.Text(self.doc.strings["answer"] + ":"),)), *q.answer) if q.answer else ()
                items.append(self.item((m.Paragraph(q.question), *answer), depth))
            return self.listed(items, depth)
        if isinstance(b, m.Figure):
            return self.figure(b, depth)
        return self.table(b, depth)

    def blocks_at(self, items: tuple[m.Block, ...], indents: Indents, depth: int) -> list[Line]:
        out: list[Line] = []
        for block in items:
            if isinstance(block, m.Paragraph):
                out += self.para(block.children, self.shift(indents, depth))
            else:
                out += self.block(block, depth + 1)
        return out

    def item(self, blocks: tuple[m.Block, ...], depth: int, marker: str = "") -> list[Line]:
        """One list item: its first paragraph in list format (1-3), further paragraphs 5-3, lists nested."""
        s = self.style
        out: list[Line] = []
        for i, block in enumerate(blocks):
            if isinstance(block, m.Paragraph) and i == 0:
                out += self.para(block.children, self.shift(s.indents["list"], depth), marker)
            elif isinstance(block, m.Paragraph):
                out += self.para(block.children, self.shift(s.indents["list_continued"], depth))
            elif isinstance(block, m.ListBlock):
                out += [line for line in self.block(block, depth + 1) if line.text]
            else:
                if i == 0 and marker:
                    out += self.para((), self.shift(s.indents["list"], depth), marker.strip())
                out += self.block(block, depth + 1)
        return out

    def listed(self, items: list[list[Line]], depth: int) -> list[Line]:
        """A list: a blank line before and after the whole list (not between items)."""
        body = [line for item in items for line in item]
        return [BLANK, *body, BLANK] if depth == 0 else body

    def figure(self, b: m.Figure, depth: int) -> list[Line]:
        """A figure's description as a transcriber's note (decorative images are left out)."""
        if b.decorative and not b.caption:
            return []
        s = self.style
        words: list[m.Inline] = [m.Text(f"{s.word(self.lang, 'figure')}: ")]
        if not b.decorative:
            words.append(m.Text(b.alt.rstrip(".") + ". "))
        words += list(b.caption)
        note = f"{s.symbols['tn_open']} {text.of(tuple(words), self.lang, s)} {s.symbols['tn_close']}"
        return [Line(t) for t in wrap(note, self.shift(s.indents["transcriber_note"], depth), s)]

    def table(self, b: m.Table, depth: int) -> list[Line]:
        """A table, linearly: its caption, then one list item per row with every cell after its column
        heading (BANA's listed format; a braille reader never has to remember the columns)."""
        s = self.style
        caption = f"{s.word(self.lang, 'table')}: {b.caption}"
        out = self.para((m.Text(caption),), self.shift(s.indents["paragraph"], depth))
        rows = []
        for row in b.rows:
            cells: list[m.Inline] = []
            for n, (head, cell) in enumerate(zip(b.header, row, strict=False)):
                cells += [*head, m.Text(": "), *cell, m.Text("; " if n < len(row) - 1 else ".")]
            rows.append(self.para(tuple(cells), self.shift(s.indents["list"], depth)))
        return [BLANK, *out, *self.listed(rows, 1), BLANK]

    def section(self, sec: m.Section) -> list[Line]:
        out = self.heading(sec.title, sec.level, sec.id)
        out += self.blocks(sec.blocks)
        if sec.role == "references":
            items = [self.para(reference_inlines(r, self.doc), self.style.indents["list"], f"{r.number}. ")
                     for r in self.doc.references]
            out += self.listed(items, 0)
        for child in sec.sections:
            out += self.section(child)
        return out
