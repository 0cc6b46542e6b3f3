"""The web page's links to the same content in the build's other formats ("Print this handout", "Large print", …)."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.document.model import Document
from publisher.render import RENDERERS, RenderOptions
from publisher.render.kinds import KINDS


@dataclass(frozen=True)
class Alternate:
    href: str  # the sibling file, relative: it sits beside the page in the output folder
    label: str  # "Print this handout"
    kind: str  # "PDF"
    media_type: str


def alternates(doc: Document, options: RenderOptions) -> list[Alternate]:
    """One link per other format this build makes for the document (a build writes a source all or nothing,
    so each one exists beside the page); none when the page is rendered alone (preview)."""
    variant = "" if doc.audience in ("", "patient") else f".{doc.audience}"
    out = []
    for fmt in sorted(options.formats, key=lambda f: KINDS[f].rank if f in KINDS else 99):
        kind = KINDS.get(fmt)
        if fmt == "html" or kind is None or fmt not in RENDERERS:
            continue
        out.append(Alternate(f"{doc.slug}{variant}.{RENDERERS[fmt].suffix}", doc.strings.get(kind.label, fmt),
                             doc.strings.get(kind.kind, fmt.upper()), kind.media_type))
    return out
