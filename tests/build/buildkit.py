"""Helpers for build tests: a CLI run's outcome, parsed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SUMMARY = re.compile(r"^built (\d+), skipped (\d+), failed (\d+)", re.MULTILINE)


@dataclass
class Run:
    status: int
    written: set[str]  # output file names reported as written
    stderr: str

    @property
    def counts(self) -> tuple[int, int, int]:
        match = SUMMARY.search(self.stderr)
        assert match, self.stderr
        built, skipped, failed = match.groups()
        return int(built), int(skipped), int(failed)


# The hand-off files (publisher/build/handoff.py): a FHIR bundle per source, the catalog of a folder build.
# Tests of how formats are built compare the formats' files; tests/handoff/ tests these.
HANDOFF = ("index.html", "opds.json", "sitemap.xml")


def handoff_file(name: str) -> bool:
    return name in HANDOFF or name.endswith(".fhir.json")


def sources(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.glob("*.yaml"))]


Builder = Callable[..., Run]
