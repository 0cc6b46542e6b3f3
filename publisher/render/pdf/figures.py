"""Figure /BBox in PDF user space: WeasyPrint 70 writes it in CSS pixels, measured from the page's top.

``_build_box_tree`` takes the box's content-box position straight from layout (CSS px,
y downwards), so a QR code at the right margin of a Letter page gets a /BBox beyond
its 612 pt width and upside down. Reflow tools and checkers that crop or describe a
figure by its /BBox then point at nothing. The page is drawn with the matrix
``(0.75, 0, 0, -0.75, 0, height × 0.75)`` (pdf/__init__.py, zoom 1): the same
transform puts the box where the figure is drawn.
"""

from __future__ import annotations

from typing import Any

import pydyf

from publisher.render.pdf.structure import Tree, number

PX_TO_PT = 0.75  # WeasyPrint draws 1 CSS px as 0.75 pt at zoom 1 (write_pdf's default)


def place_figure_boxes(tree: Tree, page_heights: dict[int, float]) -> int:
    """Rewrite each Figure's layout /BBox in points from the bottom left; return how many changed.

    ``page_heights``: page object number -> page height in CSS px.
    """
    changed = 0
    for elem in tree.elements():
        attrs: Any = elem.get("A")
        if elem.get("S") != "/Figure" or not isinstance(attrs, dict) or attrs.get("O") != "/Layout":
            continue
        box = attrs.get("BBox")
        height = page_heights.get(number(elem.get("Pg")) or -1)
        if not (isinstance(box, list) and len(box) == 4) or height is None:
            continue
        x1, y1, x2, y2 = (float(v) for v in box)
        attrs["BBox"] = pydyf.Array(round(v, 3) for v in (x1 * PX_TO_PT, (height - y2) * PX_TO_PT,
                                                           x2 * PX_TO_PT, (height - y1) * PX_TO_PT))
        changed += 1
    return changed
