"""Open a Word file safely with python-docx, and answer what its styles, numbering and languages say.

A .docx from outside is untrusted: it is checked as a zip (size, member count, expansion
ratio) before python-docx parses it, and every failure becomes one clear error instead of
a traceback. python-docx reads the package, parts and core properties; the questions it has
no API for (a style's outline level through its ``basedOn`` chain, a list's number format,
the language a run inherits) are answered here from the same XML.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import OpcError
from lxml import etree

from publisher.errors import Diagnostic, Location, PublisherError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
MAX_DOCX_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_EXPANDED_BYTES = 400 * 1024 * 1024  # all parts together, unzipped
MAX_RATIO = 200  # a member that expands more than this is a zip bomb, not a document
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, and encrypted .docx


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def attr(element: Any, name: str) -> str:
    """A w: attribute, '' when absent."""
    return str(element.get(w(name), "")) if element is not None else ""


class UnreadableDocx(PublisherError):
    """The file is not a Word document this importer can read: exit status 2, nothing written."""


RESAVE = "save it again from Word as a .docx (Word Document)"


def unreadable(path: Path, message: str, hint: str = RESAVE) -> UnreadableDocx:
    return UnreadableDocx(Diagnostic(Location(str(path)), message, hint))


@dataclass
class Style:
    name: str
    kind: str  # paragraph, character, table, numbering
    based_on: str = ""
    outline_level: int | None = None  # 0-based, as w:outlineLvl
    num_id: str = ""  # a list style's numbering
    lang: str = ""
    bold: bool | None = None
    italic: bool | None = None


@dataclass
class Package:
    path: Path
    document: Any  # docx.document.Document
    styles: dict[str, Style] = field(default_factory=dict)
    default_style: str = ""  # the default paragraph style's id
    default_lang: str = ""  # docDefaults w:lang
    numbering: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)  # numId -> (abstract, starts)
    formats: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (abstract, ilvl) -> fmt, start

    @property
    def body(self) -> Any:
        return self.document.element.body

    def style_chain(self, style_id: str) -> list[Style]:
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            out.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return out

    def style_name(self, style_id: str) -> str:
        style = self.styles.get(style_id)
        return style.name if style else style_id

    def paragraph_style(self, p: Any) -> str:
        found = p.find(f"{w('pPr')}/{w('pStyle')}")
        return attr(found, "val") or self.default_style

    def heading_level(self, p: Any) -> int:
        """1-based outline level (Heading 1 → 1), 0 for body text; "Title" is -1."""
        style = self.paragraph_style(p)
        if self.style_name(style).lower() == "title":
            return -1
        direct = p.find(f"{w('pPr')}/{w('outlineLvl')}")
        level: int | None = int(attr(direct, "val") or 9) if direct is not None else None
        if level is None:
            for s in self.style_chain(style):
                if s.outline_level is not None:
                    level = s.outline_level
                    break
                if s.name.lower().startswith("heading ") and s.name[8:].isdigit():
                    level = int(s.name[8:]) - 1
                    break
        return level + 1 if level is not None and 0 <= level <= 8 else 0

    def list_info(self, p: Any) -> tuple[str, int] | None:
        """(numId, ilvl) when the paragraph is numbered, directly or through its style; None otherwise."""
        num = p.find(f"{w('pPr')}/{w('numPr')}")
        if num is not None:
            num_id = attr(num.find(w("numId")), "val")
            ilvl = int(attr(num.find(w("ilvl")), "val") or 0)
            return (num_id, ilvl) if num_id and num_id != "0" else None
        for s in self.style_chain(self.paragraph_style(p)):
            if s.num_id:
                return (s.num_id, 0) if s.num_id != "0" else None
        return None

    def list_format(self, num_id: str, ilvl: int) -> tuple[bool, int]:
        """(ordered, start) of a list level; bullets when the numbering is unknown."""
        abstract, starts = self.numbering.get(num_id, ("", {}))
        fmt, start = self.formats.get((abstract, str(ilvl)), ("bullet", 1))
        start = int(starts.get(str(ilvl), start))
        return fmt not in ("bullet", "none", ""), start

    def run_lang(self, r: Any, paragraph_style: str) -> str:
        """The language a run's text is in: its own w:lang, then its character style's, the paragraph's, the default."""
        rpr = r.find(w("rPr"))
        if rpr is not None:
            lang = rpr.find(w("lang"))
            rtl = rpr.find(w("rtl")) is not None
            if lang is not None and (found := attr(lang, "bidi" if rtl else "val") or attr(lang, "val")):
                return found
            rstyle = attr(rpr.find(w("rStyle")), "val")
            for s in self.style_chain(rstyle):
                if s.lang:
                    return s.lang
        for s in self.style_chain(paragraph_style):
            if s.lang:
                return s.lang
        return self.default_lang

    def document_language(self) -> str:
        """docDefaults, then the default paragraph style, then the runs' most common w:lang, then core properties."""
        if self.default_lang:
            return self.default_lang
        for s in self.style_chain(self.default_style):
            if s.lang:
                return s.lang
        seen = Counter(attr(e, "val") for e in self.body.iter(w("lang")) if attr(e, "val"))
        if seen:
            return seen.most_common(1)[0][0]
        return str(self.document.core_properties.language or "")


