"""The handout's HTML: the shared model macros inside the PDF page template."""

from __future__ import annotations

import hashlib
from pathlib import Path

from publisher.document.i18n import format_date
from publisher.document.model import Document, Figure, all_blocks
from publisher.render.html.images import image_bytes
from publisher.render.layout import Layout
from publisher.render.pdf.qr import qr_svg

TEMPLATE = "handout.html.j2"


FIGURE_SCHEME = "figure"


def image_src(figure: Figure) -> str:
    """A URL that names the image by its content, not by where the project sits on disk.

    An absolute ``file:`` URL would put the checkout's path into the HTML, and so into
    the PDF's identifier and image names: the same project in two folders would give
    different bytes. The fetcher maps these names back to the files (figure_assets).
    """
    path = Path(figure.path)
    digest = hashlib.sha256(image_bytes(figure)).hexdigest()[:24]
    return f"{FIGURE_SCHEME}:{digest}{path.suffix.lower()}"


def figure_assets(doc: Document) -> dict[str, bytes]:
    """The images the handout may show, by the URL ``image_src`` gives them: the bytes the reader
    checked, never the file again (it may have changed since)."""
    return {image_src(b): image_bytes(b) for b in all_blocks(doc) if isinstance(b, Figure)}


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
