"""A DOCX package read with lxml: the main document, its relationships, styles and core properties."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from publisher.extract.sniff import unusable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "pr": PR,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
# No DTDs, no entities, no network: a DOCX is untrusted input.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Relationship:
    target: str
    type: str
    external: bool


@dataclass
class Style:
    name: str
    based_on: str = ""
    outline_level: int | None = None  # 0-based, as in w:outlineLvl


@dataclass
class Docx:
    path: Path
    document: etree._Element
    rels: dict[str, Relationship] = field(default_factory=dict)
    styles: dict[str, Style] = field(default_factory=dict)
    styles_root: etree._Element | None = None
    core: etree._Element | None = None

    def style_name(self, style_id: str) -> str:
        style = self.styles.get(style_id)
        return style.name if style else style_id

    def style_outline_level(self, style_id: str) -> int | None:
        """Outline level of a style, through its basedOn chain; a 'heading N' name implies level N-1."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                return None
            if style.outline_level is not None:
                return style.outline_level
            match = _HEADING_NAME.match(style.name)
            if match:
                return int(match.group(1)) - 1
            style_id = style.based_on
        return None

    def paragraphs(self) -> list[etree._Element]:
        body = self.document.find(w("body"))
        return [] if body is None else list(body.iter(w("p")))

    def paragraph_style(self, paragraph: etree._Element) -> str:
        found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        return str(found.get(w("val"), "")) if found is not None else ""

    def heading_level(self, paragraph: etree._Element) -> int:
        """1-based heading level from the paragraph's own outline level or its style; 0 for body text."""
        direct = paragraph.find(f"{w('pPr')}/{w('outlineLvl')}")
        level = int(direct.get(w("val"), "9")) if direct is not None else \
            self.style_outline_level(self.paragraph_style(paragraph))
        return level + 1 if level is not None and 0 <= level <= 8 else 0


def _read_xml(zf: zipfile.ZipFile, name: str, path: Path) -> etree._Element | None:
    if name not in zf.namelist():
        return None
    try:
        return etree.fromstring(zf.read(name), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise unusable(path, f"not a valid DOCX: {name} is not well-formed XML ({exc})",
                       "rebuild it with publisher build") from None


def _main_part(zf: zipfile.ZipFile, path: Path) -> str:
    rels = _read_xml(zf, "_rels/.rels", path)
    if rels is not None:
        for rel in rels.iter(f"{{{PR}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
    return "word/document.xml"


def read_docx(path: Path) -> Docx:
    try:
        with zipfile.ZipFile(path) as zf:
            part = _main_part(zf, path)
            document = _read_xml(zf, part, path)
            if document is None:
                raise unusable(path, f"not a valid DOCX: no {part}", "rebuild it with publisher build")
            folder = posixpath.dirname(part)
            rels_name = posixpath.join(folder, "_rels", posixpath.basename(part) + ".rels")
            docx = Docx(path, document, styles_root=_read_xml(zf, posixpath.join(folder, "styles.xml"), path),
                        core=_read_xml(zf, "docProps/core.xml", path))
            rels_root = _read_xml(zf, rels_name, path)
    except zipfile.BadZipFile as exc:
        raise unusable(path, f"not a valid DOCX: corrupt zip ({exc})", "rebuild it with publisher build") from None
    if rels_root is not None:
        for rel in rels_root.iter(f"{{{PR}}}Relationship"):
            docx.rels[rel.get("Id", "")] = Relationship(rel.get("Target", ""), rel.get("Type", ""),
                                                        rel.get("TargetMode", "") == "External")
    if docx.styles_root is not None:
        for style in docx.styles_root.iter(w("style")):
            sid = style.get(w("styleId"), "")
            name_el = style.find(w("name"))
            based = style.find(w("basedOn"))
            level = style.find(f"{w('pPr')}/{w('outlineLvl')}")
            docx.styles[sid] = Style(
                name=str(name_el.get(w("val"), sid)) if name_el is not None else sid,
                based_on=str(based.get(w("val"), "")) if based is not None else "",
                outline_level=int(level.get(w("val"), "9")) if level is not None else None,
            )
    return docx