def _check_zip(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise unreadable(path, "no such file", "check the path") from None
    except IsADirectoryError:
        raise unreadable(path, "is a folder, not a Word file", "pass a .docx file") from None
    except OSError as exc:
        raise unreadable(path, f"cannot read the file: {exc.strerror}", "check its permissions") from None
    if size > MAX_DOCX_BYTES:
        raise unreadable(path, f"is {size:,} bytes; the limit is {MAX_DOCX_BYTES:,}", "split the handout")
    if head == OLE_MAGIC:
        raise unreadable(path, "is a Word 97-2003 .doc file or a password-protected document, not a .docx",
                         "open it in Word and save it as Word Document (.docx), without a password")
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            if len(members) > MAX_MEMBERS:
                raise unreadable(path, f"has {len(members):,} parts; a handout has a few dozen")
            total = sum(m.file_size for m in members)
            bomb = next((m for m in members if m.compress_size and m.file_size / m.compress_size > MAX_RATIO
                         and m.file_size > 1024 * 1024), None)
            if total > MAX_EXPANDED_BYTES or bomb is not None:
                raise unreadable(path, "expands to far more data than a handout holds (a zip bomb?)")
            if "word/document.xml" not in zf.namelist() and "[Content_Types].xml" not in zf.namelist():
                raise unreadable(path, "is a zip file, but not a Word document (no word/document.xml)")
            broken = zf.testzip()
    except zipfile.BadZipFile:
        raise unreadable(path, "is not a Word document: the file is not a valid .docx (zip) package") from None
    except (EOFError, ValueError, OSError, RuntimeError) as exc:
        raise unreadable(path, f"is not a readable .docx package: {exc}") from None
    if broken is not None:
        raise unreadable(path, f"is damaged: the part {broken} fails its checksum")


def open_docx(path: Path) -> Package:
    """The package, or UnreadableDocx: corrupt, not a zip, a .doc, encrypted, or not a Word document."""
    _check_zip(path)
    try:
        document = docx.Document(str(path))
    except (OpcError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile, AttributeError) as exc:
        kind = "malformed XML" if isinstance(exc, etree.XMLSyntaxError) else type(exc).__name__
        raise unreadable(path, f"is not a readable Word document ({kind}: {str(exc)[:120]})") from None
    if "wordprocessingml" not in str(document.part.content_type):
        raise unreadable(path, f"is not a Word document but {document.part.content_type}",
                         "save it from Word as Word Document (.docx)")
    package = Package(path, document)
    _read_styles(package)
    _read_numbering(package)
    return package


def _read_styles(package: Package) -> None:
    try:
        root = package.document.styles.element
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return  # no or broken styles part: every paragraph is body text in the default language
    lang = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    package.default_lang = attr(lang, "val")
    for el in root.iter(w("style")):
        sid = attr(el, "styleId")
        name = attr(el.find(w("name")), "val") or sid
        level = el.find(f"{w('pPr')}/{w('outlineLvl')}")
        num = el.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        rpr = el.find(w("rPr"))
        style = Style(name, attr(el, "type") or "paragraph", attr(el.find(w("basedOn")), "val"),
                      int(attr(level, "val") or 9) if level is not None else None, attr(num, "val"),
                      attr(rpr.find(w("lang")), "val") if rpr is not None else "",
                      _toggle(rpr, "b"), _toggle(rpr, "i"))
        package.styles[sid] = style
        if attr(el, "default") in ("1", "true") and style.kind == "paragraph":
            package.default_style = sid


def _toggle(rpr: Any, name: str) -> bool | None:
    if rpr is None or (el := rpr.find(w(name))) is None:
        return None
    return attr(el, "val") not in ("0", "false", "off")


def _read_numbering(package: Package) -> None:
    try:
        root = package.document.part.numbering_part.element
    except (KeyError, NotImplementedError, ValueError, etree.XMLSyntaxError):
        return  # no numbering part: lists read as bullets
    for abstract in root.iter(w("abstractNum")):
        aid = attr(abstract, "abstractNumId")
        for lvl in abstract.iter(w("lvl")):
            fmt = attr(lvl.find(w("numFmt")), "val") or "bullet"
            start = int(attr(lvl.find(w("start")), "val") or 1)
            package.formats[(aid, attr(lvl, "ilvl") or "0")] = (fmt, start)
    for num in root.iter(w("num")):
        starts = {attr(o, "ilvl"): attr(o.find(w("startOverride")), "val")
                  for o in num.iter(w("lvlOverride")) if o.find(w("startOverride")) is not None}
        package.numbering[attr(num, "numId")] = (attr(num.find(w("abstractNumId")), "val"), starts)
