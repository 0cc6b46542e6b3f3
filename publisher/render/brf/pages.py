"""Lines to braille pages: page numbers, no blank line at the top of a page, headings kept with text."""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.render.brf.lines import Line
from publisher.render.brf.style import Style

# UEB digits are the letters a-j after the numeric indicator (dots 3456).
_DIGITS = str.maketrans("1234567890", "ABCDEFGHIJ")


def page_number(number: int, prefix: str = "") -> str:
    return f"{prefix}#{str(number).translate(_DIGITS)}"


@dataclass
class Pages:
    pages: list[list[str]] = field(default_factory=list)
    anchors: dict[str, int] = field(default_factory=dict)  # section id -> braille page number


def paginate(lines: list[Line], style: Style, first: int = 1, prefix: str = "",
             breaks: frozenset[int] = frozenset()) -> Pages:
    """Pages of ``style.text_lines`` text lines plus the page-number line; ``breaks``: indices of
    lines that start a new page."""
    out = Pages()
    page: list[str] = []

    def close() -> None:
        out.pages.append(_with_number(page, page_number(first + len(out.pages), prefix), style))
        page.clear()

    for i, line in enumerate(lines):
        if i in breaks and page:
            close()
        if not line.text and (not page or not page[-1]):
            continue  # a blank line that would open a page, or follow another, is left out
        needed = 1 + line.keep
        if page and len(page) + needed > style.text_lines and needed <= style.text_lines:
            close()
            if not line.text:
                continue
        if len(page) >= style.text_lines:
            close()
        if line.anchor:
            out.anchors[line.anchor] = first + len(out.pages)
        page.append(line.text)
    while page and not page[-1].strip():
        page.pop()
    if page or not out.pages:
        close()
    return out


def _with_number(text: list[str], number: str, style: Style) -> list[str]:
    lines = [t.rstrip() for t in text] + [""] * (style.text_lines - len(text))
    number_line = " " * (style.cells - len(number)) + number
    return [number_line, *lines] if style.number_line == "top" else [*lines, number_line]


def encode(pages: list[list[str]]) -> bytes:
    """BRF: lines end with CR LF, every page with a form feed."""
    return "".join("".join(line + "\r\n" for line in page) + "\f" for page in pages).encode("ascii")
