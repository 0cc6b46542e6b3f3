"""The Word body in reading order as items: headings, paragraphs by role, list items, tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from publisher.authoring.importer.draft import Note
from publisher.authoring.importer.package import Package, attr, w

# Paragraph roles, from the style name (lower case) Word and our own DOCX writer use.
QUOTES = ("quote", "intense quote")
NOTES = ("note",)
SKIPPED = ("toc heading",)


@dataclass
class Cell:
    paragraphs: list[Any]  # w:p elements
    merged: bool = False


@dataclass
class TableItem:
    rows: list[list[Cell]]
    header_marked: bool  # w:tblHeader on the first row
    caption: str = ""  # w:tblCaption
    description: str = ""  # w:tblDescription
    nested: bool = False


@dataclass
class Item:
    kind: str  # title, heading, para, list, continue, quote, caption, table-caption, note, table
    where: str  # "paragraph 12", "table 2"
    element: Any = None  # the w:p
    level: int = 0  # a heading's 1-based Word level
    ilvl: int = 0  # a list item's level
    ordered: bool = False
    start: int = 1
    list_id: str = ""
    table: TableItem | None = None
    bookmarks: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def items(package: Package) -> tuple[list[Item], list[Note]]:
    """Every item of the body, and notes about parts that have no item (a table of contents, text boxes)."""
    found: list[Item] = []
    notes: list[Note] = []
    counter = {"p": 0, "tbl": 0}
    toc = False
    for el in _flatten(package.body, notes):
        local = el.tag.rsplit("}", 1)[-1]
        counter[local] += 1
        if local == "tbl":
            found.append(Item("table", f"table {counter['tbl']}", table=_table(el)))
            continue
        where = f"paragraph {counter['p']}"
        style = package.style_name(package.paragraph_style(el)).lower()
        if style.startswith("toc") or style in SKIPPED:
            if not toc:
                notes.append(Note("the table of contents was not imported; every format builds its own", where))
                toc = True
            continue
        item = Item(_kind(package, el, style), where, el,
                    bookmarks=[attr(b, "name") for b in el.iter(w("bookmarkStart"))])
        if item.kind in ("title", "heading"):
            item.level = max(package.heading_level(el), 0)
        elif item.kind == "list":
            num = package.list_info(el)
            assert num is not None
            item.list_id, item.ilvl = num
            item.ordered, item.start = package.list_format(*num)
        found.append(item)
    return found, notes


def _kind(package: Package, p: Any, style: str) -> str:
    level = package.heading_level(p)
    if level == -1:
        return "title"
    if level > 0:
        return "heading"
    if style.startswith("list continue"):
        return "continue"
    if package.list_info(p) is not None:
        return "list"
    if style in QUOTES:
        return "quote"
    if style == "caption":
        return "caption"
    if style == "table caption":
        return "table-caption"
    if style in NOTES:
        return "note"
    return "para"


def _flatten(body: Any, notes: list[Note]) -> Iterator[Any]:
    """Paragraphs and tables of the body; content controls are opened, a table of contents is left out."""
    for el in body:
        local = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if local in ("p", "tbl"):
            yield el
        elif local == "sdt":
            gallery = el.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
            if gallery is not None and "contents" in attr(gallery, "val").lower():
                notes.append(Note("the table of contents was not imported; every format builds its own",
                                  "a content control"))
                continue
            content = el.find(w("sdtContent"))
            if content is not None:
                yield from _flatten(content, notes)
        elif local in ("customXml", "ins", "moveTo"):
            yield from _flatten(el, notes)
        elif local not in ("sectPr", "bookmarkStart", "bookmarkEnd", "del", "moveFrom", "proofErr", ""):
            notes.append(Note(f"a Word element '{local}' in the body was not imported", "the document body"))


def _table(tbl: Any) -> TableItem:
    rows: list[list[Cell]] = []
    for tr in tbl.findall(w("tr")):
        cells = []
        for tc in tr.findall(w("tc")):
            pr = tc.find(w("tcPr"))
            span = int(attr(pr.find(w("gridSpan")), "val") or 1) if pr is not None else 1
            vmerge = pr is not None and pr.find(w("vMerge")) is not None
            cells.append(Cell(tc.findall(w("p")), span > 1 or vmerge))
            cells.extend(Cell([], True) for _ in range(span - 1))
        rows.append(cells)
    first = tbl.find(w("tr"))
    marked = first is not None and first.find(f"{w('trPr')}/{w('tblHeader')}") is not None
    pr = tbl.find(w("tblPr"))
    caption = attr(pr.find(w("tblCaption")), "val") if pr is not None else ""
    description = attr(pr.find(w("tblDescription")), "val") if pr is not None else ""
    nested = any(True for _ in tbl.iter(w("tbl"))) and len(list(tbl.iter(w("tbl")))) > 1
    return TableItem(rows, marked, caption.strip(), description.strip(), nested)
