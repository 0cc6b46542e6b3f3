"""Read every output format the way the robustness tests need: text, every URI, headings, structure.

Written against the file formats, not the renderers' code, so a renderer change cannot
hide a regression: HTML with lxml, EPUB and DOCX as zips of XML, PDF with pikepdf and
pdfminer.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pikepdf
from lxml import etree
from pdfminer.high_level import extract_text

SUFFIXES = {"json": "json", "html": "html", "epub": "epub", "docx": "docx", "pdf": "pdf",
            "large-print": "large-print.pdf"}
ALL_FORMATS = tuple(SUFFIXES)
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# Attributes that make a reader or a renderer open a URI.
URI_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                  "{http://www.w3.org/1999/xlink}href", "xlink:href", "longdesc", "manifest", "ping"}
# <link rel=...> kinds a browser does not load by itself (stylesheet, icon, preload... are loaded).
NAVIGATION_RELS = {"canonical", "alternate", "author", "license", "help", "bookmark", "next", "prev", "external",
                   "record", "describedby"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)


@dataclass(frozen=True)
class Uri:
    """A URI found in an output: ``link`` ones are followed by a reader, the others are loaded."""

    value: str
    link: bool
    where: str

    @property
    def scheme(self) -> str:
        return urlsplit(self.value.strip()).scheme.lower()


def outputs(folder: Path, slug: str, formats: tuple[str, ...] = ALL_FORMATS) -> dict[str, bytes]:
    return {fmt: (folder / f"{slug}.{SUFFIXES[fmt]}").read_bytes() for fmt in formats}


# ------------------------------------------------------------------ text


def text(fmt: str, data: bytes) -> str:
    """What a reader sees, whitespace collapsed."""
    if fmt == "json":
        raw = " ".join(_json_strings(json.loads(data)))
    elif fmt == "html":
        raw = _html_text(lxml.html.document_fromstring(data))
    elif fmt == "epub":
        raw = " ".join(_html_text(_xml(z.read(name))) for z, name in _members(data, (".xhtml", ".html")))
    elif fmt == "docx":
        raw = " ".join(_docx_text(_xml(z.read(name))) for z, name in _members(data, (".xml",))
                       if name.startswith("word/"))
    else:
        raw = extract_text(io.BytesIO(data))
    return " ".join(raw.split())


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def _html_text(root: etree._Element) -> str:
    parts: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or _local(el.tag) in ("script", "style", "head", "title"):
            continue
        if el.text and not _inside(el, ("script", "style", "head")):
            parts.append(el.text)
        if el.tail and el.getparent() is not None and not _inside(el.getparent(), ("script", "style", "head")):
            parts.append(el.tail)
    return " ".join(parts)


def _docx_text(root: etree._Element) -> str:
    return " ".join(_runs_text(p) for p in root.iter(f"{W}p"))


def _runs_text(paragraph: etree._Element) -> str:
    """A paragraph's text as Word shows it: <w:t> text, <w:tab/> a tab, <w:br/> and <w:cr/> a line break."""
    parts = []
    # Only inside runs: <w:pPr><w:tabs><w:tab> are tab stops, not text.
    for el in (child for run in paragraph.iter(f"{W}r") for child in run):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}noBreakHyphen":
            parts.append("\u2011")
        elif el.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append("\t" if el.tag == f"{W}tab" else "\n")
    return "".join(parts)


def _inside(el: etree._Element, names: tuple[str, ...]) -> bool:
    node: etree._Element | None = el
    while node is not None:
        if isinstance(node.tag, str) and _local(node.tag) in names:
            return True
        node = node.getparent()
    return False


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


# ------------------------------------------------------------------ URIs


