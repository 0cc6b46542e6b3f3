"""A QR code to the online version, as inline SVG whose <title> becomes the PDF Figure's /Alt."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, alt: str) -> Markup:
    """Vector QR code (error level M) with ``alt`` as its title; segno escapes the title.

    WeasyPrint 70 takes an inline ``<svg>``'s alternate text from its ``<title>``
    child (not from ``aria-label``), so that is where the description goes.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, title=alt, svgclass="qr", lineclass=None)
    return Markup(svg)  # noqa: S704  # segno's output, with the title escaped by segno
