"""/Lang on the structure elements of parts in another language, which WeasyPrint 70 never writes.

The shared markup marks them with ``lang`` (a ``Span(lang=…)`` of the model, a reference
title with ``Reference.language``); WeasyPrint keeps only the document's language, in the
catalog. Without /Lang on the element a screen reader reads an English title in a
Spanish handout with Spanish pronunciation (WCAG 3.1.2, PDF/UA-1 7.2). Every
structure element whose HTML element has a ``lang`` attribute gets it as /Lang; a
``<span lang>`` is a /Span element of its own in WeasyPrint's tree, so the language
covers exactly the marked words.
"""

from __future__ import annotations

import pydyf

from publisher.render.pdf.origins import Origin
from publisher.render.pdf.structure import Tree

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def mark_languages(tree: Tree, origins: dict[int, Origin]) -> int:
    """Set /Lang from the HTML ``lang`` of each element's origin; return how many elements got one."""
    marked = 0
    for elem in tree.elements():
        origin = origins.get(elem.number)
        element = origin.element if origin is not None else None
        if element is None:
            continue
        lang = (element.get("lang") or element.get(_XML_LANG) or "").strip()
        if lang:
            elem["Lang"] = pydyf.String(lang)
            marked += 1
    return marked
