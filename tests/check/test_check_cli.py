"""The command's contract: exit statuses, unusable input without traceback, JSON, reports, dist/ default."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, NO_VALIDATORS, SEED, SOURCES, Checked

from publisher.check import all_rules
from publisher.cli import main


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.pdf", None, "no such file"),
    ("notes.txt", b"hello", "not a PDF, DOCX, EPUB, HTML, BRF or MP3 file"),
    ("fake.pdf", b"just text, not a PDF", "not a PDF: the file does not start with %PDF-"),
    ("garbage.docx", b"PK\x03\x04 but not really a zip", "not a valid DOCX: corrupt zip"),
    ("garbage.epub", b"\x00\x01\x02", "not a valid EPUB: corrupt zip"),
    ("binary.html", b"\x00\x00\x00\x00", "not an HTML file"),
])
def test_unusable_input_exits_2_with_path_message_and_hint(tmp_path: Path, name: str, content: bytes | None,
                                                           message: str, run_check: Callable[..., Checked]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_check(path)
    assert result.status == 2
    assert f"{path}: {message}" in result.err
    assert " — " in result.err  # every problem carries a hint
    assert "Traceback" not in result.err + result.out


def test_a_docx_zip_without_a_document_is_unusable(tmp_path: Path, run_check: Callable[..., Checked]) -> None:
    import zipfile

    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    result = run_check(path)
    assert result.status == 2
    assert f"{path}: not a valid DOCX: the zip has no word/document.xml" in result.err


def test_one_unusable_file_still_lets_the_others_be_checked(outputs: Path, tmp_path: Path,
                                                           run_check: Callable[..., Checked]) -> None:
    result = run_check(outputs / NAMES["html"], tmp_path / "missing.pdf")
    assert result.status == 2
    assert f"{outputs / NAMES['html']}" in result.out  # the good file is in the table


def test_json_output_lists_every_result(outputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", str(outputs / NAMES["html"]), str(outputs / NAMES["docx"]), "--source", str(SOURCES),
                   "--json", "--no-report", *NO_VALIDATORS])
    data = json.loads(capsys.readouterr().out)
    assert status == 0 and data["ok"] is True and data["exit_status"] == 0
    (group,) = data["groups"]
    assert group["slug"] == "leiomyosarcoma" and group["source"].endswith("leiomyosarcoma.yaml")
    rules = {(Path(r["file"]).name, r["rule"]) for r in group["results"]}
    assert ("leiomyosarcoma.docx", "docx.heading-order") in rules
    assert ("leiomyosarcoma.html", "fidelity.text") in rules
    assert all(r["status"] == "pass" and r["tool"] and r["message"] for r in group["results"])


def test_reports_are_written_beside_the_outputs_and_reproducible(outputs: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", *(str(outputs / n) for n in ("leiomyosarcoma.docx", "leiomyosarcoma.html")),
            "--source", str(SOURCES), *NO_VALIDATORS]
    assert main(argv) == 0
    report_json = outputs / "leiomyosarcoma.report.json"
    report_md = outputs / "leiomyosarcoma.report.md"
    first = report_json.read_bytes(), report_md.read_bytes()
    assert main(argv) == 0
    assert (report_json.read_bytes(), report_md.read_bytes()) == first  # no timestamps: same input, same bytes
    data = json.loads(first[0])
    assert data["ok"] is True and data["summary"]["fail"] == 0
    assert "| leiomyosarcoma.docx | `docx.heading-order` | pass |" in first[1].decode()
    assert not [p for p in outputs.iterdir() if p.name.endswith(".part")]
    assert f"wrote {report_json}" in capsys.readouterr().out


def test_a_failing_report_says_fail(outputs: Path) -> None:
    html = outputs / NAMES["html"]
    html.write_text(html.read_text(encoding="utf-8").replace('<html lang="en"', "<html", 1), encoding="utf-8")
    assert main(["check", str(html), "--source", str(SOURCES), *NO_VALIDATORS]) == 1
    data = json.loads((outputs / "leiomyosarcoma.report.json").read_text())
    assert data["ok"] is False
    (failure,) = [r for r in data["results"] if r["status"] == "fail"]
    assert failure["rule"] == "html.lang" and failure["file"] == str(html)
    assert "**FAIL**" in (outputs / "leiomyosarcoma.report.md").read_text()


def test_no_argument_checks_everything_in_dist(outputs: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(outputs.parent)  # outputs is <tmp>/dist
    (outputs / "stale.report.md").write_text("# an old report is not an input\n")
    status = main(["check", "--source", str(SOURCES), *NO_VALIDATORS])
    out = capsys.readouterr().out
    assert status == 0, out
    for name in NAMES.values():
        assert f"dist/{name}" in out
    assert "5 file(s)" in out


def test_a_folder_stands_for_its_outputs(outputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(outputs), "--source", str(SOURCES), "--no-report", *NO_VALIDATORS]) == 0
    assert "5 file(s)" in capsys.readouterr().out


def test_no_argument_and_no_dist_is_unusable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "run publisher build first" in capsys.readouterr().err


def test_list_rules_names_every_rule_and_its_tool(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--list-rules"]) == 0
    out = capsys.readouterr().out
    ids = [rule for rule, _tool, _summary in all_rules()]
    assert len(ids) == len(set(ids))
    for rule, tool, _summary in all_rules():
        assert rule in out and tool in out
    for expected in ("pdf.lang", "docx.heading-order", "epub.ace", "html.axe", "fidelity.outline"):
        assert expected in ids


def test_without_a_source_fidelity_compares_the_formats(outputs: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)  # locally a rule that cannot run is skipped (in CI it fails, below)
    status = main(["check", str(outputs / NAMES["html"]), str(outputs / NAMES["docx"]), "--source",
                   str(tmp_path), "--no-report", *NO_VALIDATORS])
    out = capsys.readouterr().out
    assert status == 0
    assert "fidelity.text: skip: skipped: no source found" in out
    # A skipped rule is never "passed": the summary says the check is incomplete.
    assert "all checks passed" not in out
    assert "0 failed, 2 skipped — nothing failed, but not every check ran" in out


def test_in_ci_a_skipped_rule_fails(outputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    html = outputs / NAMES["html"]
    status = main(["check", str(html), str(outputs / NAMES["docx"]), "--source", str(tmp_path), *NO_VALIDATORS])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{html}: fidelity.text: fail: skipped, and with CI=true a skip fails: skipped: no source found" in out
    assert "some checks failed" in out
    report = json.loads((outputs / "leiomyosarcoma.report.json").read_text())
    assert report["ok"] is False and report["summary"]["skip"] == 0


def test_a_skip_makes_the_reports_incomplete_not_passed(outputs: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert main(["check", str(outputs / NAMES["html"]), "--source", str(tmp_path), *NO_VALIDATORS]) == 0
    capsys.readouterr()
    report = json.loads((outputs / "leiomyosarcoma.report.json").read_text())
    assert (report["ok"], report["complete"]) == (True, False)
    assert (outputs / "leiomyosarcoma.report.md").read_text().splitlines()[2].startswith("**INCOMPLETE**")


@pytest.mark.validator
@pytest.mark.slow
def test_build_check_checks_the_outputs_and_fails_on_a_failing_check(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good"
    assert main(["build", str(SEED), "--out", str(good), "--format", "html,docx", "--jobs", "1", "--check"]) == 0
    out = capsys.readouterr().out
    assert "skipped (not installed)" not in out, "install the validators: bash scripts/install-tools.sh"
    assert (good / "leiomyosarcoma.report.json").is_file()
    # A layout whose page drops the language makes the built HTML fail html.lang: the build exits 1.
    layouts = tmp_path / "layouts"
    shutil.copytree(SEED.parents[1] / "layouts", layouts)
    page = layouts / "html" / "page.html.j2"
    text = page.read_text(encoding="utf-8")
    assert ' lang="{{' in text
    page.write_text(text.replace(' lang="{{', ' data-lang="{{', 1), encoding="utf-8")
    bad = tmp_path / "bad"
    status = main(["build", str(SEED), "--out", str(bad), "--format", "html", "--jobs", "1", "--layouts",
                   str(layouts), "--check"])
    out = capsys.readouterr().out
    assert status == 1, out
    assert f"{bad / 'leiomyosarcoma.html'}: html.lang: fail" in out


def test_a_rule_pattern_that_matches_nothing_is_a_usage_error(outputs: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(outputs / NAMES["pdf"]), "--rule", "pdf.lnag"]) == 2
    assert "no rule matches 'pdf.lnag' — did you mean 'pdf.lang'?" in capsys.readouterr().err
