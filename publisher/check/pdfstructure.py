"""``pdf.structure``: the PDF's structure tree, read as a screen reader reads it, against the document model.

What a reader of the tree must get, one element per part of the document:

* every ``Sect`` opens with its heading, at the section's level;
* one ``L`` per list, with as many ``LI`` as the list has items, each ``LI`` a ``Lbl`` and an
  ``LBody`` (a nested list inside the ``LBody`` of its item, not beside the item);
* the numbers of a numbered list are the source's (a list that starts at 3 reads "3.", "4.");
* one ``Table`` per table, its header cells once, one ``TR`` of data cells per row, its caption;
* one ``P`` per paragraph (all its text in the same ``P``);
* each part the source marks as another language is read in that language: the
  innermost element holding its text has that /Lang (its own or inherited).

Mismatches are counted per part of the model the tree gets wrong: a headless ``Sect``
is one, a list split in two is ``max(expected, found) - matched`` over the lists in
reading order (so 2: two ``L`` where there should be one), a paragraph cut in two is
one, a table whose header is tagged twice is one, an unmarked foreign-language part is one, an
``LI`` holding anything but ``Lbl`` and ``LBody`` is one, a numbered list read with other numbers is one.
Without a source only what the tree says about itself is checked (headless ``Sect``,
a ``Table`` with its header row more than once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from publisher.check.result import Outcome, failed, passed
from publisher.document import model as m
from publisher.document.bibliography import reference_inlines
from publisher.extract.pdf import TaggedText
from publisher.extract.pdftree import Element, StructTree
from publisher.extract.text import match_key


@dataclass(frozen=True)
class ExpectedStructure:
    """The parts of a document a tagged PDF must render as one element each, in reading order."""

    sections: tuple[int, ...]  # heading level of each section
    lists: tuple[int, ...]  # item count of each list (resource, question and reference lists included)
    numbers: tuple[tuple[int, ...], ...]  # the item numbers of each numbered list (references included)
    tables: tuple[tuple[int, int, bool], ...]  # (header cells, data rows, has a caption)
    paragraphs: tuple[tuple[str, ...], ...]  # each paragraph written as a <p>: match keys of its pieces
    languages: tuple[tuple[str, str], ...]  # (language, match key of the text) of each foreign part
    language: str


def _foreign(inlines: tuple[m.Inline, ...], language: str) -> Iterator[tuple[str, str]]:
    for node in m.iter_inlines(inlines):
        if isinstance(node, m.Span) and node.lang.lower() != language.lower():
            key = match_key(m.inline_text(node.children))
            if key:
                yield node.lang, key


def _pieces(inlines: tuple[m.Inline, ...]) -> tuple[str, ...]:
    """Match keys of a paragraph's text cut after each link: a print layout may add the address there."""
    text: list[str] = []
    stack: list[m.Inline | None] = list(reversed(inlines))
    while stack:
        node = stack.pop()
        if node is None:
            text.append("\0")
        elif isinstance(node, m.Link):
            stack.append(None)
            stack.extend(reversed(node.children))
        elif isinstance(node, m.Emphasis | m.Strong | m.Span):
            stack.extend(reversed(node.children))
        else:
            text.append(m.inline_text((node,)))
    return tuple(key for piece in "".join(text).split("\0") if (key := match_key(piece)))


def _paragraphs(blocks: tuple[m.Block, ...]) -> Iterator[m.Paragraph]:
    """Paragraphs that the markup writes as <p>: all but a tight list item's only paragraph."""
    stack = list(reversed(blocks))
    while stack:
        block = stack.pop()
        if isinstance(block, m.Paragraph):
            yield block
        elif isinstance(block, m.ListBlock):
            for item in reversed(block.items):
                if not (len(item) == 1 and isinstance(item[0], m.Paragraph)):  # a tight item has no <p>
                    stack.extend(reversed(item))
        elif isinstance(block, m.Quote | m.Note):
            stack.extend(reversed(block.blocks))
        elif isinstance(block, m.ResourceList):
            stack.extend(b for r in reversed(block.items) for b in reversed(r.note))
        elif isinstance(block, m.QuestionList):
            stack.extend(b for q in reversed(block.items) for b in reversed(q.answer))


