"""A small site built once per module: the seed (with condition codes), its Spanish translation, the rich
fixture, and the seed's clinician variant, all in one output folder, as a folder build writes them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.cli import main

ROOT = Path(__file__).resolve().parents[2]
CODES = """codes:
  - {system: ICD-10, code: C49.9, display: "Malignant neoplasm of connective and soft tissue, unspecified"}
  - {system: GARD, code: "6880"}
"""


def make_sources(folder: Path) -> Path:
    folder.mkdir(parents=True)
    seed = (ROOT / "source" / "leiomyosarcoma.yaml").read_text(encoding="utf-8")
    (folder / "leiomyosarcoma.yaml").write_text(seed.replace("language: en\n", "language: en\n" + CODES, 1),
                                                 encoding="utf-8")
    shutil.copy(ROOT / "source" / "leiomyosarcoma.es.yaml", folder / "leiomyosarcoma.es.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml", folder / "rich.yaml")
    shutil.copytree(ROOT / "tests" / "fixtures" / "rich-content" / "images", folder / "images")
    return folder


def build(*args: str | Path) -> int:
    return main(["build", "-j", "1", "-q", *map(str, args)])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    src = make_sources(base / "src")
    out = base / "dist"
    assert build(src, "-o", out) == 0
    assert build(src / "leiomyosarcoma.yaml", "-o", out, "--audience", "clinician") == 0
    assert build(src, "-o", out) == 0  # the catalog again, now with the clinician variant in the store
    return out
