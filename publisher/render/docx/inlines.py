"""Model inlines to Word runs, hyperlinks and citation links."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, cast

from docx.oxml import OxmlElement
from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from publisher.document import model as m
from publisher.render.docx import ooxml
from publisher.render.docx.context import Context


@dataclass(frozen=True)
class Fmt:
    """Formatting inherited from enclosing inlines."""

    italic: bool = False
    bold: bool = False
    code: bool = False
    lang: str = ""
    link: bool = False  # inside a w:hyperlink: Word cannot nest them
    # A ScreenTip for links whose text is their address (printed references need the
    # address), so a screen reader can announce what the link is, not only where it goes.
    tooltip: str = ""


class InlineWriter:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.references = {r.id: r for r in ctx.doc.references}

    def write(self, paragraph: Paragraph, inlines: tuple[m.Inline, ...], fmt: Fmt | None = None) -> None:
        self._emit(paragraph._p, paragraph, inlines, fmt or Fmt())

    def text(self, paragraph: Paragraph, text: str, fmt: Fmt | None = None) -> None:
        self.run(paragraph._p, paragraph, text, fmt or Fmt())

    def internal_link(self, paragraph: Paragraph, bookmark: str, text: str, tooltip: str = "") -> None:
        link = ooxml.internal_link(paragraph._p, bookmark, tooltip)
        self.run(link, paragraph, text, Fmt(link=True))

    def _emit(self, container: Any, paragraph: Paragraph, nodes: tuple[m.Inline, ...], fmt: Fmt) -> None:
        for node in nodes:
            if isinstance(node, m.Text):
                self.run(container, paragraph, node.text, fmt)
            elif isinstance(node, m.Code):
                self.run(container, paragraph, node.text, replace(fmt, code=True))
            elif isinstance(node, m.Emphasis):
                self._emit(container, paragraph, node.children, replace(fmt, italic=True))
            elif isinstance(node, m.Strong):
                self._emit(container, paragraph, node.children, replace(fmt, bold=True))
            elif isinstance(node, m.Span):
                self._emit(container, paragraph, node.children, replace(fmt, lang=node.lang))
            elif isinstance(node, m.LineBreak):
                self.run(container, paragraph, "", fmt).add_break()
            elif isinstance(node, m.Link):
                if fmt.link:  # a link inside a link: keep the text, drop the inner target
                    self._emit(container, paragraph, node.children, fmt)
                else:
                    tip = fmt.tooltip if m.inline_text(node.children) == node.url else ""
                    link = ooxml.external_link(container, paragraph.part, node.url, tip)
                    self._emit(link, paragraph, node.children, replace(fmt, link=True))
            else:
                self._citation(container, paragraph, node, fmt)

    def _citation(self, container: Any, paragraph: Paragraph, node: m.Citation, fmt: Fmt) -> None:
        """``[N]`` linking to the reference, inside a bookmark the reference's back-links return to."""
        label = f"[{node.number}]"
        ref = self.references.get(node.ref_id)
        if fmt.link or ref is None:
            self.run(container, paragraph, label, fmt)
            return
        anchors = self.ctx.anchors
        ident = anchors.next_id()
        ooxml.bookmark_start(container, ident, anchors.name("citation", node.id))
        link = ooxml.internal_link(container, anchors.name("reference", ref.id))
        self.run(link, paragraph, label, replace(fmt, link=True))
        ooxml.bookmark_end(container, ident)

    def run(self, container: Any, paragraph: Paragraph, text: str, fmt: Fmt) -> Run:
        r = cast(CT_R, OxmlElement("w:r"))
        container.append(r)
        run = Run(r, paragraph)
        if fmt.link:
            r.style = self.ctx.style_id("Hyperlink")
        elif fmt.code:
            r.style = self.ctx.style_id("Inline Code")
        rtl = ooxml.is_rtl_text(text)
        if fmt.italic or fmt.bold or fmt.lang or rtl:
            rpr = r.get_or_add_rPr()
            if fmt.bold:
                ooxml.set_toggle(rpr, "b", True)
            if fmt.italic:
                ooxml.set_toggle(rpr, "i", True)
            if rtl:  # Word orders and shapes a run's text right to left only when told
                ooxml.set_run_rtl(rpr)
            if fmt.lang:
                ooxml.set_run_lang(rpr, fmt.lang)
        if text:
            run.text = ooxml.xml_text(text)
        return run
