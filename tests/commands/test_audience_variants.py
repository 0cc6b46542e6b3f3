"""``publisher build --audience``: each variant keeps only what applies to it, in every format, and says so in its name.

The fixture marks each audience-specific item with a unique word; the text of every output
(JSON model, HTML, EPUB XHTML, DOCX paragraphs, PDF text) must hold exactly the variant's words.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from lxml import etree
from pdfminer.high_level import extract_text

from publisher.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "audience.yaml"
FORMATS = ("json", "html", "epub", "docx", "pdf", "large-print")
SUFFIXES = {"json": "json", "html": "html", "epub": "epub", "docx": "docx", "pdf": "pdf",
            "large-print": "large-print.pdf"}
BOTH = {"bothmarker"}
PATIENT = {"patientblockmarker", "patientresourcemarker", "patientquestionmarker", "patientsectionmarker"}
CLINICIAN = {"clinicianblockmarker", "clinicianresourcemarker", "clinicianquestionmarker",
             "cliniciansectionmarker", "clinicianchildmarker"}


def text_of(path: Path) -> str:
    """What a reader of the file sees, as plain text, whatever the format."""
    suffix = path.name.split(".", 1)[1]
    if suffix.endswith("json"):
        return " ".join(_strings(json.loads(path.read_text())))
    if suffix.endswith("html"):
        tree = lxml.html.fromstring(path.read_bytes())
        return " ".join(tree.xpath("//body//text()[not(ancestor::script)]"))
    if suffix.endswith("epub"):
        with zipfile.ZipFile(path) as epub:
            pages = [n for n in epub.namelist() if n.endswith(".xhtml")]
            return " ".join(" ".join(etree.fromstring(epub.read(n)).itertext()) for n in pages)
    if suffix.endswith("docx"):
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    return extract_text(str(path))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for audience in ("patient", "clinician"):
        folder = tmp_path_factory.mktemp(audience)
        status = main(["build", str(FIXTURE), "--out", str(folder), "--format", ",".join(FORMATS),
                       "--audience", audience])
        assert status == 0
        out[audience] = folder
    return out


def test_variant_is_named_in_every_file_name(builds: dict[str, Path]) -> None:
    assert sorted(p.name for p in builds["patient"].glob("audience*")) == sorted(
        [f"audience.{SUFFIXES[f]}" for f in FORMATS] + ["audience.fhir.json"])
    assert sorted(p.name for p in builds["clinician"].glob("audience*")) == sorted(
        [f"audience.clinician.{SUFFIXES[f]}" for f in FORMATS] + ["audience.clinician.fhir.json"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_each_format_keeps_only_what_applies(builds: dict[str, Path], fmt: str, audience: str) -> None:
    variant = "" if audience == "patient" else ".clinician"
    text = text_of(builds[audience] / f"audience{variant}.{SUFFIXES[fmt]}")
    words = set(text.replace("-\n", "").split())
    present = {w.strip(".,?!:;()") for w in words}
    kept, dropped = (PATIENT, CLINICIAN) if audience == "patient" else (CLINICIAN, PATIENT)
    assert BOTH | kept <= present, f"missing: {sorted((BOTH | kept) - present)}"
    assert not dropped & present, f"leaked: {sorted(dropped & present)}"


def test_json_model_records_the_audience(builds: dict[str, Path]) -> None:
    assert json.loads((builds["patient"] / "audience.json").read_text())["audience"] == "patient"
    clinician = json.loads((builds["clinician"] / "audience.clinician.json").read_text())
    assert clinician["audience"] == "clinician"
    titles = [s["title"] for s in clinician["sections"]]
    assert "Clinician section" in titles and "Patient section" not in titles
