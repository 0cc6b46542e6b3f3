"""A Word handout made the way an office makes one, with python-docx: the importer's hand-made fixture."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

ROOT = Path(__file__).parents[2]
PICTURE = ROOT / "tests" / "fixtures" / "docx" / "images" / "shapes.png"


def hyperlink(paragraph, text: str, url: str) -> None:  # type: ignore[no-untyped-def]
    """Word's own markup for a link: python-docx has no API for writing one."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def language(run, tag: str) -> None:  # type: ignore[no-untyped-def]
    rpr = run._r.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


def make_handout(path: Path, alt: str | None = "A dark blue square beside a blue circle.") -> Path:
    doc = Document()
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    rpr.append(lang)
    doc.core_properties.title = "Dry Skin Care"
    doc.core_properties.keywords = "dry skin; eczema"

    doc.add_paragraph("Dry Skin Care", style="Title")
    intro = doc.add_paragraph("Dry skin is common. It is ")
    intro.add_run("not").bold = True
    intro.add_run(" a sign of a serious illness. In Spanish it is called ")
    spanish = intro.add_run("piel seca")
    language(spanish, "es-ES")
    intro.add_run(".")

    doc.add_heading("Care at home", level=1)
    p = doc.add_paragraph("Wash with warm water, then use a cream. Read the ")
    hyperlink(p, "skin care guide from the health office", "https://example.org/skin-care")
    p.add_run(" to learn more.")
    doc.add_paragraph("Use soap that has no smell.", style="List Bullet")
    doc.add_paragraph("Drink lots of water.", style="List Bullet")
    line = doc.add_paragraph("Pat your skin dry.", style="List Number")
    line.add_run().add_break(WD_BREAK.LINE)
    line.add_run("Do not rub it.")
    doc.add_paragraph("Put on cream each day.", style="List Number")

    doc.add_heading("Creams", level=2)
    doc.add_paragraph("Thick creams work best. The table shows how often to use them.")
    doc.add_paragraph("How often to use each cream", style="Caption")
    table = doc.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("Cream", "How often"), ("Thick cream", "Twice a day"),
                                        ("Ointment", "At night")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))

    doc.add_heading("Pictures", level=3)
    doc.add_paragraph("This picture shows the shapes of two jars.")
    shape = doc.add_paragraph().add_run().add_picture(str(PICTURE), width=Inches(1))
    doc_pr = shape._inline.docPr
    if alt is not None:
        doc_pr.set("descr", alt)

    doc.add_heading("When to call", level=1)
    doc.add_paragraph("Call your doctor if your skin bleeds or hurts.")
    doc.save(str(path))
    return path