def uris(fmt: str, data: bytes) -> list[Uri]:
    """Every URI the output can follow or load, wherever the format keeps them."""
    if fmt == "json":
        return []
    if fmt == "html":
        return _markup_uris(lxml.html.document_fromstring(data), "html")
    if fmt == "epub":
        found: list[Uri] = []
        for z, name in _members(data, (".xhtml", ".html", ".opf", ".ncx", ".css", ".xml")):
            body = z.read(name)
            if name.endswith(".css"):
                found += [Uri(u, False, name) for u in CSS_URL.findall(body.decode())]
            else:
                found += _markup_uris(_xml(body), name)
        return found
    if fmt == "docx":
        return _docx_uris(data)
    return _pdf_uris(data)


def _markup_uris(root: etree._Element, where: str) -> list[Uri]:
    found: list[Uri] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = _local(el.tag)
        for attr, value in el.attrib.items():
            if attr in URI_ATTRIBUTES or attr.endswith("}href"):
                values = [v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]
                is_link = attr == "href" and (name in ("a", "area") or (
                    name == "link" and set(el.get("rel", "").lower().split()) <= NAVIGATION_RELS))
                found += [Uri(v, is_link, f"{where}:<{name} {attr}>") for v in values]
            if attr == "style":
                found += [Uri(u, False, f"{where}:style") for u in CSS_URL.findall(value)]
            if attr == "content" and el.get("http-equiv", "").lower() == "refresh":
                found.append(Uri(value.split("=", 1)[-1], True, f"{where}:refresh"))
        if name == "style" and el.text:
            found += [Uri(u, False, f"{where}:<style>") for u in CSS_URL.findall(el.text)]
    return found


def _docx_uris(data: bytes) -> list[Uri]:
    found: list[Uri] = []
    for z, name in _members(data, (".rels", ".xml")):
        root = _xml(z.read(name))
        if name.endswith(".rels"):
            for rel in root:
                external = rel.get("TargetMode") == "External"
                link = rel.get("Type", "").endswith("/hyperlink")
                if external or link:
                    found.append(Uri(rel.get("Target", ""), link, f"{name}:{rel.get('Id')}"))
        else:
            for instr in root.iter(f"{W}instrText", f"{W}fldSimple"):
                code = instr.text if instr.tag == f"{W}instrText" else instr.get(f"{W}instr")
                for target in re.findall(r'(?:HYPERLINK|INCLUDEPICTURE|INCLUDETEXT)\s+"([^"]+)"', code or ""):
                    found.append(Uri(target, True, f"{name}:field"))
    return found


def _pdf_uris(data: bytes) -> list[Uri]:
    found: list[Uri] = []
    actions = {"/JavaScript", "/Launch", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData", "/RichMediaExecute"}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in _pdf_dicts(pdf.trailer):
            if "/URI" in obj:
                found.append(Uri(str(obj.URI), True, "pdf:/URI"))
            if str(obj.get("/S", "")) in actions:
                found.append(Uri(f"pdf-action:{obj.S}", True, "pdf:action"))
            for key in ("/JS", "/EmbeddedFiles", "/EF", "/AA", "/OpenAction"):
                if key in obj and not (key == "/OpenAction" and _is_goto(obj.OpenAction)):
                    found.append(Uri(f"pdf-key:{key}", True, "pdf:key"))
    return found


def _is_goto(action: pikepdf.Object) -> bool:
    """A /OpenAction that only opens a page (an array destination or /GoTo) is harmless."""
    return isinstance(action, pikepdf.Array) or str(action.get("/S", "")) == "/GoTo"


def _pdf_dicts(root: pikepdf.Object) -> list[pikepdf.Dictionary]:
    """Every dictionary reachable from ``root``, direct or indirect, each once; page content not parsed."""
    seen: set[tuple[int, int]] = set()
    out: list[pikepdf.Dictionary] = []
    stack = [root]
    while stack:
        obj = stack.pop()
        if not isinstance(obj, pikepdf.Object):
            continue  # numbers, booleans and names come back as Python values
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            if isinstance(obj, pikepdf.Dictionary):
                out.append(obj)
            for key in obj.keys():  # noqa: SIM118 -- pikepdf objects need keys()
                if key not in ("/Parent", "/P", "/Pg"):
                    stack.append(obj[key])
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)
    return out


