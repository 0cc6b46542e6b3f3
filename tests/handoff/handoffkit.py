"""Helpers of the hand-off tests: the sources of a small site, and a quiet build (imported by name: a
test module importing from conftest gets whichever conftest another folder loaded first)."""

from __future__ import annotations

import shutil
from pathlib import Path

from publisher.cli import main

ROOT = Path(__file__).resolve().parents[2]
CODES = """codes:
  - {system: ICD-10, code: C49.9, display: "Malignant neoplasm of connective and soft tissue, unspecified"}
  - {system: GARD, code: "6880"}
"""


def make_sources(folder: Path) -> Path:
    folder.mkdir(parents=True)
    seed = (ROOT / "source" / "leiomyosarcoma.yaml").read_text(encoding="utf-8")
    # The test's own codes stand in for the seed's (one terminology known to FHIR, one not).
    seed = seed[:seed.index("\ncodes:\n")] + "\n" if "\ncodes:\n" in seed else seed
    (folder / "leiomyosarcoma.yaml").write_text(seed + CODES, encoding="utf-8")
    shutil.copy(ROOT / "source" / "leiomyosarcoma.es.yaml", folder / "leiomyosarcoma.es.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml", folder / "rich.yaml")
    shutil.copytree(ROOT / "tests" / "fixtures" / "rich-content" / "images", folder / "images")
    return folder


def build(*args: str | Path) -> int:
    return main(["build", "-j", "1", "-q", *map(str, args)])
