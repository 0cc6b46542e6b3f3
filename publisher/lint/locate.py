"""Line numbers for text found inside a Markdown field of a YAML source.

The Markdown model keeps no positions, so the plain text a reader sees is lined up,
word by word and in order, with the words of the raw YAML lines from the field's
first character on. Markup, URLs and citation keys exist only in the raw text and
are skipped over; a word that cannot be found keeps the line of the one before it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from publisher.lint.text import TOKEN

LOOKAHEAD = 60  # raw tokens searched for each word: a long URL or link target is ~20


class FieldLines:
    """Maps offsets in a field's plain text to 1-based lines of the YAML file."""

    def __init__(self, text: str, raw_lines: Sequence[str], line: int, col: int) -> None:
        self.offsets: list[int] = []
        self.lines: list[int] = []
        self.start = line
        raw = _RawTokens(raw_lines, line, col)
        current = line
        for match in TOKEN.finditer(text):
            found = raw.find(match.group().lower())
            current = found if found is not None else current
            self.offsets.append(match.start())
            self.lines.append(current)

    def line_at(self, offset: int) -> int:
        """Line of the first word at or after ``offset``."""
        i = bisect_left(self.offsets, offset)
        if i < len(self.lines):
            return self.lines[i]
        return self.lines[-1] if self.lines else self.start


class _RawTokens:
    """Words of the raw lines, read lazily as the search moves forward."""

    def __init__(self, lines: Sequence[str], line: int, col: int) -> None:
        self.lines = lines
        self.first_line = self.next_line = line
        self.col = col
        self.tokens: list[tuple[str, int]] = []
        self.cursor = 0

    def find(self, word: str) -> int | None:
        end = self.cursor + LOOKAHEAD
        while len(self.tokens) < end and self.next_line <= len(self.lines):
            self._read_line()
        for i in range(self.cursor, min(end, len(self.tokens))):
            if self.tokens[i][0] == word:
                self.cursor = i + 1
                return self.tokens[i][1]
        return None

    def _read_line(self) -> None:
        n = self.next_line
        text = self.lines[n - 1]
        if n == self.first_line:
            text = text[self.col - 1 :]  # the key before the value is not part of the field
        self.tokens.extend((t.lower(), n) for t in TOKEN.findall(text))
        self.next_line += 1
