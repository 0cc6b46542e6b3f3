"""A PDF's logical structure tree read with pikepdf: elements, their content items and annotations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

import pikepdf

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
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.iter()

    def marked(self) -> Iterator[MarkedRef]:
        for kid in self.kids:
            if isinstance(kid, MarkedRef):
                yield kid
            elif isinstance(kid, Element):
                yield from kid.marked()

    def objects(self) -> Iterator[ObjectRef]:
        for kid in self.kids:
            if isinstance(kid, ObjectRef):
                yield kid
            elif isinstance(kid, Element):
                yield from kid.objects()

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
        self.root = pdf.Root.get("/StructTreeRoot")
        self.page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        self.role_map = self._role_map()
        self._seen: set[tuple[int, int]] = set()
        self.elements: list[Element] = []
        if self.root is not None:
            for kid in as_list(self.root.get("/K")):
                if is_dict(kid):
                    self.elements.append(self._element(kid, -1))

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

    def _element(self, obj: Any, inherited_page: int) -> Element:
        page = self._page(obj, inherited_page)
        element = Element(self.standard_role(name(obj.get("/S"))), obj, page)
        if obj.is_indirect:
            if obj.objgen in self._seen:  # a cycle in a corrupt file: stop rather than recurse forever
                return element
            self._seen.add(obj.objgen)
        for kid in as_list(obj.get("/K")):
            if isinstance(kid, int) and not isinstance(kid, bool):
                element.kids.append(MarkedRef(page, int(kid)))
            elif is_dict(kid):
                kind = name(kid.get("/Type"))
                if kind == "MCR":
                    element.kids.append(MarkedRef(self._page(kid, page), int(kid.get("/MCID", -1))))
                elif kind == "OBJR":
                    element.kids.append(ObjectRef(kid.get("/Obj")))
                else:
                    element.kids.append(self._element(kid, page))
        return element

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
        while stack:
            node = stack.pop()
            nums = as_list(node.get("/Nums"))
            for i in range(0, len(nums) - 1, 2):
                out[int(nums[i])] = nums[i + 1]
            stack.extend(k for k in as_list(node.get("/Kids")) if is_dict(k))
        return out
