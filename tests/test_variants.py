"""An audience variant is named in every format's metadata, while its H1 stays the plain title."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load, render_all

SOURCE = Path(__file__).parent / "fixtures" / "variants" / "variant.yaml"


@pytest.fixture(scope="module", params=["patient", "clinician"])
def files(request: pytest.FixtureRequest) -> tuple[str, dict[str, bytes]]:
    plan = BuildPlan(Path("unused"), formats=("pdf", "docx", "epub", "html"), audience=request.param)
    return request.param, render_all(load(SOURCE, plan), plan)


def _titles(files: dict[str, bytes]) -> dict[str, str]:
    by_ext = {name.rsplit(".", 1)[1]: data for name, data in files.items()}
    with pikepdf.open(io.BytesIO(by_ext["pdf"])) as pdf:
        pdf_title = str(pdf.docinfo["/Title"])
    opf = zipfile.ZipFile(io.BytesIO(by_ext["epub"])).read("EPUB/content.opf").decode()
    html = by_ext["html"].decode()
    return {
        "pdf": pdf_title,
        "docx": docx.Document(io.BytesIO(by_ext["docx"])).core_properties.title,
        "epub": re.search(r"<dc:title[^>]*>([^<]*)<", opf).group(1),  # type: ignore[union-attr]
        "html": re.search(r"<title>([^<|]*?)\s*\|", html).group(1),  # type: ignore[union-attr]
    }


def test_metadata_title_names_the_variant(files: tuple[str, dict[str, bytes]]) -> None:
    audience, outputs = files
    expected = "Variant test (Clinician version)" if audience == "clinician" else "Variant test"
    assert _titles(outputs) == dict.fromkeys(("pdf", "docx", "epub", "html"), expected)


def test_variant_files_are_named_after_the_audience(files: tuple[str, dict[str, bytes]]) -> None:
    audience, outputs = files
    infix = ".clinician" if audience == "clinician" else ""
    assert sorted(outputs) == sorted(f"variant{infix}.{ext}" for ext in ("pdf", "docx", "epub", "html"))
