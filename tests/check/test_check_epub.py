"""EPUB rules: accessibility metadata and package language (ours), EPUBCheck and Ace (the validators)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, Checked
from check_mutate import edit_member, read_member

from publisher.check.epub import A11Y_PROPERTIES

OPF = "EPUB/content.opf"
CHAPTER = "EPUB/content.xhtml"


def drop_a11y_metadata(opf: str) -> str:
    return re.sub(r'\s*<meta property="(schema:access[^"]*|dcterms:conformsTo)">[^<]*</meta>', "", opf)


def test_seed_epub_passes_our_epub_rules(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["epub"]
    assert OPF in read_member(path, "META-INF/container.xml")
    result = run_check(path)
    assert result.status == 0, result.out
    assert f"{path}: epub.a11y-metadata: fail" not in result.out


def test_missing_accessibility_metadata_fails(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], OPF, drop_a11y_metadata)
    result = run_check(path, "--rule", "epub.a11y-metadata")
    assert result.status == 1, result.out
    assert result.failed(path, "epub.a11y-metadata")
    for prop in A11Y_PROPERTIES:  # each missing property is named
        assert prop in result.out


def test_one_missing_property_is_named(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], OPF, lambda opf: re.sub(
        r'\s*<meta property="schema:accessibilityHazard">[^<]*</meta>', "", opf))
    result = run_check(path, "--rule", "epub.a11y-metadata")
    assert result.status == 1
    assert f"{path}: epub.a11y-metadata: fail: {OPF} lacks accessibility metadata: schema:accessibilityHazard" \
        in result.out


def test_package_without_xml_lang_fails(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], OPF, lambda opf: opf.replace(' xml:lang="en"', "", 1))
    result = run_check(path, "--rule", "epub.package-lang")
    assert result.status == 1
    assert result.failed(path, "epub.package-lang")


def test_epub_missing_a_heading_fails_fidelity(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], CHAPTER, lambda xhtml: re.sub(
        r'<h2 id="prognosis">Prognosis</h2>', "<p>Prognosis</p>", xhtml))
    result = run_check(outputs / NAMES["html"], path, "--rule", "fidelity.outline")
    assert result.status == 1
    assert result.failed(path, "fidelity.outline")
    assert "missing level 2 'Prognosis'" in result.out
    assert not result.failed(outputs / NAMES["html"], "fidelity.outline")


@pytest.mark.validator
def test_epubcheck_and_ace_pass_the_seed_epub(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["epub"]
    result = run_check(path, "--rule", "epub.epubcheck", "--rule", "epub.ace", validators=True)
    assert "skipped (not installed)" not in result.out, "install the validators: bash scripts/install-tools.sh"
    assert result.status == 0, result.out


@pytest.mark.validator
def test_epubcheck_fails_a_broken_manifest(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], OPF,
                       lambda opf: opf.replace('href="content.xhtml"', 'href="gone.xhtml"'))
    result = run_check(path, "--rule", "epub.epubcheck", validators=True)
    assert "skipped (not installed)" not in result.out, "install the validators: bash scripts/install-tools.sh"
    assert result.status == 1, result.out
    assert result.failed(path, "epub.epubcheck")


@pytest.mark.validator
def test_ace_fails_an_epub_without_accessibility_metadata(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["epub"], OPF, drop_a11y_metadata)
    result = run_check(path, "--rule", "epub.ace", validators=True)
    assert "skipped (not installed)" not in result.out, "install the validators: bash scripts/install-tools.sh"
    assert result.status == 1, result.out
    assert result.failed(path, "epub.ace")


@pytest.mark.validator
def test_epubcheck_fails_on_a_warning_alone(outputs: Path, run_check: Callable[..., Checked]) -> None:
    """EPUBCheck calls a book with only warnings valid; the gate, like distributors, does not (OPF-053)."""
    path = edit_member(outputs / NAMES["epub"], OPF,
                       lambda opf: re.sub(r"<dc:date>[^<]*</dc:date>", "<dc:date>sometime in 2015</dc:date>", opf))
    result = run_check(path, "--rule", "epub.epubcheck", validators=True)
    assert "skipped (not installed)" not in result.out, "install the validators: bash scripts/install-tools.sh"
    assert result.status == 1, result.out
    assert result.failed(path, "epub.epubcheck")
    assert "OPF-053" in result.out
