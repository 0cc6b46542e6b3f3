"""Mark page-margin content (running header, page numbers) as /Artifact, which WeasyPrint 70 does not.

WeasyPrint tags text in page-margin boxes like body text (``/Span <</MCID n>> BDC``)
and even builds structure elements for it, but never attaches them to the
structure tree (tags.py: "It could be included in tree as Artifact, but that’s
only allowed in PDF 2.0"; WeasyPrint issue #1836). PDF/UA-1 requires every piece
of content to be either real content in the tree or an artifact, so such orphans
fail checkers and may be skipped or misread by assistive technology.

How margin content is identified: it is exactly the marked content whose MCID no
structure element reachable from /StructTreeRoot claims. WeasyPrint reaches every
box in the page body from the tree, so in practice the orphans are the margin
boxes; tests check that the text turned into artifacts is only header and footer
text, so a future WeasyPrint that orphans body text would fail loudly instead of
hiding it. Each orphan ``BDC`` becomes ``/Artifact <</Type /Pagination>> BDC``
(its ``EMC`` stays) and its /ParentTree slot becomes null; the orphaned
structure elements are then emptied with every other unreachable one
(``Tree.discard_unreachable``).
"""

from __future__ import annotations

from typing import Any

import pydyf

from publisher.render.pdf.structure import NULL, Tree


def mark_orphans_as_artifacts(tree: Tree) -> int:
    """Turn unclaimed marked content into pagination artifacts; return how many sequences changed."""
    claimed = tree.claimed_marks()
    changed = 0
    for page in tree.pages:
        # WeasyPrint writes ``/Tag``, ``<</MCID n>>``, ``BDC`` as three items of the stream's list.
        items: list[Any] = tree.get(page["Contents"]).stream
        for i in range(2, len(items)):
            props = items[i - 1]
            if items[i] == b"BDC" and isinstance(props, dict) and "MCID" in props:
                mcid = props["MCID"]
                if (page.number, mcid) in claimed:
                    continue
                tree.set_mcid(page, mcid, NULL)
                items[i - 2] = "/Artifact"
                items[i - 1] = pydyf.Dictionary({"Type": "/Pagination"})
                changed += 1
    return changed
