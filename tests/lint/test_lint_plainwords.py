"""Plain-word hints: one from each shipped list, at the exact line and column of the word in the YAML file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from publisher.cli import main
from publisher.lint import LintOptions, lint_file
from publisher.lint.plainwords import WORDLISTS, wordlists

FIXTURES = Path(__file__).parent / "fixtures"
WORDS = FIXTURES / "words.yaml"
TODAY = dt.date(2025, 1, 1)


def where(line: int, word: str) -> tuple[int, int]:
    """(line, column) of ``word`` in the fixture, found the way an editor would."""
    raw = WORDS.read_text(encoding="utf-8").splitlines()[line - 1]
    return line, raw.index(word) + 1


def hints() -> dict[tuple[int, int], str]:
    report = lint_file(WORDS, LintOptions(today=TODAY))
    assert not report.errors
    return {(f.line, f.col): f"{f.message} | {f.hint}" for f in report.findings if f.rule == "plain-words"}


def test_each_list_gives_a_hint_at_the_words_line_and_column() -> None:
    found = hints()
    expected = {
        where(8, "physician"): "physician → doctor | everyday words from CDC, Everyday Words",  # plain scalar
        where(8, "abdomen"): "abdomen → stomach, belly | everyday words from CDC, Plain Language Thesaurus",
        where(12, "participate"): "participate → take part | everyday words from PlainLanguage.gov",  # **bold**, folded
        where(13, "Numerous"): "Numerous → many | everyday words from PlainLanguage.gov",  # a folded scalar's 2nd line
        where(15, "in order to"): "in order to → to | everyday words from PlainLanguage.gov",  # double-quoted
        where(21, "data about"): "data → information, facts, numbers | everyday words from CDC, Everyday Words",
    }
    assert set(found) == set(expected)
    for position, start in expected.items():
        assert found[position].startswith(start)


def test_hints_skip_resource_names_and_clinician_prose() -> None:
    lines = {line for line, _ in hints()}
    assert 19 not in lines  # "The Data Center" is a name, not prose
    assert 24 not in lines  # clinicians read "surveillance", "data" and "physicians" as they are


def test_inflected_forms_name_the_lists_entry(tmp_path: Path) -> None:
    source = tmp_path / "forms.yaml"
    source.write_text(WORDS.read_text(encoding="utf-8").replace("Tell your physician", "Tell your physicians"))
    report = lint_file(source, LintOptions(today=TODAY))
    message = next(f.message for f in report.findings if f.rule == "plain-words" and f.line == 8)
    assert message == "physicians → doctor (the list's entry: physician)"


def test_hints_print_as_path_line_col(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert main(["lint", str(WORDS)]) == 0
    line, col = where(8, "physician")
    assert f"{WORDS}:{line}:{col}: physician → doctor — everyday words from CDC" in capsys.readouterr().out


def test_every_list_names_its_public_domain_source() -> None:
    files = sorted(WORDLISTS.glob("*.toml"))
    assert [f.stem for f in files] == ["cdc-everyday-words", "cdc-plain-language-thesaurus", "plainlanguage-gov"]
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["source"]["name"] and "public domain" in data["source"]["license"]
        assert data["source"]["language"] == "en"
        assert all(term == term.lower() and instead for term, instead in data["words"].items())
    english = next(w for w in wordlists() if w.language == "en")
    assert english.entries["physician"].instead == "doctor"
    assert english.pattern.fullmatch("in  order\nto")  # a phrase may wrap in the source
