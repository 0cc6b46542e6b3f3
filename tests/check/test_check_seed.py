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
        for name in prefixes[rule.split(".")[0]]:
            assert (name, rule) in ran, (name, rule)
