"""The synthetic catalog is deterministic, valid against the schema, and as varied as a real one."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.cli import main
from publisher.document import model as m
from publisher.synthetic import generate


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalog")
    generate(24, folder, seed=3)
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_sizes_share_their_first_pages(catalog: Path, tmp_path: Path) -> None:
    generate(24, tmp_path / "again", seed=3)
    assert files(tmp_path / "again") == files(catalog)
    generate(5, tmp_path / "small", seed=3)
    small = files(tmp_path / "small")
    assert small and all(files(catalog)[name] == data for name, data in small.items())
    generate(5, tmp_path / "other", seed=4)
    assert files(tmp_path / "other") != small


def test_every_source_is_valid_and_the_catalog_has_every_feature(catalog: Path) -> None:
    docs = [load(p, BuildPlan(catalog)) for p in sorted(catalog.glob("*.yaml"))]
    assert len(docs) == 24 and len({d.slug for d in docs}) == 24
    kinds: Counter[str] = Counter()
    for doc in docs:
        blocks = m.all_blocks(doc)
        kinds.update(type(b).__name__ for b in blocks)
        kinds.update(f"note:{b.kind}" for b in blocks if isinstance(b, m.Note))
        kinds.update(f"h{s.level}" for s in m.walk_sections(doc.sections))
        kinds["nested-list"] += any(isinstance(b, m.ListBlock) and any(isinstance(x, m.ListBlock) for item in b.items
                                                                         for x in item) for b in blocks)
        kinds["ordered-list"] += any(isinstance(b, m.ListBlock) and b.ordered for b in blocks)
        assert doc.references, doc.slug
        assert all(ref.backlinks for ref in doc.references), "every reference is cited"
        for figure in (b for b in blocks if isinstance(b, m.Figure)):
            assert figure.alt and not figure.decorative
    for feature in ("Paragraph", "ListBlock", "Table", "Figure", "Note", "ResourceList", "QuestionList",
                    "nested-list", "ordered-list", "h2", "h3", "h4", "note:warning", "note:tip"):
        assert kinds[feature] > 0, feature
    assert "h5" not in kinds, "nesting stops at level 4"
    lengths = sorted(len(p.read_bytes()) for p in catalog.glob("*.yaml"))
    assert lengths[-1] > 1.5 * lengths[len(lengths) // 2], "a few pages are much longer than the typical one"


def test_clinician_sections_exist_only_for_clinicians(catalog: Path) -> None:
    source = next(p for p in sorted(catalog.glob("*.yaml")) if "audience: clinician" in p.read_text())
    patient = load(source, BuildPlan(catalog))
    clinician = load(source, BuildPlan(catalog, audience="clinician"))
    only = {s.title for s in m.walk_sections(clinician.sections)} - {s.title for s in m.walk_sections(patient.sections)}
    assert only == {"For clinicians", "Differential diagnosis", "Management"}


def test_images_are_real_pngs_described_by_their_alt_text(catalog: Path) -> None:
    charts = sorted((catalog / "images").glob("c*-symptoms.png"))
    pedigrees = sorted((catalog / "images").glob("inheritance-*.png"))
    assert charts and len(pedigrees) == 4
    for path in charts + pedigrees:
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            image.load()  # decodes every row: a bad CRC or zlib stream fails here
            assert image.format == "PNG" and image.width >= 100 and image.height >= 100
            assert len(image.getcolors() or []) >= 2, "not a blank image"
    figures = (b for p in sorted(catalog.glob("*.yaml")) for b in m.all_blocks(load(p, BuildPlan(catalog)))
               if isinstance(b, m.Figure))
    chart = next(f for f in figures if "symptoms" in f.path)
    with Image.open(chart.path) as image:
        bars = len(chart.alt.split("%")) - 1
        assert image.width == 40 + 36 * bars, "one bar per symptom named in the alt text"


def test_cli_and_module_entry_points(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "3", "--out", str(tmp_path / "cli"), "--seed", "9"]) == 0
    assert "wrote 3 sources" in capsys.readouterr().err
    subprocess.run([sys.executable, "-m", "publisher.synthetic", "3", "--out", str(tmp_path / "module"), "--seed", "9"],
                   check=True, capture_output=True)
    assert files(tmp_path / "module") == files(tmp_path / "cli")
    assert main(["catalog", "0", "--out", str(tmp_path / "none")]) == 2
