"""``--reference-docx``: an organisation's template gives styles, page size and header; its body goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm, Pt, RGBColor
from docx_xml import NS, SEED, Docx, W, paragraph_text

from publisher.cli import main
from publisher.document import model as m
from publisher.errors import RenderError
from publisher.render import RenderOptions


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A branded template: maroon Georgia headings, A4 paper, its own header, a body to discard."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x7B, 0x2C, 0x00)
    heading.font.size = Pt(30)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "Organisation letterhead"
    document.add_paragraph("TEMPLATE BODY TEXT that must not survive")
    document.add_heading("Template heading", 1)
    document.core_properties.author = "Jane Template"
    document.styles.add_style("Org Special", WD_STYLE_TYPE.PARAGRAPH)
    path = tmp_path_factory.mktemp("template") / "brand.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def branded(template: Path, seed_doc: m.Document) -> Docx:
    from publisher.render.docx import render
    from publisher.render.layout import Layout

    return Docx(render(seed_doc, Layout(), RenderOptions(reference_docx=template)))


def style(out: Docx, style_id: str) -> object:
    return out.styles.find(f"w:style[@w:styleId='{style_id}']", NS)


def test_template_styles_win(branded: Docx) -> None:
    heading = style(branded, "Heading1")
    assert heading.find("w:rPr/w:rFonts", NS).get(W + "ascii") == "Georgia"
    assert heading.find("w:rPr/w:color", NS).get(W + "val") == "7B2C00"
    assert heading.find("w:rPr/w:sz", NS).get(W + "val") == "60"
    assert style(branded, "OrgSpecial") is not None


def test_missing_styles_are_added_from_the_style_map(branded: Docx) -> None:
    for style_id in ("Hyperlink", "Note", "DataTable", "Reference", "InlineCode"):
        assert style(branded, style_id) is not None, style_id


def test_template_page_size_and_header_win_and_our_footer_fills_the_gap(branded: Docx, seed_doc: m.Document) -> None:
    sect = branded.document.find("w:body/w:sectPr", NS)
    size = sect.find("w:pgSz", NS)
    assert (size.get(W + "w"), size.get(W + "h")) == ("11906", "16838")
    rels = branded.rels()
    r_id = f"{{{NS['r']}}}id"
    header = branded.xml("word/" + rels[sect.find("w:headerReference", NS).get(r_id)].get("Target"))
    assert [paragraph_text(p) for p in header.findall("w:p", NS)] == ["Organisation letterhead"]
    footer = branded.xml("word/" + rels[sect.find("w:footerReference", NS).get(r_id)].get("Target"))
    assert [i.text.strip() for i in footer.iter(W + "instrText")] == ["PAGE", "NUMPAGES"]


def test_template_body_and_properties_are_discarded(branded: Docx, seed_doc: m.Document) -> None:
    texts = [paragraph_text(p) for p in branded.body_paragraphs()]
    assert not any("TEMPLATE" in t or "Template heading" in t for t in texts)
    assert texts[0] == seed_doc.title
    props = branded.python_docx().core_properties
    assert props.author == seed_doc.publisher.name


def test_cli_reference_docx_flag_reaches_the_renderer(template: Path, tmp_path: Path) -> None:
    status = main(["build", str(SEED), "--format", "docx", "--reference-docx", str(template), "-o", str(tmp_path)])
    assert status == 0
    out = Docx((tmp_path / "leiomyosarcoma.docx").read_bytes())
    assert out.styles.find("w:style[@w:styleId='Heading1']/w:rPr/w:color", NS).get(W + "val") == "7B2C00"


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_bad_reference_docx_is_a_render_error(tmp_path: Path, seed_doc: m.Document, content: bytes,
                                                render_docx: Callable[..., Docx]) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    with pytest.raises(RenderError, match=r"bad\.docx"):
        render_docx(seed_doc, RenderOptions(reference_docx=bad))


def test_a_missing_reference_docx_is_a_render_error(tmp_path: Path, seed_doc: m.Document,
                                                    render_docx: Callable[..., Docx]) -> None:
    with pytest.raises(RenderError, match=r"missing\.docx"):
        render_docx(seed_doc, RenderOptions(reference_docx=tmp_path / "missing.docx"))
