"""Braille lines: words wrapped at the cell width with first-line and runover indents, or centred.

Words are never hyphenated; a word longer than a whole line (a long URL) is divided with the
continuation indicator at the end of each full line and goes on at the runover indent.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.render.brf.style import Indents, Style


@dataclass(frozen=True)
class Line:
    """One line of text, or a blank line (``text == ""``)."""

    text: str = ""
    keep: int = 0  # how many of the following lines must be on the same page (a heading's)
    anchor: str = ""  # a section id on the first line of its heading, for the contents page numbers
    level: int = 0  # that heading's level


BLANK = Line()


def wrap(braille: str, indents: Indents, style: Style, width: int | None = None) -> list[str]:
    """``braille`` in lines of at most ``width`` cells (the page's by default)."""
    width = width or style.cells
    first, runover = indents
    cont = style.symbols["continuation"]
    lines: list[str] = []
    current = " " * first
    for word in braille.split(" "):
        if not word:
            continue
        room = width - len(current) - (0 if current.strip() == "" else 1)
        if len(word) <= room:
            current = (current + " " + word) if current.strip() else current + word
            continue
        if current.strip():
            lines.append(current)
            current = " " * runover
        while len(current) + len(word) > width:  # longer than a whole line: divide it
            cut = width - len(current) - len(cont)
            if cut > 1 and word[cut - 1] == cont:  # never leave a prefix cell right before the indicator
                cut -= 1
            lines.append(current + word[:cut] + cont)
            word = word[cut:]
            current = " " * runover
        current += word
    if current.strip():
        lines.append(current)
    return lines


def centred(braille: str, style: Style) -> list[str]:
    """A centred heading: each line centred, with at least ``centered_margin`` blank cells each side."""
    inner = style.cells - 2 * style.centered_margin
    return [" " * ((style.cells - len(line)) // 2) + line for line in wrap(braille, (0, 0), style, inner)]
