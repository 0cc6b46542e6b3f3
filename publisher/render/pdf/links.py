"""One link annotation per piece of link text and one /Link element per link (WeasyPrint 70 fixes).

Nested annotations: WeasyPrint gives every box inside an ``<a>`` the link too
(``link = box.link or parent_link`` in anchors.py), so ``<a><strong>x</strong></a>``
yields two annotations with the same rectangle and target, one owned by the Link
element and one by the NonStruct element of ``<strong>``. Assistive technology
then finds the link twice. An annotation whose structure element sits inside a
Link element with the same target is removed (from the page, the tree and the
/ParentTree); the Link element's own annotation covers the same text.

Split links: every line fragment of a wrapped link gets its own annotation and
its own Link element; join.py joins them into one Link element (one element per
``<a>``), which may own several annotations, one per line.

Descriptions: WeasyPrint sets an annotation's /Contents (what a screen reader
announces for the link) to the raw target: "ref-1" for a citation, the URL for a
link. ``describe_links`` says what each link is instead: "Reference 1: <title>" for a
citation, "<link text> (<host>)" for an external link.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf

from publisher.document.model import Document
from publisher.render.pdf.origins import Origin
from publisher.render.pdf.structure import Tree, text

_SPACE = re.compile(r"\s+")


def _annotation_target(tree: Tree, kid: object) -> str | None:
    """Where a link annotation referenced by an OBJR goes (URI or destination), or None."""
    objr = tree.get(kid)
    if not (isinstance(objr, dict) and objr.get("Type") == "/OBJR"):
        return None
    annot = tree.get(objr.get("Obj"))
    if not isinstance(annot, dict) or annot.get("Subtype") != "/Link":
        return None
    action = annot.get("A")
    if isinstance(action, dict) and "URI" in action:
        return f"uri:{text(action['URI'])}"
    if isinstance(action, dict) and "D" in action:
        return f"dest:{text(action['D'])}"
    if "Dest" in annot:
        return f"dest:{text(annot['Dest'])}"
    return None


def _target(tree: Tree, elem: Any) -> str | None:
    """Where a Link element goes: its first annotation's target."""
    return next((t for kid in elem.get("K", ()) if (t := _annotation_target(tree, kid)) is not None), None)


def drop_nested_link_annotations(tree: Tree) -> int:
    """Remove annotations that repeat an enclosing Link element's; return how many were removed."""
    removed = 0
    stack: list[tuple[Any, frozenset[str]]] = [(tree.root, frozenset())] if isinstance(tree.root, dict) else []
    while stack:
        node, outer = stack.pop()
        kids = node.get("K")
        if not isinstance(kids, list):
            continue
        kept = []
        for kid in kids:
            target = _annotation_target(tree, kid)
            if target is not None and target in outer:
                objr = tree.get(kid)
                annot_ref = objr.get("Obj")
                page = tree.get(objr.get("Pg"))
                if isinstance(page, dict) and "Annots" in page:
                    page["Annots"] = pydyf.Array(a for a in page["Annots"] if a != annot_ref)
                annot = tree.get(annot_ref)
                if "StructParent" in annot:
                    tree.remove_parent(annot["StructParent"])
                annot.clear()  # nothing refers to it any more (see Tree.discard_unreachable)
                removed += 1
            else:
                kept.append(kid)
        if len(kept) != len(kids):
            node["K"] = pydyf.Array(kept)
        inner = outer | {t for kid in kept if (t := _annotation_target(tree, kid)) is not None}
        for kid in kept:
            child = tree.get(kid)
            if isinstance(child, dict) and child.get("Type") not in ("/MCR", "/OBJR"):
                stack.append((child, inner))
    return removed


def link_description(element: Any, doc: Document) -> str | None:
    """What a link annotation of the HTML ``<a>`` element says it is, or None to leave WeasyPrint's."""
    href = (element.get("href") or "").strip()
    label = _SPACE.sub(" ", "".join(element.itertext()).replace("\u2060", "")).strip()  # no word joiners
    if href.startswith("#"):
        ref = next((r for r in doc.references if r.id == href[1:]), None)
        if ref is not None:
            return f"{doc.strings['reference']} {ref.number}: {_SPACE.sub(' ', ref.title).strip()}"
        return label or None
    parts = urlsplit(href)
    where = parts.hostname or unquote(parts.path)  # mailto:/tel: have no host: their address
    if not where or where.lower() in label.lower():
        return label or href
    return f"{label} ({where})" if label else where


def describe_links(tree: Tree, origins: dict[int, Origin], doc: Document) -> int:
    """Set every Link element's annotations' /Contents from its ``<a>``; return how many were set."""
    described = 0
    for elem in tree.elements():
        origin = origins.get(elem.number)
        if elem.get("S") != "/Link" or origin is None or origin.element is None:
            continue
        description = link_description(origin.element, doc)
        if description is None:
            continue
        for kid in elem.get("K", ()):
            objr = tree.get(kid)
            annot = tree.get(objr.get("Obj")) if isinstance(objr, dict) and objr.get("Type") == "/OBJR" else None
            if isinstance(annot, dict) and annot.get("Subtype") == "/Link":
                annot["Contents"] = pydyf.String(description)
                described += 1
    return described
