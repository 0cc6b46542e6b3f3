"""Checks of an image before any renderer sees it: read once, its type, size, pixels and content.

Images are content, and content is data. A PNG named .jpg, a 50,000-pixel-wide
"decompression bomb", a truncated file, a CMYK JPEG one renderer cannot place, or an
SVG that loads a URL, runs a script or multiplies itself through ``<use>`` would each
crash, stall or leak from some renderer; here they become one clear error at the
image's position in the source.

The file is read once (:func:`read_image`), and the bytes checked are the bytes every
renderer embeds (``Figure.image``): a file swapped for another, or for a symbolic link,
while the build runs changes nothing in the outputs.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image, UnidentifiedImageError

from publisher.source import limits as lim
from publisher.source.files import NotReadable, open_regular

MAX_IMAGE_BYTES = lim.MAX_IMAGE_BYTES
MAX_SIDE = lim.MAX_IMAGE_SIDE
MAX_PIXELS = lim.MAX_IMAGE_PIXELS
PILLOW_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF"}
# Pixel modes every renderer takes (WeasyPrint through Pillow, python-docx, e-readers, browsers).
# WeasyPrint refuses 16-bit grey ("I;16"); CMYK JPEGs print inverted in some readers and
# python-docx cannot read their header; RGB 16-bit PNGs open in Pillow as 8-bit "RGB".
MODES = {"PNG": {"1", "L", "LA", "P", "RGB", "RGBA"}, "JPEG": {"L", "RGB"}, "GIF": {"P", "L", "RGB", "RGBA"}}
SVG_NS = "http://www.w3.org/2000/svg"
_CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*(?!#)", re.I)  # url(...) that is not a fragment of this file
_LOCAL_URL = re.compile(r"url\(\s*['\"]?\s*#([^)'\"\s]+)", re.I)  # url(#id): a reference inside this file
_SAFE_HREF = re.compile(r"^\s*#")  # a reference to this file's own elements


class ImageProblem(ValueError):
    """What is wrong with the file, and (second argument) how to fix it."""


@dataclass(frozen=True)
class CheckedImage:
    """An image's bytes as read and checked, and its size in pixels (0 for SVG)."""

    data: bytes
    width: int = 0
    height: int = 0
    pixels: int = 0  # of a raster (an SVG has no pixels: it is drawn)


def read_image(target: Path, root: Path) -> CheckedImage:
    """Read ``target`` (already resolved, inside ``root``) once and check those bytes.

    The last component is opened without following a symbolic link (a link put there since
    the path was resolved is a swap), the descriptor must be a regular file, and on Linux
    the file actually opened must still lie inside ``root``.
    """
    try:
        fd = open_regular(target, follow=False)
    except NotReadable as exc:
        raise ImageProblem(exc.what, "use an image file saved on disk") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a link that was not there when the path was resolved
            raise ImageProblem("was replaced by a symbolic link while it was read",
                               "keep images as plain files under source/images/") from None
        raise ImageProblem(f"cannot be read: {exc.strerror}", "check that it exists and is readable") from None
    with os.fdopen(fd, "rb") as handle:
        opened = Path(f"/proc/self/fd/{handle.fileno()}")
        with contextlib.suppress(OSError):
            if opened.exists() and not opened.resolve().is_relative_to(root):
                raise ImageProblem("was replaced by a file outside the project while it was read",
                                   "keep images under source/images/")
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageProblem(f"is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}", "reduce or compress it")
        data = handle.read(MAX_IMAGE_BYTES + 1)
    return check_bytes(data, target.suffix.lower())


def check_image(path: Path) -> CheckedImage:
    """Read ``path`` and check it (tests and tools; the reader uses :func:`read_image`)."""
    return read_image(path.resolve(), path.resolve().parent)


