"""``publisher new``: a commented starter that builds cleanly and is never written over an existing file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from publisher.cli import main
from publisher.commands.schema import json_schema


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01


def test_starter_builds_cleanly_as_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "cystic-fibrosis", "--out", str(tmp_path / "source")]) == 0
    source = tmp_path / "source" / "cystic-fibrosis.yaml"
    text = source.read_text()
    assert text.startswith("# yaml-language-server: $schema=source.schema.json\n")
    assert "title: Cystic fibrosis\n" in text and "last_reviewed: 2025-01-01" in text
    assert json.loads((tmp_path / "source" / "source.schema.json").read_text()) == json_schema()
    out = tmp_path / "dist"
    assert main(["build", str(source), "--out", str(out), "--format", "json,html"]) == 0
    assert "failed 0" in capsys.readouterr().err
    model = json.loads((out / "cystic-fibrosis.json").read_text())
    titles = [s["title"] for s in model["sections"]]
    assert titles == ["Summary", "Symptoms", "Diagnosis", "Treatment", "Learn More", "References"]
    assert "For clinicians" not in (out / "cystic-fibrosis.html").read_text()


def test_starter_lints_with_only_the_canonical_url_reminder(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", "asthma", "--out", str(tmp_path)])
    capsys.readouterr()
    assert main(["lint", "--strict", str(tmp_path / "asthma.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and ": no canonical_url — " in out[0]


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "asthma.yaml"
    existing.write_text("title: mine\n")
    assert main(["new", "asthma", "--out", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text() == "title: mine\n"


@pytest.mark.parametrize("slug", ["Asthma", "asthma.yaml", "../asthma", "asthma-", "a--b", ""])
def test_rejects_a_bad_slug(slug: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", slug, "--out", str(tmp_path)]) == 2
    assert "is not a slug" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_title_and_language_options_are_safe_yaml(tmp_path: Path) -> None:
    title = 'Asthma: "the basics" # not a comment'
    assert main(["new", "asthma", "--out", str(tmp_path), "--title", title, "--language", "es"]) == 0
    assert main(["build", str(tmp_path / "asthma.yaml"), "--out", str(tmp_path / "o"), "--format", "json"]) == 0
    model = json.loads((tmp_path / "o" / "asthma.json").read_text())
    assert model["title"] == title and model["language"] == "es"
