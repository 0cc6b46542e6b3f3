"""Fixtures for the DOCX renderer tests: rendered documents of the seed and of a fixture with every block."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from docx_xml import FIXTURES, SEED, Docx, load_doc

from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.docx import render
from publisher.render.layout import Layout


@pytest.fixture(scope="session")
def seed_doc() -> m.Document:
    return load_doc(SEED)


@pytest.fixture(scope="session")
def seed_docx(seed_doc: m.Document) -> Docx:
    return Docx(render(seed_doc, Layout(), RenderOptions()))


@pytest.fixture(scope="session")
def rich_doc() -> m.Document:
    return load_doc(FIXTURES / "every-block.yaml", FIXTURES)


@pytest.fixture(scope="session")
def rich_docx(rich_doc: m.Document) -> Docx:
    return Docx(render(rich_doc, Layout(), RenderOptions()))


@pytest.fixture(scope="session")
def render_docx() -> Callable[..., Docx]:
    def run(doc: m.Document, options: RenderOptions | None = None, layout: Layout | None = None) -> Docx:
        return Docx(render(doc, layout or Layout(), options or RenderOptions()))
    return run


@pytest.fixture(params=["seed", "rich"])
def any_docx(request: pytest.FixtureRequest) -> tuple[m.Document, Docx]:
    name = request.param
    return request.getfixturevalue(f"{name}_doc"), request.getfixturevalue(f"{name}_docx")
