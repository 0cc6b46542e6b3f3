"""What is read aloud: the text elements of the EPUB content document, in order, with their languages.

The narrated EPUB and the MP3 read the same content document the EPUB renderer writes, so the
audio says exactly what the text shows. Elements that carry text (headings, paragraphs, list items
without paragraphs, captions, cells, described images) are the units: each gets an id (when the
template gave it none) and one clip; every heading in the outline starts a chapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from publisher.render.audio.config import Run

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
TEXT_BLOCKS = HEADINGS | {"p", "li", "figcaption", "caption", "th", "td", "dt", "dd"}
# An element holding one of these is not read as one unit: its blocks are.
CONTAINERS = frozenset({"p", "ul", "ol", "div", "table", "figure", "blockquote", "section", "dl"})


@dataclass(frozen=True)
class Element:
    id: str
    kind: str  # "heading" or "block" (which pause follows it)
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@dataclass(frozen=True)
class Chapter:
    id: str  # the heading's id
    title: str
    elements: tuple[Element, ...]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _lang(el: etree._Element, inherited: str) -> str:
    return el.get(XML_LANG) or el.get("lang") or inherited


def _runs(el: etree._Element, lang: str) -> list[Run]:
    """The element's text, split where the language changes (spans with lang/xml:lang)."""
    out: list[Run] = []

    def walk(node: etree._Element, language: str) -> None:
        if node.text:
            out.append((node.text, language))
        for child in node:
            if isinstance(child.tag, str):
                walk(child, _lang(child, language))
            if child.tail:
                out.append((child.tail, language))

    walk(el, lang)
    merged: list[Run] = []
    for text, language in out:
        if merged and merged[-1][1] == language:
            merged[-1] = (merged[-1][0] + text, language)
        else:
            merged.append((text, language))
    return [(" ".join(t.split()), language) for t, language in merged if t.strip()]


def _is_unit(el: etree._Element) -> bool:
    name = _local(el)
    if name == "img":
        return bool((el.get("alt") or "").strip())
    if name not in TEXT_BLOCKS:
        return False
    return not any(_local(child) in CONTAINERS for child in el.iter() if child is not el)


def read(content: bytes, figure_label: str) -> tuple[bytes, list[Chapter]]:
    """The content document with an id on every unit, and its units grouped in chapters."""
    root = etree.fromstring(content)
    body = root.find(f"{{{XHTML}}}body")
    assert body is not None, "the content template always writes a body"
    used = {el.get("id") for el in root.iter() if el.get("id")}
    chapters: list[tuple[str, str, list[Element]]] = []
    units: set[etree._Element] = set()
    count = 0
    lang_of = {body: _lang(body, _lang(root, ""))}
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        parent = el.getparent()
        lang_of[el] = _lang(el, lang_of[parent] if parent in lang_of else lang_of[body])
        if not _is_unit(el) or any(anc in units for anc in el.iterancestors()):
            continue
        if _local(el) == "img":
            runs = [(f"{figure_label}: ", lang_of[el]), ((el.get("alt") or "").strip(), lang_of[el])]
        else:
            runs = _runs(el, lang_of[el])
        if not runs:
            continue
        units.add(el)
        if not el.get("id"):
            count += 1
            while f"n{count}" in used:
                count += 1
            el.set("id", f"n{count}")
        heading = _local(el) in HEADINGS
        if heading or not chapters:
            chapters.append((el.get("id") or "", "".join(t for t, _ in runs), []))
        chapters[-1][2].append(Element(el.get("id") or "", "heading" if heading else "block", tuple(runs)))
    xhtml = etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8")
    return xhtml, [Chapter(cid, title, tuple(els)) for cid, title, els in chapters]
