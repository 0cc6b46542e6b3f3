"""Each lint rule fires on the fixture line that breaks it, and stays quiet on a clean source."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from publisher.lint import FileReport, LintOptions, lint_file

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parents[2]
TODAY = dt.date(2025, 1, 1)


def lint(path: Path, **kwargs: object) -> FileReport:
    return lint_file(path, LintOptions(today=TODAY, **kwargs))  # type: ignore[arg-type]


def found(report: FileReport) -> set[tuple[int, str]]:
    return {(f.line, f.rule) for f in report.findings}


def test_clean_source_has_no_findings() -> None:
    report = lint(FIXTURES / "clean.yaml")
    assert not report.errors
    assert report.findings == ()
    assert {s.title for s in report.sections} == {"Summary", "Care at home", "Where to get help"}


def test_clinician_prose_is_not_held_to_patient_reading_targets() -> None:
    report = lint(FIXTURES / "clean.yaml")
    assert "For clinicians" not in {s.title for s in report.sections}
    assert report.findings == ()


def test_clinician_section_is_graded_once_it_is_for_patients(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "images", tmp_path / "images")
    source = tmp_path / "clean.yaml"
    source.write_text((FIXTURES / "clean.yaml").read_text().replace("    audience: clinician\n", ""))
    report = lint(source)
    # Its one 27-word sentence is too short to grade alone, but now counts in the whole document.
    assert found(report) == {(2, "reading-level"), (39, "sentence-length"),  # line 40 before the edit
                             (40, "plain-words")}  # "necessitating" (PlainLanguage.gov: necessitate)


def test_every_rule_fires_on_its_line() -> None:
    report = lint(FIXTURES / "problems.yaml")
    assert not report.errors
    assert found(report) == {
        (2, "canonical-url"),
        (2, "reading-level"),  # the whole document, at its title
        (6, "review-date"),
        (12, "reading-level"),  # 'Complicated': the first line of its body
        # necessitates; frequently, accompany; determines
        (12, "plain-words"), (14, "plain-words"), (16, "plain-words"),
        (19, "link-text"),  # click here
        (20, "link-text"),  # here
        (21, "link-text"),  # a bare URL as link text
        (22, "bare-url"),  # a URL typed into the prose
        (25, "sentence-length"),  # one 35-word sentence: too short to grade, too long to read
        (31, "alt-text"),  # a file name
        (34, "alt-text"),  # "Image of …"
        (37, "alt-text"),  # 171 characters
        (41, "link-text"),  # a resource named "this link"
    }
    messages = {f.line: f.message for f in report.findings if f.rule not in ("reading-level", "plain-words")}
    assert messages[19] == "link text 'click here' does not say where the link leads"
    assert messages[31] == "alt text 'diagram.png' is a file name"
    assert messages[37] == "alt text is 171 characters (limit 150)"
    assert "sentence of 35 words (limit 25)" in messages[25]


def test_reading_level_message_names_section_grade_and_target() -> None:
    report = lint(FIXTURES / "problems.yaml")
    grades = [str(f) for f in report.findings if f.rule == "reading-level"]
    assert grades[0].startswith(f"{FIXTURES / 'problems.yaml'}:2: the whole document reads at Flesch–Kincaid grade ")
    assert grades[1].startswith(f"{FIXTURES / 'problems.yaml'}:12: section 'Complicated' reads at Flesch–Kincaid ")
    assert "(target ≤ 8)" in grades[1]
    assert [s.title for s in report.sections if s.failing] == ["Complicated"]


def test_spanish_uses_fernandez_huerta_inflesz_and_spanish_vague_links() -> None:
    report = lint(FIXTURES / "problems.es.yaml")
    assert found(report) == {(2, "reading-level"), (14, "reading-level"), (22, "link-text"),
                             (25, "sentence-length")}
    hard = next(f for f in report.findings if f.rule == "reading-level" and f.line == 14)
    assert "section 'Difícil' reads at Fernández-Huerta" in hard.message
    assert "(target ≥ 60)" in hard.message
    assert "INFLESZ" in hard.message and "(target ≥ 55)" in hard.message
    assert "'más información'" in next(f.message for f in report.findings if f.rule == "link-text")


@pytest.mark.parametrize(("years", "today", "flagged"), [
    (3, dt.date(2018, 6, 26), False),  # exactly three years: not yet
    (3, dt.date(2018, 6, 27), True),
    (10, dt.date(2025, 1, 1), False),
])
def test_review_age_is_configurable(years: int, today: dt.date, flagged: bool) -> None:
    report = lint_file(FIXTURES / "problems.yaml", LintOptions(today=today, max_age_years=years))
    assert ((6, "review-date") in found(report)) is flagged


def test_review_date_in_the_future_is_flagged() -> None:
    report = lint_file(FIXTURES / "clean.yaml", LintOptions(today=dt.date(2024, 2, 1)))
    assert [f.message for f in report.findings] == ["last reviewed 2024-03-01, which is after today (2024-02-01)"]


def test_seed_prognosis_is_reported_above_grade_8_at_its_first_line() -> None:
    report = lint(ROOT / "source" / "leiomyosarcoma.yaml")
    prognosis = next(f for f in report.findings if "'Prognosis'" in f.message)
    assert prognosis.line == 57
    assert prognosis.message.startswith("section 'Prognosis' reads at Flesch–Kincaid grade ")
    grade = float(prognosis.message.split("grade ")[1].split()[0])
    assert grade > 8
    assert (12, "review-date") in found(report)  # reviewed 2015-06-26


def test_lint_never_changes_the_source() -> None:
    before = (FIXTURES / "problems.yaml").read_bytes()
    lint(FIXTURES / "problems.yaml")
    assert (FIXTURES / "problems.yaml").read_bytes() == before
