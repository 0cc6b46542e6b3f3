"""Heading rules shared by the formats: order without skipped levels, and comparing two outlines."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from publisher.check.result import Outcome, failed, passed
from publisher.extract.text import match_key, normalize

Outline = Sequence[tuple[int, str]]


def heading_order(outline: Outline, prefix: str) -> Outcome:
    """Fail on no headings, an empty heading, a first heading below level 1, or a skipped level."""
    if not outline:
        return failed("the document has no headings")
    problems = []
    previous = 0
    for index, (level, text) in enumerate(outline, start=1):
        label = f"heading {index} ({prefix}{level} {text!r})"
        if not text.strip():
            problems.append(f"{label} is empty")
        if level > previous + 1:
            problems.append(f"{label} skips from level {previous} to {level}" if previous
                            else f"{label}: the first heading is not level 1")
        previous = level
    if problems:
        return failed("; ".join(problems[:3]) + (f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""),
                      problems)
    return passed(f"{len(outline)} headings in order")


def _norm(outline: Outline) -> list[tuple[int, str]]:
    return [(level, normalize(text)) for level, text in outline]


def _same(a: tuple[int, str], b: tuple[int, str]) -> bool:
    # Text is compared without spaces and hyphens: a PDF does not say whether a heading that wraps
    # after "/" or a hyphen had a space there, and layout is not content.
    return a[0] == b[0] and match_key(a[1]) == match_key(b[1])


def _keys(entries: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(level, match_key(text)) for level, text in entries]


def outline_difference(actual: Outline, expected: Outline, actual_name: str, expected_name: str) -> str:
    """'' when equal (levels exactly, text after normalisation), else what differs, in words."""
    got, want = _norm(actual), _norm(expected)
    if len(got) == len(want) and all(_same(a, b) for a, b in zip(got, want, strict=True)):
        return ""
    changes = []
    matcher = difflib.SequenceMatcher(a=_keys(got), b=_keys(want), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            changes += [f"unexpected {_show(e)}" for e in got[i1:i2]]
        if op in ("insert", "replace"):
            changes += [f"missing {_show(e)}" for e in want[j1:j2]]
    more = f" (+{len(changes) - 3} more)" if len(changes) > 3 else ""
    return f"{actual_name} differ from the {expected_name}: {'; '.join(changes[:3])}{more}"


def _show(entry: tuple[int, str]) -> str:
    return f"level {entry[0]} {entry[1]!r}"
