"""Edits that break one property of a built output: PDFs with pikepdf, DOCX/EPUB members in place."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf


def edit_pdf(path: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        change(pdf)
        pdf.save(path)
    return path


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element, depth first."""
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop(0)
        kids = node.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                yield kid
                stack.append(kid)


def first(pdf: pikepdf.Pdf, role: str) -> pikepdf.Dictionary:
    return next(e for e in elements(pdf) if e.get("/S") == role)


def edit_member(path: Path, member: str, change: Callable[[str], str]) -> Path:
    """Rewrite one text member of a zip (DOCX, EPUB), keeping the others and their order."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    names = [info.filename for info, _ in items]
    assert member in names, f"{member} not in {names}"
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in items:
            if info.filename == member:
                new = change(data.decode("utf-8"))
                assert new != data.decode("utf-8"), f"the edit changed nothing in {member}"
                data = new.encode("utf-8")
            zf.writestr(info, data)
    return path


def member_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return zf.namelist()


def read_member(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read(member).decode("utf-8")
