"""Page size, margins, running header (the title) and footer (page X of Y, review date)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.section import Section
from docx.shared import Inches, Twips
from docx.text.paragraph import Paragraph

from publisher.document.i18n import format_date
from publisher.render import Paper, edition
from publisher.render.docx import ooxml
from publisher.render.docx.context import Context
from publisher.render.docx.inlines import InlineWriter

PAPER = {"letter": (Twips(12240), Twips(15840)), "a4": (Twips(11906), Twips(16838))}


def set_page(section: Section, paper: Paper, margins_in: float) -> None:
    section.page_width, section.page_height = PAPER[paper]
    margin = Inches(margins_in)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Inches(margins_in / 2)


def write_header_footer(document: DocxDocument, ctx: Context, *, keep_template: bool) -> None:
    """Our header and footer, unless the organisation's template defines its own."""
    writer = InlineWriter(ctx)
    doc = ctx.doc
    for section in document.sections:
        # is_linked_to_previous is python-docx's "this section has no header/footer of its own".
        if not (keep_template and not section.header.is_linked_to_previous):
            section.header.is_linked_to_previous = False
            p = _first_paragraph(section.header.paragraphs, ctx, "Header")
            writer.text(p, doc.title)
        if not (keep_template and not section.footer.is_linked_to_previous):
            section.footer.is_linked_to_previous = False
            p = _first_paragraph(section.footer.paragraphs, ctx, "Footer")
            writer.text(p, f"{ctx.word('page')} ")
            ooxml.add_field(p._p, "PAGE", "1")
            writer.text(p, f" {ctx.word('of')} ")
            ooxml.add_field(p._p, "NUMPAGES", "1")
            reviewed = ctx.add_paragraph(section.footer, "Footer")
            label = edition.label(doc)
            writer.text(reviewed, f"{ctx.word('last_reviewed')}: {format_date(doc.last_reviewed, doc.language)}"
                        + (f". {label}" if label else ""))


def _first_paragraph(paragraphs: list[Paragraph], ctx: Context, style: str) -> Paragraph:
    p = paragraphs[0]  # a new header or footer part holds one empty paragraph
    ctx.set_style(p, style)
    return p
