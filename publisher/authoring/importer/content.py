"""A section's Word items as source blocks: Markdown text and lists, resource lists, call-outs, pictures, tables."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from typing import Any

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from publisher.authoring.importer import draft as d
from publisher.authoring.importer.blocks import Item
from publisher.authoring.importer.inlines import FoundImage, Inline, InlineReader
from publisher.authoring.importer.markdown import checked_markdown, escape
from publisher.authoring.importer.package import Package
from publisher.extract.text import normalize

KEPT_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg"}
EMPTY_CELL = "—"  # the source needs text in every cell


@dataclass
class Content:
    """Turns items into blocks; numbers pictures across the whole document."""

    package: Package
    reader: InlineReader
    strings: dict[str, str]
    image_folder: str  # e.g. images/<slug>
    image_count: int = 0
    read: dict[int, Inline] = field(default_factory=dict)
    orphans: list[d.Note] = field(default_factory=list)  # notes with no block to sit on; the caller places them

    def inline(self, item: Item) -> Inline:
        key = id(item.element)
        if key not in self.read:
            self.read[key] = self.reader.read(item.element, item.where)
        return self.read[key]

    def markdown(self, item: Item) -> str:
        return checked_markdown(self.inline(item))

    def blocks(self, items: list[Item]) -> list[d.Block]:
        out: list[d.Block] = []
        text: list[str] = []
        pending: list[d.Note] = []

        def flush() -> None:
            if text:
                out.append(d.Text("\n\n".join(text), list(pending)))
                text.clear()
                pending.clear()

        i = 0
        while i < len(items):
            item = items[i]
            if item.kind in ("list", "continue"):
                j = i + 1
                # One Word list is one numbering instance: a new one at the top level starts a new list.
                while j < len(items) and items[j].kind in ("list", "continue") and not (
                        items[j].kind == "list" and items[j].ilvl == 0 and items[j].list_id != item.list_id):
                    j += 1
                for block in self.list_blocks(items[i:j]):
                    if isinstance(block, str):
                        text.append(block)
                    else:
                        flush()
                        out.append(block)
                pending.extend(n for g in items[i:j] for n in self.inline(g).notes)
                i = j
                continue
            if item.kind == "note":
                j = i + 1
                while j < len(items) and items[j].kind == "note":
                    j += 1
                flush()
                out.append(self.callout(items[i:j]))
                i = j
                continue
            if item.kind == "table":
                flush()
                caption = items[i - 1] if i and items[i - 1].kind in ("caption", "table-caption") else None
                out.append(self.table(item, caption))
                i += 1
                continue
            if item.kind in ("caption", "table-caption") and i + 1 < len(items) and items[i + 1].kind == "table":
                i += 1  # the table takes it
                continue
            inline = self.inline(item)
            md = checked_markdown(inline)
            if md:
                text.append("> " + md.replace("\n", "\n> ") if item.kind == "quote" else md)
                pending.extend(inline.notes)
            elif inline.notes:
                pending.extend(inline.notes)
            if inline.images:
                flush()
                caption = items[i + 1] if i + 1 < len(items) and items[i + 1].kind == "caption" and not (
                    i + 2 < len(items) and items[i + 2].kind == "table") else None
                for n, found in enumerate(inline.images):
                    image = self.image(found, item.where)
                    if image is None:
                        continue
                    if caption is not None and n == len(inline.images) - 1:
                        image.caption = self.markdown(caption)
                    out.append(image)
                if caption is not None:
                    i += 1
            i += 1
        if pending and not text:
            self.orphans.extend(pending)
            pending.clear()
        flush()
        return out

    # ------------------------------------------------------------ lists

    def list_markdown(self, group: list[Item]) -> str:
        lines: list[str] = []
        stack: list[tuple[int, int]] = []  # (ilvl, content indent) of the open items
        counters: dict[tuple[str, int], int] = {}
        for item in group:
            md = self.markdown(item)
            if item.kind == "continue":
                indent = stack[-1][1] if stack else 0
                lines.extend(["", _indent(md, indent, indent)])
                continue
            while stack and stack[-1][0] >= item.ilvl:
                stack.pop()
            indent = stack[-1][1] if stack else 0
            key = (item.list_id, item.ilvl)
            counters[key] = counters.get(key, item.start - 1) + 1
            marker = f"{counters[key]}." if item.ordered else "-"
            stack.append((item.ilvl, indent + len(marker) + 1))
            lines.append(" " * indent + marker + " " + _indent(md, 0, indent + len(marker) + 1))
        return "\n".join(lines)

    def list_blocks(self, group: list[Item]) -> list[d.Block | str]:
        """A Word list as questions, a resource list, or Markdown (a str), in that order of preference."""
        questions, rest = self.questions(group)
        out: list[d.Block | str] = [questions] if questions is not None else []
        if rest:
            resources = self.resources(rest)
            out.append(resources if resources is not None else self.list_markdown(rest))
        return out

    def questions(self, group: list[Item]) -> tuple[d.Questions | None, list[Item]]:
        """Our DOCX writes questions as bullets with a bold "Answer" label above each answer: that label marks
        them. Bulleted lists side by side share one Word numbering, so the questions end at the first item
        the pattern does not fit, and the rest of the list is read on its own."""
        label = normalize(self.strings["answer"]).casefold()
        if not label or not any(g.kind == "continue" and normalize(self.inline(g).plain()).casefold() == label
                                for g in group):
            return None, group
        found: list[d.Question] = []
        answering = False
        for n, item in enumerate(group):
            if item.kind == "list" and not item.ilvl and not item.ordered:
                found.append(d.Question(self.markdown(item)))
                answering = False
            elif item.kind == "continue" and normalize(self.inline(item).plain()).casefold() == label and found:
                answering = True
            elif item.kind == "continue" and found and answering:
                found[-1].answer = f"{found[-1].answer}\n\n{self.markdown(item)}".strip()
            else:
                start = n - 1 if item.kind == "continue" and found and not answering else n
                if start <= 0 or not any(q.answer for q in found[:start]):
                    return None, group
                kept = found[: sum(1 for g in group[:start] if g.kind == "list")]
                return d.Questions(kept), group[start:]
        return d.Questions(found), []

    def resources(self, group: list[Item]) -> d.Resources | None:
        """A bullet list whose every item starts with a link and goes on with text: a resource list."""
        items: list[d.Resource] = []
        for item in group:
            if item.kind == "continue":
                if not items:
                    return None
                extra = self.markdown(item)
                items[-1].note = f"{items[-1].note}\n\n{extra}".strip()
                continue
            inline = self.inline(item)
            segs = [s for s in inline.segs if s.kind != "text" or s.text.strip() or s.link]
            if item.ordered or item.ilvl or not segs or any(s.kind == "break" for s in inline.segs):
                return None
            url = inline.external(segs[0])
            name = normalize("".join(s.text for s in inline.segs if s.link == segs[0].link))
            rest = Inline([s for s in inline.segs if s.link != segs[0].link], inline.links, [], [])
            description = checked_markdown(rest)
            if not url or not name or not description or inline.images:
                return None
            items.append(d.Resource(name, url, description))
        notes = [n for g in group for n in self.inline(g).notes]
        return d.Resources(items, notes) if items else None

    def callout(self, group: list[Item]) -> d.Callout:
        """Our DOCX writes a call-out as a bold label paragraph ("Warning") and its text in the Note style."""
        label = normalize(self.inline(group[0]).plain())
        kinds = {normalize(self.strings[k]).casefold(): k for k in ("note", "disclaimer", "tip", "warning")}
        kind = kinds.get(label.casefold().rstrip(":"))
        body = group[1:] if kind else group
        md = "\n\n".join(x for x in (self.markdown(g) for g in body) if x)
        notes = [n for g in group for n in self.inline(g).notes]
        return d.Callout(kind or "note", md or escape(label), notes)

    # ------------------------------------------------------------ pictures and tables

    def image(self, found: FoundImage, where: str) -> d.Image | None:
        if found.problem:
            self.orphans.append(d.Note(found.problem, where))
            return None
        part = self.package.document.part.related_parts.get(found.rid)
        if part is None:
            self.orphans.append(d.Note("a picture whose data is missing from the file was not imported", where))
            return None
        data, suffix = bytes(part.blob), KEPT_IMAGE_TYPES.get(str(part.content_type))
        notes: list[d.Note] = []
        if suffix is None:
            converted = _to_png(data)
            if converted is None:
                self.orphans.append(d.Note(f"a picture of type {part.content_type} was not imported; save it as "
                                           "PNG or JPEG", where))
                return None
            data, suffix = converted, ".png"
            notes.append(d.Note(f"a {part.content_type} picture was converted to PNG", where))
        self.image_count += 1
        image = d.Image(f"{self.image_folder}/image-{self.image_count}{suffix}", data, found.alt, found.decorative,
                        notes=notes)
        if not found.alt and not found.decorative:
            image.notes.append(d.Note("Word gave this picture no alt text: write what it shows in 'alt', or set "
                                      "'decorative: true' if it carries no information", where))
        if found.alt and found.decorative:
            image.alt = ""
        return image

    def table(self, item: Item, caption_item: Item | None) -> d.Block:
        table = item.table
        assert table is not None
        notes: list[d.Note] = []
        rows = [[self.cell(c.paragraphs, notes, item.where) for c in row] for row in table.rows]
        width = max((len(r) for r in rows), default=0)
        if len(rows) < 2 or width < 2:
            # One row or one column: a layout box, not data. Its text becomes paragraphs.
            text = "\n\n".join(c for row in rows for c in row if c)
            notes.append(d.Note("a table of one row or one column was imported as text", item.where))
            return d.Text(text, notes)
        if any(len(r) != width for r in rows) or any(c.merged for row in table.rows for c in row):
            notes.append(d.Note("merged or missing cells were split and filled; check the table", item.where))
        rows = [[c or EMPTY_CELL for c in r] + [EMPTY_CELL] * (width - len(r)) for r in rows]
        if any(c == EMPTY_CELL for r in rows for c in r):
            notes.append(d.Note(f"empty cells were written as '{EMPTY_CELL}' (a source cell needs text)", item.where))
        if not table.header_marked:
            notes.append(d.Note("the first row was taken as the header row (Word did not mark it: Table Properties, "
                                "Row, 'Repeat as header row')", item.where))
        if table.nested:
            notes.append(d.Note("a table inside a cell was flattened to text", item.where))
        caption = normalize(self.inline(caption_item).plain()) if caption_item is not None else table.caption
        if not caption:
            notes.append(d.Note("the table has no caption; add one if the header row does not say what it shows",
                                item.where))
        return d.Table(rows[0], rows[1:], caption, table.description, notes)

    def cell(self, paragraphs: list[Any], notes: list[d.Note], where: str) -> str:
        parts = []
        for p in paragraphs:
            inline = self.reader.read(p, where)
            notes.extend(inline.notes)
            if inline.images:
                notes.append(d.Note("a picture inside a table cell was not imported", where))
            md = checked_markdown(inline).replace("\\\n", " ")
            if md:
                parts.append(md)
        return " ".join(parts)


def _indent(md: str, first: int, rest: int) -> str:
    lines = md.split("\n")
    return "\n".join([" " * first + lines[0], *(" " * rest + line if line else "" for line in lines[1:])])


def _to_png(data: bytes) -> bytes | None:
    """TIFF, BMP or WebP as PNG (the formats every renderer takes); None for what Pillow cannot read (EMF, WMF)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(data)) as image:
                out = io.BytesIO()
                image.save(out, format="PNG")
                return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError):
        return None
