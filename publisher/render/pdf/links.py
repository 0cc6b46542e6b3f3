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

import pikepdf

from publisher.render.pdf.structure import ParentTree, struct_elements


def _annotation_target(kid: pikepdf.Object) -> str | None:
    """Where a link annotation referenced by an OBJR goes (URI or destination), or None."""
    if not (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"):
        return None
    annot = kid.Obj
    if annot.get("/Subtype") != "/Link":
        return None
    action = annot.get("/A")
    if action is not None and "/URI" in action:
        return f"uri:{action.URI}"
    if action is not None and "/D" in action:
        return f"dest:{action.D}"
    if "/Dest" in annot:
        return f"dest:{annot.Dest}"
    return None


def _target(elem: pikepdf.Object) -> str | None:
    """Where a Link element goes: its first annotation's target."""
    return next((t for t in map(_annotation_target, elem.get("/K", ())) if t is not None), None)


def _is_link(node: pikepdf.Object) -> bool:
    return isinstance(node, pikepdf.Dictionary) and node.get("/S") == "/Link"


def _absorb(first: pikepdf.Object, other: pikepdf.Object, parent_tree: ParentTree) -> None:
    """Move ``other``'s content into ``first`` and repoint the parent tree at ``first``."""
    page = other.get("/Pg")
    same_page = page is not None and first.get("/Pg") is not None and page.objgen == first.Pg.objgen
    for kid in list(other.get("/K", ())):
        if isinstance(kid, int):
            # An MCID alone means "on the element's /Pg"; across a page break it needs its page.
            first.K.append(kid if same_page else pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=kid))
            if page is not None:
                parent_tree.set_mcid(page, int(kid), first)
        else:
            first.K.append(kid)
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR" and "/StructParent" in kid.Obj:
                parent_tree.set(int(kid.Obj.StructParent), first)


def drop_nested_link_annotations(pdf: pikepdf.Pdf) -> int:
    """Remove annotations that repeat an enclosing Link element's; return how many were removed."""
    parent_tree = ParentTree(pdf)
    pages = {page.obj.objgen: page for page in pdf.pages}
    root = pdf.Root.get("/StructTreeRoot")
    removed = 0
    stack: list[tuple[pikepdf.Object | None, frozenset[str]]] = [(root.get("/K"), frozenset())] if root else []
    while stack:
        node, outer = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, outer) for kid in node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        kids = node.get("/K")
        if not isinstance(kids, pikepdf.Array):
            continue
        kept = []
        for kid in kids:
            target = _annotation_target(kid)
            if target is not None and target in outer:
                annot = kid.Obj
                page = pages.get(kid.Pg.objgen) if "/Pg" in kid else None
                if page is not None and "/Annots" in page.obj:
                    page.obj.Annots = pikepdf.Array(a for a in page.obj.Annots if not a.is_same_object_as(annot))
                if "/StructParent" in annot:
                    parent_tree.remove(int(annot.StructParent))
                removed += 1
            else:
                kept.append(kid)
        if len(kept) != len(kids):
            node.K = pikepdf.Array(kept)
        inner = outer | {t for t in map(_annotation_target, kept) if t is not None}
        stack.extend((kid, inner) for kid in kept if isinstance(kid, pikepdf.Dictionary))
    return removed


def merge_split_links(pdf: pikepdf.Pdf) -> int:
    """Merge runs of sibling Link elements with one target; return how many elements were absorbed."""
    parent_tree = ParentTree(pdf)
    absorbed = 0
    for elem, _ in list(struct_elements(pdf)):
        kids = elem.get("/K")
        if not isinstance(kids, pikepdf.Array):
            continue
        kept: list[pikepdf.Object] = []
        for kid in kids:
            previous = kept[-1] if kept else None
            if (previous is not None and _is_link(kid) and _is_link(previous)
                    and _target(kid) is not None and _target(kid) == _target(previous)):
                _absorb(previous, kid, parent_tree)
                absorbed += 1
            else:
                kept.append(kid)
        if len(kept) != len(kids):
            elem.K = pikepdf.Array(kept)
    return absorbed
