"""citeproc-py suppresses the variables a ``cs:substitute`` printed, also when it printed them through a macro.

CSL 1.0.2 §Substitute: "Substituted variables are suppressed in the rest of the output to
prevent duplication." citeproc-py 0.11 records only the substituting element's own
``variable`` attribute, so a style that substitutes ``<text macro="title"/>`` for a missing
author (AMA, APA, Vancouver and most others do) prints the title twice: "What is
Leiomyosarcoma?. What is Leiomyosarcoma?. …" for every web page without an author, which
is most of what a health handout cites. citeproc-js and pandoc's citeproc print it once.

:func:`apply` makes ``Substitute.add_to_repressed_list`` also record every variable that
the substituting element renders through macros, groups and choices. It is a correction,
not a speed-up; ``tests/patches/test_citeproc_substitute.py`` fails when citeproc-py
does this itself, and then this module and its call in ``document/bibliography.py`` go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_applied = False
ORIGINAL: Any = None


def apply() -> None:
    """Install the correction once per process (idempotent)."""
    global _applied, ORIGINAL
    if _applied:
        return
    from citeproc.model import Substitute

    ORIGINAL = Substitute.add_to_repressed_list
    Substitute.add_to_repressed_list = _add_to_repressed_list
    _applied = True


def _add_to_repressed_list(self: Any, child: Any, context: Any) -> None:
    layout = context.get_layout()
    for tag, variable in _rendered_variables(child, set()):
        layout.repressed.setdefault(tag, []).append(variable)


def _rendered_variables(element: Any, seen: set[str]) -> Iterator[tuple[str, str]]:
    """(tag, variable) of the element and of everything it renders, macros followed once each."""
    variable = element.get("variable")
    if variable:
        yield element.tag, variable
    macro = element.get("macro")
    if macro and macro not in seen:
        seen.add(macro)
        yield from _rendered_variables(element.get_macro(macro), seen)
    for child in element.getchildren():
        yield from _rendered_variables(child, seen)