def bad_uris(fmt: str, data: bytes) -> list[Uri]:
    """Links that are not http(s)/mailto/tel or in-document; loads that leave the document."""
    bad = []
    for uri in uris(fmt, data):
        value = uri.value.strip()
        if uri.link:
            ok = uri.scheme in LINK_SCHEMES or (not uri.scheme and (_internal(fmt, value) or _sibling(fmt, value)))
        else:
            # Loaded resources come from inside the package, or are images we inlined ourselves.
            ok = (not uri.scheme and _internal(fmt, value)) or value.startswith(("data:image/", "data:font/"))
        if not ok:
            bad.append(uri)
    return bad


def _sibling(fmt: str, value: str) -> bool:
    """The web page links the source's other formats by their bare file names (render/html/alternates.py)."""
    return fmt == "html" and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value) is not None and ".." not in value


def _internal(fmt: str, value: str) -> bool:
    if value.startswith("#"):
        return True
    # EPUB and DOCX packages refer to their own parts by relative paths; HTML and PDF are one file.
    return fmt in ("epub", "docx") and not value.startswith(("/", "\\", "//")) and ".." not in value.split("/")[:1]


# ------------------------------------------------------------------ headings and structure


def headings(fmt: str, data: bytes) -> list[tuple[int, str]]:
    """The document's heading outline as (level, text), navigation excluded."""
    if fmt == "html":
        return _markup_headings(lxml.html.document_fromstring(data))
    if fmt == "epub":
        return [h for z, name in _members(data, (".xhtml",)) if not name.endswith("nav.xhtml")
                for h in _markup_headings(_xml(z.read(name)))]
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            root = _xml(z.read("word/document.xml"))
        found = []
        for p in root.iter(f"{W}p"):
            style = p.find(f"{W}pPr/{W}pStyle")
            name = style.get(f"{W}val", "") if style is not None else ""
            if re.fullmatch(r"Heading[1-6]", name):
                found.append((int(name[-1]), " ".join(_runs_text(p).split())))
        return found
    if fmt in ("pdf", "large-print"):
        found = []
        with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as outline:
            def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
                for item in items:
                    found.append((level, " ".join(item.title.split())))
                    walk(item.children, level + 1)

            walk(outline.root, 1)
        return found
    doc = json.loads(data)
    found = [(1, " ".join(doc["title"].split()))]

    def sections(items: list[dict[str, object]]) -> None:
        for s in items:
            found.append((int(str(s["level"])), " ".join(str(s["title"]).split())))
            sections(s["sections"])  # type: ignore[arg-type]

    sections(doc["sections"])
    return found


def _markup_headings(root: etree._Element) -> list[tuple[int, str]]:
    found = []
    for el in root.iter():
        if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", _local(el.tag)) and not _inside(el, ("nav",)):
            found.append((int(_local(el.tag)[1]), " ".join("".join(el.itertext()).split())))
    return found


def check_structure(fmt: str, data: bytes) -> None:
    """Raise if the file does not parse as what it claims to be."""
    if fmt == "json":
        json.loads(data)
    elif fmt == "html":
        assert data.startswith(b"<!DOCTYPE html>"), data[:40]
        lxml.html.document_fromstring(data)
    elif fmt in ("epub", "docx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
            if fmt == "epub":
                assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/epub+zip"
            for name in z.namelist():
                if name.endswith((".xml", ".xhtml", ".opf", ".ncx", ".rels")):
                    _xml(z.read(name))  # well-formed XML, or it raises
    else:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) >= 1
            problems = pdf.check_pdf_syntax()
            assert problems == [], problems


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))


def _members(data: bytes, suffixes: tuple[str, ...]) -> list[tuple[zipfile.ZipFile, str]]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(z, name) for name in z.namelist() if name.endswith(suffixes)]
