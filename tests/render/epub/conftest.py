"""Documents and rendered books shared by the EPUB renderer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from epub_book import RICH, SEED, Book, render_epub

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m


@pytest.fixture(scope="session")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> m.Document:
    return load(SEED, BuildPlan(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="session")
def rich_doc(tmp_path_factory: pytest.TempPathFactory) -> m.Document:
    return load(RICH, BuildPlan(tmp_path_factory.mktemp("rich")))


@pytest.fixture(scope="session")
def seed_book(seed_doc: m.Document) -> Book:
    return Book(render_epub(seed_doc))


@pytest.fixture(scope="session")
def rich_book(rich_doc: m.Document) -> Book:
    return Book(render_epub(rich_doc))


@pytest.fixture(scope="session", params=["seed", "rich"])
def any_case(request: pytest.FixtureRequest, seed_doc: m.Document, rich_doc: m.Document,
             seed_book: Book, rich_book: Book) -> tuple[m.Document, Book]:
    return (seed_doc, seed_book) if request.param == "seed" else (rich_doc, rich_book)


@pytest.fixture(scope="session")
def books_dir(tmp_path_factory: pytest.TempPathFactory, seed_doc: m.Document, seed_book: Book,
              rich_doc: m.Document, rich_book: Book) -> Path:
    """The seed and rich books on disk, as the build writes them, for the validators."""
    folder = tmp_path_factory.mktemp("books")
    (folder / f"{seed_doc.slug}.epub").write_bytes(seed_book.data)
    (folder / f"{rich_doc.slug}.epub").write_bytes(rich_book.data)
    return folder