def expected_structure(doc: m.Document) -> ExpectedStructure:
    sections: list[int] = []
    lists: list[int] = []
    numbers: list[tuple[int, ...]] = []
    tables: list[tuple[int, int, bool]] = []
    paragraphs: list[tuple[str, ...]] = []
    languages: list[tuple[str, str]] = []
    for section in m.walk_sections(doc.sections):
        sections.append(section.level)
        for block in m.iter_blocks(section.blocks):
            if isinstance(block, m.ListBlock | m.ResourceList | m.QuestionList):
                lists.append(len(block.items))
                if isinstance(block, m.ListBlock) and block.ordered:
                    numbers.append(tuple(range(block.start, block.start + len(block.items))))
            elif isinstance(block, m.Table):
                tables.append((len(block.header), len(block.rows), bool(block.caption.strip())))
            for run in m.block_inlines(block):
                languages.extend(_foreign(run, doc.language))
        paragraphs.extend(pieces for p in _paragraphs(section.blocks) if (pieces := _pieces(p.children)))
        # Cited references are numbered; the uncited ones follow as an unnumbered "Further reading" list.
        refs = {"references": m.cited_references(doc), "further-reading": m.further_reading(doc)}.get(section.role)
        if refs:
            lists.append(len(refs))
            if section.role == "references":
                numbers.append(tuple(r.number for r in refs))
            for ref in refs:
                languages.extend(_foreign(reference_inlines(ref, doc), doc.language))
    return ExpectedStructure(tuple(sections), tuple(lists), tuple(numbers), tuple(tables), tuple(paragraphs),
                             tuple(languages), doc.language)


