"""Extract outline, references, links and text from a tagged PDF: the structure tree, read in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from pdfminer.pdfparser import PDFSyntaxError

from publisher.extract.model import Extract, external
from publisher.extract.pdftext import Glyph, Run, join_glyphs, marked_runs
from publisher.extract.pdftree import BLOCK_ROLES, Element, MarkedRef, StructTree, as_list, is_dict, name
from publisher.extract.sniff import unusable
from publisher.extract.text import REFERENCE_TITLES, normalize

_NUMBER = re.compile(r"\d+")


def open_pdf(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        raise unusable(path, f"not a readable PDF: {exc}", "rebuild it with publisher build") from None


_PAGE_BREAK = Glyph(" ", 0, 0, 0, 0)


class TaggedText:
    """Text of structure elements, from the glyphs of the marked content they own."""

    def __init__(self, runs: dict[tuple[int, int], Run]) -> None:
        self.runs = runs

    def _add(self, out: list[Glyph], ref: MarkedRef, last_page: list[int]) -> None:
        run = self.runs.get((ref.page, ref.mcid))
        if run is None:
            return
        if out and last_page and last_page[0] != ref.page:
            out.append(_PAGE_BREAK)  # a page break between runs is a word boundary
        out.extend(run.glyphs)
        last_page[:] = [ref.page]

    def glyphs(self, element: Element) -> list[Glyph]:
        out: list[Glyph] = []
        last_page: list[int] = []
        for ref in element.marked():
            self._add(out, ref, last_page)
        return out

    def text(self, element: Element | None) -> str:
        return normalize(join_glyphs(self.glyphs(element))) if element is not None else ""

    def lines(self, element: Element) -> Iterator[str]:
        """Reading-order text, one block element per line (an explicit stack: trees may be deep)."""
        pending: list[Glyph] = []
        last_page: list[int] = []
        stack = [iter(element.kids)]
        while stack:
            for kid in stack[-1]:
                if isinstance(kid, Element) and kid.role in BLOCK_ROLES:
                    if pending:
                        yield normalize(join_glyphs(pending))
                        pending = []
                    stack.append(iter(kid.kids))
                    break
                if isinstance(kid, Element):
                    for ref in kid.marked():
                        self._add(pending, ref, last_page)
                elif isinstance(kid, MarkedRef):
                    self._add(pending, kid, last_page)
            else:
                stack.pop()
                if pending:
                    yield normalize(join_glyphs(pending))
                    pending = []


def annotation_uri(annot: Any) -> str:
    action = annot.get("/A")
    if is_dict(action) and name(action.get("/S")) == "URI" and action.get("/URI") is not None:
        return bytes(action.URI).decode("utf-8", "replace") if isinstance(action.URI, pikepdf.String) \
            else str(action.URI)
    return ""


def link_annotations(pdf: pikepdf.Pdf) -> Iterator[tuple[int, Any]]:
    for index, page in enumerate(pdf.pages):
        for annot in as_list(page.obj.get("/Annots")):
            if is_dict(annot) and name(annot.get("/Subtype")) == "Link":
                yield index, annot


def bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The document outline (bookmarks) as (depth, title), depth 1 at the top."""
    out: list[tuple[int, str]] = []
    outlines = pdf.Root.get("/Outlines")
    if not is_dict(outlines):
        return out
    seen: set[tuple[int, int]] = set()
    # Depth first without recursion: an outline may be deep, or its /First and /Next may loop.
    stack: list[tuple[Any, int]] = [(outlines.get("/First"), 1)]
    while stack:
        item, depth = stack.pop()
        if not is_dict(item) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        out.append((depth, normalize(str(item.get("/Title", "")))))
        stack.append((item.get("/Next"), depth))
        stack.append((item.get("/First"), depth + 1))
    return out


def _references(tree: StructTree, text: TaggedText) -> list[tuple[int, str]]:
    """Items of the lists after the references heading, up to the next heading.

    WeasyPrint starts a new structure subtree per page, so a list that crosses a page
    break is two L elements: all of them count.
    """
    elements = list(tree.iter())
    start = next((i for i, e in enumerate(elements)
                  if e.heading_level and text.text(e) in REFERENCE_TITLES), None)
    if start is None:
        return []
    out = []
    inside: set[int] = set()  # ids of elements within a list already taken (nested lists are not entries)
    for element in elements[start + 1:]:
        if element.heading_level:
            break
        if element.role != "L" or id(element) in inside:
            continue
        inside.update(id(e) for e in element.iter())
        for item in (k for k in element.kids if isinstance(k, Element) and k.role == "LI"):
            label = next((k for k in item.kids if isinstance(k, Element) and k.role == "Lbl"), None)
            digits = _NUMBER.search(text.text(label))
            uris = (annotation_uri(ref.obj) for ref in item.objects() if is_dict(ref.obj))
            out.append((int(digits.group()) if digits else 0, next((u for u in uris if external(u)), "")))
    return out


def extract_pdf(path: Path) -> Extract:
    with open_pdf(path) as pdf:
        tree = StructTree(pdf)
        try:
            text = TaggedText(marked_runs(path))
        except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
            raise unusable(path, f"cannot read the PDF's text: {exc}", "rebuild it with publisher build") from None
        links: list[str] = []
        for _page, annot in link_annotations(pdf):
            uri = annotation_uri(annot)
            if external(uri) and uri not in links:
                links.append(uri)
        return Extract(
            path=path,
            format="pdf",
            outline=tuple((e.heading_level, text.text(e)) for e in tree.iter() if e.heading_level),
            references=tuple(_references(tree, text)),
            links=tuple(links),
            text="\n".join(line for e in tree.elements for line in text.lines(e) if line),
        )