def check_bytes(data: bytes, suffix: str) -> CheckedImage:
    """Raise :class:`ImageProblem` unless ``data`` is an image every renderer can take safely."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageProblem(f"is more than {MAX_IMAGE_BYTES:,} bytes; the limit is {MAX_IMAGE_BYTES:,}",
                           "reduce or compress it")
    if suffix == ".svg":
        check_svg(data)
        return CheckedImage(data)
    width, height = check_raster(data, PILLOW_FORMATS[suffix], suffix)
    return CheckedImage(data, width, height, width * height)


def check_raster(data: bytes, expected: str, suffix: str) -> tuple[int, int]:
    """The format, size and pixel mode from the header, then the whole image decoded once
    (a truncated file or a corrupt compressed stream fails here, not in a renderer)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we apply our own, lower limit
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height), mode = image.format, image.size, image.mode
                if found != expected:
                    raise ImageProblem(f"is a {found} file with a {suffix} name", f"rename it to .{str(found).lower()}")
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    raise ImageProblem(f"is {width}x{height} pixels; the limit is {MAX_SIDE} a side and "
                                       f"{MAX_PIXELS // 1_000_000} million in all", "scale it down")
                if mode not in MODES[expected]:
                    raise ImageProblem(f"has pixels of a kind not every format can show ({_describe_mode(mode)})",
                                       "save it again as 8-bit RGB (sRGB), or greyscale")
                image.load()  # decodes everything: truncated files and corrupt streams fail here
            if expected == "PNG":  # every chunk's checksum, up to IEND (python-docx reads to IEND)
                with Image.open(io.BytesIO(data)) as image:
                    image.verify()
    except ImageProblem:
        raise
    except ValueError as exc:  # Pillow's own limits, e.g. a zTXt chunk that decompresses to gigabytes
        raise ImageProblem(f"is not a safe image ({exc})", "save it again as PNG or JPEG, without metadata") from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, EOFError) as exc:
        detail = str(exc).strip()
        raise ImageProblem(f"is not a readable image ({type(exc).__name__}{': ' + detail[:80] if detail else ''})",
                           "save it again as PNG or JPEG") from None
    if expected == "JPEG" and data[6:10] not in (b"JFIF", b"Exif"):
        # python-docx finds a JPEG's size and resolution only in a JFIF or Exif header.
        raise ImageProblem("has no JFIF or Exif header (Word documents cannot place it)",
                           "save it again as JPEG (sRGB) from an image editor")
    return width, height


def _describe_mode(mode: str) -> str:
    known = {"I;16": "16-bit greyscale", "I": "32-bit integer", "F": "32-bit float", "CMYK": "CMYK",
             "YCbCr": "YCbCr", "LAB": "Lab", "HSV": "HSV", "PA": "palette with alpha", "La": "greyscale alpha"}
    return known.get(mode, mode)


# ---------------------------------------------------------------- SVG


def check_svg(data: bytes) -> None:
    """Only self-contained drawings: no DTD, scripts, event handlers, embedded pictures or references
    outside the file, and a bounded drawing once every reference is expanded."""
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
            if local in ("href", "src") and value.strip().lower().startswith("data:"):
                # Measured: WeasyPrint's PDF cannot draw it (its fetcher reads only the layout and the
                # figures) and DAISY Ace stops on it; it would also escape the image limits.
                raise ImageProblem("embeds a picture as a data: URL, which the PDF and EPUB checkers cannot take",
                                   "give the picture an image block of its own, or export the drawing as PNG")
            if local in ("href", "src") and not _SAFE_HREF.match(value):
                raise ImageProblem(f"refers to '{value[:80]}'", "embed what it needs or remove the reference")
            if _CSS_URL.search(value):  # style="", fill="url(...)", filter, mask, clip-path, marker-*
                raise ImageProblem(f"refers to another file in '{local}': '{value[:80]}'", "remove the url(...)")
        if name == "style" and el.text and (_CSS_URL.search(el.text) or "@import" in el.text):
            raise ImageProblem("refers to another file in its <style>", "remove @import and url(...)")
    drawn = expanded_size(root)
    if drawn > lim.MAX_SVG_ELEMENTS:
        raise ImageProblem(f"draws more than {lim.MAX_SVG_ELEMENTS:,} elements once its <use> and url(#...) "
                           "references are expanded", "simplify the drawing, or save it as PNG")


def _references(el: etree._Element, ids: dict[str, etree._Element]) -> list[etree._Element]:
    """What drawing ``el`` draws besides its children: a ``<use>``'s target, url(#id) paints, masks, filters."""
    found: list[etree._Element] = []
    for attr, raw in el.attrib.items():
        value = str(raw)
        if etree.QName(attr).localname == "href" and value.strip().startswith("#"):
            target = ids.get(value.strip()[1:])
            if target is not None:
                found.append(target)
        for ident in _LOCAL_URL.findall(value):
            target = ids.get(ident)
            if target is not None:
                found.append(target)
    return found


def expanded_size(root: etree._Element) -> int:
    """How many elements a renderer draws with every reference expanded (a ``<use>`` of a group
    of 10 counts 11), capped just past the limit; a reference cycle counts as over the limit.

    Iterative, with memoised sizes: "billion laughs by reference" (each group using the one
    before twice) is counted in as many steps as the file has elements, and a chain of a
    thousand ``<use>`` never nests a thousand Python calls.
    """
    cap = lim.MAX_SVG_ELEMENTS + 1
    ids = {str(el.get("id")): el for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    size: dict[etree._Element, int] = {}
    active: set[etree._Element] = set()
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        if el in size:
            continue
        parts = [c for c in el if isinstance(c.tag, str)] + _references(el, ids)
        if done:
            active.discard(el)
            size[el] = min(cap, 1 + sum(size.get(p, cap) for p in parts))
            continue
        if el in active:
            continue
        active.add(el)
        stack.append((el, True))
        for part in parts:
            if part in active:
                return cap  # a <use> that draws itself (directly or through others) never ends
            if part not in size:
                stack.append((part, False))
    return size.get(root, cap)
