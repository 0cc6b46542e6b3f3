"""What each output format is to a reader and to another program: media type, label, order (page links, hand-off)."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    media_type: str
    label: str  # key of the reader-facing name in publisher.document.i18n ("format_pdf": "Print this handout")
    kind: str  # key of the short file-type name ("PDF", "Word")
    rank: int  # the order formats are listed in


# Formats publisher writes, in the order a reader is offered them. "json" (the model dump) is for
# developers and is neither catalogued nor handed to records systems. brf, narrated-epub and mp3
# are the opt-in alternate formats of issue 17: listed whenever a build made them.
KINDS: dict[str, Kind] = {
    "html": Kind("text/html", "format_html", "kind_html", 0),
    "pdf": Kind("application/pdf", "format_pdf", "kind_pdf", 1),
    "large-print": Kind("application/pdf", "format_large-print", "kind_pdf", 2),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "format_docx",
                 "kind_docx", 3),
    "epub": Kind("application/epub+zip", "format_epub", "kind_epub", 4),
    "narrated-epub": Kind("application/epub+zip", "format_narrated-epub", "kind_epub", 5),
    "mp3": Kind("audio/mpeg", "format_mp3", "kind_mp3", 6),
    "brf": Kind("application/x-brf", "format_brf", "kind_brf", 7),
}
NOT_HANDED_OFF = frozenset({"json"})


def kind(fmt: str, name: str) -> Kind:
    """The kind of an output; a format this table does not know yet is named by its file's media type."""
    found = KINDS.get(fmt)
    if found is not None:
        return found
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return Kind(guessed or "application/octet-stream", "", "", 99)


def handed_off(fmt: str) -> bool:
    return fmt not in NOT_HANDED_OFF
