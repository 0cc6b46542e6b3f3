"""Rendering helpers and a small EPUB reader for the EPUB renderer's tests."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.epub import render
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
RICH = ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml"

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def render_epub(doc: m.Document) -> bytes:
    return render(doc, Layout(), RenderOptions())


@dataclass
class Book:
    """An EPUB opened for reading: the zip, its package document and helpers to parse members."""

    data: bytes

    def __post_init__(self) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def read(self, href: str) -> bytes:
        return self.zip.read(self.base + href)

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    def manifest(self, media_type: str | None = None) -> list[etree._Element]:
        items: list[etree._Element] = self.opf.xpath("//opf:manifest/opf:item", namespaces=NS)
        return [i for i in items if media_type is None or i.get("media-type") == media_type]

    def nav_href(self) -> str:
        (item,) = [i for i in self.manifest() if "nav" in (i.get("properties") or "").split()]
        return str(item.get("href"))

    def meta(self, prop: str) -> list[str]:
        return [str(e.text) for e in self.opf.xpath(f"//opf:meta[@property='{prop}']", namespaces=NS)]
