"""Lines and columns for text found inside a Markdown field of a YAML source.

The Markdown model keeps no positions, so the plain text a reader sees is lined up,
word by word and in order, with the words of the raw YAML lines from the field's
first character on. Markup, URLs and citation keys exist only in the raw text and
are skipped over; a word that cannot be found keeps the line of the one before it
and no column (0), so a finding never points at a column it did not find.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from publisher.lint.text import TOKEN

LOOKAHEAD = 60  # raw tokens searched for each word: a long URL or link target is ~20


class FieldLines:
    """Maps offsets in a field's plain text to 1-based lines (and columns) of the YAML file."""

    def __init__(self, text: str, raw_lines: Sequence[str], line: int, col: int, skip: int = 0) -> None:
        """``skip``: length of a prefix of ``text`` that is not in the raw lines (a resource's name)."""
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.cols: list[int] = []
        self.start = line
        raw = _RawTokens(raw_lines, line, col)
        current = line
        for match in TOKEN.finditer(text):
            # Words of the prefix get the field's first line and no column; searching for them
            # in the raw text could match a later word and skip past the field's real words.
            found = raw.find(match.group().lower()) if match.start() >= skip else None
            current = found[0] if found is not None else current
            self.offsets.append(match.start())
            self.lines.append(current)
            self.cols.append(found[1] if found is not None else 0)

    def line_at(self, offset: int) -> int:
        """Line of the first word at or after ``offset``."""
        return self.position_at(offset)[0]

    def position_at(self, offset: int) -> tuple[int, int]:
        """(line, column) of the first word at or after ``offset``; column 0 if that word was not found."""
        i = bisect_left(self.offsets, offset)
        if i < len(self.lines):
            return self.lines[i], self.cols[i]
        return (self.lines[-1], 0) if self.lines else (self.start, 0)


class _RawTokens:
    """Words of the raw lines, read lazily as the search moves forward."""

    def __init__(self, lines: Sequence[str], line: int, col: int) -> None:
        self.lines = lines
        self.first_line = self.next_line = line
        self.col = col
        self.tokens: list[tuple[str, int, int]] = []  # (word, line, column)
        self.cursor = 0

    def find(self, word: str) -> tuple[int, int] | None:
        end = self.cursor + LOOKAHEAD
        while len(self.tokens) < end and self.next_line <= len(self.lines):
            self._read_line()
        for i in range(self.cursor, min(end, len(self.tokens))):
            if self.tokens[i][0] == word:
                self.cursor = i + 1
                return self.tokens[i][1], self.tokens[i][2]
        return None

    def _read_line(self) -> None:
        n = self.next_line
        text = self.lines[n - 1]
        skipped = 0
        if n == self.first_line:
            skipped = self.col - 1  # the key before the value is not part of the field
            text = text[skipped:]
        # Columns count characters from 1, as editors and the YAML reader's errors do.
        self.tokens.extend((m.group().lower(), n, skipped + m.start() + 1) for m in TOKEN.finditer(text))
        self.next_line += 1
