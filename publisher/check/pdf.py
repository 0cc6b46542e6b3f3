"""PDF rules (pikepdf): tagging, language, title, headings, bookmarks, fonts, figures, links, marked content."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pikepdf

from publisher.check.content import unowned_content
from publisher.check.headings import heading_order, outline_difference
from publisher.check.pdfpage import PageContext
from publisher.check.pdfpage import rules as page_rules
from publisher.check.pdfstructure import ExpectedStructure, StructureReading, structure_outcome
from publisher.check.pdfua import PdfuaContext
from publisher.check.pdfua import rules as pdfua_rules
from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.extract.model import Extract
from publisher.extract.pdf import TaggedText, annotation_uri, bookmarks, extract_pdf, link_annotations, open_pdf
from publisher.extract.pdftext import marked_runs
from publisher.extract.pdftree import StructTree, as_list, is_dict, name

BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass
class PdfContext:
    path: Path
    pdf: pikepdf.Pdf
    tree: StructTree
    expected: Callable[[], ExpectedStructure | None] = lambda: None  # from the source, when there is one

    @cached_property
    def extract(self) -> Extract:
        # Reading the text (pdfminer) is the slow part of a PDF check: only rules that need it pay.
        return extract_pdf(self.path)

    @cached_property
    def text(self) -> TaggedText:
        return TaggedText(marked_runs(self.path))  # marked_runs caches by content: read once per check


rules: RuleSet[PdfContext] = RuleSet()


@rules.rule("pdf.tagged", "pikepdf", "the catalog says the file is tagged (/MarkInfo /Marked true)")
def tagged(ctx: PdfContext) -> Outcome:
    info = ctx.pdf.Root.get("/MarkInfo")
    if is_dict(info) and bool(info.get("/Marked", False)):
        return passed("/MarkInfo /Marked is true")
    return failed("not a tagged PDF: /MarkInfo /Marked is missing or false — render with pdf_variant='pdf/ua-1'")


@rules.rule("pdf.struct-tree", "pikepdf", "a structure tree with elements and a /ParentTree")
def struct_tree(ctx: PdfContext) -> Outcome:
    if ctx.tree.root is None:
        return failed("no /StructTreeRoot: screen readers get no headings, lists or reading order")
    if not ctx.tree.elements:
        return failed("the /StructTreeRoot has no elements")
    if ctx.tree.root.get("/ParentTree") is None:
        return failed("the /StructTreeRoot has no /ParentTree: content cannot be mapped to its elements")
    ctx.tree.parent_tree()  # walked once here so that a loop in it is reported below
    if ctx.tree.problems:
        return failed(f"the structure tree cannot be read whole: {ctx.tree.problems[0]}", ctx.tree.problems)
    return passed(f"{sum(1 for _ in ctx.tree.iter())} structure elements")


@rules.rule("pdf.structure", "pikepdf",
            "one element per part of the source, across page breaks: Sect opens with its heading, one L per list "
            "with its items, one Table per table with its header once, one P per paragraph, /Lang on "
            "foreign-language parts")
def structure(ctx: PdfContext) -> Outcome:
    if ctx.tree.problems:
        return failed(f"the structure tree cannot be read whole: {ctx.tree.problems[0]}", ctx.tree.problems)
    lang = str(ctx.pdf.Root.get("/Lang", "")).strip()
    return structure_outcome(StructureReading(ctx.tree, lambda: ctx.text, lang), ctx.expected())


@rules.rule("pdf.lang", "pikepdf", "the catalog names the document language (/Lang, BCP 47)")
def lang(ctx: PdfContext) -> Outcome:
    value = str(ctx.pdf.Root.get("/Lang", "")).strip()
    if not value:
        return failed("the catalog has no /Lang: screen readers cannot pick the voice — set <html lang>")
    if not BCP47.match(value):
        return failed(f"/Lang {value!r} is not a BCP 47 language tag")
    return passed(f"/Lang {value}")


def _titles(pdf: pikepdf.Pdf) -> tuple[str, str]:
    """(XMP dc:title, /Info /Title)."""
    info = pdf.trailer.get("/Info")
    legacy = str(info.get("/Title", "")).strip() if is_dict(info) else ""
    if pdf.Root.get("/Metadata") is None:
        return "", legacy
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        return str(meta.get("dc:title", "") or "").strip(), legacy


@rules.rule("pdf.title", "pikepdf", "the XMP metadata has a dc:title (PDF/UA-1 §7.1), and /Info /Title agrees")
def title(ctx: PdfContext) -> Outcome:
    xmp, legacy = _titles(ctx.pdf)
    if not xmp:
        return failed("no dc:title in the XMP metadata: PDF/UA needs it — set <title>")
    if legacy and legacy != xmp:
        return failed(f"XMP dc:title {xmp!r} and /Info /Title {legacy!r} disagree")
    return passed(f"title {xmp!r}")


@rules.rule("pdf.display-doc-title", "pikepdf", "viewers show the title, not the file name")
def display_doc_title(ctx: PdfContext) -> Outcome:
    prefs = ctx.pdf.Root.get("/ViewerPreferences")
    if is_dict(prefs) and bool(prefs.get("/DisplayDocTitle", False)):
        return passed("/ViewerPreferences /DisplayDocTitle is true")
    return failed("/ViewerPreferences /DisplayDocTitle is not true: viewers show the file name")


@rules.rule("pdf.heading-order", "pikepdf", "H1–H6 elements start at H1, skip no level and are not empty")
def headings(ctx: PdfContext) -> Outcome:
    return heading_order(ctx.extract.outline, "H")


@rules.rule("pdf.outline", "pikepdf", "bookmarks exist and equal the headings (level and text)")
def outline(ctx: PdfContext) -> Outcome:
    marks = bookmarks(ctx.pdf)
    if not marks:
        return failed("the PDF has no bookmarks (/Outlines)")
    difference = outline_difference(tuple(marks), ctx.extract.outline, "bookmarks", "headings")
    return failed(difference) if difference else passed(f"{len(marks)} bookmarks match the headings")


def _embedded(font: Any) -> bool:
    subtype = name(font.get("/Subtype"))
    if subtype == "Type3":
        return True  # glyphs are drawn by content streams inside the font: nothing to embed
    if subtype == "Type0":
        return all(is_dict(d) and _embedded(d) for d in as_list(font.get("/DescendantFonts"))) \
            and bool(as_list(font.get("/DescendantFonts")))
    descriptor = font.get("/FontDescriptor")
    return is_dict(descriptor) and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@rules.rule("pdf.fonts-embedded", "pikepdf", "every font, descendant fonts included, is embedded")
def fonts_embedded(ctx: PdfContext) -> Outcome:
    fonts: dict[str, bool] = {}
    for obj in ctx.pdf.objects:
        if is_dict(obj) and name(obj.get("/Type")) == "Font" and name(obj.get("/Subtype")) != "CIDFontType0C":
            label = name(obj.get("/BaseFont")) or f"object {obj.objgen[0]}"
            fonts[label] = fonts.get(label, True) and _embedded(obj)
    missing = sorted(k for k, ok in fonts.items() if not ok)
    if missing:
        return failed(f"{len(missing)} font(s) not embedded: {', '.join(missing)}", missing)
    return passed(f"{len(fonts)} font(s), all embedded")


@rules.rule("pdf.figure-alt", "pikepdf", "every Figure element has /Alt (or /ActualText)")
def figure_alt(ctx: PdfContext) -> Outcome:
    figures = [e for e in ctx.tree.iter() if e.role == "Figure"]
    bare = [e for e in figures
            if not ((e.text_entry("/Alt") or "").strip() or (e.text_entry("/ActualText") or "").strip())]
    if bare:
        pages = sorted({e.page + 1 for e in bare})
        return failed(f"{len(bare)} of {len(figures)} Figure element(s) have no /Alt (pages {pages})")
    return passed(f"{len(figures)} Figure element(s), all with /Alt")


def _owner_links(ctx: PdfContext, annot: Any, parents: dict[int, Any]) -> bool:
    key = annot.get("/StructParent")
    if key is None:
        return False
    owner = parents.get(int(key))
    if not is_dict(owner) or ctx.tree.standard_role(name(owner.get("/S"))) != "Link":
        return False
    return any(is_dict(k) and name(k.get("/Type")) == "OBJR" and is_dict(k.get("/Obj"))
               and k.Obj.objgen == annot.objgen for k in as_list(owner.get("/K")))


@rules.rule("pdf.link-annotations", "pikepdf",
            "every Link annotation belongs to a Link element (/StructParent → ParentTree → OBJR)")
def link_annots(ctx: PdfContext) -> Outcome:
    parents = ctx.tree.parent_tree()
    total = 0
    orphans = []
    for page, annot in link_annotations(ctx.pdf):
        total += 1
        if not _owner_links(ctx, annot, parents):
            orphans.append(f"page {page + 1}: {annotation_uri(annot) or 'internal link'}")
    if orphans:
        return failed(f"{len(orphans)} of {total} link annotation(s) are not referenced from a Link element",
                      orphans)
    return passed(f"{total} link annotation(s), all in Link elements")


@rules.rule("pdf.marked-content", "pikepdf",
            "all page content is in the structure tree or an /Artifact, nothing drawn outside both")
def marked_content(ctx: PdfContext) -> Outcome:
    problems = unowned_content(ctx.pdf, ctx.tree.marked_refs())
    if problems:
        return failed(f"{len(problems)} piece(s) of content are neither tagged nor artifacts, e.g. {problems[0]}",
                      problems[:20])
    return passed("every marked-content sequence is in the structure tree or an artifact")


def check_pdf(path: Path, selection: Selection, ci: bool = False,
              expected: Callable[[], ExpectedStructure | None] = lambda: None,
              ) -> tuple[list[RuleResult], Callable[[], Extract]]:
    """The PDF rules' results, and the file's extract on demand (for the fidelity rules).

    ``expected``: the source's structure (for ``pdf.structure``), loaded only if that rule runs.
    """
    with open_pdf(path) as pdf:
        ctx = PdfContext(path, pdf, StructTree(pdf), expected)
        results = rules.run(ctx, path, selection)
    results += pdfua_rules.run(PdfuaContext(path, ci), path, selection)
    results += page_rules.run(PageContext(path, ci), path, selection)
    return results, lambda: ctx.extract
