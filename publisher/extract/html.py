"""Extract outline, references, links and text from HTML (and, via ``epub``, from XHTML trees)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import lxml.html
from lxml import etree

from publisher.extract.model import Extract, external
from publisher.extract.sniff import unusable
from publisher.extract.text import normalize

_HEADING = re.compile(r"^h([1-6])$")
# Text inside these is not read as document content.
_SKIP = {"script", "style", "template", "head", "title", "noscript"}
# Elements that end a line of text: they keep words of adjacent blocks apart.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
}


def local(element: etree._Element) -> str:
    """The element's name without namespace, lower-case ('' for comments and processing instructions)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname.lower()


def attr(element: etree._Element, name: str) -> str:
    """An attribute by local name, whatever its namespace (``epub:type``, ``xml:lang``)."""
    for key, value in element.attrib.items():
        if etree.QName(key).localname == name:
            return str(value)
    return ""


def in_nav(element: etree._Element) -> bool:
    """Inside a ``<nav>``: a table of contents repeats headings, it is not one."""
    return any(local(a) == "nav" for a in element.iterancestors())


def text_of(element: etree._Element) -> str:
    return normalize("".join(_texts(element)))


def _texts(element: etree._Element) -> Iterator[str]:
    name = local(element)
    if name in _SKIP or not name:
        return
    block = name in _BLOCK
    if block:
        yield "\n"
    if element.text:
        yield element.text
    for child in element:
        yield from _texts(child)
        if child.tail:
            yield child.tail
    if block:
        yield "\n"


def headings(root: etree._Element) -> list[tuple[int, str]]:
    out = []
    for element in root.iter():
        match = _HEADING.match(local(element))
        if match and not in_nav(element):
            out.append((int(match.group(1)), text_of(element)))
    return out


def _is_bibliography(element: etree._Element) -> bool:
    return attr(element, "role") == "doc-bibliography" or "bibliography" in attr(element, "type").split()


def _is_entry(element: etree._Element) -> bool:
    return attr(element, "role") == "doc-biblioentry" or "biblioentry" in attr(element, "type").split()


def _entries(root: etree._Element) -> list[etree._Element]:
    """Bibliography entries: items marked as such, else the items of the top lists of a bibliography section."""
    marked = [e for e in root.iter() if _is_entry(e)]
    if marked:
        return marked
    out: list[etree._Element] = []
    for section in (e for e in root.iter() if _is_bibliography(e)):
        for listing in (e for e in section.iter() if local(e) in ("ol", "ul")):
            between = []
            for ancestor in listing.iterancestors():
                if ancestor is section:
                    break
                between.append(local(ancestor))
            if "li" not in between:  # a list nested in an entry is part of that entry
                out.extend(c for c in listing if local(c) == "li")
    return out


def references(root: etree._Element) -> list[tuple[int, str]]:
    """Bibliography entries (DPUB-ARIA ``doc-bibliography``): the number a reader sees, and its URL."""
    return [(_entry_number(entry), next(iter(links(entry)), "")) for entry in _entries(root)]


def _entry_number(entry: etree._Element) -> int:
    value = attr(entry, "value")
    if value.strip().isdigit():
        return int(value)
    parent = entry.getparent()
    if parent is None:
        return 0
    start = attr(parent, "start")
    siblings = [c for c in parent if local(c) == "li"]
    return (int(start) if start.strip().isdigit() else 1) + siblings.index(entry)


def links(root: etree._Element) -> list[str]:
    """External link targets of ``<a>`` and ``<area>``, in document order."""
    found: list[str] = []
    for element in root.iter():
        if local(element) in ("a", "area"):
            href = attr(element, "href").strip()
            if external(href) and href not in found:
                found.append(href)
    return found


def body_text(root: etree._Element) -> str:
    bodies = [e for e in root.iter() if local(e) == "body"] or [root]
    return "\n".join(_lines("".join(_texts(bodies[0]))))


def _lines(text: str) -> Iterable[str]:
    return (line for line in (normalize(part) for part in text.split("\n")) if line)


def parse_html(path: Path) -> etree._Element:
    try:
        data = path.read_bytes()
        root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(no_network=True,
                                                                               remove_comments=True))
    except (OSError, etree.ParserError, ValueError) as exc:
        raise unusable(path, f"cannot parse the HTML: {exc}", "rebuild it with publisher build") from None
    return root


def extract_html(path: Path) -> Extract:
    root = parse_html(path)
    return from_roots(path, "html", [root])


def from_roots(path: Path, fmt: str, roots: list[etree._Element]) -> Extract:
    """One Extract from one or more documents in reading order (an EPUB's spine)."""
    seen: list[str] = []
    for root in roots:
        seen.extend(u for u in links(root) if u not in seen)
    return Extract(
        path=path,
        format=fmt,
        outline=tuple(h for root in roots for h in headings(root)),
        references=tuple(r for root in roots for r in references(root)),
        links=tuple(seen),
        text="\n".join(body_text(root) for root in roots),
    )
