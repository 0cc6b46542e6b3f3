"""A draft as the YAML text of a source, with each note as a comment above what it is about.

Written by hand, not by a YAML library's dumper, because the notes must land on known
lines (they are reported as ``file:line``) and Markdown must stay readable block text.
Every plain scalar is checked by loading it back; anything doubtful is double-quoted.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from publisher.authoring.importer import draft as d

PREFIX = "# publisher import: "
_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_YAML = YAML(typ="safe", pure=True)


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def add(self, text: str) -> None:
        self.lines.extend(text.split("\n"))

    def notes(self, notes: list[d.Note], indent: int) -> None:
        for note in notes:
            note.line = self.next_line
            for n, part in enumerate(_wrap(f"{note.message} ({note.where})", 100 - indent)):
                self.add(" " * indent + (PREFIX if n == 0 else "#   ") + part)

    def scalar(self, indent: int, key: str, value: str) -> None:
        self.add(f"{' ' * indent}{key}: {scalar(value)}")

    def block(self, indent: int, key: str, markdown: str) -> None:
        """Markdown as a literal block scalar (or one line when it is one short line)."""
        if "\n" not in markdown and len(markdown) < 80:
            self.scalar(indent, key, markdown)
            return
        self.add(f"{' ' * indent}{key}: |")
        pad = " " * (indent + 2)
        for line in markdown.split("\n"):
            self.add(pad + line.rstrip() if line.strip() else "")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def scalar(value: str) -> str:
    if value and _PLAIN_SAFE.match(value) and ": " not in value and " #" not in value and value == value.strip():
        with contextlib.suppress(YAMLError):  # anything the loader refuses is quoted instead
            if _YAML.load(f"k: {value}") == {"k": value}:
                return value
    return json.dumps(value, ensure_ascii=False)


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*out, line] if line else out or [""]


def write(draft: d.Draft, origin: str) -> str:
    out = Writer()
    out.add(f"# Imported from {origin} by 'publisher import'. Lines starting '{PREFIX.strip()}' say what the")
    out.add("# Word file had that could not be carried over, or a choice made for you: check each, then delete it.")
    out.notes(draft.notes, 0)
    out.add("format: 1")
    out.scalar(0, "title", draft.title)
    if draft.slug:
        out.scalar(0, "slug", draft.slug)
    out.scalar(0, "language", draft.language)
    if draft.publisher.name:
        out.add("publisher:")
        out.scalar(2, "name", draft.publisher.name)
        if draft.publisher.url:
            out.scalar(2, "url", draft.publisher.url)
        if draft.publisher.parent:
            out.scalar(2, "parent", draft.publisher.parent)
    if draft.canonical_url:
        out.scalar(0, "canonical_url", draft.canonical_url)
    if draft.last_reviewed:
        out.add(f"last_reviewed: {draft.last_reviewed.isoformat()}")
    if draft.description:
        out.scalar(0, "description", draft.description)
    if draft.keywords:
        out.add("keywords: [" + ", ".join(scalar(k) if "," not in k else json.dumps(k, ensure_ascii=False)
                                          for k in draft.keywords) + "]")
    out.add("")
    out.notes(draft.summary_notes, 0)
    if draft.summary:
        out.block(0, "summary", draft.summary)
    if draft.sections:
        out.add("")
        out.add("sections:")
        for section in draft.sections:
            _section(out, section, 2)
    if draft.references:
        out.add("")
        out.add("references:")
        for ref in draft.references:
            out.notes(ref.notes, 2)
            out.scalar(2, "- id", ref.id)
            out.scalar(4, "title", ref.title)
            if ref.url:
                out.scalar(4, "url", ref.url)
            if ref.accessed:
                out.add(f"    accessed: {ref.accessed.isoformat()}")
            if ref.language:
                out.scalar(4, "language", ref.language)
    return out.text()


def _section(out: Writer, section: d.Section, indent: int) -> None:
    out.notes(section.notes, indent)
    out.scalar(indent, "- title", section.title)
    inner = indent + 2
    blocks = list(section.blocks)
    if blocks and isinstance(blocks[0], d.Text) and blocks[0].markdown.strip():
        first = blocks.pop(0)
        assert isinstance(first, d.Text)
        out.notes(first.notes, inner)
        out.block(inner, "body", first.markdown)
    if blocks:
        out.add(" " * inner + "blocks:")
        for block in blocks:
            out.notes(block.notes, inner + 2)
            _block(out, block, inner + 2)
    if section.sections:
        out.add(" " * inner + "sections:")
        for child in section.sections:
            _section(out, child, inner + 2)


def _block(out: Writer, block: d.Block, indent: int) -> None:
    pad = " " * indent
    if isinstance(block, d.Text):
        out.block(indent, "- text", block.markdown)
    elif isinstance(block, d.Callout):
        out.block(indent, "- note", block.markdown)
        if block.kind != "note":
            out.add(f"{pad}  note_kind: {block.kind}")
    elif isinstance(block, d.Image):
        out.add(f"{pad}- image:")
        out.scalar(indent + 4, "file", block.file)
        if block.decorative:
            out.add(f"{pad}    decorative: true")
        elif block.alt:
            out.scalar(indent + 4, "alt", block.alt)
        if block.caption:
            out.block(indent + 4, "caption", block.caption)
    elif isinstance(block, d.Table):
        out.add(f"{pad}- table:")
        if block.caption:
            out.scalar(indent + 4, "caption", block.caption)
        if block.summary:
            out.scalar(indent + 4, "summary", block.summary)
        out.add(f"{pad}    header: {_row(block.header)}")
        out.add(f"{pad}    rows:")
        for row in block.rows:
            out.add(f"{pad}      - {_row(row)}")
    elif isinstance(block, d.Questions):
        out.add(f"{pad}- questions:")
        for question in block.items:
            out.block(indent + 4, "- question", question.question)
            if question.answer:
                out.block(indent + 6, "answer", question.answer)
    else:
        out.add(f"{pad}- resources:")
        for item in block.items:
            out.scalar(indent + 4, "- name", item.name)
            out.scalar(indent + 6, "url", item.url)
            out.scalar(indent + 6, "description", item.description)
            if item.note:
                out.block(indent + 6, "note", item.note)


def _row(cells: list[Any]) -> str:
    return "[" + ", ".join(json.dumps(str(c), ensure_ascii=False) for c in cells) + "]"
