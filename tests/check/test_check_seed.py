"""The seed's outputs pass every rule, validators included: the gate is green on good output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_fixtures import NAMES, SOURCES

from publisher.check import all_rules
from publisher.cli import main


@pytest.mark.validator
@pytest.mark.slow
def test_seed_outputs_pass_every_check(outputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(outputs / name) for name in NAMES.values()]
    status = main(["check", *files, "--source", str(SOURCES)])
    out = capsys.readouterr().out
    assert "skipped (not installed)" not in out, "install the validators: bash scripts/install-tools.sh"
    assert status == 0, out
    report = json.loads((outputs / "leiomyosarcoma.report.json").read_text())
    ran = {(Path(r["file"]).name, r["rule"]) for r in report["results"]}
    assert {r["status"] for r in report["results"]} == {"pass"}
    # Every rule of the catalogue ran on a file of its format.
    prefixes = {"pdf": ("leiomyosarcoma.pdf", "leiomyosarcoma.large-print.pdf"), "docx": ("leiomyosarcoma.docx",),
                "epub": ("leiomyosarcoma.epub",), "html": ("leiomyosarcoma.html",), "fidelity": tuple(NAMES.values())}
    for rule, _tool, _summary in all_rules():
        if rule.split(".")[0] in ALT:
            continue  # the opt-in formats' rules: test_alternate_formats_pass_every_check
        if rule.startswith("catalog."):
            continue  # the catalog page's rules: test_check_catalog.py
        for name in prefixes[rule.split(".")[0]]:
            assert (name, rule) in ran, (name, rule)


ALT = {"brf": "leiomyosarcoma.brf", "narrated": "leiomyosarcoma.narrated.epub", "mp3": "leiomyosarcoma.mp3"}


@pytest.mark.validator
@pytest.mark.slow
def test_alternate_formats_pass_every_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Built and checked through the CLI: the narrated EPUB also passes every EPUB and fidelity rule."""
    out = tmp_path / "dist"
    seed = SOURCES / "leiomyosarcoma.yaml"
    assert main(["build", str(seed), "--format", "brf,narrated-epub,mp3", "--out", str(out), "-j", "1", "-q"]) == 0
    status = main(["check", *(str(out / name) for name in ALT.values()), "--source", str(SOURCES)])
    printed = capsys.readouterr().out
    assert "skipped (not installed)" not in printed
    assert status == 0, printed
    report = json.loads((out / "leiomyosarcoma.report.json").read_text())
    ran = {(Path(r["file"]).name, r["rule"]) for r in report["results"]}
    assert {r["status"] for r in report["results"]} == {"pass"}
    for rule, _tool, _summary in all_rules():
        prefix = rule.split(".")[0]
        if prefix in ALT:
            assert (ALT[prefix], rule) in ran, rule
        elif prefix in ("epub", "fidelity"):
            assert (ALT["narrated"], rule) in ran, rule
