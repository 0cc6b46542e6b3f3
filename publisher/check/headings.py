"""Heading rules shared by the formats: order without skipped levels, and comparing two outlines."""

from __future__ import annotations

from collections.abc import Sequence

from publisher.check.result import Outcome, failed, passed
from publisher.extract.text import normalize

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


def outline_difference(actual: Outline, expected: Outline, actual_name: str, expected_name: str) -> str:
    """'' when equal (after normalisation), else the first difference in words."""
    got, want = _norm(actual), _norm(expected)
    if got == want:
        return ""
    for index, (a, b) in enumerate(zip(got, want, strict=False), start=1):
        if a != b:
            return f"{actual_name} differ from the {expected_name} at entry {index}: {_show(a)} where the " \
                   f"{expected_name} have {_show(b)}"
    if len(got) > len(want):
        return f"{actual_name} have {len(got) - len(want)} extra entr(ies) at the end, first {_show(got[len(want)])}"
    return f"{actual_name} lack the last {len(want) - len(got)} entr(ies) of the {expected_name}, " \
           f"first {_show(want[len(got)])}"


def _show(entry: tuple[int, str]) -> str:
    return f"level {entry[0]} {entry[1]!r}"
