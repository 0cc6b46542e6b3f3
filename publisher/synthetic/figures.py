"""The catalog's figures: a bar chart per page and four shared inheritance diagrams, with alt text."""

from __future__ import annotations

from publisher.synthetic.png import Canvas, Color

INK: Color = (33, 37, 41)
AFFECTED: Color = (13, 71, 161)
CARRIER: Color = (144, 202, 249)
BAR: Color = (0, 105, 92)

INHERITANCE_ALT = {
    "autosomal dominant": "Family tree: one affected parent and two of their four children are affected.",
    "autosomal recessive": "Family tree: two carrier parents; one child affected, two carriers, one unaffected.",
    "X-linked": "Family tree: a carrier mother; one son affected and one daughter a carrier.",
    "mitochondrial": "Family tree: an affected mother and all of her children affected.",
}
# Per pattern: the parents' and the four children's status (0 unaffected, 1 carrier, 2 affected).
PATTERNS = {
    "autosomal dominant": ((2, 0), (2, 0, 2, 0)),
    "autosomal recessive": ((1, 1), (2, 1, 1, 0)),
    "X-linked": ((0, 1), (2, 0, 1, 0)),
    "mitochondrial": ((0, 2), (2, 2, 2, 2)),
}


def inheritance_file(pattern: str) -> str:
    return f"images/inheritance-{pattern.lower().replace(' ', '-')}.png"


def inheritance_diagram(pattern: str) -> bytes:
    """A pedigree: two parents joined by a line, four children below; fill shows who is affected."""
    parents, children = PATTERNS[pattern]
    canvas = Canvas(320, 200)
    _person(canvas, 90, 20, parents[0])
    _person(canvas, 190, 20, parents[1])
    canvas.rect(130, 39, 190, 43, INK)  # the couple
    canvas.rect(158, 43, 162, 110, INK)  # down to the children
    canvas.rect(40, 108, 280, 112, INK)  # the sibship line
    for i, status in enumerate(children):
        x = 20 + i * 80
        canvas.rect(x + 18, 110, x + 22, 130, INK)
        _person(canvas, x, 130, status)
    return canvas.png()


def _person(canvas: Canvas, x: int, y: int, status: int) -> None:
    canvas.frame(x, y, x + 40, y + 40, INK, 3)
    if status == 2:
        canvas.rect(x + 3, y + 3, x + 37, y + 37, AFFECTED)
    elif status == 1:
        canvas.rect(x + 3, y + 3, x + 20, y + 37, CARRIER)


def symptom_chart(values: list[int]) -> bytes:
    """Vertical bars, one per symptom, heights in percent, on a baseline."""
    width = 40 + 36 * len(values)
    canvas = Canvas(width, 140)
    canvas.rect(20, 120, width - 10, 122, INK)
    canvas.rect(20, 15, 22, 122, INK)
    for i, value in enumerate(values):
        x = 30 + i * 36
        canvas.rect(x, 120 - value, x + 24, 120, BAR)
    return canvas.png()


def chart_alt(symptoms: list[str], values: list[int]) -> str:
    parts = ", ".join(f"{s.split(' (')[0]} {v}%" for s, v in zip(symptoms, values, strict=True))
    return f"Bar chart of the share of people with each symptom: {parts}."
