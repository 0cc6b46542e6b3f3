"""The Foundation issue's test: every format tells the same document as the model.

The heading outline (level and text) and the reference list (number and URL) extracted from the
built PDF, large-print PDF, DOCX, EPUB and HTML equal each other and ``outline(doc)`` /
``doc.references``; the seed's empty sections are no heading anywhere; every external link of the
model is in every format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.cli import main
from publisher.document import model as m
from publisher.extract import Extract, extract
from publisher.extract.text import normalize

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
FORMATS = ("pdf", "large-print.pdf", "docx", "epub", "html")
EMPTY_SECTIONS = ("FDA-Approved Treatments", "Organizations Supporting this Disease", "Financial Resources",
                  "Selected Full-Text Journal Articles")


@pytest.fixture(scope="session")
def seed_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session; tests/check and tests/extract reuse the same folder when they run too."""
    out = tmp_path_factory.getbasetemp() / "seed-dist"
    if not all((out / f"leiomyosarcoma.{fmt}").is_file() for fmt in FORMATS):
        assert main(["build", str(SEED), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def doc(tmp_path_factory: pytest.TempPathFactory) -> m.Document:
    return load(SEED, BuildPlan(out_dir=tmp_path_factory.mktemp("unused")))


@pytest.fixture(scope="session")
def extracts(seed_dist: Path) -> dict[str, Extract]:
    return {fmt: extract(seed_dist / f"leiomyosarcoma.{fmt}") for fmt in FORMATS}


def outline_of(found: Extract) -> list[tuple[int, str]]:
    return [(level, normalize(text)) for level, text in found.outline]


@pytest.mark.parametrize("fmt", FORMATS)
def test_outline_equals_the_model(fmt: str, extracts: dict[str, Extract], doc: m.Document) -> None:
    expected = [(e.level, normalize(e.title)) for e in m.outline(doc)]
    assert len(expected) == 16  # the title and 15 non-empty sections of the seed
    assert outline_of(extracts[fmt]) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_references_equal_the_model(fmt: str, extracts: dict[str, Extract], doc: m.Document) -> None:
    expected = [(r.number, r.url) for r in doc.references]
    assert expected == [(1, "http://www.nlm.nih.gov/medlineplus/ency/article/000916.htm"),
                        (2, "http://www.lmsdr.org/whatis_leiomyosarcoma.php"),
                        (3, "http://www.lmsdr.org/treatments.php")]
    assert list(extracts[fmt].references) == expected


def test_every_format_has_the_same_outline_references_and_links(extracts: dict[str, Extract]) -> None:
    html = extracts["html"]
    for fmt, found in extracts.items():
        assert outline_of(found) == outline_of(html), fmt
        assert found.references == html.references, fmt
        assert set(found.links) == set(html.links), fmt


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_sections_are_no_heading(fmt: str, extracts: dict[str, Extract]) -> None:
    titles = {text for _level, text in outline_of(extracts[fmt])}
    for empty in EMPTY_SECTIONS:
        assert empty not in titles
    # The sections around them are there: the pruning removed only the empty ones.
    assert {"Treatment", "Organizations", "Living With", "In-Depth Information"} <= titles


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_external_link_is_present(fmt: str, extracts: dict[str, Extract], doc: m.Document) -> None:
    links = m.external_links(doc)
    assert len(links) >= 12
    missing = [url for url in links if url not in extracts[fmt].links]
    assert not missing
