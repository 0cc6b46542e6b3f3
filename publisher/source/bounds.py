"""Bounds on the work a source asks for, checked on the YAML tree before the schema or any renderer runs.

The file size alone does not bound the work: 2 MB of one-character list items or of
table cells costs a PDF renderer minutes where 2 MB of prose costs seconds. So the tree is
walked once (its depth is already bounded by the YAML loader) and refused, at the value
that crosses a limit, when it holds too much text, too many values, too many images or
tables too large to lay out. The limits are in :mod:`publisher.source.limits`.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from publisher.errors import Diagnostic, Location, SourceError
from publisher.source import limits as lim

Where = tuple[int, int]  # 1-based line and column


class _Counter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.chars = 0
        self.values = 0
        self.images = 0
        self.table_cells = 0

    def fail(self, where: Where, message: str, hint: str) -> SourceError:
        return SourceError(Diagnostic(Location(self.path, *where), message, hint))

    def visit(self, node: Any, where: Where) -> None:
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                line, col = node.lc.value(key)
                here = (line + 1, col + 1)
                if key == "table" and isinstance(value, CommentedMap):
                    at = node.lc.key(key)
                    self.table(value, (at[0] + 1, at[1] + 1))  # the `table:` key itself
                elif key == "image":
                    self.images += 1
                    if self.images > lim.MAX_IMAGES_PER_SOURCE:
                        raise self.fail(here, f"more than {lim.MAX_IMAGES_PER_SOURCE} images in one source",
                                        "split the condition into several sources, or drop some images")
                self.visit(value, here)
        elif isinstance(node, CommentedSeq):
            for i, value in enumerate(node):
                line, col = node.lc.item(i)
                self.visit(value, (line + 1, col + 1))
        else:
            self.values += 1
            if self.values > lim.MAX_VALUES:
                raise self.fail(where, f"more than {lim.MAX_VALUES:,} values (text, list items, cells) in one source",
                                "split the condition into several sources")
            if isinstance(node, str):
                self.chars += len(node)
                if self.chars > lim.MAX_TEXT_CHARS:
                    raise self.fail(where, f"the source holds more than {lim.MAX_TEXT_CHARS:,} characters of text",
                                    "split the condition into several sources: a handout this long is not read")

    def table(self, table: CommentedMap, where: Where) -> None:
        header = table.get("header")
        rows = table.get("rows")
        lists = [r for r in (header, *(rows if isinstance(rows, CommentedSeq) else ())) if isinstance(r, list)]
        columns = max((len(r) for r in lists), default=0)
        cells = sum(len(r) for r in lists)
        if columns > lim.MAX_TABLE_COLUMNS:
            raise self.fail(where, f"the table has {columns} columns; the limit is {lim.MAX_TABLE_COLUMNS}",
                            "split it into narrower tables: wide tables cannot be read on a phone or in large print")
        self.table_cells += cells
        if self.table_cells > lim.MAX_TABLE_CELLS:
            whole = "the table has" if self.table_cells == cells else "the tables of this source have"
            raise self.fail(where, f"{whole} {self.table_cells:,} cells; the limit is {lim.MAX_TABLE_CELLS:,}",
                            "link to the full data instead of printing it, or keep the rows readers need")


def check_bounds(tree: Any, path: str) -> None:
    """Raise SourceError at the first value past a limit on text, values, images or table size."""
    _Counter(path).visit(tree, (1, 1))
