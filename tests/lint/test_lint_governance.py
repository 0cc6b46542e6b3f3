"""Governance rules: a passed review_by date, uncited references for teams that cite everything, the target grade."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from publisher.cli import main
from publisher.lint import LintOptions, lint_file

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "governance.yaml"
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(("today", "due"), [
    (dt.date(2024, 11, 30), False),
    (dt.date(2024, 12, 1), False),  # due today: not yet passed
    (dt.date(2024, 12, 2), True),
])
def test_review_by_warns_once_the_date_has_passed(today: dt.date, due: bool) -> None:
    report = lint_file(SOURCE, LintOptions(today=today))
    found = [f for f in report.findings if f.rule == "review-due"]
    assert bool(found) is due
    if due:
        assert found[0].line == 8
        assert found[0].message == "the review was due by 2024-12-01, 1 day ago"
        assert "ask the owner (Patient Education Team)" in found[0].hint
        assert found[0].severity == "warning"


def test_review_by_uses_the_lint_clock(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01
    assert main(["lint", str(SOURCE)]) == 0
    assert f"{SOURCE}:8: the review was due by 2024-12-01, 31 days ago" in capsys.readouterr().out


def test_uncited_references_are_errors_only_when_asked(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01: nothing else to report
    assert main(["lint", str(SOURCE)]) == 0  # by default the build lists it as further reading
    assert capsys.readouterr().out == ""
    assert main(["lint", "--require-citations", str(SOURCE)]) == 1  # an error even without --strict
    out, err = capsys.readouterr()
    assert out == (f"{SOURCE}:16: reference 'further' is never cited — cite it where the text relies on it "
                   "([@further]), or remove it\n")
    assert "1 error, 0 warnings" in err


def test_citations_in_clinician_content_count(tmp_path: Path) -> None:
    source = tmp_path / "cited.yaml"
    text = SOURCE.read_text().replace("references:", """sections:
  - title: For clinicians
    audience: clinician
    body: Consider emollients.[@further]
references:""")
    source.write_text(text)
    report = lint_file(source, LintOptions(today=dt.date(2024, 6, 1), require_citations=True))
    assert not report.errors and not [f for f in report.findings if f.rule == "uncited-reference"]


def test_target_grade_decides_which_sections_fail_with_strict(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1435276800")  # 2015-06-26, the seed's review date
    seed = str(ROOT / "source" / "leiomyosarcoma.yaml")

    def failing(grade: str) -> set[str]:
        status = main(["lint", "--strict", "--target-grade", grade, seed])
        out = capsys.readouterr().out
        sections = {line.split("section '")[1].split("'")[0] for line in out.splitlines() if "section '" in line}
        assert status == 1  # plain-word hints remain whatever the grade
        return sections

    at_8, at_14 = failing("8"), failing("14")
    assert {"Prognosis", "Treatment", "Where to Start"} <= at_8
    assert at_14 == {"Treatment", "Where to Start"}  # Flesch–Kincaid 15.8 and 14.4
    assert "Testing Resources" not in at_8  # one sentence: too short to score, not grade 20
    with pytest.raises(SystemExit) as stop:
        main(["lint", "--target-grade", "0", seed])
    assert stop.value.code == 2  # argparse: not a school grade
    assert "must be a school grade" in capsys.readouterr().err
