"""LibreOffice runner: a real DOCX converts to a PDF with its text; a broken one is a load error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from publisher.validators import libreoffice

pytestmark = pytest.mark.validator


def test_docx_converts_to_pdf_with_its_text(good_docx: Path, tmp_path: Path) -> None:
    result = libreoffice.convert_to_pdf(good_docx, tmp_path / "out")

    assert result.ok, [str(f) for f in result.findings]
    assert result.artifact == tmp_path / "out" / "good.pdf"
    text = subprocess.run(["pdftotext", str(result.artifact), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    assert "Validator sample" in text
    assert result.version.split(".")[0].isdigit()


def test_unloadable_docx_is_a_load_error(corrupt_docx: Path, tmp_path: Path) -> None:
    result = libreoffice.convert_to_pdf(corrupt_docx, tmp_path / "out")

    assert not result.ok
    assert result.artifact is None
    assert [f.rule for f in result.findings] == ["load"]
    assert "could not be loaded" in result.findings[0].message
