"""Round trip: our own DOCX of a source, imported, builds the same outline, links, references and sentences.

The comparison goes through the model (``check.fidelity.from_document``) and through the check gate's
extractors reading the rebuilt files, never through DOCX XML: the DOCX writer may change (citations,
reference list, properties) and this test keeps asking only what a reader gets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.authoring.importer import Defaults, import_docx
from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.check.fidelity import Expected, check_fidelity, from_document
from publisher.check.result import Selection, Status
from publisher.cli import main
from publisher.extract import extract

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
SEED_ES = ROOT / "source" / "leiomyosarcoma.es.yaml"
EVERY_BLOCK = ROOT / "tests" / "fixtures" / "docx" / "every-block.yaml"
FORMATS = ("pdf", "large-print.pdf", "docx", "epub", "html")


def expected(source: Path, tmp: Path) -> Expected:
    return from_document(load(source, BuildPlan(out_dir=tmp / "unused")), str(source))


def word_file(source: Path, tmp: Path) -> Path:
    """Our DOCX of ``source``, built as `publisher build -f docx` builds it."""
    work = tmp / "original"
    if source.parent != ROOT / "source":
        shutil.copytree(source.parent, work, dirs_exist_ok=True)
        source = work / source.name
    assert main(["build", str(source), "-f", "docx", "--out", str(tmp / "dist"), "--jobs", "1", "--quiet"]) == 0
    (built,) = (tmp / "dist").glob("*.docx")  # named by the source's slug
    return built


def imported(source: Path, tmp: Path) -> Path:
    result = import_docx(word_file(source, tmp), tmp / "imported" / f"{source.stem}.yaml", Defaults())
    assert result.problems == []
    return result.source


@pytest.mark.parametrize("source", [SEED, SEED_ES, EVERY_BLOCK], ids=["seed", "seed-es", "every-block"])
def test_imported_source_tells_the_same_document(source: Path, tmp_path: Path) -> None:
    want = expected(source, tmp_path)
    got = expected(imported(source, tmp_path), tmp_path)
    assert got.outline == want.outline
    assert got.references == want.references
    assert got.links == want.links
    assert got.sentences == want.sentences


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    tmp = tmp_path_factory.mktemp("roundtrip")
    source = imported(SEED, tmp)
    assert main(["build", str(source), "--out", str(tmp / "rebuilt"), "--jobs", "1", "--quiet"]) == 0
    return tmp / "rebuilt", expected(SEED, tmp)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_built_from_the_import_matches_the_original_source(fmt: str,
                                                                        rebuilt: tuple[Path, Expected]) -> None:
    folder, want = rebuilt
    found = extract(folder / f"leiomyosarcoma.{fmt}")
    results = check_fidelity([found], want, "no source", Selection())
    assert {r.rule: r.status for r in results} == dict.fromkeys(
        ("fidelity.outline", "fidelity.references", "fidelity.links", "fidelity.text"), Status.PASS), \
        [r.message for r in results if r.status != Status.PASS]


def test_the_import_of_the_seed_reads_like_the_seed(tmp_path: Path) -> None:
    """What a writer opens: the seed's structure, not one long body per section."""
    text = imported(SEED, tmp_path).read_text(encoding="utf-8")
    assert "title: Leiomyosarcoma\nlanguage: en\npublisher:\n  name: Genetic and Rare Diseases" in text
    assert "canonical_url: https://rarediseases.info.nih.gov/diseases/6880/leiomyosarcoma" in text
    assert "last_reviewed: 2015-06-26" in text
    assert "muscle cells.[@ref1] Leiomyosarcoma is a type of sarcoma." in text  # citations stay citations
    assert "- resources:\n              - name: Orphanet\n                url: https://www.orpha.net/" in text
    assert "  - id: ref1\n    title: Chen Y. Leiomyosarcoma. MedlinePlus. March 23, 2014\n" in text
    assert "    accessed: 2015-06-26" in text
