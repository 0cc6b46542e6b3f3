"""Walks the document model and writes its headings and blocks into the Word body."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph

from publisher.document import model as m
from publisher.document.bibliography import reference_inlines
from publisher.document.i18n import format_date
from publisher.errors import Diagnostic, Location, RenderError
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
        if doc.canonical_url:
            online = (m.Text(f"{word('online_version')}: "), m.Link(doc.canonical_url, (m.Text(doc.canonical_url),)))
            self.inlines.write(self.paragraph(Where("Document Info")), online, Fmt(tooltip=word("online_version")))

    def section(self, section: m.Section) -> None:
        self.heading(section.level, section.title, section.id)
        self.blocks(section.blocks, Where())
        if section.role == "references":
            self.references()
        for child in section.sections:
            self.section(child)

    def references(self) -> None:
        """Numbered exactly as the model; each entry is a bookmark and links back to its first citation."""
        anchors = self.ctx.anchors
        for ref in self.ctx.doc.references:
            p = self.paragraph(Where("Reference"))
            ident = anchors.next_id()
            ooxml.bookmark_start(p._p, ident, anchors.name("reference", ref.id))
            self.inlines.write(p, (m.Text(f"[{ref.number}]\t"), *reference_inlines(ref, self.ctx.doc)),
                               Fmt(tooltip=ref.title))
            ooxml.bookmark_end(p._p, ident)
            if ref.backlinks:
                self.inlines.text(p, " ")
                self.inlines.internal_link(p, anchors.name("citation", ref.backlinks[0]), self.ctx.word("back_to_text"))

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
        caption = self.paragraph(Where("Table Caption"))
        self.inlines.text(caption, block.caption)
        table = self.body.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table._tbl.tblStyle_val = self.ctx.style_id("Data Table")
        for row, cells in zip(table.rows, (block.header, *block.rows), strict=True):
            for cell, content in zip(row.cells, cells, strict=True):
                p = cell.paragraphs[0]
                self.ctx.set_style(p, "Table Text")
                self.inlines.write(p, content)
        ooxml.mark_table(table._tbl, block.caption, block.summary or block.caption, self.ctx.rtl)


def _has_content(inlines: tuple[m.Inline, ...]) -> bool:
    return bool(m.inline_text(inlines).strip())


def deepest_level(doc: m.Document) -> int:
    return max((s.level for s in m.walk_sections(doc.sections)), default=1)
