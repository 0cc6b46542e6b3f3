"""One logical structure tree across page breaks: every element a page break split is joined back into one.

WeasyPrint 70 builds the tree page by page (upstream issue 2903): a section that
runs onto the next page becomes a second, headless ``Sect``, a list two ``L``s, a
paragraph two ``P``s, a table two ``Table``s with the header row tagged again as
content. A reader of the tree (a screen reader, reflow, read aloud) gets the
document cut at every page.

The rule is generic over element kinds: two structure elements are one element if
they come from the same HTML element (origins.py tells which) and have the same
role. Kids of one parent are read in order; a kid is joined into an earlier sibling

* that comes from the same element and is the kid right before it (a line break
  split an inline element: a link, a foreign-language span), or
* that comes from the same element on an earlier page, while the kid is among the
  first kids on its page (a page break split it: what continues is what a page
  starts with).

Joining moves the kids (``Tree.absorb``: MCIDs become MCRs with their page, /P,
/ParentTree entries and link OBJRs follow), then the joined element's own kids are
joined the same way, so a section, its list and the list's last item are each
joined at once. /StructParents and MCIDs in the content streams do not change, nor
do the outline's destinations (pages and positions, not elements).

A table's header (or footer) row group is laid out again on every page of its table:
that copy is not a continuation but a repetition. It is dropped from the tree, so
its marked content is claimed by nothing and ``artifacts.py`` makes it an
``/Artifact /Pagination``; the data cells of later pages name the first header's
cells in /Headers instead of the copy's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pydyf

from publisher.render.pdf.origins import Origin
from publisher.render.pdf.structure import Tree, _kids


@dataclass
class Joined:
    """What the join did, for tests and the benchmark's notes."""

    joined: int = 0  # structure elements absorbed into the element they continue
    repeated: int = 0  # repeated table header/footer row groups dropped (become artifacts)
    header_ids: dict[str, pydyf.String] = field(default_factory=dict)  # a dropped TH's /ID -> the kept TH's


def _key(node: Any, origins: dict[int, Origin]) -> tuple[int, str] | None:
    if not isinstance(node, dict) or node.get("Type") != "/StructElem":
        return None
    origin = origins.get(getattr(node, "number", -1))
    if origin is None or origin.element is None:
        return None
    return id(origin.element), str(node.get("S"))


def join_page_breaks(tree: Tree, origins: dict[int, Origin]) -> Joined:
    """Join every element split by a page or line break into its first part; return what changed."""
    result = Joined()
    if not isinstance(tree.root, dict):
        return result
    # Worklist, not recursion: a corrupt or very deep tree must not exhaust the stack.
    work = [tree.get(ref) for ref in _kids(tree.root)]
    while work:
        parent = work.pop()
        if isinstance(parent, dict) and isinstance(parent.get("K"), list):
            work.extend(_join_kids(tree, parent, origins, result))
    _repoint_headers(tree, result.header_ids)
    return result


def _join_kids(tree: Tree, parent: Any, origins: dict[int, Origin], result: Joined) -> list[Any]:
    """Join ``parent``'s kids in place; return the kids whose own kids need joining next."""
    kept: list[Any] = []
    earlier: dict[tuple[int, str], Any] = {}  # key -> kept kid, for kids on pages before the current one
    page: int | None = None
    page_start = False  # still among the first kids of the current page
    for ref in parent["K"]:
        node = tree.get(ref)
        kid_page = tree.page_of(ref, parent)
        if kid_page != page:
            if page is not None:
                page_start = True
                earlier = {k: kid for kid in kept if (k := _key(tree.get(kid), origins)) is not None}
            page = kid_page
        key = _key(node, origins)
        previous = tree.get(kept[-1]) if kept else None
        target = None
        if key is not None and previous is not None and _key(previous, origins) == key:
            target = previous
        elif key is not None and page_start and key in earlier:
            target = tree.get(earlier[key])
        else:
            page_start = False
        if target is None:
            kept.append(ref)
            continue
        if origins[node.number].repeated and node.get("Pg") != target.get("Pg"):
            _match_headers(tree, node, target, origins, result.header_ids)
            result.repeated += 1
            continue
        tree.absorb(target, node)
        result.joined += 1
    parent["K"] = pydyf.Array(kept)
    return [node for ref in kept if isinstance(node := tree.get(ref), dict) and node.get("Type") == "/StructElem"]


def _match_headers(tree: Tree, copy: Any, first: Any, origins: dict[int, Origin],
                   ids: dict[str, pydyf.String]) -> None:
    """Map each header cell /ID of a repeated row group to the /ID of the same cell in its first layout."""
    kept = {k: e for e in _subtree(tree, first) if (k := _key(e, origins)) is not None}
    for elem in _subtree(tree, copy):
        key = _key(elem, origins)
        original = kept.get(key) if key is not None else None
        if elem.get("S") == "/TH" and original is not None and "ID" in elem and "ID" in original:
            ids[elem["ID"].string] = original["ID"]


def _subtree(tree: Tree, top: Any) -> list[Any]:
    out, stack = [], [top]
    while stack:
        node = stack.pop()
        if isinstance(node, dict) and node.get("Type") == "/StructElem":
            out.append(node)
            stack.extend(tree.get(kid) for kid in _kids(node))
    return out


def _repoint_headers(tree: Tree, ids: dict[str, pydyf.String]) -> None:
    if not ids:
        return
    for elem in tree.elements():
        attrs = elem.get("A")
        headers = attrs.get("Headers") if isinstance(attrs, dict) else None
        if isinstance(headers, list):
            attrs["Headers"] = pydyf.Array(ids.get(h.string, h) if isinstance(h, pydyf.String) else h
                                           for h in headers)
