"""DOCX extraction from a document made with python-docx: heading levels via styles, links, references."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph

from publisher.extract.docx import extract_docx


def add_link(paragraph: Paragraph, url: str, text: str) -> None:
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_field_link(paragraph: Paragraph, url: str) -> None:
    for kind, instr in (("begin", None), (None, f' HYPERLINK "{url}" '), ("end", None)):
        run = OxmlElement("w:r")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.text = instr
            run.append(code)
        paragraph._p.append(run)


def test_docx_extract(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Title", level=1)
    intro = document.add_paragraph("Read ")
    add_link(intro, "https://example.org/a", "this page")
    intro.add_run(" now.\u00adHyphen")
    # A custom style based on Heading 2 is a level-2 heading too (outline level through basedOn).
    custom = document.styles.add_style("Branded Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Branded section", style="Branded Heading")
    document.add_heading("Deeper", level=3)
    document.add_heading("References", level=2)
    first = document.add_paragraph("1. Entry one ")
    add_link(first, "https://example.org/r1", "https://example.org/r1")
    second = document.add_paragraph("[2] Entry two ")
    add_field_link(second, "https://example.org/r2")
    document.add_heading("After", level=2)
    document.add_paragraph("3. Not a reference: after the next heading.")
    path = tmp_path / "made.docx"
    document.save(str(path))

    found = extract_docx(path)
    assert found.outline == ((1, "Title"), (2, "Branded section"), (3, "Deeper"), (2, "References"), (2, "After"))
    assert found.references == ((1, "https://example.org/r1"), (2, "https://example.org/r2"))
    assert found.links == ("https://example.org/a", "https://example.org/r1", "https://example.org/r2")
    assert "Read this page now.Hyphen" in found.text.splitlines()
