"""BRF rules: the page grid, the 64 braille characters, page numbering, and the text read back.

The back-translation rules read the file as a braille reader's software does (liblouis back
to print, with the document's table and each span language's) and compare it with the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.document import model as m
from publisher.document.bibliography import reference_inlines
from publisher.render.brf import louis
from publisher.render.brf.style import Style, load
from publisher.render.layout import Layout

CELLS, LINES = 40, 25  # the largest page this gate accepts (the default BRF page)
BRF_CHARS = frozenset(chr(c) for c in range(0x20, 0x60))
_NUMBER = re.compile(r"^ {3,}(P?#[A-J]+)$")
_DIGITS = str.maketrans("ABCDEFGHIJ", "1234567890")
# liblouis's notation for cells it cannot back-translate (UEB emphasis and transcriber's-note indicators).
_UNKNOWN = re.compile(r"\\[0-9]+/")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


@dataclass
class BrfContext:
    path: Path
    pages: list[list[str]]
    document: Callable[[], m.Document | None]
    style: Style


rules: RuleSet[BrfContext] = RuleSet()


def read_pages(data: str) -> list[list[str]]:
    pages = data.split("\f")
    if pages and not pages[-1].strip("\r\n"):
        pages.pop()
    return [page.replace("\r\n", "\n").rstrip("\n").split("\n") if page else [] for page in pages]


@rules.rule("brf.charset", "publisher", "only the 64 BRF characters (space to underscore), CR LF and form feeds")
def charset(ctx: BrfContext) -> Outcome:
    for n, page in enumerate(ctx.pages, 1):
        for i, line in enumerate(page, 1):
            bad = sorted(set(line) - BRF_CHARS)
            if bad:
                return failed(f"page {n} line {i}: characters outside BRF: {', '.join(map(repr, bad))}")
    return passed(f"{sum(map(len, ctx.pages))} lines, all BRF characters")


@rules.rule("brf.page-size", "publisher", f"every line at most {CELLS} cells, every page at most {LINES} lines")
def page_size(ctx: BrfContext) -> Outcome:
    for n, page in enumerate(ctx.pages, 1):
        if len(page) > LINES:
            return failed(f"page {n} has {len(page)} lines (at most {LINES})")
        for i, line in enumerate(page, 1):
            if len(line) > CELLS:
                return failed(f"page {n} line {i} has {len(line)} cells (at most {CELLS})")
    return passed(f"{len(ctx.pages)} pages within {CELLS} x {LINES}")


def numbers(pages: list[list[str]]) -> list[str]:
    """Each page's braille page number (bottom line, else top line), or "" when it has none."""
    out = []
    for page in pages:
        found = [_NUMBER.match(line) for line in (page[-1:] + page[:1])]
        out.append(next((f.group(1) for f in found if f), ""))
    return out


@rules.rule("brf.page-numbers", "publisher",
            "every page numbered; preliminary pages p1, p2 … then text pages 1, 2 … without a gap")
def page_numbers(ctx: BrfContext) -> Outcome:
    found = numbers(ctx.pages)
    if "" in found:
        return failed(f"page {found.index('') + 1} has no braille page number")
    prelim = [n for n in found if n.startswith("P")]
    if found[:len(prelim)] != prelim:
        return failed("a preliminary page (p…) comes after a text page")
    for series in (prelim, found[len(prelim):]):
        values = [int(n.lstrip("P#").translate(_DIGITS)) for n in series]
        if values != list(range(1, len(values) + 1)):
            return failed(f"page numbers are not continuous: {values[:12]}")
    return passed(f"{len(prelim)} preliminary and {len(found) - len(prelim)} text pages numbered in order")


def stream(pages: list[list[str]]) -> str:
    """The braille as one line, as a reader's software joins it: page numbers and box lines dropped,
    a line ending in the continuation indicator joined to the next without a space."""
    out = ""
    for page in pages:
        for line in page:
            text = line.strip()
            if not text or _NUMBER.match(line) or set(text) <= {"7", "\\"}:
                continue
            if out.endswith('"'):
                out = out[:-1] + text
            else:
                out += (" " if out else "") + text
    return out


def _segments(inlines: tuple[m.Inline, ...], lang: str) -> list[tuple[str, str]]:
    """Text runs by language, split at links (their addresses are brf.urls' business)."""
    out: list[tuple[str, str]] = []
    for node in inlines:
        if isinstance(node, m.Text | m.Code):
            out.append((node.text, lang))
        elif isinstance(node, m.Citation):
            out.append((str(node.number), lang))
        elif isinstance(node, m.Span):
            out += _segments(node.children, node.lang)
        elif isinstance(node, m.Link) and m.inline_text(node.children).strip() == node.url:
            continue  # a bare address: read back by brf.urls, in uncontracted braille
        elif isinstance(node, m.Emphasis | m.Strong | m.Link):
            out += _segments(node.children, lang)
    return out


