"""Extract outline, references, links and text from a DOCX's main document part."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from publisher.extract.model import Extract, external
from publisher.extract.ooxml import Docx, R, read_docx, w
from publisher.extract.text import REFERENCE_TITLES, normalize

_FIELD_URL = re.compile(r'HYPERLINK\s+"([^"]+)"')
_LEADING_NUMBER = re.compile(r"^\s*\[?(\d+)[.)\]]?\s")
_TEXT_TAGS = {w("t"): None, w("tab"): " ", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-",
              w("softHyphen"): ""}


def paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(*_TEXT_TAGS):
        if node.tag == w("t"):
            parts.append(node.text or "")
        else:
            parts.append(_TEXT_TAGS[str(node.tag)] or "")
    return "".join(parts)


def paragraph_links(docx: Docx, paragraph: etree._Element) -> Iterator[str]:
    """External targets of w:hyperlink (through the part's relationships) and HYPERLINK fields."""
    for node in paragraph.iter(w("hyperlink"), w("instrText"), w("fldSimple")):
        if node.tag == w("hyperlink"):
            rel = docx.rels.get(node.get(f"{{{R}}}id", ""))
            if rel is not None and rel.external:
                yield rel.target
        else:
            instr = node.text if node.tag == w("instrText") else node.get(w("instr"), "")
            for match in _FIELD_URL.finditer(instr or ""):
                yield match.group(1)


def _references(docx: Docx, paragraphs: list[etree._Element]) -> list[tuple[int, str]]:
    start = next((i for i, p in enumerate(paragraphs)
                  if docx.heading_level(p) and normalize(paragraph_text(p)) in REFERENCE_TITLES), None)
    if start is None:
        return []
    level = docx.heading_level(paragraphs[start])
    out: list[tuple[int, str]] = []
    for paragraph in paragraphs[start + 1:]:
        own = docx.heading_level(paragraph)
        if own and own <= level:
            break
        text = normalize(paragraph_text(paragraph))
        if not text:
            continue
        numbered = _LEADING_NUMBER.match(text + " ")
        auto = paragraph.find(f"{w('pPr')}/{w('numPr')}") is not None
        # Word numbering (numPr) shows no digits in the text: the entry's position is its number.
        number = int(numbered.group(1)) if numbered else (len(out) + 1 if auto else 0)
        urls = [u for u in paragraph_links(docx, paragraph) if external(u)]
        out.append((number, urls[0] if urls else ""))
    return out


def extract_docx(path: Path) -> Extract:
    docx = read_docx(path)
    paragraphs = docx.paragraphs()
    links: list[str] = []
    for paragraph in paragraphs:
        links.extend(u for u in paragraph_links(docx, paragraph) if external(u) and u not in links)
    return Extract(
        path=path,
        format="docx",
        outline=tuple((level, normalize(paragraph_text(p))) for p in paragraphs if (level := docx.heading_level(p))),
        references=tuple(_references(docx, paragraphs)),
        links=tuple(links),
        text="\n".join(t for p in paragraphs if (t := normalize(paragraph_text(p)))),
    )
