"""The seed's outputs for check tests: where they come from and how a check run is read.

A module with its own name (not conftest) so tests can import it: several test folders
have a conftest.py, and under xdist ``import conftest`` finds whichever loaded first.
"""

from __future__ import annotations

from pathlib import Path

from publisher.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
SOURCES = ROOT / "source"
SLUG = "leiomyosarcoma"
NAMES = {fmt: f"{SLUG}.{fmt}" for fmt in ("pdf", "large-print.pdf", "docx", "epub", "html")}
# The external validators take most of a minute together; tests of our own rules leave them out.
NO_VALIDATORS = ["--skip", "epub.epubcheck", "--skip", "epub.ace", "--skip", "epub.vnu", "--skip", "html.axe",
                 "--skip", "html.htmlcs", "--skip", "html.vnu", "--skip", "docx.openxml", "--skip", "*.roundtrip"]


def build_seed(base: Path) -> Path:
    """Build the seed into ``base/seed-dist`` unless this session already did (tests/extract shares it)."""
    out = base / "seed-dist"
    if not all((out / name).is_file() for name in NAMES.values()):
        assert main(["build", str(SEED), "--out", str(out), "--jobs", "1", "--quiet"]) == 0
    return out


class Checked:
    def __init__(self, status: int, out: str, err: str) -> None:
        self.status = status
        self.out = out
        self.err = err

    def failed(self, path: Path, rule: str) -> bool:
        """The plain result line naming the file and the rule says it failed."""
        return f"{path}: {rule}: fail:" in self.out
