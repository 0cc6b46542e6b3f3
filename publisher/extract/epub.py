"""Extract outline, references, links and text from an EPUB's spine, and read its package document."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from publisher.extract.html import from_roots
from publisher.extract.model import Extract
from publisher.extract.sniff import unusable
from publisher.source.limits import MAX_XML_MEMBER_BYTES

OPF = "http://www.idpf.org/2007/opf"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_HINT = "rebuild it with publisher build"


@dataclass(frozen=True)
class Package:
    """The package document and the spine's content documents, parsed, in reading order."""

    path: Path
    opf_path: str
    opf: etree._Element
    spine: tuple[tuple[str, etree._Element], ...]
    missing: tuple[str, ...] = ()  # spine documents the zip lacks: EPUBCheck's to report, not a reason to stop


def _xml(zf: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    try:
        size = zf.getinfo(name).file_size  # zipfile never inflates past it: checked, it bounds the read
        if size > MAX_XML_MEMBER_BYTES:
            raise unusable(path, f"not a valid EPUB: {name} would inflate to {size:,} bytes; the limit for "
                           f"one document is {MAX_XML_MEMBER_BYTES:,}", _HINT)
        return etree.fromstring(zf.read(name), _PARSER)
    except KeyError:
        raise unusable(path, f"not a valid EPUB: {name} is missing", _HINT) from None
    except etree.XMLSyntaxError as exc:
        raise unusable(path, f"not a valid EPUB: {name} is not well-formed XML ({exc})", _HINT) from None


def read_package(path: Path) -> Package:
    try:
        with zipfile.ZipFile(path) as zf:
            container = _xml(zf, "META-INF/container.xml", path)
            rootfile = container.find(f".//{{{CONTAINER}}}rootfile")
            if rootfile is None or not rootfile.get("full-path"):
                raise unusable(path, "not a valid EPUB: container.xml names no package document", _HINT)
            opf_path = str(rootfile.get("full-path"))
            opf = _xml(zf, opf_path, path)
            base = posixpath.dirname(opf_path)
            manifest = {item.get("id"): item for item in opf.iter(f"{{{OPF}}}item")}
            spine = []
            missing = []
            names = set(zf.namelist())
            for itemref in opf.iter(f"{{{OPF}}}itemref"):
                item = manifest.get(itemref.get("idref"))
                if item is None or item.get("media-type") != "application/xhtml+xml":
                    continue
                name = posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))
                if name in names:
                    spine.append((name, _xml(zf, name, path)))
                else:
                    missing.append(name)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:  # a bad CRC: a member larger than it says
        raise unusable(path, f"not a valid EPUB: corrupt zip ({exc})", _HINT) from None
    return Package(path, opf_path, opf, tuple(spine), tuple(missing))


def extract_epub(path: Path) -> Extract:
    package = read_package(path)
    return from_roots(path, "epub", [root for _name, root in package.spine])
