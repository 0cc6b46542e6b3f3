"""Word bookmark names for the model's ids, and bookmark ids."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["heading", "reference", "citation"]
MAX_LENGTH = 40  # Word truncates longer names and then cannot find the target


class Anchors:
    """Maps (kind, model id) to a unique, valid Word bookmark name, always the same one.

    Word wants a letter first, then letters, digits or underscores, at most 40
    characters; a leading underscore would hide the bookmark. Model ids are
    slugs ("testing-resources", "ref-1", "cite-1-2"), so hyphens become
    underscores; a clash after that gets a numeric suffix. The kind is part of the
    key because a heading could be called "ref-1" too.
    """

    def __init__(self) -> None:
        self._names: dict[tuple[Kind, str], str] = {}
        self._used: set[str] = set()
        self._next_id = 0

    def name(self, kind: Kind, model_id: str) -> str:
        key = (kind, model_id)
        found = self._names.get(key)
        if found is not None:
            return found
        base = re.sub(r"[^A-Za-z0-9_]", "_", model_id.encode("ascii", "ignore").decode())
        if not base[:1].isalpha():
            base = "b_" + base
        base = base[:MAX_LENGTH]
        candidate, n = base, 2
        while candidate.lower() in self._used:  # Word compares bookmark names case-insensitively
            suffix = f"_{n}"
            candidate, n = base[: MAX_LENGTH - len(suffix)] + suffix, n + 1
        self._used.add(candidate.lower())
        self._names[key] = candidate
        return candidate

    def next_id(self) -> int:
        self._next_id += 1
        return self._next_id
