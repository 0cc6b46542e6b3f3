"""Walks the document model and writes its headings and blocks into the Word body."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph

from publisher.document import model as m
from publisher.document.bibliography import backlinks, reference_inlines
from publisher.document.i18n import format_date
from publisher.errors import Diagnostic, Location, RenderError
from publisher.render import edition
from publisher.render.docx import ooxml
from publisher.render.docx.context import Context
from publisher.render.docx.inlines import Fmt, InlineWriter
from publisher.render.html.images import image_bytes


@dataclass(frozen=True)
class Where:
    """Where blocks land: their paragraph style, list depth, and indent for list continuations."""

    style: str = "Normal"
    depth: int = -1
    indent: int = 0


class Walker:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.body = ctx.document
        self.inlines = InlineWriter(ctx)

    def write(self) -> None:
        doc = self.ctx.doc
        self.heading(1, doc.title, "title")
        self.front_matter()
        for section in doc.sections:
            self.section(section)

    # ------------------------------------------------------------ structure

    def heading(self, level: int, text: str, model_id: str) -> None:
        """A built-in "Heading N" paragraph, bookmarked tightly around its text."""
        p = self.ctx.add_paragraph(self.body, f"Heading {min(level, 9)}")
        ident = self.ctx.anchors.next_id()
        ooxml.bookmark_start(p._p, ident, self.ctx.anchors.name("heading", model_id))
        self.inlines.text(p, text)
        ooxml.bookmark_end(p._p, ident)

    def front_matter(self) -> None:
        """Who publishes this, when it was reviewed, where it lives online: the body keeps them
        even when an organisation's template replaces our header and footer."""
        doc, word = self.ctx.doc, self.ctx.word
        audience = doc.strings.get(f"audience_{doc.audience}", "")
        if audience:
            self.inlines.text(self.paragraph(Where("Document Info")), audience, Fmt(bold=True))
        name: m.Inline = m.Link(doc.publisher.url, (m.Text(doc.publisher.name),)) if doc.publisher.url \
            else m.Text(doc.publisher.name)
        parent = (m.Text(f", {doc.publisher.parent}"),) if doc.publisher.parent else ()
        self.inlines.write(self.paragraph(Where("Document Info")), (m.Text(f"{word('publisher')} "), name, *parent))
        reviewed = f"{word('last_reviewed')}: {format_date(doc.last_reviewed, doc.language)}"
        self.inlines.text(self.paragraph(Where("Document Info")), reviewed)
        if edition.label(doc):
            self.inlines.text(self.paragraph(Where("Document Info")), edition.label(doc))
        if doc.canonical_url:
            online = (m.Text(f"{word('online_version')}: "), m.Link(doc.canonical_url, (m.Text(doc.canonical_url),)))
            self.inlines.write(self.paragraph(Where("Document Info")), online, Fmt(tooltip=word("online_version")))

    def section(self, section: m.Section) -> None:
        self.heading(section.level, section.title, section.id)
        self.blocks(section.blocks, Where())
        if section.role == "references":
            self.references()
        elif section.role == "further-reading":
            self.further_reading()
        for child in section.sections:
            self.section(child)

    def references(self) -> None:
        """Numbered exactly as the model; each entry is a bookmark and links back to every citation of it."""
        anchors = self.ctx.anchors
        for ref in m.cited_references(self.ctx.doc):
            p = self.paragraph(Where("Reference"))
            ident = anchors.next_id()
            ooxml.bookmark_start(p._p, ident, anchors.name("reference", ref.id))
            self.inlines.write(p, (m.Text(f"[{ref.number}]\t"), *reference_inlines(ref, self.ctx.doc)),
                               Fmt(tooltip=ref.title))
            ooxml.bookmark_end(p._p, ident)
            links = backlinks(ref, self.ctx.doc)
            if len(links) > 1:
                self.inlines.text(p, f" {self.ctx.word('back_to_text')}:")
            for link in links:
                self.inlines.text(p, " ")
                self.inlines.internal_link(p, anchors.name("citation", link.target), link.text, link.name)

    def further_reading(self) -> None:
        """Uncited works: a bulleted list, no numbers, nothing to link back to."""
        num_id = self.ctx.list_id(False)
        for ref in m.further_reading(self.ctx.doc):
            self.inlines.write(self.list_paragraph("List Bullet", num_id, 0), reference_inlines(ref, self.ctx.doc),
                               Fmt(tooltip=ref.title))

    # ------------------------------------------------------------ blocks

    def paragraph(self, where: Where) -> Paragraph:
        p = self.ctx.add_paragraph(self.body, where.style)
        if where.indent:
            p.paragraph_format.left_indent = Twips(self.ctx.list_indent * where.indent)
        return p

    def blocks(self, blocks: tuple[m.Block, ...], where: Where) -> None:
        for block in blocks:
            self.block(block, where)

    def block(self, block: m.Block, where: Where) -> None:
        if isinstance(block, m.Paragraph):
            if _has_content(block.children):  # never an empty paragraph: spacing comes from styles
                self.inlines.write(self.paragraph(where), block.children)
        elif isinstance(block, m.ListBlock):
            self.list_block(block, where)
        elif isinstance(block, m.Quote):
            self.blocks(block.blocks, replace(where, style="Quote", indent=0))
        elif isinstance(block, m.Note):
            self.note(block, where)
        elif isinstance(block, m.ResourceList):
            self.item_list([((m.Link(r.url, (m.Text(r.name),)), m.Text(" "), *r.description), r.note, False)
                            for r in block.items], where)
        elif isinstance(block, m.QuestionList):
            self.item_list([(q.question, q.answer, True) for q in block.items], where)
        elif isinstance(block, m.Figure):
            self.figure(block)
        else:
            self.table(block)

    def list_block(self, block: m.ListBlock, where: Where) -> None:
        depth = where.depth + 1
        num_id = self.ctx.list_id(block.ordered, block.start)
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            rest = item
            if item and isinstance(item[0], m.Paragraph) and _has_content(item[0].children):
                self.inlines.write(self.list_paragraph(style, num_id, depth), item[0].children)
                rest = item[1:]
            self.blocks(rest, Where("List Continue", depth, depth + 1))

    def item_list(self, items: list[tuple[tuple[m.Inline, ...], tuple[m.Block, ...], bool]], where: Where) -> None:
        """Resources and questions: a bulleted list whose items may carry a note or an answer below."""
        depth = where.depth + 1
        num_id = self.ctx.list_id(False)
        below = Where("List Continue", depth, depth + 1)
        for head, blocks, is_answer in items:
            self.inlines.write(self.list_paragraph("List Bullet", num_id, depth), head)
            if blocks and is_answer:
                label = self.paragraph(below)
                label.paragraph_format.keep_with_next = True
                self.inlines.text(label, self.ctx.word("answer"), Fmt(bold=True))
            self.blocks(blocks, below)

    def list_paragraph(self, style: str, num_id: int, depth: int) -> Paragraph:
        p = self.ctx.add_paragraph(self.body, style)
        ooxml.set_numbering(p._p.get_or_add_pPr(), num_id, min(depth, 8))
        return p

    def note(self, block: m.Note, where: Where) -> None:
        label = self.paragraph(Where("Note"))
        label.paragraph_format.keep_with_next = True
        self.inlines.text(label, block.title or self.ctx.word(block.kind), Fmt(bold=True))
        self.blocks(block.blocks, Where("Note", where.depth))

    def figure(self, block: m.Figure) -> None:
        if Path(block.path).suffix.lower() == ".svg":
            # python-docx cannot embed SVG and nothing here rasterises it: say what it shows instead.
            if not block.decorative:
                self.inlines.text(self.paragraph(Where("Figure")), f"{self.ctx.word('figure')}: {block.alt}")
        else:
            run = self.paragraph(Where("Figure")).add_run()
            try:
                shape = run.add_picture(io.BytesIO(image_bytes(block)))  # the bytes the reader checked
            except (UnrecognizedImageError, OSError) as exc:
                raise RenderError(Diagnostic(Location(block.path), f"cannot embed this image in DOCX: {exc}",
                                             "save it as PNG or JPEG")) from exc
            section = self.ctx.document.sections[-1]
            room = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
            if room > 0 and shape.width > room:  # scale down to the text column, keeping the aspect ratio
                shape.height, shape.width = Emu(round(shape.height * room / shape.width)), Emu(room)
            ooxml.set_alt_text(shape._inline, "" if block.decorative else block.alt, block.decorative)
        if block.caption:
            self.inlines.write(self.paragraph(Where("Caption")), block.caption)

    def table(self, block: m.Table) -> None:
        if block.caption:
            caption = self.paragraph(Where("Table Caption"))
            self.inlines.text(caption, block.caption)
        table = self.body.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table._tbl.tblStyle_val = self.ctx.style_id("Data Table")
        section = self.ctx.document.sections[-1]
        room = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        widths = column_widths(block, Emu(room).twips if room > 0 else 9360)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Twips(width)
        for row, cells in zip(table.rows, (block.header, *block.rows), strict=True):
            for cell, content, width in zip(row.cells, cells, widths, strict=True):
                cell.width = Twips(width)
                p = cell.paragraphs[0]
                self.ctx.set_style(p, "Table Text")
                self.inlines.write(p, content)
        # Word's accessibility checker wants alternative text on every table: without a caption,
        # the header cells are the table's name, as they are its description in every format.
        name = block.caption or ", ".join(m.inline_text(cell) for cell in block.header)
        ooxml.mark_table(table._tbl, name, block.summary or name, self.ctx.rtl)


def column_widths(block: m.Table, room: int) -> list[int]:
    """Twips per column, shared out by content: in proportion to each column's longest cell (capped at
    60 characters, so one long sentence cannot take every line), never weighed below its longest word.

    python-docx gives every column the same width; Word (autofit) and LibreOffice (the grid) then
    wrap a column of one-word cells as much as a column of sentences.
    """
    rows = (block.header, *block.rows)
    texts = [[m.inline_text(row[i]) for row in rows] for i in range(len(block.header))]
    words = [max((len(w) for t in col for w in t.split()), default=1) + 1 for col in texts]
    longest = [max(min(max((len(t) for t in col), default=1), 60), w) for col, w in zip(texts, words, strict=True)]
    total = sum(longest)
    shares = [room * n // total for n in longest]
    shares[-1] += room - sum(shares)  # the grid adds up to the room exactly
    return shares


def _has_content(inlines: tuple[m.Inline, ...]) -> bool:
    return bool(m.inline_text(inlines).strip())


def deepest_level(doc: m.Document) -> int:
    return max((s.level for s in m.walk_sections(doc.sections)), default=1)
