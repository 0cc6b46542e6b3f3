"""Figures and tables: alt text, the decorative flag, header rows and table alt text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_xml import FIXTURES, NS, Docx, W, paragraph_text, style_id

from publisher.document import model as m
from publisher.errors import RenderError


def figures(doc: m.Document) -> list[m.Figure]:
    return [b for b in m.all_blocks(doc) if isinstance(b, m.Figure)]


def test_images_carry_alt_text_or_the_decorative_flag(rich_docx: Docx, rich_doc: m.Document) -> None:
    drawn = rich_docx.document.findall(".//wp:inline", NS)
    assert len(drawn) == len(figures(rich_doc)) == 2
    for inline, figure in zip(drawn, figures(rich_doc), strict=True):
        doc_pr = inline.find("wp:docPr", NS)
        decorative = doc_pr.find("a:extLst/a:ext/adec:decorative", NS)
        if figure.decorative:
            assert doc_pr.get("descr") == ""
            assert decorative is not None and decorative.get("val") == "1"
            assert decorative.getparent().get("uri") == "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
        else:
            assert doc_pr.get("descr") == figure.alt
            assert inline.find(".//pic:cNvPr", NS).get("descr") == figure.alt
            assert decorative is None


def test_images_are_embedded_and_fit_the_text_column(rich_docx: Docx) -> None:
    media = [n for n in rich_docx.names() if n.startswith("word/media/")]
    assert len(media) == 2
    assert all(rich_docx.zip.read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in media)
    for extent in rich_docx.document.iter(f"{{{NS['wp']}}}extent"):
        assert 0 < int(extent.get("cx")) <= 6.5 * 914400


def test_a_wide_image_is_scaled_to_the_column(rich_doc: m.Document, tmp_path: Path,
                                              render_docx: Callable[..., Docx]) -> None:
    from PIL import Image

    wide = tmp_path / "wide.png"
    Image.new("RGB", (3000, 300), "navy").save(wide)
    figure = m.Figure(str(wide), "A wide navy band.")
    doc = dataclasses.replace(rich_doc, sections=(m.Section("Wide", "wide", 2, (figure,)),))
    extent = render_docx(doc).document.find(".//wp:extent", NS)
    width, height = int(extent.get("cx")), int(extent.get("cy"))
    assert width == 6.5 * 914400  # letter, 1 inch margins
    assert abs(width / height - 10) < 0.01


def test_figure_caption_follows_the_image(rich_docx: Docx) -> None:
    paragraphs = rich_docx.body_paragraphs()
    first = next(i for i, p in enumerate(paragraphs) if p.find(".//wp:inline", NS) is not None)
    assert style_id(paragraphs[first]) == "Figure"
    assert style_id(paragraphs[first + 1]) == "Caption"
    assert paragraph_text(paragraphs[first + 1]) == "Two shapes, for the figure test."


def test_table_has_a_repeating_header_row_and_alt_text(rich_docx: Docx, rich_doc: m.Document) -> None:
    (table,) = rich_docx.document.findall(".//w:tbl", NS)
    (model_table,) = [b for b in m.all_blocks(rich_doc) if isinstance(b, m.Table)]
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    look = table.find("w:tblPr/w:tblLook", NS)
    assert look.get(W + "firstRow") == "1" and look.get(W + "firstColumn") == "0"
    assert int(look.get(W + "val"), 16) & 0x0020  # the legacy bitmask says first row too
    assert table.find("w:tblPr/w:tblCaption", NS).get(W + "val") == model_table.caption
    assert table.find("w:tblPr/w:tblDescription", NS).get(W + "val") == model_table.summary
    # Simple structure (Word's checker warns on merged or split cells).
    assert table.find(".//w:gridSpan", NS) is None and table.find(".//w:vMerge", NS) is None
    assert [[paragraph_text(c) for c in r.findall("w:tc", NS)] for r in rows] == [
        [m.inline_text(c) for c in row] for row in (model_table.header, *model_table.rows)]


def test_table_style_formats_the_first_row(rich_docx: Docx) -> None:
    (table,) = rich_docx.document.findall(".//w:tbl", NS)
    style_ref = table.find("w:tblPr/w:tblStyle", NS).get(W + "val")
    style = rich_docx.styles.find(f"w:style[@w:styleId='{style_ref}']", NS)
    first_row = style.find("w:tblStylePr[@w:type='firstRow']", NS)
    assert first_row.find("w:rPr/w:b", NS) is not None


def test_table_caption_is_visible_before_the_table(rich_docx: Docx) -> None:
    body = list(rich_docx.document.find("w:body", NS))
    table_at = next(i for i, el in enumerate(body) if el.tag == W + "tbl")
    assert paragraph_text(body[table_at - 1]) == "Doses by age"
    assert style_id(body[table_at - 1]) == "TableCaption"


def test_an_unreadable_image_is_a_render_error_naming_the_file(rich_doc: m.Document, tmp_path: Path,
                                                               render_docx: Callable[..., Docx]) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png at all")
    doc = dataclasses.replace(rich_doc, sections=(m.Section("S", "s", 2, (m.Figure(str(broken), "Alt."),)),))
    with pytest.raises(RenderError, match=r"broken\.png"):
        render_docx(doc)


def test_svg_figures_fall_back_to_their_alt_text(rich_doc: m.Document, render_docx: Callable[..., Docx]) -> None:
    svg = FIXTURES / "images" / "shapes.svg"
    doc = dataclasses.replace(rich_doc, sections=(m.Section("S", "s", 2, (m.Figure(str(svg), "Two shapes."),)),))
    out = render_docx(doc)
    assert "Figure: Two shapes." in [paragraph_text(p) for p in out.body_paragraphs()]
    assert out.document.find(".//wp:inline", NS) is None
