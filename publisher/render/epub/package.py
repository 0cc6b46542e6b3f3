"""Packaging with ebooklib, then the fixes it needs: xml:lang on <package>, and a deterministic zip.

Content documents are added as plain ``EpubItem`` objects, not ``EpubHtml``: ebooklib regenerates
``EpubHtml`` and ``EpubNav`` documents from its own template, dropping the attributes of ``<head>``
and ``<body>`` and adding a page list for every element with both ``epub:type`` and ``id``.
Plain items are written byte for byte, so what the layout templates say is what the book contains.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from ebooklib import epub
from lxml import etree

from publisher.document.model import Document, metadata_title
from publisher.render.epub import release
from publisher.render.epub.metadata import Meta, identifier, modified
from publisher.render.producer import generator

OPF_NS = "http://www.idpf.org/2007/opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF_PATH = "EPUB/content.opf"
NCX_PATH = "EPUB/toc.ncx"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
# 1980-01-01, the earliest date a zip entry can carry: the same on every build (like SOURCE_DATE_EPOCH).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
XHTML = "application/xhtml+xml"


@dataclass(frozen=True)
class Item:
    """One file of the book, relative to the EPUB/ folder."""

    uid: str
    href: str
    media_type: str
    data: bytes
    properties: tuple[str, ...] = ()
    media_overlay: str = ""  # the id of this content document's SMIL overlay (narrated EPUB)


@dataclass
class Book:
    doc: Document
    nav: Item
    spine: list[Item]
    resources: list[Item] = field(default_factory=list)
    toc: list[object] = field(default_factory=list)  # ebooklib Link/Section tree, for the NCX
    metas: list[Meta] = field(default_factory=list)


def _item(item: Item) -> epub.EpubItem:
    made = epub.EpubItem(uid=item.uid, file_name=item.href, media_type=item.media_type, content=item.data)
    made.properties = list(item.properties)  # ebooklib writes this attribute to the manifest
    if item.media_overlay:
        made.media_overlay = item.media_overlay  # and this one, as media-overlay="…"
    return made


def build(book: Book) -> bytes:
    doc = book.doc
    ebook = epub.EpubBook()
    ebook.set_identifier(identifier(doc))
    ebook.set_title(metadata_title(doc))
    ebook.set_language(doc.language)
    if doc.direction == "rtl":
        ebook.set_direction("rtl")
    ebook.add_author(doc.publisher.name)
    ebook.add_metadata("DC", "publisher", doc.publisher.name)
    ebook.add_metadata("DC", "date", doc.edition_date.isoformat())  # this edition's publication date
    if doc.description:
        ebook.add_metadata("DC", "description", doc.description)
    for keyword in doc.keywords:
        ebook.add_metadata("DC", "subject", keyword)
    if doc.rights:
        ebook.add_metadata("DC", "rights", doc.rights)
    for element in release.dc_elements(doc):
        ebook.add_metadata("DC", element.name, element.value, dict(element.attrs))
    for meta in [*book.metas, *release.metas(doc)]:
        attrs = {"property": meta.property}
        if meta.refines:
            attrs["refines"] = meta.refines
        if meta.scheme:
            attrs["scheme"] = meta.scheme
        if meta.lang and meta.lang.split("-")[0] != doc.language.split("-")[0].lower():
            attrs[XML_LANG] = meta.lang
        ebook.add_metadata(None, "meta", meta.value, attrs)
    for item in [*book.spine, book.nav, *book.resources]:
        ebook.add_item(_item(item))
    # An NCX as well, for EPUB 2 reading systems; ebooklib builds it from the same outline.
    ebook.add_item(epub.EpubNcx())
    ebook.toc = book.toc
    # The navigation document is a spine item (the landmarks point to it) outside the linear
    # reading order, so a reader opens the book at its title, not at the contents list.
    ebook.spine = [item.uid for item in book.spine] + [(book.nav.uid, "no")]

    out = io.BytesIO()
    epub.write_epub(out, ebook, {
        "epub3_pages": False,  # no page list: this book has no print pages to point to
        "epub3_landmark": False,
        "epub2_guide": False,
        "play_order": {"enabled": True, "start_from": 1},  # the NCX DTD requires playOrder on every navPoint
        "raise_exceptions": True,
        "mtime": modified(doc),
        "package_direction": doc.direction == "rtl",
    })
    return _normalise_zip(out.getvalue(), doc)


def _fix_opf(data: bytes, doc: Document) -> bytes:
    root = etree.fromstring(data)
    root.set(XML_LANG, doc.language)
    # ebooklib declares the reserved "rendition:" prefix, which EPUB 3.3 says not to redeclare.
    if "prefix" in root.attrib:
        del root.attrib["prefix"]
    # Its generator meta names only itself: say which publisher and libraries made the book.
    metadata = root.find(f"{{{OPF_NS}}}metadata")
    if metadata is not None:
        for meta in metadata.findall(f"{{{OPF_NS}}}meta[@name='generator']"):
            meta.set("content", generator("ebooklib", "jinja2", "lxml"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _fix_ncx(data: bytes, doc: Document) -> bytes:
    """ebooklib writes ``dtb:depth`` 0 whatever the outline; the NCX DTD means the depth of the navMap."""
    root = etree.fromstring(data)
    root.set(XML_LANG, doc.language)

    def depth(element: etree._Element) -> int:
        points = element.findall(f"{{{NCX_NS}}}navPoint")
        return 1 + max(map(depth, points)) if points else 0

    nav_map = root.find(f"{{{NCX_NS}}}navMap")
    for meta in root.iterfind(f"{{{NCX_NS}}}head/{{{NCX_NS}}}meta[@name='dtb:depth']"):
        meta.set("content", str(depth(nav_map) if nav_map is not None else 0))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _normalise_zip(data: bytes, doc: Document) -> bytes:
    """Rewrite the container: ``mimetype`` first and stored, then every entry with fixed date and mode."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        ordered = ["mimetype", *(n for n in names if n != "mimetype")]
        for name in ordered:
            content = src.read(name)
            if name == OPF_PATH:
                content = _fix_opf(content, doc)
            elif name == NCX_PATH:
                content = _fix_ncx(content, doc)
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.create_system = 3  # Unix, whatever the build machine is
            info.external_attr = 0o644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                dst.writestr(info, content)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(info, content, compresslevel=9)
    return out.getvalue()