def _matched(expected: tuple[object, ...], found: list[object]) -> int:
    matcher = SequenceMatcher(None, list(expected), found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _kid_elements(element: Element) -> list[Element]:
    return [kid for kid in element.kids if isinstance(kid, Element)]


def _table_shape(table: Element) -> tuple[int, int, bool]:
    rows = [e for e in table.iter() if e.role == "TR"]
    header_cells = sum(1 for row in rows for cell in _kid_elements(row) if cell.role == "TH")
    data_rows = sum(1 for row in rows if any(cell.role == "TD" for cell in _kid_elements(row)))
    return header_cells, data_rows, any(kid.role == "Caption" for kid in table.iter())


_NUMBER = re.compile(r"^\s*\[?(\d+)[.)\]]?\s*$")


class StructureReading:
    """The tree's sections, lists, tables, paragraphs and languages, read once."""

    def __init__(self, tree: StructTree, text: Callable[[], TaggedText], catalog_lang: str) -> None:
        self.tree = tree
        self._text = text
        self.catalog_lang = catalog_lang
        elements = list(tree.iter())
        self.sects = [e for e in elements if e.role == "Sect"]
        self.lists = [e for e in elements if e.role == "L"]
        self.tables = [e for e in elements if e.role == "Table"]
        self.paragraphs = [e for e in elements if e.role == "P"]

    def headless(self) -> list[Element]:
        return [s for s in self.sects if not (kids := _kid_elements(s)) or not kids[0].heading_level]

    def section_levels(self) -> list[object]:
        return [kids[0].heading_level for s in self.sects if (kids := _kid_elements(s)) and kids[0].heading_level]

    def list_sizes(self) -> list[object]:
        return [sum(1 for kid in _kid_elements(lst) if kid.role == "LI") for lst in self.lists]

    def loose_items(self) -> list[Element]:
        """``LI`` elements holding something besides ``Lbl`` and ``LBody``, and ``L`` kids that are no ``LI``."""
        out = [item for lst in self.lists for item in _kid_elements(lst) if item.role not in ("LI", "Caption")]
        return out + [kid for lst in self.lists for item in _kid_elements(lst) if item.role == "LI"
                      for kid in _kid_elements(item) if kid.role not in ("Lbl", "LBody")]

    def numbers(self) -> list[object]:
        """The numbers read from the ``Lbl`` of each list whose first label is a number ("3." -> 3)."""
        text = self._text()
        out: list[object] = []
        for lst in self.lists:
            labels = [next((text.text(k) for k in _kid_elements(item) if k.role == "Lbl"), "")
                      for item in _kid_elements(lst) if item.role == "LI"]
            values = [int(match.group(1)) if (match := _NUMBER.match(label)) else -1 for label in labels]
            if values and values[0] >= 0:
                out.append(tuple(values))
        return out

    def table_shapes(self) -> list[tuple[int, int, bool]]:
        return [_table_shape(t) for t in self.tables]

    def split_paragraphs(self, paragraphs: tuple[tuple[str, ...], ...]) -> list[str]:
        """The start of each paragraph whose pieces are not all in one P element."""
        text = self._text()
        p_keys = [match_key(text.text(p)) for p in self.paragraphs]
        return ["".join(pieces) for pieces in paragraphs
                if not any(all(piece in p for piece in pieces) for p in p_keys)]

    def unmarked_languages(self, parts: tuple[tuple[str, str], ...]) -> list[str]:
        """Foreign parts whose innermost element holding their text is read in another language."""
        if not parts:
            return []
        text = self._text()
        keyed: list[tuple[str, str]] = []  # (match key, effective language) of every element, by depth
        stack: list[tuple[Element, str]] = [(e, self.catalog_lang) for e in reversed(self.tree.elements)]
        while stack:
            element, inherited = stack.pop()
            lang = (element.text_entry("/Lang") or "").strip() or inherited
            keyed.append((match_key(text.text(element)), lang))
            stack.extend((kid, lang) for kid in reversed(_kid_elements(element)))
        out = []
        for lang, key in parts:
            holders = [(len(k), effective) for k, effective in keyed if key in k]
            if not holders or min(holders)[1].lower().split("-")[0] != lang.lower().split("-")[0]:
                found = min(holders)[1] if holders else "nothing"
                out.append(f"{lang} text {key[:40]!r} is read as {found!r}")
        return out


def structure_outcome(reading: StructureReading, expected: ExpectedStructure | None) -> Outcome:
    counts, problems, summary = structure_mismatches(reading, expected)
    total = sum(counts.values())
    if total:
        parts = ", ".join(f"{kind} {n}" for kind, n in counts.items() if n)
        return failed(f"{total} structure mismatch(es) against the source ({parts}): {problems[0]}", problems)
    return passed(f"one element per part: {summary}")


def structure_mismatches(reading: StructureReading, expected: ExpectedStructure | None,
                         ) -> tuple[dict[str, int], list[str], str]:
    """Mismatches per kind of part, what they are, and a summary of what was compared."""
    problems: list[str] = []
    counts: dict[str, int] = {}
    headless = reading.headless()
    counts["sections"] = len(headless)
    problems += [f"a Sect on page {s.page + 1} does not open with a heading" for s in headless[:10]]
    if expected is None:
        doubled = [t for t, (ths, _rows, _cap) in zip(reading.tables, reading.table_shapes(), strict=True)
                   if sum(1 for r in t.iter() if r.role == "TR" and any(c.role == "TH" for c in _kid_elements(r)))
                   > 1 and ths]
        counts["tables"] = len(doubled)
        problems += [f"a Table on page {t.page + 1} has its header row more than once" for t in doubled]
        return counts, problems, "no source: the tree was checked against itself only"
    levels = reading.section_levels()
    counts["sections"] += len(expected.sections) - _matched(expected.sections, levels)
    if len(expected.sections) != len(levels):
        problems.append(f"{len(expected.sections)} section(s) in the source, {len(levels)} Sect with a heading")
    sizes = reading.list_sizes()
    counts["lists"] = max(len(expected.lists), len(sizes)) - _matched(expected.lists, sizes)
    if counts["lists"]:
        problems.append(f"lists by item count: source {list(expected.lists)}, L elements {sizes}")
    loose = reading.loose_items()
    counts["list items"] = len(loose)
    problems += [f"an {e.role} on page {e.page + 1} is inside a list item or list as neither Lbl nor LBody nor LI"
                 for e in loose[:10]]
    numbers = reading.numbers()
    counts["numbers"] = max(len(expected.numbers), len(numbers)) - _matched(expected.numbers, numbers)
    if counts["numbers"]:
        problems.append(f"numbered lists: source {[list(n) for n in expected.numbers]}, "
                        f"Lbl {[list(n) for n in numbers]}")  # type: ignore[call-overload]
    shapes: list[object] = list(reading.table_shapes())
    counts["tables"] = max(len(expected.tables), len(shapes)) - _matched(expected.tables, shapes)
    if counts["tables"]:
        problems.append(f"tables as (header cells, rows, caption): source {list(expected.tables)}, Table {shapes}")
    split = reading.split_paragraphs(expected.paragraphs)
    counts["paragraphs"] = len(split)
    problems += [f"paragraph {key[:40]!r}… is not one P" for key in split[:10]]
    unmarked = reading.unmarked_languages(expected.languages)
    counts["languages"] = len(unmarked)
    problems += unmarked[:10]
    summary = (f"{len(expected.sections)} sections, {len(expected.lists)} lists "
               f"({len(expected.numbers)} numbered), {len(expected.tables)} tables, "
               f"{len(expected.paragraphs)} paragraphs, {len(expected.languages)} foreign-language parts")
    return counts, problems, summary
