"""epub.roundtrip and docx.roundtrip: pandoc 3 reads the seed back whole, and a mutated file fails."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, Checked
from check_mutate import edit_member

from publisher.validators import ValidatorMissing, pandoc

CHAPTER = "EPUB/content.xhtml"
DOCUMENT = "word/document.xml"


def test_seed_epub_and_docx_read_back_whole(outputs: Path, run_check: Callable[..., Checked]) -> None:
    epub, docx = outputs / NAMES["epub"], outputs / NAMES["docx"]
    result = run_check(epub, docx, "--rule", "*.roundtrip", validators=True)
    assert result.status == 0, result.out
    assert "2 file(s): 2 passed, 0 failed, 0 skipped" in result.out


def test_citations_marked_as_notes_fail(outputs: Path, run_check: Callable[..., Checked]) -> None:
    """The markup before issue 16: pandoc warns "Reference not found" and makes empty footnotes."""
    path = edit_member(outputs / NAMES["epub"], CHAPTER, lambda x: x.replace(
        'epub:type="biblioref" role="doc-biblioref"', 'epub:type="noteref" role="doc-noteref"'))
    result = run_check(path, "--rule", "epub.roundtrip", validators=True)
    assert result.status == 1 and result.failed(path, "epub.roundtrip"), result.out
    assert "Reference not found for 'ref-1'" in result.out


def test_epub_reference_without_its_anchor_fails(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], CHAPTER, lambda x: x.replace('<li id="ref-1"', "<li", 1))
    result = run_check(path, "--rule", "epub.roundtrip", validators=True)
    assert result.failed(path, "epub.roundtrip"), result.out
    assert "ref-1, which pandoc's document does not have" in result.out


def test_docx_reference_without_its_bookmark_fails(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["docx"], DOCUMENT, lambda x: re.sub(
        r'<w:bookmarkStart w:id="(\d+)" w:name="ref_2"/>', "", x, count=1))
    result = run_check(path, "--rule", "docx.roundtrip", validators=True)
    assert result.failed(path, "docx.roundtrip"), result.out
    assert "citation link(s) in the file" in result.out


def test_missing_pandoc_skips_locally_and_fails_in_ci(outputs: Path, run_check: Callable[..., Checked],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLISHER_PANDOC", "/nonexistent/pandoc")
    monkeypatch.delenv("CI", raising=False)  # "locally" (the suite itself may run with CI=true)
    path = outputs / NAMES["epub"]
    local = run_check(path, "--rule", "epub.roundtrip", validators=True)
    assert f"{path}: epub.roundtrip: skip" in local.out
    monkeypatch.setenv("CI", "true")
    in_ci = run_check(path, "--rule", "epub.roundtrip", validators=True)
    assert in_ci.failed(path, "epub.roundtrip")


def test_pandoc_2_is_not_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Debian's pandoc 2.17 drops noteref citations without a word: it cannot judge this."""
    system = shutil.which("pandoc")
    if system is None or "pandoc 2." not in subprocess.run([system, "--version"], capture_output=True,
                                                              text=True, check=True).stdout:
        pytest.skip("no pandoc 2 on PATH to try")
    monkeypatch.setenv("PUBLISHER_PANDOC", system)
    with pytest.raises(ValidatorMissing, match=r"3\.x is needed"):
        pandoc.version(pandoc.binary())
