"""How a reference reads: one citation style, as model inlines, shared by every format.

The entry follows the NLM/AMA pattern the seed uses (Authors. Title. Container.
Publisher. Date; URL. Accessed date.). Producing inlines here, not strings in
each renderer, is what makes the reference text identical in PDF, DOCX, EPUB and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.document import model as m
from publisher.document.i18n import format_date


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def reference_inlines(ref: m.Reference, doc: m.Document) -> tuple[m.Inline, ...]:
    parts: list[m.Inline] = []
    if ref.authors:
        parts.append(m.Text(_sentence(", ".join(ref.authors)) + " "))
    title = _sentence(ref.title)
    if ref.language and ref.language != doc.language:
        # A title kept in its original language is marked so screen readers switch voice;
        # the full stop added by the style stays outside, in the document's language.
        added = title[len(ref.title.strip()):]
        parts.append(m.Span(ref.language, (m.Text(ref.title.strip()),)))
        parts.append(m.Text(added))
    else:
        parts.append(m.Text(title))
    for piece in (ref.container, ref.publisher):
        if piece:
            parts.append(m.Text(" " + _sentence(piece)))
    if ref.issued:
        parts.append(m.Text(" " + ref.issued + (";" if ref.url else ".")))
    if ref.url:
        parts.append(m.Text(" "))
        parts.append(m.Link(ref.url, (m.Text(ref.url),)))
        parts.append(m.Text("."))
    if ref.accessed:
        parts.append(m.Text(f" {doc.strings['accessed']} {format_date(ref.accessed, doc.language)}."))
    return m.merge_text(parts)


def reference_text(ref: m.Reference, doc: m.Document) -> str:
    return m.inline_text(reference_inlines(ref, doc))



@dataclass(frozen=True)
class Backlink:
    """One link from a reference back to a citation: what it shows and what a screen reader announces."""

    target: str  # the citation's id
    text: str  # "Back to text" for a single citation, else "a", "b", …
    name: str  # the accessible name, distinct for every back-link of the document


def letter(index: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa": the labels of a reference's several citations."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def backlinks(ref: m.Reference, doc: m.Document) -> list[Backlink]:
    """The back-links of a reference, one per citation, in reading order (shared by every format).

    A single citation reads "Back to text"; several read "Back to text: a b", and each link's
    name says which citation of which reference it returns to, so no two links of the list
    share a name while going to different places.
    """
    strings = doc.strings
    if len(ref.backlinks) == 1:
        name = strings["backlink_one"].format(number=ref.number)
        return [Backlink(ref.backlinks[0], strings["back_to_text"], name)]
    return [Backlink(target, letter(i), strings["backlink_many"].format(letter=letter(i), number=ref.number))
            for i, target in enumerate(ref.backlinks)]
