"""Handouts rendered once per process and cached: the seed and the figures fixture, in every variant.

A module with its own name (not conftest) so tests can import it: several test folders
have a conftest.py, and under xdist ``import conftest`` finds whichever loaded first.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pdf_inspect import Elem, Glyph, glyphs_by_page, struct_tree

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document.model import Document
from publisher.render import RenderOptions
from publisher.render.layout import Layout
from publisher.render.pdf import render

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
SPANISH = ROOT / "source" / "leiomyosarcoma.es.yaml"
FIGURES = ROOT / "tests" / "fixtures" / "pdf" / "figures.yaml"
RICH = ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml"
LONG_TABLE = ROOT / "tests" / "fixtures" / "pdf" / "long-table.yaml"
LINE_BREAK = ROOT / "tests" / "fixtures" / "pdf" / "line-break.yaml"
VARIANTS = {
    "letter": RenderOptions(paper="letter"),
    "a4": RenderOptions(paper="a4"),
    "large-print": RenderOptions(paper="letter", large_print=True),
}


@dataclass
class Handout:
    variant: str
    doc: Document
    data: bytes
    pdf: pikepdf.Pdf
    tree: Elem
    glyphs: list[list[Glyph]]


_RENDERED: dict[tuple[Path, str], Handout] = {}


def handout(source: Path, variant: str) -> Handout:
    key = (source, variant)
    if key not in _RENDERED:
        doc = load(source, BuildPlan(out_dir=ROOT / "dist"))
        data = render(doc, Layout(), VARIANTS[variant])
        pdf = pikepdf.open(io.BytesIO(data))
        _RENDERED[key] = Handout(variant, doc, data, pdf, struct_tree(pdf), glyphs_by_page(data))
    return _RENDERED[key]
