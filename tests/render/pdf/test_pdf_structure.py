"""The handout is a tagged PDF/UA-1 file whose structure matches the document model."""

from __future__ import annotations

import itertools
import re

import pikepdf
from handouts import Handout
from pdf_inspect import Elem, elem_text

from publisher.document.model import outline

HEADING = re.compile(r"H([1-6])")


def headings(h: Handout) -> list[tuple[int, str]]:
    out = []
    for elem in h.tree.walk():
        match = HEADING.fullmatch(elem.tag)
        if match:
            out.append((int(match[1]), elem_text(elem, h.glyphs).strip()))
    return out


def expected_outline(h: Handout) -> list[tuple[int, str]]:
    return [(e.level, e.title) for e in outline(h.doc)]


def test_structure_tree_is_present_and_marked(any_handout: Handout) -> None:
    root = any_handout.pdf.Root
    assert "/StructTreeRoot" in root
    assert root.MarkInfo.Marked is True
    [document] = any_handout.tree.kids
    assert document.tag == "Document"
    assert len(list(document.walk())) > 20


def test_every_marked_content_is_in_the_tree_or_an_artifact(any_handout: Handout) -> None:
    """PDF/UA-1 7.1: no content is left both untagged and not an artifact (margin boxes included)."""
    pdf = any_handout.pdf
    claimed = set(any_handout.tree.all_marks())
    artifacts = 0
    for index, page in enumerate(pdf.pages):
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BT", "Tj", "TJ", "'", '"', "Do", "f", "S", "B"):
                assert depth > 0, f"page {index + 1}: {op} drawn outside any marked content"
            if op in ("BDC", "BMC"):
                depth += 1
                tag = str(operands[0])
                if tag == "/Artifact":
                    artifacts += 1
                    continue
                assert op == "BDC" and "/MCID" in operands[1], f"page {index + 1}: {tag} without an MCID"
                mcid = int(operands[1].MCID)
                assert (index, mcid) in claimed, f"page {index + 1}: MCID {mcid} ({tag}) is not in the tree"
            elif op == "EMC":
                depth -= 1
        assert depth == 0
        for name, xobject in page.Resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Form":
                assert b"/MCID" not in xobject.read_bytes(), f"{name}: marked content inside a form XObject"
    assert artifacts > 0


def test_artifacts_hold_only_the_running_header_and_footer(any_handout: Handout) -> None:
    """Margin content became artifacts, and no body text did (the artifact rule hides nothing else)."""
    doc = any_handout.doc
    pages = len(any_handout.pdf.pages)
    for index, glyphs in enumerate(any_handout.glyphs):
        text = "".join(g.text for g in glyphs if g.artifact)
        footer = (f"{doc.strings['page']} {index + 1} {doc.strings['of']} {pages} · "
                  f"{doc.strings['last_reviewed']} ")
        assert footer in text
        header = doc.title if index else ""
        if any_handout.variant != "large-print" and index:
            header += doc.publisher.name
        rest = text.replace(footer, "", 1)
        assert rest.startswith(header), (index, text)
        # What is left is the review date, and nothing from the body.
        assert re.fullmatch(r"[\w ,.]+", rest[len(header):]), (index, text)


def test_heading_tags_follow_the_outline(any_handout: Handout) -> None:
    assert headings(any_handout) == expected_outline(any_handout)


def test_heading_levels_are_never_skipped(any_handout: Handout) -> None:
    levels = [level for level, _ in headings(any_handout)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1


def test_bookmarks_equal_the_headings(any_handout: Handout) -> None:
    found: list[tuple[int, str]] = []

    def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            found.append((level, item.title))
            walk(item.children, level + 1)

    with any_handout.pdf.open_outline() as outline_:
        walk(outline_.root, 1)
    assert found == expected_outline(any_handout)


def test_document_language_title_and_pdfua_identification(any_handout: Handout) -> None:
    pdf, doc = any_handout.pdf, any_handout.doc
    assert str(pdf.Root.Lang) == doc.language
    assert str(pdf.docinfo.Title) == doc.title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    meta = pdf.open_metadata()
    assert meta["dc:title"] == doc.title
    assert meta["pdfuaid:part"] == "1"
    assert pdf.pdf_version == "1.7"


def test_lists_are_tagged_as_lists(any_handout: Handout) -> None:
    lists = [e for e in any_handout.tree.walk() if e.tag == "L"]
    assert lists
    for lst in lists:
        assert lst.kids and all(item.tag == "LI" for item in lst.kids)
        for item in lst.kids:
            assert any(part.tag == "LBody" for part in item.kids)


def test_links_are_link_elements_with_their_annotations(any_handout: Handout) -> None:
    """Every link annotation is owned by a Link element, and a wrapped link is one element."""
    links = [e for e in any_handout.tree.walk() if e.tag == "Link"]
    assert links and all(link.has_link_annotation for link in links)
    annotated = sum(1 for e in any_handout.tree.walk() if e.has_link_annotation)
    assert annotated == len(links), "a non-Link element owns a link annotation"
    owned = sum(1 for page in any_handout.pdf.pages for a in page.get("/Annots", ())
                if a.get("/Subtype") == "/Link" and "/StructParent" in a)
    total = sum(1 for page in any_handout.pdf.pages for a in page.get("/Annots", ()) if a.get("/Subtype") == "/Link")
    assert owned == total


def figures_of(tree: Elem) -> list[Elem]:
    return [e for e in tree.walk() if e.tag == "Figure"]


def test_figures_have_alternate_text(figures: Handout) -> None:
    doc = figures.doc
    alts = [f.alt for f in figures_of(figures.tree)]
    # The bar chart and the QR code; the decorative image is a CSS background, not a Figure.
    assert alts == [doc.strings["qr_alt"], "Bar chart of how often three signs occur; pain is the most common."]


def test_qr_code_figure_and_printed_address(seed: Handout) -> None:
    doc = seed.doc
    [qr] = figures_of(seed.tree)
    assert qr.alt == doc.strings["qr_alt"]
    # Whitespace removed: a long address wraps, and a line end reads as a space.
    text = re.sub(r"\s+", "", elem_text(seed.tree, seed.glyphs))
    assert re.sub(r"\s+", "", f"{doc.strings['online_version']}: {doc.canonical_url}Summary") in text


def test_tables_have_header_cells_with_scope(figures: Handout) -> None:
    [table] = [e for e in figures.tree.walk() if e.tag == "Table"]
    heads = [e for e in table.walk() if e.tag == "TH"]
    assert [elem_text(e, figures.glyphs) for e in heads] == ["Test", "What it shows"]
    cells = [e for e in table.walk() if e.tag == "TD"]
    assert len(cells) == 4
    th_objects = [o for o, _ in _struct_objects(figures.pdf) if o.get("/S") == "/TH"]
    assert all(o.A.Scope == "/Column" for o in th_objects)
    td_objects = [o for o, _ in _struct_objects(figures.pdf) if o.get("/S") == "/TD"]
    assert all(len(o.A.Headers) == 1 for o in td_objects)


def _struct_objects(pdf: pikepdf.Pdf) -> list[tuple[pikepdf.Dictionary, None]]:
    """Every structure element reachable from the root, read with pikepdf (not with the renderer's code)."""
    found: list[tuple[pikepdf.Dictionary, None]] = []
    stack: list[pikepdf.Object] = [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((node, None))
            stack.append(node.get("/K", pikepdf.Array()))
    return found
