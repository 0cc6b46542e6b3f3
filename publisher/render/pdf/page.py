"""The handout's HTML: the shared model macros inside the PDF page template."""

from __future__ import annotations

from pathlib import Path

from publisher.i18n import format_date
from publisher.layouts import Layout
from publisher.model import Document, Figure, all_blocks
from publisher.render.pdf.qr import qr_svg

TEMPLATE = "handout.html.j2"


def figure_paths(doc: Document) -> list[Path]:
    """The image files the handout may read: exactly those its figures name."""
    return [Path(b.path) for b in all_blocks(doc) if isinstance(b, Figure)]


def image_src(figure: Figure) -> str:
    return Path(figure.path).resolve().as_uri()


def handout_html(doc: Document, layout: Layout) -> str:
    template = layout.environment("pdf").get_template(TEMPLATE)
    qr = qr_svg(doc.canonical_url, doc.strings["qr_alt"]) if doc.canonical_url else ""
    return template.render(
        doc=doc,
        flavor="pdf",
        image_src=image_src,
        reviewed=format_date(doc.last_reviewed, doc.language),
        qr_svg=qr,
    )
