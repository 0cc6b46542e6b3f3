"""The structure tree of a PDF that WeasyPrint is about to write, as pydyf objects (shared by the fix-ups).

WeasyPrint hands its ``pydyf.PDF`` to a *finisher* after tagging and before writing
a byte. Fixing the tree there is a walk over Python dicts and lists; doing the same
afterwards with pikepdf meant parsing the written file, walking it through C++
bindings and writing it again, which cost ~45 ms of a ~350 ms handout
(benchmarks/README.md, (b)). pydyf keeps every indirect object in ``pdf.objects``
at the index of its object number, refers to it with bytes like ``b"12 0 R"``,
writes names as strings like ``"/Link"`` and writes bytes verbatim (so ``b"null"``
is PDF null).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf

NULL = b"null"
Mark = tuple[int, int]  # (page object number, MCID)


def number(ref: object) -> int | None:
    """The object number of an indirect reference (``b"12 0 R"``), or None for anything else."""
    if isinstance(ref, bytes) and ref.endswith(b" R"):
        return int(ref.split()[0])
    return None


def text(value: object) -> str:
    """A pydyf string, name or number as comparable text."""
    return value.string if isinstance(value, pydyf.String) else str(value)


class Tree:
    """The structure tree, its /ParentTree and the pages of one pydyf PDF."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.root: Any = self.get(pdf.catalog.get("StructTreeRoot"))
        parent_tree = self.get(self.root["ParentTree"]) if isinstance(self.root, dict) else None
        self.nums: list[Any] = parent_tree["Nums"] if isinstance(parent_tree, dict) else []
        # pydyf lists page references as number, generation, "R": three items each.
        self.page_numbers: list[int] = list(pdf.pages["Kids"][::3])
        self.pages: list[Any] = [self.pdf.objects[n] for n in self.page_numbers]

    def get(self, value: object) -> Any:
        """The object a reference points to; any other value unchanged."""
        index = number(value)
        return self.pdf.objects[index] if index is not None else value

    def elements(self) -> Iterator[Any]:
        """Every structure element reachable from the root, once each, in document order."""
        if not isinstance(self.root, dict):
            return
        seen: set[int] = set()
        stack = list(reversed(_kids(self.root)))
        while stack:
            node: Any = self.get(stack.pop())
            if not isinstance(node, dict) or node.get("Type") in ("/MCR", "/OBJR"):
                continue
            key = getattr(node, "number", None)  # None for a direct (inline) dictionary
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            yield node
            stack.extend(reversed(_kids(node)))

    def claimed_marks(self) -> set[Mark]:
        """Every (page, MCID) that a structure element reachable from the root owns."""
        claimed: set[Mark] = set()
        for elem in self.elements():
            page = number(elem.get("Pg"))
            for kid in _kids(elem):
                if isinstance(kid, int) and page is not None:
                    claimed.add((page, kid))
                elif isinstance(kid, dict) and kid.get("Type") == "/MCR":
                    mcr_page = number(kid.get("Pg")) or page
                    if mcr_page is not None:
                        claimed.add((mcr_page, kid["MCID"]))
        return claimed

    # /ParentTree: a flat /Nums array of key, value pairs (WeasyPrint writes no /Kids).

    def _index(self, key: int) -> int | None:
        for i in range(0, len(self.nums) - 1, 2):
            if self.nums[i] == key:
                return i + 1
        return None

    def parent(self, key: int) -> Any:
        index = self._index(key)
        return self.nums[index] if index is not None else None

    def set_parent(self, key: int, value: object) -> None:
        index = self._index(key)
        if index is not None:
            self.nums[index] = value

    def remove_parent(self, key: int) -> None:
        index = self._index(key)
        if index is not None:
            del self.nums[index - 1 : index + 1]

    def page_of(self, kid: object, owner: Any) -> int | None:
        """The page object number a kid of ``owner`` sits on (an MCID alone is on the owner's /Pg)."""
        node = self.get(kid)
        if isinstance(node, dict) and "Pg" in node:
            return number(node["Pg"])
        return number(owner.get("Pg"))

    def absorb(self, first: Any, other: Any) -> None:
        """Append ``other``'s kids to ``first``'s and repoint everything that named ``other`` at ``first``.

        ``other`` is left unreachable (its parent must drop it); its kids keep their pages:
        an MCID alone means "on the element's /Pg", so across pages it becomes an MCR.
        """
        page_ref = other.get("Pg")
        same_page = page_ref is not None and page_ref == first.get("Pg")
        for kid in _kids(other):
            node = self.get(kid)
            if isinstance(kid, int):
                first["K"].append(kid if same_page else pydyf.Dictionary({"Type": "/MCR", "Pg": page_ref, "MCID": kid}))
                self.set_mcid(self.get(page_ref), kid, first.reference)
                continue
            first["K"].append(kid)
            if not isinstance(node, dict):
                continue
            if node.get("Type") == "/MCR":
                self.set_mcid(self.get(node.get("Pg", page_ref)), node["MCID"], first.reference)
            elif node.get("Type") == "/OBJR":
                annot = self.get(node.get("Obj"))
                if isinstance(annot, dict) and "StructParent" in annot:
                    self.set_parent(annot["StructParent"], first.reference)
            elif "S" in node:
                node["P"] = first.reference
        other["K"] = pydyf.Array()

    def set_mcid(self, page: Any, mcid: int, value: object) -> None:
        """Point the page's MCID slot at ``value`` (``NULL``: no element owns it any more)."""
        if not isinstance(page, dict):
            return
        array = self.parent(page.get("StructParents", -1))
        if isinstance(array, list) and 0 <= mcid < len(array):
            array[mcid] = value

    def discard_unreachable(self) -> int:
        """Empty every structure element and object reference the tree no longer reaches; return how many.

        pydyf writes every object it holds and cannot leave one out once it packs
        objects into an object stream (its cross-reference stream would shift), so an
        orphan is written as an empty dictionary instead of as a stale element whose
        /P still names a real parent.
        """
        reachable = {elem.number for elem in self.elements()}
        referenced = {number(kid) for n in reachable for kid in _kids(self.pdf.objects[n])}
        emptied = 0
        for obj in self.pdf.objects:
            kind = obj.get("Type") if isinstance(obj, dict) else None
            if ((kind == "/StructElem" and obj.number not in reachable)
                    or (kind == "/OBJR" and obj.number not in referenced)):
                obj.clear()
                emptied += 1
        return emptied


def _kids(node: Any) -> list[Any]:
    kids = node.get("K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, list) else [kids]
