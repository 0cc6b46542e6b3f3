"""Give column header cells a /Scope, which WeasyPrint 70 leaves out of TH attributes."""

from __future__ import annotations

import pydyf

from publisher.render.pdf.structure import Tree


def add_column_scope(tree: Tree) -> int:
    """Set ``/Scope /Column`` on every TH inside a THead; return how many cells changed.

    WeasyPrint links TD cells to their TH with /Headers and /ID, which PDF/UA
    accepts, but ignores the HTML ``scope`` attribute. Checkers and some screen
    readers look for /Scope first, and the shared macros write a header row only
    in ``<thead>`` with ``scope="col"``, so a TH there is always a column header.
    """
    changed = 0
    for elem in tree.elements():
        if elem.get("S") != "/TH":
            continue
        row = tree.get(elem.get("P"))
        section = tree.get(row.get("P")) if isinstance(row, dict) else None
        if not (isinstance(section, dict) and section.get("S") == "/THead"):
            continue
        attrs = elem.get("A")
        if not isinstance(attrs, dict):
            attrs = elem["A"] = pydyf.Dictionary({"O": "/Table"})
        if attrs.get("O") == "/Table" and "Scope" not in attrs:
            attrs["Scope"] = "/Column"
            changed += 1
    return changed
