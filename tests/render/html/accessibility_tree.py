"""Chromium's accessibility tree of local pages (ax_tree.cjs), as screen readers get it, for the tests."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from publisher.validators import tools

SCRIPT = Path(__file__).with_name("ax_tree.cjs")

# ARIA 1.2 landmark roles, and the DPUB-ARIA 1.1 roles whose superclass is landmark.
LANDMARKS = frozenset({"banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"})
DPUB_LANDMARKS = frozenset({
    "doc-acknowledgments", "doc-afterword", "doc-appendix", "doc-bibliography", "doc-chapter", "doc-conclusion",
    "doc-credits", "doc-endnotes", "doc-epilogue", "doc-errata", "doc-foreword", "doc-glossary", "doc-index",
    "doc-introduction", "doc-part", "doc-preface", "doc-prologue", "doc-toc",
})


@dataclass(frozen=True)
class Page:
    file: str
    nodes: tuple[tuple[str, str], ...]  # (role, accessible name) of every node not ignored, in tree order
    fonts: dict[str, int]  # "family|custom|mono" -> glyphs: custom = an @font-face font, not the host's;
    # mono = inside code/pre/kbd/samp

    def host_fonts(self) -> dict[str, int]:
        """Fonts of the reader's system that drew text outside code: none when the page embeds its faces."""
        return {key: n for key, n in self.fonts.items() if key.split("|")[1:] == ["false", "false"]}

    def landmarks(self) -> list[tuple[str, str]]:
        return [(role, name) for role, name in self.nodes if role in LANDMARKS | DPUB_LANDMARKS]


def read(pages: Sequence[Path]) -> list[Page]:
    """Open each page in headless Debian Chromium (puppeteer-core from tools/) and read its tree."""
    node = tools.node("chromium")
    tools.installed_file("chromium", "tools/node_modules/puppeteer-core/package.json")
    with tempfile.TemporaryDirectory(prefix="publisher-ax-") as scratch:
        done = subprocess.run([node, str(SCRIPT), str(tools.tools_home() / "tools"), *map(str, pages)],
                              capture_output=True, text=True, env=tools.chromium_env("chromium", Path(scratch)),
                              timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    return [Page(p["file"], tuple((n["role"], n["name"]) for n in p["nodes"]), p["fonts"])
            for p in json.loads(done.stdout)]
