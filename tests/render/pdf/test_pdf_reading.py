"""The handout read as a screen reader reads it: one logical tree across page breaks, languages, links, print."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from handouts import FIGURES, LINE_BREAK, LONG_TABLE, RICH, SEED, SPANISH, VARIANTS, Handout, handout
from pdf_inspect import Elem, elem_text

from publisher.check.pdf import check_pdf
from publisher.check.pdfstructure import expected_structure
from publisher.check.result import Selection, Status

EVERY_BLOCK = Path(__file__).resolve().parents[2] / "fixtures" / "docx" / "every-block.yaml"
SOURCES = {"seed": SEED, "spanish": SPANISH, "figures": FIGURES, "rich": RICH, "long-table": LONG_TABLE,
           "every-block": EVERY_BLOCK}
CASES = [(name, variant) for name in SOURCES for variant in VARIANTS]


@pytest.mark.parametrize(("name", "variant"), CASES, ids=[f"{n}-{v}" for n, v in CASES])
def test_structure_and_page_validation_pass(name: str, variant: str, tmp_path: Path) -> None:
    h = handout(SOURCES[name], variant)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(h.data)
    results, _ = check_pdf(path, Selection(only=("pdf.structure", "pdf.page-validation", "pdf.struct-tree")),
                           ci=True, expected=lambda: expected_structure(h.doc))
    assert [r.rule for r in results] == ["pdf.struct-tree", "pdf.structure", "pdf.page-validation"]
    for result in results:
        assert result.status is Status.PASS, (result.line(), result.details)


def _elements(h: Handout, tag: str) -> list[Elem]:
    return [e for e in h.tree.walk() if e.tag == tag]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_table_across_pages_is_one_table_with_its_header_once(variant: str) -> None:
    h = handout(LONG_TABLE, variant)
    assert len(h.pdf.pages) >= 2
    [table] = _elements(h, "Table")
    [table_data] = [b for s in h.doc.sections for b in s.blocks if type(b).__name__ == "Table"]
    heads = [e for e in table.walk() if e.tag == "TH"]
    assert [elem_text(e, h.glyphs) for e in heads] == ["Visit", "What happens"]
    rows = [e for e in table.walk() if e.tag == "TR" and any(k.tag == "TD" for k in e.kids)]
    assert len(rows) == len(table_data.rows)
    pages = {page for row in rows for page, _ in row.all_marks()}
    assert len(pages) >= 2, "the table must cross a page break for this test to mean anything"
    # The header row printed again on later pages is a pagination artifact, read by nobody.
    for index in sorted(pages)[1:]:
        artifact = "".join(g.text for g in h.glyphs[index] if g.artifact)
        assert "Visit" in artifact and "What happens" in artifact, (index, artifact)
    # Every data cell's /Headers names header cells that are in the tree.
    ids = set()
    stack = [h.pdf.Root.StructTreeRoot]
    cells = []
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == "/TH":
                    ids.add(str(kid.ID))
                elif kid.S == "/TD":
                    cells.append(kid)
                stack.append(kid)
    assert cells and all({str(x) for x in cell.A.Headers} <= ids and len(cell.A.Headers) == 1 for cell in cells)
    # The caption is on the page of the first rows.
    [caption] = [e for e in table.walk() if e.tag == "Caption"]
    assert {p for p, _ in caption.all_marks()} == {min(pages)}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_sect_opens_with_its_heading_and_lists_are_whole(variant: str) -> None:
    h = handout(SEED, variant)
    sects = _elements(h, "Sect")
    assert sects and all(s.kids and s.kids[0].tag in ("H2", "H3", "H4", "H5", "H6") for s in sects)
    expected = expected_structure(h.doc)
    assert [sum(1 for k in lst.kids if k.tag == "LI") for lst in _elements(h, "L")] == list(expected.lists)


def test_foreign_language_parts_have_lang() -> None:
    """The Spanish handout's English reference titles and the Greek word of the figures fixture."""
    for source, lang, words in ((SPANISH, "en", "What is Leiomyosarcoma?"), (FIGURES, "el", "λειομύωμα")):
        for variant in VARIANTS:
            h = handout(source, variant)
            stack = [h.pdf.Root.StructTreeRoot]
            tagged = []
            while stack:
                node = stack.pop()
                kids = node.get("/K")
                for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        if "/Lang" in kid:
                            tagged.append(str(kid.Lang))
                        stack.append(kid)
            assert lang in tagged, (source.name, variant, tagged)
            assert words in elem_text(h.tree, h.glyphs)


def test_link_annotations_say_what_the_link_is() -> None:
    h = handout(SEED, "letter")
    contents = [str(a.Contents) for page in h.pdf.pages for a in page.get("/Annots", ())
                if a.get("/Subtype") == "/Link"]
    titles = {ref.number: ref.title for ref in h.doc.references}
    citations = [c for c in contents if c.startswith("Reference ")]
    assert citations and all(c.split(":", 1)[1].strip() == titles[int(c.split()[1].rstrip(":"))] for c in citations)
    assert "Orphanet (www.orpha.net)" in contents
    assert not [c for c in contents if c.startswith("ref-") or c.startswith("#")]


