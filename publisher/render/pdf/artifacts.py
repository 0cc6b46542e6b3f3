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
(its ``EMC`` stays), and its /ParentTree slot becomes null so the orphaned
structure elements drop out of the file.
"""

from __future__ import annotations

import pikepdf

from publisher.render.pdf.structure import ParentTree, claimed_marks


def _mcid(operands: list[pikepdf.Object], page: pikepdf.Page) -> int | None:
    if len(operands) != 2:
        return None
    props: pikepdf.Object | None = operands[1]
    if isinstance(props, pikepdf.Name):  # a named property list in the page resources
        named = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Properties", pikepdf.Dictionary())
        props = named.get(props)
    if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
        return int(props["/MCID"])
    return None


def mark_orphans_as_artifacts(pdf: pikepdf.Pdf) -> int:
    """Turn unclaimed marked content into pagination artifacts; return how many sequences changed."""
    claimed = claimed_marks(pdf)
    parent_tree = ParentTree(pdf)
    changed = 0
    for page in pdf.pages:
        orphans: list[int] = []
        ops = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = list(instruction.operands), instruction.operator
            if str(operator) == "BDC":
                mcid = _mcid(operands, page)
                if mcid is not None and (page.obj.objgen, mcid) not in claimed:
                    orphans.append(mcid)
                    operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
            ops.append(pikepdf.ContentStreamInstruction(operands, operator))
        if orphans:
            changed += len(orphans)
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
            for mcid in orphans:
                # With no slot left pointing at them, the orphaned elements are not written out.
                parent_tree.set_mcid(page.obj, mcid, None)
    return changed
