"""``publisher lint`` on the command line: output lines, JSON, exit statuses, today's date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from publisher.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parents[2]
JAN_2025 = "1735689600"  # 2025-01-01T00:00:00Z


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_2025)


def test_warnings_print_as_path_line_message_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "problems.yaml"
    assert main(["lint", str(source)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 17
    assert all(line.startswith(f"{source}:") for line in lines)
    assert f"{source}:19: link text 'click here' does not say where the link leads — " in out
    assert f"{source}:14:69: frequently → often — everyday words from PlainLanguage.gov" in out
    assert "linted 1 file: 17 warnings" in err


def test_strict_turns_warnings_into_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--strict", str(FIXTURES / "problems.yaml")]) == 1
    assert "17 errors" in capsys.readouterr().err
    assert main(["lint", "--strict", str(FIXTURES / "clean.yaml")]) == 0


def test_invalid_source_exits_2_with_the_usual_diagnostics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((FIXTURES / "clean.yaml").read_text().replace("last_reviewed:", "last_reveiwed:"))
    assert main(["lint", str(bad), str(FIXTURES / "clean.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:7:1: unknown key 'last_reveiwed' — did you mean 'last_reviewed'?" in err
    assert "1 invalid" in err
    assert "Traceback" not in err


def test_json_output_has_every_section_score_and_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--json", str(FIXTURES / "problems.yaml"), str(FIXTURES / "problems.es.yaml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2025-01-01"
    english, spanish = data["files"]
    assert english["valid"] and english["language"] == "en"
    assert {f["rule"] for f in english["findings"]} == {
        "canonical-url", "review-date", "reading-level", "link-text", "bare-url", "sentence-length", "alt-text",
        "plain-words"}
    complicated = next(s for s in english["sections"] if s["title"] == "Complicated")
    assert complicated["ok"] is False and complicated["line"] == 12
    fk, smog = complicated["scores"]
    assert fk["metric"] == "flesch-kincaid" and fk["score"] > 8 and fk["ok"] is False
    assert smog["metric"] == "smog" and smog["score"] is None and smog["too_short"] == "needs 10 sentences"
    assert english["document"]["scores"][1]["metric"] == "smog" and english["document"]["scores"][1]["score"] > 8
    assert [s["metric"] for s in spanish["sections"][0]["scores"]] == ["fernandez-huerta", "inflesz"]
    assert all(f["severity"] == "warning" for f in english["findings"])
    hint = next(f for f in english["findings"] if f["rule"] == "plain-words")
    assert (hint["line"], hint["col"]) == (12, 50)


def test_today_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "clean.yaml")  # reviewed 2024-03-01
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1735689600 + 3 * 366 * 86400))  # early 2028
    main(["lint", source])
    assert "last reviewed 2024-03-01, 3.8 years ago (limit 3 years)" in capsys.readouterr().out
    main(["lint", "--max-age-years", "5", source])
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main(["lint", source]) == 2
    assert "SOURCE_DATE_EPOCH='soon' is not a number" in capsys.readouterr().err


def test_default_sources_are_source_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "source").mkdir()
    shutil.copy(ROOT / "source" / "leiomyosarcoma.yaml", tmp_path / "source")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "--grades"]) == 0
    out = capsys.readouterr().out
    assert "source/leiomyosarcoma.yaml:57: section 'Prognosis' reads at Flesch–Kincaid grade " in out
    assert "source/leiomyosarcoma.yaml (en; target Flesch–Kincaid ≤ 8; SMOG ≤ 8;" in out


def test_errors_in_clinician_only_content_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(FIXTURES / "images", tmp_path / "images")
    source = tmp_path / "clean.yaml"
    text = (FIXTURES / "clean.yaml").read_text()
    source.write_text(text.replace("when clinical presentation", "when clinical presentation[@nowhere]"))
    assert main(["lint", str(source)]) == 2  # the patient build never reads that section; lint does
    assert "unknown citation key 'nowhere'" in capsys.readouterr().err