def test_figure_boxes_are_on_the_page_in_user_space(any_handout: Handout) -> None:
    pdf = any_handout.pdf
    pages = {page.obj.objgen: page for page in pdf.pages}
    stack = [pdf.Root.StructTreeRoot]
    figures = 0
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if kid.S == "/Figure":
                    figures += 1
                    x1, y1, x2, y2 = (float(v) for v in kid.A.BBox)
                    _, _, width, height = (float(v) for v in pages[kid.Pg.objgen].MediaBox)
                    assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height
                stack.append(kid)
    assert figures


@pytest.mark.parametrize("source", [SEED, SPANISH, FIGURES, LONG_TABLE])
def test_large_print_sets_every_glyph_at_18_points_or_more(source: Path) -> None:
    """Measured from the PDF's glyphs (pdfminer), margins, header, footer and artifacts included."""
    h = handout(source, "large-print")
    sizes = {(g.size, g.text) for page in h.glyphs for g in page if not g.text.isspace()}
    assert sizes
    small = sorted(s for s in sizes if s[0] < 18 - 0.01)
    assert not small, small[:10]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_no_paragraph_breaks_after_its_first_word_and_no_citation_starts_a_line(variant: str) -> None:
    """The line-break fixture: WeasyPrint 70 alone left "Doctors" alone on some first lines (by text position)."""
    h = handout(LINE_BREAK, variant)
    paragraphs = [e for e in h.tree.walk() if e.tag == "P"]
    assert len(paragraphs) > 40
    for paragraph in paragraphs:
        marks = set(paragraph.all_marks())
        glyphs = [g for page, gs in enumerate(h.glyphs) for g in gs if (page, g.mcid) in marks and not g.artifact]
        lines: dict[tuple[int, float], str] = {}
        for page, gs in enumerate(h.glyphs):
            for g in gs:
                if (page, g.mcid) in marks and not g.artifact:
                    lines[(page, g.y)] = lines.get((page, g.y), "") + g.text
        ordered = [text for _, text in sorted(lines.items(), key=lambda kv: (kv[0][0], -kv[0][1]))]
        assert glyphs and len(ordered[0].split()) > 1, ordered[:2]
        assert not any(line.lstrip().startswith("[") for line in ordered[1:]), ordered


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_loose_item_and_its_nested_list_are_inside_the_item_with_the_sources_numbers(variant: str) -> None:
    h = handout(EVERY_BLOCK, variant)
    for item in _elements(h, "LI"):
        assert [k.tag for k in item.kids if k.tag != "Lbl"] == ["LBody"], [k.tag for k in item.kids]
    for lst in _elements(h, "L"):
        assert {k.tag for k in lst.kids} <= {"LI", "Caption"}
    # "3. third item", "4. fourth item, with a nested list:" and the two nested bullets inside item 4.
    numbered = next(lst for lst in _elements(h, "L") if "third item" in elem_text(lst, h.glyphs))
    labels = [elem_text(next(k for k in item.kids if k.tag == "Lbl"), h.glyphs).strip() for item in numbered.kids]
    assert labels == ["3.", "4."]
    body = next(k for k in numbered.kids[1].kids if k.tag == "LBody")
    assert [k.tag for k in body.kids] == ["P", "L"]
    assert "another nested bullet" in elem_text(body.kids[1], h.glyphs)


def test_a_caption_is_never_left_at_a_pages_foot_without_its_table(tmp_path: Path) -> None:
    """Slide a captioned table down the page one filler line at a time, across a whole page break: whatever
    the fonts, some offset puts the caption on the last line of a page; it must always share its first row's page."""
    from pdf_inspect import struct_tree

    from publisher.build.plan import BuildPlan
    from publisher.build.render import load
    from publisher.render.layout import Layout
    from publisher.render.pdf import render

    text = LONG_TABLE.read_text(encoding="utf-8")
    head, rows = text.split("          rows:\n", 1)
    short = head + "          rows:\n" + "".join(rows.splitlines(keepends=True)[:3])
    crossed = set()
    for filler in range(0, 48):
        lines = "".join(f"      Filler line {i}.\n\n" for i in range(filler))
        source = tmp_path / f"slide-{filler}.yaml"
        source.write_text(short.replace("    body: |\n", "    body: |\n" + lines, 1), encoding="utf-8")
        doc = load(source, BuildPlan(out_dir=tmp_path))
        pdf = pikepdf.open(io.BytesIO(render(doc, Layout(), VARIANTS["letter"])))
        [table] = [e for e in struct_tree(pdf).walk() if e.tag == "Table"]
        [caption] = [e for e in table.walk() if e.tag == "Caption"]
        first_row = next(e for e in table.walk() if e.tag == "TR")
        caption_pages = {p for p, _ in caption.all_marks()}
        row_pages = {p for p, _ in first_row.all_marks()}
        assert caption_pages == {min(row_pages)}, (filler, caption_pages, row_pages)
        crossed.add(min(row_pages))
    assert len(crossed) >= 2, "the table never moved to the next page: slide it further"
