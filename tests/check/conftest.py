"""The seed built once per session, fresh copies of its outputs per test, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, NO_VALIDATORS, SOURCES, Checked, build_seed

from publisher.cli import main


@pytest.fixture(scope="session")
def seed_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.getbasetemp())


@pytest.fixture
def outputs(seed_dist: Path, tmp_path: Path) -> Path:
    """A private copy of the seed's outputs that a test may mutate."""
    folder = tmp_path / "dist"
    folder.mkdir()
    for name in NAMES.values():
        shutil.copy2(seed_dist / name, folder / name)
    return folder


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> Callable[..., Checked]:
    """``publisher check FILE...`` through ``publisher.cli.main``, with the seed's sources and no reports."""

    def run(*args: str | Path, validators: bool = False) -> Checked:
        argv = ["check", *map(str, args), "--source", str(SOURCES), "--no-report"]
        if not validators:
            argv += NO_VALIDATORS
        capsys.readouterr()
        status = main(argv)
        captured = capsys.readouterr()
        return Checked(status, captured.out, captured.err)
    return run
