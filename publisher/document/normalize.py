"""Finish a document once, before any renderer sees it.

Empty sections are dropped, every heading gets a unique id, citations are numbered
in order of first use and given ids, and each reference learns which citations
point to it. Because this happens here and only here, PDF, DOCX, EPUB and HTML print
the same numbers and the same outline by construction.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from publisher.document import model as m
from publisher.document.bibliography import format_entries
from publisher.document.csl import DEFAULT_STYLE
from publisher.document.ids import RESERVED_IDS, is_reserved

InlineMap = Callable[[m.Inline], m.Inline]


def normalize(doc: m.Document, style: str = DEFAULT_STYLE) -> m.Document:
    """The finished document; ``style`` is the CSL style of its references (a name or a .csl path)."""
    sections = _prune(doc.sections)
    sections = _assign_ids(sections)
    numbering = _Numbering({r.key for r in doc.references})
    sections = tuple(_map_section(s, numbering) for s in sections)
    references = format_entries(_number_references(doc.references, numbering), style, doc.language)
    if any(r.number for r in references):
        sections += (m.Section(doc.strings.get("references", "References"), "references", 2, role="references"),)
    if any(not r.number for r in references):
        sections += (m.Section(doc.strings.get("further_reading", "Further reading"), "further-reading", 2,
                               role="further-reading"),)
    doc = replace(doc, sections=sections, references=references)
    if doc.edition is not None:
        doc = replace(doc, edition=replace(doc.edition, fingerprint=fingerprint(doc)))
    return doc


def fingerprint(doc: m.Document) -> str:
    """A hash of everything in the document but its fingerprint: equal content, equal fingerprint."""
    content = asdict(replace(doc, edition=replace(doc.edition, fingerprint="")) if doc.edition else doc)
    content.pop("strings", None)  # derived from the language, which is in the content
    content.pop("references_file", None)  # where references came from; what they say is in the content
    # A figure's path is absolute (the checkout's folder): the picture's bytes are the content, so the same
    # project in two folders has one fingerprint, and a redrawn image is a new edition.
    # (The bytes the reader checked, as every renderer embeds them; a hand-made Figure's file is read.)
    pictures = {f.path: str(f.image) if f.image is not None else _digest(f.path)
                for f in m.all_blocks(doc) if isinstance(f, m.Figure)}
    encoded = json.dumps(_without_paths(content, pictures), sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]


def _digest(path: str) -> str:
    try:
        return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _without_paths(value: object, pictures: dict[str, str]) -> object:
    if isinstance(value, dict):
        return {k: pictures.get(v, v) if k == "path" and isinstance(v, str) else _without_paths(v, pictures)
                for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_paths(v, pictures) for v in value]
    return value


# ----------------------------------------------------------------- pruning


def _prune(sections: tuple[m.Section, ...]) -> tuple[m.Section, ...]:
    """Drop sections with nothing to read, however deep: an empty heading helps nobody."""
    out = []
    for section in sections:
        children = _prune(section.sections)
        blocks = tuple(b for b in section.blocks if not _empty_block(b))
        if blocks or children:
            out.append(replace(section, blocks=blocks, sections=children))
    return tuple(out)


def _empty_block(block: m.Block) -> bool:
    if isinstance(block, m.ResourceList | m.QuestionList | m.ListBlock):
        return not block.items
    if isinstance(block, m.Paragraph):
        return not m.inline_text(block.children).strip()
    if isinstance(block, m.Quote | m.Note):
        return not block.blocks
    return False


# ----------------------------------------------------------------- ids


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def _assign_ids(sections: tuple[m.Section, ...]) -> tuple[m.Section, ...]:
    used = set(RESERVED_IDS)
    counter = 0

    def visit(section: m.Section) -> m.Section:
        nonlocal counter
        counter += 1
        if section.role != "body":
            ident = section.id
        else:
            base = section.id or slugify(section.title) or f"section-{counter}"
            if not base[0].isalpha() or is_reserved(base):  # "Ref 1" must not become the id of reference 1
                base = f"s-{base}"
            ident, n = base, 2
            while ident in used:
                ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        return replace(section, id=ident, sections=tuple(visit(c) for c in section.sections))

    return tuple(visit(s) for s in sections)


# ----------------------------------------------------------------- citations


class _Numbering:
    """Numbers keys in order of first use and names every citation occurrence."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys
        self.numbers: dict[str, int] = {}
        self.occurrences: dict[str, list[str]] = {}

    def __call__(self, node: m.Inline) -> m.Inline:
        if not isinstance(node, m.Citation):
            return node
        number = self.numbers.setdefault(node.key, len(self.numbers) + 1)
        uses = self.occurrences.setdefault(node.key, [])
        cite_id = f"cite-{number}-{len(uses) + 1}"
        uses.append(cite_id)
        return replace(node, number=number, id=cite_id, ref_id=f"ref-{number}")


def _number_references(refs: tuple[m.Reference, ...], numbering: _Numbering) -> tuple[m.Reference, ...]:
    """Cited references numbered in order of first use; never-cited ones after them, unnumbered, in source
    order: a reader's "Further reading", not a reference number that no citation leads to."""
    numbered = sorted(
        (replace(r, number=numbering.numbers[r.key], id=f"ref-{numbering.numbers[r.key]}",
                 backlinks=tuple(numbering.occurrences.get(r.key, ())))
         for r in refs if r.key in numbering.numbers),
        key=lambda r: r.number)
    further = [replace(r, number=0, id=f"further-{i}", backlinks=())
               for i, r in enumerate((r for r in refs if r.key not in numbering.numbers), start=1)]
    return (*numbered, *further)


def _map_section(section: m.Section, f: InlineMap) -> m.Section:
    blocks = tuple(map_block(b, f) for b in section.blocks)
    return replace(section, blocks=blocks, sections=tuple(_map_section(c, f) for c in section.sections))


def map_inlines(inlines: tuple[m.Inline, ...], f: InlineMap) -> tuple[m.Inline, ...]:
    out = []
    for node in inlines:
        if isinstance(node, m.Emphasis | m.Strong | m.Link | m.Span):
            node = replace(node, children=map_inlines(node.children, f))
        out.append(f(node))
    return tuple(out)


def map_block(block: m.Block, f: InlineMap) -> m.Block:
    """Apply ``f`` to every inline of ``block`` in reading order."""
    if isinstance(block, m.Paragraph):
        return replace(block, children=map_inlines(block.children, f))
    if isinstance(block, m.ListBlock):
        return replace(block, items=tuple(tuple(map_block(b, f) for b in item) for item in block.items))
    if isinstance(block, m.Quote | m.Note):
        return replace(block, blocks=tuple(map_block(b, f) for b in block.blocks))
    if isinstance(block, m.ResourceList):
        return replace(block, items=tuple(
            replace(r, description=map_inlines(r.description, f), note=tuple(map_block(b, f) for b in r.note))
            for r in block.items
        ))
    if isinstance(block, m.QuestionList):
        return replace(block, items=tuple(
            replace(q, question=map_inlines(q.question, f), answer=tuple(map_block(b, f) for b in q.answer))
            for q in block.items
        ))
    if isinstance(block, m.Figure):
        return replace(block, caption=map_inlines(block.caption, f))
    return replace(
        block,
        header=tuple(map_inlines(c, f) for c in block.header),
        rows=tuple(tuple(map_inlines(c, f) for c in row) for row in block.rows),
    )
