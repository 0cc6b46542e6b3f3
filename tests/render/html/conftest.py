"""Documents and rendered pages shared by the HTML renderer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_pages import RICH, SEED, load_doc, render_html

from publisher.document import model as m


@pytest.fixture(scope="session")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> m.Document:
    return load_doc(SEED, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def rich_doc(tmp_path_factory: pytest.TempPathFactory) -> m.Document:
    return load_doc(RICH, tmp_path_factory.mktemp("rich"))


@pytest.fixture(scope="session", params=["seed", "rich"])
def any_doc(request: pytest.FixtureRequest, seed_doc: m.Document, rich_doc: m.Document) -> m.Document:
    return seed_doc if request.param == "seed" else rich_doc


@pytest.fixture(scope="session")
def pages_dir(tmp_path_factory: pytest.TempPathFactory, seed_doc: m.Document, rich_doc: m.Document) -> Path:
    """The seed and rich pages written to disk, as the build writes them, for browser tests."""
    folder = tmp_path_factory.mktemp("pages")
    for doc in (seed_doc, rich_doc):
        (folder / f"{doc.slug}.html").write_bytes(render_html(doc))
    return folder
