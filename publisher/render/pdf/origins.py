"""Which laid-out box, and so which HTML element, each structure element WeasyPrint 70 made comes from.

WeasyPrint tags page by page (``weasyprint/pdf/tags.py``, upstream issue 2903): an
element that a page break splits gets one structure element per page, and nothing
in the PDF objects says that two of them are one element. What it does give a
finisher is the laid-out document: ``document.pages[n]._page_box``, the box tree that
page's structure elements were built from. Every fragment of a split element is a
box whose ``element`` is the *same* parsed HTML element (the same lxml object on
both pages), while a new sibling has another one. So the two can be told apart
without a marker in the markup, provided each structure element is paired with
its box.

``add_tags`` creates the structure elements in a fixed order: one page after the
other, and within a page in the pre-order of ``_build_box_tree``. :func:`box_order`
walks the same boxes in the same order (a mirror of that function's branching, kept
beside it line for line), and :func:`origins` pairs the two sequences. The pairing
is checked element by element against the /S WeasyPrint wrote: a WeasyPrint whose
tagging walks differently makes :class:`OriginMismatch` rise, never a silent wrong
join. (pyproject pins WeasyPrint to 70.x for this.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf.tags import _get_pdf_tag


class OriginMismatch(RuntimeError):
    """WeasyPrint's structure elements are not the ones its boxes predict (WeasyPrint's tagging changed)."""


@dataclass(frozen=True)
class Origin:
    """Where one structure element comes from."""

    box: Any  # the weasyprint box
    text: bool  # a leaf that WeasyPrint wraps around one text fragment (no element of its own)

    @property
    def element(self) -> Any:
        """The parsed HTML element (lxml), shared by every fragment of a split element; None if anonymous."""
        return None if self.text else self.box.element

    @property
    def repeated(self) -> bool:
        """A table header or footer row group: WeasyPrint lays it out again on every page of its table."""
        return bool(getattr(self.box, "is_header", False) or getattr(self.box, "is_footer", False))


def box_order(box: Any, parent_tag: str) -> Iterator[tuple[str, Origin]]:
    """(tag, origin) of every structure element ``_build_box_tree(box, parent)`` creates, in creation order."""
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    element_tag = None if box.element is None else box.element_tag
    tag = _get_pdf_tag(element_tag)
    if element_tag in ("html", "body") or isinstance(box, boxes.PageBox):
        if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
            for child in box.children:
                yield from box_order(child, parent_tag)
            return
    elif isinstance(box, boxes.MarginBox):
        # Built but never attached to the tree (artifacts.py turns their content into artifacts).
        for child in box.children:
            yield from box_order(child, parent_tag)
        return
    elif tag in ("TD", "TH"):
        if parent_tag in ("TD", "TH"):
            tag = "NonStruct"
    elif tag == "LI":
        no_bullet_li = box.element_tag == "li" and (
            "list-item" not in box.style["display"] or box.style["list_style_type"] == "none")
        if parent_tag == "LI":
            tag = "LBody"
        elif parent_tag == "LBody":
            tag = "NonStruct"
        elif box.element_tag in ("dt", "dd") or no_bullet_li:
            # WeasyPrint wraps the box in an LI and builds the box itself again inside it, as an LBody.
            yield "LI", Origin(box, False)
            yield from box_order(box, "LI")
            return
    yield tag, Origin(box, False)
    if tag == "Table" and box.is_table_wrapper:
        table = box.get_wrapped_table()
        if table:
            children = [c for child in box.children for c in (child.children if child is table else [child])]
            box = table.copy_with_children(children)
    if box.widget_annotation:
        yield "Form", Origin(box, False)
    for child in box.children:
        for grandchild in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(grandchild, boxes.TextBox):
                if tag != "Link":
                    yield "Span", Origin(grandchild, True)
            else:
                nested_list = grandchild.element_tag in ("ul", "ol") and tag == "LI"
                yield from box_order(grandchild, parent_tag if nested_list else tag)


def origins(document: Any, pdf: pydyf.PDF, root: Any) -> dict[int, Origin]:
    """Object number of every structure element WeasyPrint made -> its origin."""
    # add_tags adds the /Document element right after the StructTreeRoot, then each page's elements.
    start = number_of(root["K"][0]) + 1
    created: list[Any] = [obj for obj in pdf.objects[start:]
                          if isinstance(obj, dict) and obj.get("Type") == "/StructElem"]
    predicted = [pair for page in document.pages for pair in box_order(page._page_box, "Document")]
    if len(created) != len(predicted):
        raise OriginMismatch(f"WeasyPrint made {len(created)} structure elements, its boxes predict {len(predicted)}")
    out: dict[int, Origin] = {}
    for obj, (tag, origin) in zip(created, predicted, strict=True):
        if obj["S"] != f"/{tag}":
            raise OriginMismatch(f"structure element {obj.number} is {obj['S']}, its box predicts /{tag}")
        out[obj.number] = origin
    return out


def number_of(ref: object) -> int:
    if isinstance(ref, bytes) and ref.endswith(b" R"):
        return int(ref.split()[0])
    raise OriginMismatch(f"not an indirect reference: {ref!r}")
