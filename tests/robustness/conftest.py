"""Fixture of the robustness tests: building through the real CLI, in this process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from publisher.cli import main
from robustness.helpers import ALL


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str
    folder: Path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``cli(out_dir, *sources, formats=...)`` runs ``publisher build`` in this process."""

    def run(out_dir: Path, *sources: Path, formats: str = ALL, jobs: int = 1) -> Run:
        status = main(["build", "-j", str(jobs), "-q", "--format", formats, "-o", str(out_dir),
                       *map(str, sources)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return Run(status, captured.out, captured.err, out_dir)

    return run
