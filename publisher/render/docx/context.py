"""What the DOCX walker and inline writer share while one document is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from publisher.document import model as m
from publisher.render.docx import ooxml
from publisher.render.docx.anchors import Anchors


@dataclass
class Context:
    doc: m.Document
    document: DocxDocument
    list_indent: int  # twips per list level
    list_hanging: int  # twips
    anchors: Anchors = field(default_factory=Anchors)
    _styles: dict[str, str] = field(default_factory=dict)

    @property
    def rtl(self) -> bool:
        return self.doc.direction == "rtl"

    def style_id(self, name: str) -> str:
        """A style's id by its name, looked up once.

        Assigning style objects through python-docx's proxies rescans every style
        of the template for the default one on each paragraph: most of the render time.
        """
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = self.document.styles[name].style_id
        return found

    def add_paragraph(self, container: Any, style: str) -> Paragraph:
        """A new paragraph at the end of ``container`` (the body, a cell, a header) in ``style``."""
        p: Paragraph = container.add_paragraph()
        self.set_style(p, style)
        return p

    def set_style(self, paragraph: Paragraph, style: str) -> None:
        paragraph._p.style = self.style_id(style)

    def list_id(self, ordered: bool, start: int = 1) -> int:
        """A fresh numbering instance for every list, bulleted ones too: Word, screen readers and converters
        tell lists apart by it, so two lists sharing one would be read as one list when nothing separates them."""
        numbering = self.document.part.numbering_part.element
        return ooxml.add_list_definition(numbering, ordered, start, self.list_indent, self.list_hanging)

    def word(self, key: str) -> str:
        """A fixed word from ``doc.strings``; a missing key shows as itself rather than failing."""
        return self.doc.strings.get(key, key.replace("_", " ").capitalize())
