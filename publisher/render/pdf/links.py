"""One link annotation per piece of link text and one /Link element per link (WeasyPrint 70 fixes).

Nested annotations: WeasyPrint gives every box inside an ``<a>`` the link too
(``link = box.link or parent_link`` in anchors.py), so ``<a><strong>x</strong></a>``
yields two annotations with the same rectangle and target, one owned by the Link
element and one by the NonStruct element of ``<strong>``. Assistive technology
then finds the link twice. An annotation whose structure element sits inside a
Link element with the same target is removed (from the page, the tree and the
/ParentTree); the Link element's own annotation covers the same text.

Split links: every line fragment of a wrapped link gets its own annotation and
its own Link element, so a screen reader announces a URL that wraps over two lines
as two links ("https://", "www.example.org/page"). A Link element may own several
link annotations, so consecutive sibling Link elements with the same target are
merged into the first: their marked content and annotation references move to it
and the /ParentTree entries are repointed. The annotations stay, one per line.
"""

from __future__ import annotations

from typing import Any

import pydyf

from publisher.render.pdf.structure import Tree, text


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


def _is_link(node: object) -> bool:
    return isinstance(node, dict) and node.get("S") == "/Link"


def _absorb(tree: Tree, first: Any, other: Any) -> None:
    """Move ``other``'s content into ``first`` and repoint the parent tree at ``first``."""
    page_ref = other.get("Pg")
    page = tree.get(page_ref)
    same_page = page_ref is not None and page_ref == first.get("Pg")
    for kid in other.get("K", ()):
        if isinstance(kid, int):
            # An MCID alone means "on the element's /Pg"; across a page break it needs its page.
            first["K"].append(kid if same_page else pydyf.Dictionary({"Type": "/MCR", "Pg": page_ref, "MCID": kid}))
            if isinstance(page, dict):
                tree.set_mcid(page, kid, first.reference)
            continue
        first["K"].append(kid)
        child = tree.get(kid)
        if not isinstance(child, dict):
            continue
        if child.get("Type") == "/OBJR":
            annot = tree.get(child.get("Obj"))
            if isinstance(annot, dict) and "StructParent" in annot:
                tree.set_parent(annot["StructParent"], first.reference)
        elif "S" in child:
            child["P"] = first.reference


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


def merge_split_links(tree: Tree) -> int:
    """Merge runs of sibling Link elements with one target; return how many elements were absorbed."""
    absorbed = 0
    for elem in list(tree.elements()):
        kids = elem.get("K")
        if not isinstance(kids, list):
            continue
        kept: list[Any] = []
        for kid in kids:
            node, previous = tree.get(kid), tree.get(kept[-1]) if kept else None
            if (previous is not None and _is_link(node) and _is_link(previous)
                    and (target := _target(tree, node)) is not None and target == _target(tree, previous)):
                _absorb(tree, previous, node)
                absorbed += 1
            else:
                kept.append(kid)
        if len(kept) != len(kids):
            elem["K"] = pydyf.Array(kept)
    return absorbed

