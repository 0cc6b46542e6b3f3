"""Markdown fields (CommonMark, raw HTML off) to model blocks and inlines.

markdown-it-py does the parsing; this module maps its syntax tree onto the closed
model, turns ``[@key]`` into citations, checks link schemes, and reports problems at
the line of the YAML file (token ``map`` + the scalar's first line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin

from publisher.document import model as m
from publisher.errors import Diagnostic, Location, SourceError
from publisher.source.limits import MAX_BLOCKS, MAX_MARKDOWN_NESTING, MAX_URL_CHARS_PER_SOURCE
from publisher.source.schema import BCP47
from publisher.source.urls import check_url
from publisher.source.yamlpos import FORBIDDEN

CITATION = re.compile(r"\[(@[A-Za-z][\w:.-]*(?:\s*;\s*@[A-Za-z][\w:.-]*)*)\]")
CITATION_KEY = re.compile(r"@([A-Za-z][\w:.-]*)")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # `[text]{lang=es}` marks a span in another language; nothing else uses attributes.
    md.use(attrs_plugin, spans=True, allowed=["lang"])
    # Accept every URL here so that unsafe ones become errors with a position,
    # instead of markdown-it silently leaving them as plain text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # Images and headings stay enabled only so that `![alt](url)` and `# Title` are refused with a
    # position, instead of turning silently into "!" and a link, or into a paragraph "# Title".
    md.disable(["code", "fence", "hr"])
    return md


_MD = _parser()


@dataclass(frozen=True)
class Field:
    """Where a Markdown string sits in the YAML file, to turn offsets into positions."""

    path: str
    line: int  # 1-based line of the first character of the text
    col: int  # 1-based column of the first character of the text
    lines: tuple[str, ...] = ()  # the YAML file's lines, to find columns on later lines

    def locate(self, rel_line: int, needle: str = "") -> Location:
        line = self.line + rel_line
        col = self.col if rel_line == 0 else self._indent(line) + 1
        if needle:
            # Folded (>) and plain multi-line scalars join YAML lines, so a Markdown line
            # can span several file lines: look for the needle from there on.
            for n in range(line, min(line + _SEARCH_LINES, len(self.lines) + 1)):
                found = self.lines[n - 1].find(needle, self.col - 1 if n == self.line else 0)
                if found >= 0:
                    return Location(self.path, n, found + 1)
        return Location(self.path, line, col)

    def _indent(self, line: int) -> int:
        """Where a later line of the text starts: after the YAML indentation of block and plain scalars."""
        if not 1 <= line <= len(self.lines):
            return 0
        text = self.lines[line - 1]
        return len(text) - len(text.lstrip(" "))


_SEARCH_LINES = 200


def _has_citation(inlines: tuple[m.Inline, ...]) -> bool:
    return any(isinstance(n, m.Citation) or (hasattr(n, "children") and _has_citation(n.children)) for n in inlines)
CiteCheck = Callable[[str, Location], None]


class Budget:
    """How many blocks (paragraphs, list items, quotes, headings, table cells, ...) a source may hold.

    Renderers pay per block, whatever its length: 40,000 one-character list items fit in one
    Markdown field and cost WeasyPrint minutes and gigabytes. One budget is shared by every field
    of a source, and spent before any tree is built.
    """

    def __init__(self, limit: int = MAX_BLOCKS) -> None:
        self.limit = limit
        self.spent = 0
        self.url_chars = 0

    def spend_url(self, url: str, where: Location) -> None:
        """Link targets, all together: a PDF link annotation costs time with the square of its length."""
        self.url_chars += len(url)
        if self.url_chars > MAX_URL_CHARS_PER_SOURCE:
            raise SourceError(Diagnostic(where, f"the source's links add up to more than "
                                         f"{MAX_URL_CHARS_PER_SOURCE:,} characters of URL",
                                         "link to shorter addresses, or to a page that lists the rest"))

    def spend(self, blocks: int, where: Location) -> None:
        self.spent += blocks
        if self.spent > self.limit:
            raise SourceError(Diagnostic(where, f"the source holds more than {self.limit:,} blocks (paragraphs, "
                                         "list items, headings, table cells)", "split the condition into "
                                         "several sources: no reader needs this many"))


_BLOCK_TOKENS = frozenset({"paragraph_open", "list_item_open", "blockquote_open", "heading_open"})


class Converter:
    """Converts one Markdown field; ``cite`` validates each citation key; ``budget`` counts its blocks."""

    def __init__(self, where: Field, cite: CiteCheck, budget: Budget | None = None) -> None:
        self.where = where
        self.cite = cite
        self.budget = budget

    def blocks(self, text: str) -> tuple[m.Block, ...]:
        tokens = _MD.parse(text)
        self._check_tokens(tokens)
        root = SyntaxTreeNode(tokens)
        return tuple(self._block(node) for node in root.children)

    def _check_tokens(self, tokens: list[Token]) -> None:
        """Before the tree is built (recursively): nesting within bounds, and no character that the raw
        text check refused reappearing from a character reference such as ``&#x202E;``."""
        line, containers = 0, 0
        for token in tokens:
            line = token.map[0] if token.map else line
            if self.budget is not None and token.type in _BLOCK_TOKENS and not token.hidden:
                self.budget.spend(1, self.where.locate(line))  # (a tight list item's paragraph is hidden)
            if token.type.endswith(("list_open", "blockquote_open")):
                containers += 1
                if containers > MAX_MARKDOWN_NESTING:
                    raise self._error(line, token.markup, f"lists and quotes nested more than {MAX_MARKDOWN_NESTING} "
                                      "levels deep", "flatten them: readers lose their way in deep nesting")
            elif token.type.endswith(("list_close", "blockquote_close")):
                containers -= 1
            depth, here = 0, line
            for child in token.children or ():
                here += child.type in ("softbreak", "hardbreak")
                depth += child.nesting
                if depth > MAX_MARKDOWN_NESTING:
                    raise self._error(here, child.markup, "emphasis, links and spans nested more than "
                                      f"{MAX_MARKDOWN_NESTING} levels deep", "remove the extra '*', '_' or '['")
                if child.type in ("text", "code_inline"):
                    self._check_characters(child.content, here)
                for value in (child.attrs or {}).values():
                    self._check_characters(str(value), here)

    def _check_characters(self, text: str, line: int) -> None:
        for pattern, what, hint in FORBIDDEN:
            found = pattern.search(text)
            if found:
                raise self._error(line, "&#", f"{what} U+{ord(found.group()):04X} written as a character reference",
                                  hint.replace("delete it", "delete the reference"))

    def inlines(self, text: str) -> tuple[m.Inline, ...]:
        """A field that must be a single paragraph (names, questions, table cells)."""
        blocks = self.blocks(text)
        if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
            return blocks[0].children
        if not blocks:
            return ()
        raise self._error(0, "", "this field must be a single paragraph", "remove blank lines, list markers and '>'")

    # ------------------------------------------------------------------ blocks

    def _block(self, node: SyntaxTreeNode) -> m.Block:
        line = node.map[0] if node.map else 0
        if node.type == "paragraph":
            return m.Paragraph(self._inline_children(node.children[0], line) if node.children else ())
        if node.type in ("bullet_list", "ordered_list"):
            items = tuple(tuple(self._block(child) for child in item.children) for item in node.children)
            start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 1
            return m.ListBlock(node.type == "ordered_list", items, start)
        if node.type == "blockquote":
            return m.Quote(tuple(self._block(child) for child in node.children))
        if node.type == "heading":
            raise self._error(line, "", f"a Markdown heading ('{node.markup} ...') in a text field",
                              "make it a section (sections: - title: ...), or write \\# to keep the '#' as text")
        raise self._error(line, "", f"unsupported Markdown block '{node.type}'",
                          "use paragraphs, lists and quotes; put headings in 'sections' and images in an 'image' block")

    # ------------------------------------------------------------------ inlines

    def _inline_children(self, inline: SyntaxTreeNode, line: int) -> tuple[m.Inline, ...]:
        out: list[m.Inline] = []
        for node in inline.children:
            out.extend(self._inline(node, line))
            line += sum(1 for n in node.walk() if n.type in ("softbreak", "hardbreak"))
            if node.type == "text":
                line += node.content.count("\n")
        return m.merge_text(out)

    def _inline(self, node: SyntaxTreeNode, line: int) -> list[m.Inline]:
        kind = node.type
        if kind == "text":
            return self._text(node.content, line)
        if kind == "softbreak":
            return [m.Text(" ")]
        if kind == "hardbreak":
            return [m.LineBreak()]
        if kind == "code_inline":
            return [m.Code(node.content)]
        if kind == "em":
            return [m.Emphasis(self._inline_children(node, line))]
        if kind == "strong":
            return [m.Strong(self._inline_children(node, line))]
        if kind == "link":
            href = str(node.attrs.get("href", ""))
            problem = check_url(href)
            if problem:
                raise self._error(line, href[:20], f"unsafe or invalid link '{href[:80]}': {problem[0]}", problem[1])
            if self.budget is not None:
                self.budget.spend_url(href, self.where.locate(line, href[:20]))
            children = self._inline_children(node, line)
            if _has_citation(children):
                # A citation is a link to its reference: inside link text it would nest <a> in <a>.
                raise self._error(line, "[@", "a citation inside the text of a link",
                                  "put the citation after the link: [text](https://...)[@key]")
            return [m.Link(href, children)]
        if kind == "image":
            src = str(node.attrs.get("src", ""))
            remote = "://" in src or src.startswith(("//", "data:"))
            raise self._error(line, "![", f"image '{src[:80]}' in Markdown text{' is remote' if remote else ''}",
                              "images are never fetched: put a local file in an 'image' block with alt text")
        if kind == "span":
            lang = str(node.attrs.get("lang", ""))
            if not BCP47.match(lang):
                raise self._error(line, "{", f"span language '{lang}' is not a BCP 47 tag",
                                  "write e.g. [texto]{lang=es}")
            return [m.Span(lang, self._inline_children(node, line))]
        raise self._error(line, "", f"unsupported Markdown inline '{kind}'",
                          "use text, emphasis, links and [@citations]")

    def _text(self, text: str, line: int) -> list[m.Inline]:
        out: list[m.Inline] = []
        pos = 0
        for match in CITATION.finditer(text):
            if match.start() > pos:
                out.append(m.Text(text[pos : match.start()]))
            here = line + text.count("\n", 0, match.start())
            keys = CITATION_KEY.findall(match.group(1))
            for i, key in enumerate(keys):
                where = self.where.locate(here, "@" + key)
                if key in keys[:i]:
                    raise SourceError(Diagnostic(where, f"citation key '{key}' repeated in '{match.group(0)[:80]}'",
                                                 "cite each source once per bracket"))
                self.cite(key, where)
                out.append(m.Citation(key))
            pos = match.end()
        if pos < len(text):
            out.append(m.Text(text[pos:]))
        return out

    def _error(self, rel_line: int, needle: str, message: str, hint: str) -> SourceError:
        return SourceError(Diagnostic(self.where.locate(rel_line, needle), message, hint))

