"""The seed built once per session, fresh copies of its outputs per test, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
SOURCES = ROOT / "source"
SLUG = "leiomyosarcoma"
NAMES = {fmt: f"{SLUG}.{fmt}" for fmt in ("pdf", "large-print.pdf", "docx", "epub", "html")}
# The external validators take most of a minute together; tests of our own rules leave them out.
NO_VALIDATORS = ["--skip", "epub.epubcheck", "--skip", "epub.ace", "--skip", "html.axe"]


def build_seed(base: Path) -> Path:
    """Build the seed into ``base/seed-dist`` unless this session already did (tests/extract shares it)."""
    out = base / "seed-dist"
    if not all((out / name).is_file() for name in NAMES.values()):
        assert main(["build", str(SEED), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    return out


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


class Checked:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status = status
        self.out = out
        self.err = err

    def failed(self, path: Path, rule: str) -> bool:
        """The plain result line naming the file and the rule says it failed."""
        return f"{path}: {rule}: fail:" in self.out


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
