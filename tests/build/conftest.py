"""Shared helpers for build tests: a small synthetic catalog and a CLI runner that reports what was written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from buildkit import Builder, Run

from publisher.cli import main
from publisher.synthetic import generate


@pytest.fixture(scope="session")
def catalog_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalog-template")
    generate(4, folder, seed=11)
    return folder


@pytest.fixture
def catalog(tmp_path: Path, catalog_template: Path) -> Path:
    """A private copy of a 4-condition catalog, free to edit."""
    folder = tmp_path / "src"
    shutil.copytree(catalog_template, folder)
    return folder


@pytest.fixture
def build(capsys: pytest.CaptureFixture[str]) -> Builder:
    """``build(*args)`` runs ``publisher build -j1 *args`` (a later -j wins) in this process."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        status = main(["build", "-j1", *map(str, args)])
        out, err = capsys.readouterr()
        written = {Path(line.removeprefix("wrote ")).name for line in out.splitlines() if line.startswith("wrote ")}
        return Run(status, written, err)

    return run
