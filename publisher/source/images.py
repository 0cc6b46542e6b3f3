"""Checks of an image file before any renderer sees it: type, size, and SVG content that could reach out.

Images are content, and content is data. A PNG named .jpg, a 50,000-pixel-wide
"decompression bomb", or an SVG that loads a URL, reads a local file through an
entity or runs a script would each crash, stall or leak from some renderer; here
they become one clear error at the image's position.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from lxml import etree
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_SIDE = 10_000  # pixels
MAX_PIXELS = 40_000_000  # a full-page photo at 600 dpi is ~35 million
PILLOW_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}
SVG_NS = "http://www.w3.org/2000/svg"
_CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*(?!#)", re.I)  # url(...) that is not a fragment of this file
_SAFE_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg|gif);)", re.I)


class ImageProblem(ValueError):
    """What is wrong with the file, and (second argument) how to fix it."""


def check_image(path: Path) -> None:
    """Raise :class:`ImageProblem` unless ``path`` is an image every renderer can take safely."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}", "reduce or compress it")
    suffix = path.suffix.lower()
    if suffix == ".svg":
        check_svg(path.read_bytes())
    else:
        _check_raster(path, PILLOW_FORMATS[suffix])


def _check_raster(path: Path, expected: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we apply our own, lower limit
            with Image.open(path) as image:
                found, (width, height) = image.format, image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise ImageProblem(f"is not a readable image ({type(exc).__name__})", "save it again as PNG or JPEG") from None
    if found != expected:
        raise ImageProblem(f"is a {found} file with a {path.suffix} name", f"rename it to .{str(found).lower()}")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageProblem(f"is {width}x{height} pixels; the limit is {MAX_SIDE} a side and "
                           f"{MAX_PIXELS // 1_000_000} million in all", "scale it down")


def check_svg(data: bytes) -> None:
    """Only self-contained drawings: no DTD, scripts, event handlers or references outside the file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ImageProblem(f"is not well-formed SVG: {exc.msg}", "export it again from the drawing program") from None
    doctype = getattr(root.getroottree().docinfo, "doctype", "")  # missing from lxml-stubs
    if doctype or b"<!ENTITY" in data:
        raise ImageProblem("has a DOCTYPE (entities can read local files)", "remove the <!DOCTYPE ...> part")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ImageProblem("is not an SVG document", "export it again as SVG")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name in ("script", "foreignObject", "iframe", "handler", "listener"):
            raise ImageProblem(f"contains <{name}>", "remove it: images are drawn, never run")
        for attr, raw in el.attrib.items():
            local, value = etree.QName(attr).localname, str(raw)
            if local.lower().startswith("on"):
                raise ImageProblem(f"has an event handler '{local}'", "remove it: images are drawn, never run")
            if local in ("href", "src") and not _SAFE_HREF.match(value):
                raise ImageProblem(f"refers to '{value[:80]}'", "embed what it needs or remove the reference")
            if _CSS_URL.search(value):  # style="", fill="url(...)", filter, mask, clip-path, marker-*
                raise ImageProblem(f"refers to another file in '{local}': '{value[:80]}'", "remove the url(...)")
        if name == "style" and el.text and (_CSS_URL.search(el.text) or "@import" in el.text):
            raise ImageProblem("refers to another file in its <style>", "remove @import and url(...)")
