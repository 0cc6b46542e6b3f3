"""Reference entries: CSL fields, format 1 fields, references_file, and clear errors at file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publisher.errors import SourceError
from publisher.source.reader import read_source

HEAD = """title: T
language: en
publisher: {name: P}
last_reviewed: 2024-01-15
summary: A summary.[@a]
"""


def _read(tmp_path: Path, references: str, files: dict[str, str] | None = None) -> object:
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    source = tmp_path / "page.yaml"
    source.write_text(HEAD + references, encoding="utf-8")
    return read_source(source)


def _error(tmp_path: Path, references: str, files: dict[str, str] | None = None) -> str:
    with pytest.raises(SourceError) as caught:
        _read(tmp_path, references, files)
    return str(caught.value.diagnostics[0])


def test_csl_fields_and_format_1_fields_mean_the_same(tmp_path: Path) -> None:
    csl = _read(tmp_path, "references:\n  - {id: a, title: T, author: [{literal: Chen Y}], container-title: C, "
                "issued: {literal: March 2014}, URL: 'https://example.org/'}\n")
    old = _read(tmp_path, "references:\n  - {id: a, title: T, authors: [Chen Y], container: C, date: March 2014, "
                "url: 'https://example.org/'}\n")
    assert csl.references == old.references  # type: ignore[attr-defined]


def test_both_spellings_of_a_field_is_an_error(tmp_path: Path) -> None:
    message = _error(tmp_path, "references:\n  - {id: a, title: T, url: 'https://a.org/', URL: 'https://a.org/'}\n")
    assert "page.yaml:7:5:" in message and "'url' and 'URL' say the same thing: keep 'URL'" in message


def test_a_bad_doi_is_named(tmp_path: Path) -> None:
    message = _error(tmp_path, "references:\n  - id: a\n    title: T\n    DOI: 11.1000/x\n")
    assert "page.yaml:9:10:" in message and "references.0.DOI" in message and "is not a DOI" in message


def test_misspelled_csl_key_gets_did_you_mean(tmp_path: Path) -> None:
    message = _error(tmp_path, "references:\n  - id: a\n    title: T\n    container-titel: J\n")
    assert "page.yaml:9:5: unknown key 'container-titel'" in message and "did you mean 'container-title'?" in message


def test_references_file_problems_point_into_the_file(tmp_path: Path) -> None:
    items = [{"id": "a", "type": "webpage", "title": "T", "URL": "https://a.org/"},
             {"id": "b", "type": "book", "title": "U", "issued": {"date-parts": [[2020, 13]]}}]
    text = json.dumps(items, indent=2)
    message = _error(tmp_path, "references_file: refs.json\n", {"refs.json": text})
    line = text.splitlines().index('    "id": "b",') + 1
    assert f"refs.json:{line}:5:" in message and "[2020, 13] is not a date" in message
    items[1] = {"id": "b", "title": "U", "containr-title": "X"}
    message = _error(tmp_path, "references_file: refs.json\n", {"refs.json": json.dumps(items, indent=2)})
    assert "unknown field 'containr-title'" in message and "did you mean 'container-title'?" in message


def test_a_references_file_may_hold_csl_variables_no_style_prints(tmp_path: Path) -> None:
    items = [{"id": "a", "type": "webpage", "title": "T", "abstract": "…", "ISSN": "1234-5678"}]
    doc = _read(tmp_path, "references_file: refs.json\n", {"refs.json": json.dumps(items)})
    assert [r.key for r in doc.references] == ["a"]  # type: ignore[attr-defined]


def test_duplicate_ids_across_the_source_and_its_file(tmp_path: Path) -> None:
    message = _error(tmp_path, "references:\n  - {id: a, title: T}\nreferences_file: refs.json\n",
                     {"refs.json": json.dumps([{"id": "a", "title": "U"}])})
    assert "refs.json:1:" in message and "duplicate reference id 'a'" in message


def test_references_file_outside_the_project_or_of_another_kind(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    assert "outside the project" in _error(project, "references_file: ../refs.json\n")
    assert "neither .json nor .bib" in _error(project, "references_file: refs.ris\n")
    assert "cannot read references_file" in _error(project, "references_file: missing.bib\n")


def test_broken_bibtex_is_reported_at_its_line(tmp_path: Path) -> None:
    bib = "@book{a,\n  title = {T},\n  year = 2020,\n}\n\n@article{b,\n  title = {U\n"
    message = _error(tmp_path, "references_file: refs.bib\n", {"refs.bib": bib})
    assert "refs.bib:6:1:" in message and "cannot read this BibTeX entry" in message
