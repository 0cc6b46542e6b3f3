"""A PDF's logical structure tree read with pikepdf: elements, their content items and annotations.

Files under check are untrusted: the tree is read with an explicit stack (a tree
3,000 levels deep must not exhaust Python's), each indirect object once (a /K or
/Kids that lists itself must not loop), and within bounds on depth and size; what
goes past them is left out and said in ``StructTree.problems``, which the
``pdf.struct-tree`` rule reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import pikepdf

# Far beyond any real tree (a handout's is about 15 deep, with a few hundred elements).
MAX_DEPTH = 256
MAX_ELEMENTS = 200_000
MAX_NUMBER_TREE_NODES = 100_000

# Roles whose content forms a line of its own when the tree is read aloud.
BLOCK_ROLES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "P", "H", "H1",
    "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Figure", "Formula",
    "Note", "Reference", "BibEntry", "Code",
})


@dataclass(frozen=True)
class MarkedRef:
    """A content item: marked-content sequence ``mcid`` on page ``page`` (0-based index, -1 if unknown)."""

    page: int
    mcid: int


@dataclass(frozen=True)
class ObjectRef:
    """An OBJR kid: an annotation or XObject belonging to the element."""

    obj: Any


@dataclass
class Element:
    """A StructElem with its standard role (after /RoleMap) and its kids in order."""

    role: str
    obj: Any
    page: int
    kids: list[Element | MarkedRef | ObjectRef] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in reading order."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed([kid for kid in element.kids if isinstance(kid, Element)]))

    def _leaves(self) -> Iterator[MarkedRef | ObjectRef]:
        stack = [iter(self.kids)]
        while stack:
            for kid in stack[-1]:
                if isinstance(kid, Element):
                    stack.append(iter(kid.kids))
                    break
                yield kid
            else:
                stack.pop()

    def marked(self) -> Iterator[MarkedRef]:
        return (kid for kid in self._leaves() if isinstance(kid, MarkedRef))

    def objects(self) -> Iterator[ObjectRef]:
        return (kid for kid in self._leaves() if isinstance(kid, ObjectRef))

    @property
    def heading_level(self) -> int:
        if len(self.role) == 2 and self.role[0] == "H" and self.role[1] in "123456":
            return int(self.role[1])
        return 0

    def text_entry(self, key: str) -> str | None:
        value = self.obj.get(key)
        return str(value) if value is not None else None


def name(value: Any) -> str:
    return str(value)[1:] if value is not None and str(value).startswith("/") else str(value or "")


def is_dict(value: Any) -> TypeGuard[pikepdf.Dictionary]:
    return isinstance(value, pikepdf.Dictionary)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


class StructTree:
    """The whole tree: top-level elements in order, page lookup and role mapping."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root if is_dict(root) else None
        self.page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        self.role_map = self._role_map()
        self._seen: set[tuple[int, int]] = set()
        self.problems: list[str] = []
        self.elements: list[Element] = []
        if self.root is not None:
            self._read(self.root)

    def _role_map(self) -> dict[str, str]:
        mapping = self.root.get("/RoleMap") if self.root is not None else None
        if not is_dict(mapping):
            return {}
        return {name(k): name(v) for k, v in mapping.items()}

    def standard_role(self, role: str) -> str:
        seen = set()
        while role in self.role_map and role not in seen:
            seen.add(role)
            role = self.role_map[role]
        return role

    def _page(self, obj: Any, inherited: int) -> int:
        page = obj.get("/Pg")
        if page is not None and is_dict(page):
            return self.page_index.get(page.objgen, -1)
        return inherited

    def _problem(self, message: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(message)

    def _read(self, root: Any) -> None:
        """Build the elements below ``root`` depth first, without recursion, each object once."""
        top = Element("StructTreeRoot", root, -1)
        count = 0
        stack: list[tuple[Element, Any, int]] = [(top, root, 0)]  # (element, its object, depth)
        while stack:
            element, obj, depth = stack.pop()
            pending: list[tuple[Element, Any, int]] = []
            for kid in as_list(obj.get("/K")):
                if isinstance(kid, int) and not isinstance(kid, bool):
                    element.kids.append(MarkedRef(element.page, int(kid)))
                    continue
                if not is_dict(kid):
                    continue
                kind = name(kid.get("/Type"))
                if kind == "MCR":
                    element.kids.append(MarkedRef(self._page(kid, element.page), int(kid.get("/MCID", -1))))
                    continue
                if kind == "OBJR":
                    element.kids.append(ObjectRef(kid.get("/Obj")))
                    continue
                if kid.is_indirect:
                    if kid.objgen in self._seen or kid.objgen == root.objgen:
                        self._problem(f"structure element {kid.objgen[0]} {kid.objgen[1]} R is listed more than "
                                      "once (a cycle or a shared kid): each element must have one parent")
                        continue
                    self._seen.add(kid.objgen)
                if depth + 1 > MAX_DEPTH:
                    self._problem(f"the structure tree is more than {MAX_DEPTH} levels deep: read down to "
                                  f"level {MAX_DEPTH} only")
                    continue
                count += 1
                if count > MAX_ELEMENTS:
                    self._problem(f"the structure tree has more than {MAX_ELEMENTS} elements: read that many only")
                    stack.clear()
                    break
                child = Element(self.standard_role(name(kid.get("/S"))), kid, self._page(kid, element.page))
                element.kids.append(child)
                pending.append((child, kid, depth + 1))
            stack.extend(reversed(pending))
        self.elements = [kid for kid in top.kids if isinstance(kid, Element)]

    def iter(self) -> Iterator[Element]:
        for element in self.elements:
            yield from element.iter()

    def marked_refs(self) -> set[tuple[int, int]]:
        return {(ref.page, ref.mcid) for element in self.elements for ref in element.marked()}

    def parent_tree(self) -> dict[int, Any]:
        """The /ParentTree number tree flattened: StructParent(s) key -> element or array of elements."""
        out: dict[int, Any] = {}
        if self.root is None or self.root.get("/ParentTree") is None:
            return out
        stack = [self.root.ParentTree]
        seen: set[tuple[int, int]] = set()
        while stack and len(seen) < MAX_NUMBER_TREE_NODES:
            node = stack.pop()
            if not is_dict(node):
                continue
            if node.is_indirect:
                if node.objgen in seen:  # a /Kids that lists itself or an ancestor
                    self._problem(f"the /ParentTree lists node {node.objgen[0]} {node.objgen[1]} R more than once "
                                  "(a loop): content cannot be mapped to its elements reliably")
                    continue
                seen.add(node.objgen)
            nums = as_list(node.get("/Nums"))
            for i in range(0, len(nums) - 1, 2):
                if isinstance(nums[i], int):
                    out[int(nums[i])] = nums[i + 1]
            stack.extend(k for k in as_list(node.get("/Kids")) if is_dict(k))
        return out
