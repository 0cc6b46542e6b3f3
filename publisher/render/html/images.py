"""Figure images as the HTML-based formats need them: media type, stable name, data URI."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from publisher.document.model import Document, Figure, all_blocks
from publisher.errors import Diagnostic, Location, RenderError

# A fixed table, not the mimetypes module: that one reads the host's /etc/mime.types,
# and the reader only admits these suffixes anyway.
MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}


def figures(doc: Document) -> list[Figure]:
    return [b for b in all_blocks(doc) if isinstance(b, Figure)]


def media_type(figure: Figure) -> str:
    suffix = Path(figure.path).suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise RenderError(Diagnostic(Location(figure.path), f"unsupported image type '{suffix}'",
                                     "convert it to PNG or SVG"))
    return MEDIA_TYPES[suffix]


def image_bytes(figure: Figure) -> bytes:
    """The bytes the reader checked (the file may have changed since); a hand-made Figure reads its file."""
    if figure.image is not None:
        return figure.image.data
    try:
        return Path(figure.path).read_bytes()
    except OSError as exc:
        raise RenderError(Diagnostic(Location(figure.path), f"cannot read the image: {exc.strerror}",
                                     "check that the file exists and is readable")) from None


def stable_name(figure: Figure) -> str:
    """A name from the image's content: the same picture twice is stored once, and rebuilds agree."""
    digest = (figure.image.sha256 if figure.image is not None else hashlib.sha256(image_bytes(figure)).hexdigest())[:16]
    suffix = Path(figure.path).suffix.lower().replace(".jpeg", ".jpg")
    return f"img-{digest}{suffix}"


def data_uri(figure: Figure) -> str:
    return f"data:{media_type(figure)};base64,{base64.b64encode(image_bytes(figure)).decode('ascii')}"