def expected_items(doc: m.Document) -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, runs) of every heading, paragraph, list item, resource, question and reference."""
    lang = doc.language
    items: list[tuple[str, list[tuple[str, str]]]] = [("title", [(doc.title, lang)])]

    def blocks(found: tuple[m.Block, ...]) -> None:
        for block in found:
            if isinstance(block, m.ResourceList):
                for r in block.items:
                    items.append((f"resource {r.name!r}", [(r.name, lang), *_segments(r.description, lang)]))
                    blocks(r.note)
            elif isinstance(block, m.QuestionList):
                for q in block.items:
                    items.append((f"question {m.inline_text(q.question)[:40]!r}", _segments(q.question, lang)))
                    blocks(q.answer)
            elif isinstance(block, m.ListBlock):
                for item in block.items:
                    blocks(item)
            elif isinstance(block, m.Quote | m.Note):
                blocks(block.blocks)
            elif isinstance(block, m.Table):
                items.append((f"table {block.caption!r}", [(block.caption, lang)]))
                for row in block.rows:  # linear: every cell after its column's heading
                    items.extend((f"table cell {m.inline_text(cell)[:40]!r}",
                                  [*_segments(head, lang), *_segments(cell, lang)])
                                 for head, cell in zip(block.header, row, strict=False))
            else:
                items.extend((f"{type(block).__name__.lower()} {m.inline_text(run)[:40]!r}", _segments(run, lang))
                             for run in m.block_inlines(block))

    for section in m.walk_sections(doc.sections):
        items.append((f"heading {section.title!r}", [(section.title, lang)]))
        blocks(section.blocks)
    items += [(f"reference {r.number}", _segments(reference_inlines(r, doc), lang)) for r in doc.references]
    return items


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_UNKNOWN.sub(" ", text).lower())


def _find(tokens: list[str], word: str, start: int) -> int:
    """The next position of ``word``; a number may run into the cell after it (Spanish "2014;" reads
    back as "20142": the semicolon's cell is also a digit)."""
    for i in range(start, len(tokens)):
        if tokens[i] == word or (word.isdigit() and tokens[i].startswith(word)):
            return i
    return -1


def missing_items(doc: m.Document, braille: str, style: Style) -> list[str]:
    """The items whose words do not come back, in order, from the back-translation."""
    streams: dict[str, tuple[list[str], list[int]]] = {}
    out = []
    for label, runs in expected_items(doc):
        for text, lang in runs:
            if lang.split("-")[0].lower() not in style.tables:
                continue  # no braille table for that language in the layout: brailled with the default one
            table = style.table(lang)
            if table not in streams:
                streams[table] = (_tokens(louis.back_translate(table, braille)), [0])
            tokens, at = streams[table]
            start = at[0]
            for word in _tokens(text):
                found = _find(tokens, word, at[0])
                if found >= 0:
                    at[0] = found + 1
                else:
                    out.append(f"{label}: {word!r} ({lang}) not found in the back-translation")
                    at[0] = start
                    break
            else:
                continue
            break
    return out


@rules.rule("brf.back-translation", "liblouis",
            "back-translated with liblouis, every heading, paragraph, list item and reference of the source "
            "comes back in order (case, punctuation and spacing aside)")
def back_translation(ctx: BrfContext) -> Outcome:
    doc = ctx.document()
    if doc is None:
        return failed("no source to compare with (pass --source DIR)")
    missing = missing_items(doc, stream(ctx.pages), ctx.style)
    if missing:
        return failed(f"{len(missing)} item(s) do not come back, first: {missing[0]}", missing)
    return passed(f"{len(expected_items(doc))} items come back ({louis.version()})")


@rules.rule("brf.urls", "liblouis", "every URL and e-mail address is in computer braille: its cells are the "
            "uncontracted table's, so it reads back letter for letter")
def urls(ctx: BrfContext) -> Outcome:
    doc = ctx.document()
    if doc is None:
        return failed("no source to compare with (pass --source DIR)")
    braille = stream(ctx.pages).replace(";", "")  # grade 1 indicators depend on what precedes
    bad = [url for url in m.external_links(doc)
           if louis.translate(ctx.style.uncontracted_table(doc.language), url.removeprefix("mailto:"))
           .replace(";", "") not in braille]
    if bad:
        return failed(f"{len(bad)} URL(s) not in uncontracted braille, first: {bad[0]}", bad)
    return passed(f"{len(m.external_links(doc))} URLs in uncontracted braille")


def check_brf(path: Path, selection: Selection, document: Callable[[], m.Document | None]) -> list[RuleResult]:
    data = path.read_bytes().decode("latin-1")
    return rules.run(BrfContext(path, read_pages(data), document, load(Layout().folder("brf"))), path, selection)
