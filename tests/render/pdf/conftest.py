"""Handouts rendered once per test session: the seed and the figures fixture, in every variant."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pdf_inspect import Elem, Glyph, glyphs_by_page, struct_tree

from publisher.build import BuildPlan, load
from publisher.layouts import Layout
from publisher.model import Document
from publisher.render import RenderOptions
from publisher.render.pdf import render

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
FIGURES = ROOT / "tests" / "fixtures" / "pdf" / "figures.yaml"
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


@pytest.fixture(scope="session", params=list(VARIANTS))
def seed(request: pytest.FixtureRequest) -> Handout:
    """The seed handout (Letter, A4, large print), rendered once for the whole session."""
    return handout(SEED, request.param)


@pytest.fixture(scope="session", params=list(VARIANTS))
def figures(request: pytest.FixtureRequest) -> Handout:
    """The fixture with an image, a decorative image, a table, a note and a Greek phrase."""
    return handout(FIGURES, request.param)


@pytest.fixture(scope="session", params=[(src, v) for src in (SEED, FIGURES) for v in VARIANTS],
                ids=[f"{src.stem}-{v}" for src in (SEED, FIGURES) for v in VARIANTS])
def any_handout(request: pytest.FixtureRequest) -> Handout:
    """Every handout above, for properties that must hold for all of them."""
    source, variant = request.param
    return handout(source, variant)
