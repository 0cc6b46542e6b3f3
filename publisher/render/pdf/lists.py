"""List items as PDF/UA reads them: ``LI`` holds a ``Lbl`` and one ``LBody``, and a nested list is in its item.

WeasyPrint 70 tags the paragraph of a *loose* list item (``<li><p>…</p></li>``) as a
``P`` straight under the ``LI``, which PDF/UA-1 forbids (an ``LI`` may hold only ``Lbl``
and ``LBody``; veraPDF and page-validation rule PDFUA1-LI-KIDS-001), and it puts a list
nested in an item beside that item, as a sibling in the outer ``L``: a screen reader
then announces the nested list as the next item of the outer one instead of as part
of the item that introduces it ("fourth item, with a nested list:").

Both are repaired the same way, generically: an element whose HTML element lies
inside an ``<li>`` moves under that item (origins.py tells which HTML element each
structure element comes from), and whatever an ``LI`` holds besides ``Lbl`` and
``LBody`` goes into its ``LBody`` (made when there is none), in reading order.
Moving an element changes only its /P and its parent's /K: its marked content, the
/ParentTree and link OBJRs name the element itself, which stays.
"""

from __future__ import annotations

from typing import Any

import pydyf

from publisher.render.pdf.origins import Origin
from publisher.render.pdf.structure import Tree, _kids

_ITEM_PARTS = ("/Lbl", "/LBody")


def fix_list_items(tree: Tree, origins: dict[int, Origin]) -> int:
    """Put nested lists in their items and every other kid of an ``LI`` in its ``LBody``; return elements moved."""
    moved = _nest_lists(tree, origins)
    for item in [e for e in tree.elements() if e.get("S") == "/LI"]:
        moved += _into_body(tree, item)
    return moved


def _nest_lists(tree: Tree, origins: dict[int, Origin]) -> int:
    moved = 0
    for lst in [e for e in tree.elements() if e.get("S") == "/L"]:
        kept: list[Any] = []
        for kid in _kids(lst):
            node = tree.get(kid)
            item = _item_holding(tree, origins, kept, node)
            if item is None:
                kept.append(kid)
                continue
            item["K"] = pydyf.Array([*_kids(item), kid])
            node["P"] = item.reference
            moved += 1
        lst["K"] = pydyf.Array(kept)
    return moved


def _item_holding(tree: Tree, origins: dict[int, Origin], before: list[Any], node: Any) -> Any:
    """The ``LI`` among the earlier kids whose ``<li>`` contains the HTML element of ``node``, if any."""
    if not (isinstance(node, dict) and node.get("S") == "/L"):
        return None
    origin = origins.get(getattr(node, "number", -1))
    element = origin.element if origin is not None else None
    if element is None:
        return None
    for kid in reversed(before):
        candidate = tree.get(kid)
        if not (isinstance(candidate, dict) and candidate.get("S") == "/LI"):
            continue
        item_origin = origins.get(getattr(candidate, "number", -1))
        li = item_origin.element if item_origin is not None else None
        # WeasyPrint's parsed HTML is xml.etree (no parent links): look down from the item instead.
        if li is not None and any(descendant is element for descendant in li.iter()):
            return candidate
    return None


def _into_body(tree: Tree, item: Any) -> int:
    kids = _kids(item)
    stray = [k for k in kids if not _is_item_part(tree.get(k))]
    if not stray:
        return 0
    body = next((tree.get(k) for k in kids if _role(tree.get(k)) == "/LBody"), None)
    order: list[Any] = [k for k in kids if _is_item_part(tree.get(k))]
    if body is None:
        body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "P": item.reference, "K": pydyf.Array()})
        if "Pg" in item:
            body["Pg"] = item["Pg"]
        tree.pdf.add_object(body)
        first = kids.index(stray[0])
        order.insert(sum(1 for k in kids[:first] if _is_item_part(tree.get(k))), body.reference)
    body["K"] = pydyf.Array(_kids(body))  # absorb appends: a single kid becomes a list of one
    # Tree.absorb moves kids of any kind (elements, MCIDs across pages, OBJRs) and repoints what named them.
    holder = pydyf.Dictionary({"K": pydyf.Array(stray)})
    if "Pg" in item:
        holder["Pg"] = item["Pg"]
    tree.absorb(body, holder)
    item["K"] = pydyf.Array(order)
    return len(stray)


def _role(node: Any) -> object:
    return node.get("S") if isinstance(node, dict) else None


def _is_item_part(node: Any) -> bool:
    return _role(node) in _ITEM_PARTS
