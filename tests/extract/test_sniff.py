"""Format detection from name and first bytes; unusable files raise with path, message and hint."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from publisher.extract.sniff import UnusableInput, is_candidate, sniff, split_name


def test_split_name_knows_large_print() -> None:
    assert split_name(Path("dist/x.large-print.pdf")) == ("x", "large-print.pdf")
    assert split_name(Path("dist/x.clinician.docx")) == ("x.clinician", "docx")


def test_candidates_are_outputs_not_reports_or_temp_files(tmp_path: Path) -> None:
    names = ["a.pdf", "a.report.json", "a.report.md", ".a.pdf.123.part", "a.epub", "a.json"]
    for name in names:
        (tmp_path / name).write_text("x")
    assert sorted(p.name for p in tmp_path.iterdir() if is_candidate(p)) == ["a.epub", "a.pdf"]


def test_good_files_are_recognised(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    html = tmp_path / "a.html"
    html.write_text("<!DOCTYPE html><html></html>")
    epub = tmp_path / "a.epub"
    with zipfile.ZipFile(epub, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml", "<container/>")
    assert (sniff(pdf), sniff(html), sniff(epub)) == ("pdf", "html", "epub")


def test_unusable_file_names_path_and_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnusableInput) as caught:
        sniff(path)
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic).startswith(f"{path}: not a valid DOCX: corrupt zip")
    assert diagnostic.hint
