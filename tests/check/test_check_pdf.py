"""Every PDF rule passes on the seed and fails, naming the file and the rule, on a PDF broken for it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from check_fixtures import NAMES, Checked
from check_mutate import edit_pdf, elements, first

PDF_RULES = ["pdf.tagged", "pdf.struct-tree", "pdf.lang", "pdf.title", "pdf.display-doc-title", "pdf.heading-order",
             "pdf.outline", "pdf.fonts-embedded", "pdf.figure-alt", "pdf.link-annotations", "pdf.marked-content",
             "pdf.pdfua", "pdf.structure", "pdf.page-validation"]


def test_seed_pdfs_pass_every_pdf_rule(outputs: Path, run_check: Callable[..., Checked]) -> None:
    pdf, large = outputs / NAMES["pdf"], outputs / NAMES["large-print.pdf"]
    result = run_check(pdf, large)
    assert result.status == 0, result.out
    for path in (pdf, large):
        for rule in PDF_RULES:
            assert f"{path}: {rule}: fail" not in result.out
    assert "0 failed" in result.out


def drop_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def drop_mark_info(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/MarkInfo"]


def drop_struct_tree(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]


def drop_xmp(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Metadata"]


def drop_display_doc_title(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def skip_heading_level(pdf: pikepdf.Pdf) -> None:
    first(pdf, "/H2").S = pikepdf.Name("/H3")  # H1 then H3


def drop_bookmarks(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Outlines"]


def unembed_font(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in obj:
                    del obj[key]
                    return
    raise AssertionError("no embedded font to remove")


def figure_without_alt(pdf: pikepdf.Pdf) -> None:
    first(pdf, "/P").S = pikepdf.Name("/Figure")


def orphan_link_annotation(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") == "/Link":
                del annot["/StructParent"]
                return
    raise AssertionError("no link annotation")


def orphan_marked_content(pdf: pikepdf.Pdf) -> None:
    span = next(e for e in elements(pdf) if e.get("/S") == "/Span" and isinstance(e.get("/K"), pikepdf.Array))
    span.K = pikepdf.Array([])  # its MCID stays in the page, referenced by nothing


def untagged_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    font = next(iter(page.Resources.Font.keys()))
    page.contents_add(pdf.make_stream(f"BT {font} 9 Tf 20 20 Td (stray) Tj ET".encode()), prepend=False)


def split_list(pdf: pikepdf.Pdf) -> None:
    """The first list with two items or more becomes two L elements, as a page break left it before the join."""
    lst = next(e for e in elements(pdf) if e.get("/S") == "/L" and sum(1 for k in e.K if k.get("/S") == "/LI") >= 2)
    parent = lst.P
    items = list(lst.K)
    second = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.L, P=parent,
                                                  K=pikepdf.Array(items[-1:]), Pg=lst.Pg))
    items[-1].P = second
    lst.K = pikepdf.Array(items[:-1])
    kids = list(parent.K)
    index = next(i for i, k in enumerate(kids) if k.objgen == lst.objgen)
    parent.K = pikepdf.Array([*kids[: index + 1], second, *kids[index + 1 :]])


def headless_sect(pdf: pikepdf.Pdf) -> None:
    """A section's heading moves out of it: the Sect no longer opens with its heading."""
    sect = first(pdf, "/Sect")
    kids = list(sect.K)
    sect.K = pikepdf.Array([*kids[1:], kids[0]])


MUTATIONS = [
    ("pdf.lang", drop_lang),
    ("pdf.tagged", drop_mark_info),
    ("pdf.struct-tree", drop_struct_tree),
    ("pdf.title", drop_xmp),
    ("pdf.display-doc-title", drop_display_doc_title),
    ("pdf.heading-order", skip_heading_level),
    ("pdf.outline", drop_bookmarks),
    ("pdf.fonts-embedded", unembed_font),
    ("pdf.figure-alt", figure_without_alt),
    ("pdf.link-annotations", orphan_link_annotation),
    ("pdf.marked-content", orphan_marked_content),
    ("pdf.marked-content", untagged_text),
    # pdfua, the independent checker, sees the missing language, tags, tree and figure alt text too.
    ("pdf.pdfua", drop_lang),
    ("pdf.pdfua", drop_mark_info),
    ("pdf.pdfua", drop_struct_tree),
    ("pdf.pdfua", figure_without_alt),
    ("pdf.pdfua", untagged_text),
    ("pdf.structure", split_list),
    ("pdf.structure", headless_sect),
    # page-validation, the second independent checker, sees the missing language and tree.
    ("pdf.page-validation", drop_lang),
    ("pdf.page-validation", drop_struct_tree),
]


@pytest.mark.parametrize(("rule", "mutate"), MUTATIONS, ids=[f"{r}-{m.__name__}" for r, m in MUTATIONS])
def test_rule_fails_on_a_pdf_broken_for_it(rule: str, mutate: Callable[[pikepdf.Pdf], None], outputs: Path,
                                           run_check: Callable[..., Checked]) -> None:
    path = edit_pdf(outputs / NAMES["pdf"], mutate)
    result = run_check(path, "--rule", rule)
    assert result.status == 1, result.out
    assert result.failed(path, rule), result.out


def test_large_print_pdf_is_checked_too(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_pdf(outputs / NAMES["large-print.pdf"], drop_lang)
    result = run_check(outputs / NAMES["pdf"], path)
    assert result.status == 1
    assert result.failed(path, "pdf.lang")
    assert not result.failed(outputs / NAMES["pdf"], "pdf.lang")


def test_a_pdf_missing_a_heading_fails_fidelity(outputs: Path, run_check: Callable[..., Checked]) -> None:
    def drop_prognosis(pdf: pikepdf.Pdf) -> None:
        heading = [e for e in elements(pdf) if e.get("/S") == "/H2"][3]  # Summary, Diagnosis, Treatment, Prognosis
        heading.S = pikepdf.Name("/P")

    path = edit_pdf(outputs / NAMES["pdf"], drop_prognosis)
    result = run_check(*(outputs / n for n in NAMES.values()))
    assert result.status == 1
    assert result.failed(path, "fidelity.outline")
    assert "missing level 2 'Prognosis'" in result.out
    assert not result.failed(outputs / NAMES["html"], "fidelity.outline")
