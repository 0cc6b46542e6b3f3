"""Page content that is neither tagged (an MCID in the structure tree) nor an /Artifact, found with pikepdf."""

from __future__ import annotations

from typing import Any

import pikepdf

from publisher.extract.pdftree import is_dict

# Operators that put something on the page; path construction and state changes alone do not.
_PAINT = frozenset({"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "EI"})
_TEXT = frozenset({"Tj", "TJ", "'", '"'})


def _mcid(operands: list[Any]) -> int | None:
    if len(operands) >= 2 and is_dict(operands[1]):
        value = operands[1].get("/MCID")
        if value is not None:
            return int(value)
    return None


def unowned_content(pdf: pikepdf.Pdf, owned: set[tuple[int, int]]) -> list[str]:
    """One line per problem: MCIDs the tree does not reference, and paint outside any marked sequence."""
    problems: list[str] = []
    for index, page in enumerate(pdf.pages):
        # Each stack entry: is the content inside it accounted for (tagged or artifact)?
        stack: list[bool] = []
        stray_text = stray_paint = 0
        orphans: list[int] = []
        for instruction in pikepdf.parse_content_stream(page):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                if not any(stack):
                    stray_paint += 1
                continue
            op = str(instruction.operator)
            if op in ("BDC", "BMC"):
                operands = list(instruction.operands)
                tag = str(operands[0]) if operands else ""
                mcid = _mcid(operands) if op == "BDC" else None
                if mcid is not None and (index, mcid) not in owned:
                    orphans.append(mcid)
                # An MCID sequence the tree misses is reported once as an orphan, not again per operator.
                accounted = tag == "/Artifact" or mcid is not None
                stack.append(accounted or bool(stack and stack[-1]))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in _PAINT and not (stack and stack[-1]):
                if op in _TEXT:
                    stray_text += 1
                else:
                    stray_paint += 1
        page_no = index + 1
        if orphans:
            problems.append(f"page {page_no}: marked content MCID {', '.join(map(str, orphans[:8]))} is in no "
                            "structure element (margin-box text such as page numbers?) — tag it or make it "
                            "an /Artifact")
        if stray_text:
            problems.append(f"page {page_no}: {stray_text} text operator(s) outside any tagged or artifact "
                            "sequence")
        if stray_paint:
            problems.append(f"page {page_no}: {stray_paint} drawing operator(s) outside any tagged or artifact "
                            "sequence")
    return problems
