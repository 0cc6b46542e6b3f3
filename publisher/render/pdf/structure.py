"""Reading and repointing a tagged PDF's structure tree with pikepdf (shared by the post-processors)."""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

Mark = tuple[tuple[int, int], int]  # (page object id, MCID)


def page_id(obj: pikepdf.Object | None) -> tuple[int, int] | None:
    return obj.objgen if isinstance(obj, pikepdf.Dictionary) else None


def struct_elements(pdf: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Dictionary, tuple[int, int] | None]]:
    """Every structure element reachable from /StructTreeRoot, each once, with its effective page."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object | None, tuple[int, int] | None]] = [(root.get("/K"), None)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((kid, page) for kid in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") not in ("/MCR", "/OBJR"):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            own_page = page_id(node.get("/Pg")) or page
            yield node, own_page
            stack.append((node.get("/K"), own_page))


def claimed_marks(pdf: pikepdf.Pdf) -> set[Mark]:
    """Every (page, MCID) that a structure element reachable from the root owns."""
    claimed: set[Mark] = set()
    for elem, page in struct_elements(pdf):
        kids = elem.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                claimed.add((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                mcr_page = page_id(kid.get("/Pg")) or page
                if mcr_page is not None:
                    claimed.add((mcr_page, int(kid.MCID)))
    return claimed


class ParentTree:
    """The /ParentTree number tree: StructParent(s) key -> element, or per-page array by MCID."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.get("/StructTreeRoot")
        self._tree = root.get("/ParentTree") if root is not None else None
        self._slots: dict[int, tuple[pikepdf.Object, int]] = {}
        self._collect(self._tree)

    def _collect(self, node: pikepdf.Object | None) -> None:
        if not isinstance(node, pikepdf.Dictionary):
            return
        nums = node.get("/Nums")
        if nums is not None:
            for i in range(0, len(nums), 2):
                self._slots[int(nums[i])] = (nums, i + 1)
        for kid in node.get("/Kids", ()):
            self._collect(kid)

    def remove(self, key: int) -> None:
        slot = self._slots.get(key)
        if slot:
            nums, index = slot
            del nums[index - 1 : index + 1]
            self._slots.clear()  # later pairs moved: index again
            self._collect(self._tree)

    def get(self, key: int) -> pikepdf.Object | None:
        slot = self._slots.get(key)
        return slot[0][slot[1]] if slot else None

    def set(self, key: int, value: pikepdf.Object) -> None:
        slot = self._slots.get(key)
        if slot:
            slot[0][slot[1]] = value

    def set_mcid(self, page: pikepdf.Dictionary, mcid: int, value: pikepdf.Object | None) -> None:
        """Point the page's MCID slot at ``value`` (None: no element owns it any more)."""
        array = self.get(int(page.get("/StructParents", -1)))
        if isinstance(array, pikepdf.Array) and 0 <= mcid < len(array):
            array[mcid] = value
