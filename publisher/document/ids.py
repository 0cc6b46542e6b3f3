"""The ids that layouts and the normaliser generate, which a section's id must never take.

Every HTML-based output (HTML, EPUB, the PDF's HTML) holds these ids beside the sections'
own: a section titled "Ref 1" (slug ``ref-1``) or given ``id: toc-heading`` would duplicate
one, and a link to it, or a citation's link to its reference, would land in the wrong place.
"""

from __future__ import annotations

import re

# Fixed ids in layouts/ (page, nav, handout templates) and the sections the normaliser adds.
RESERVED_IDS = frozenset({
    "title", "main", "toc", "toc-heading", "content", "references", "references-section", "further-reading",
    "further-reading-section", "summary", "skip", "landmarks", "landmarks-heading", "footer", "header",
})
# Numbered ids: references (ref-3), citations (cite-3-1) and further reading (further-2), see normalize.py.
GENERATED = re.compile(r"(?:ref|cite|further)(?:-[0-9]+)+")


def is_reserved(ident: str) -> bool:
    return ident in RESERVED_IDS or GENERATED.fullmatch(ident) is not None
