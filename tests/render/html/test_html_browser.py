"""The page in real headless Chromium: axe-core WCAG 2.2 A/AA, AAA text contrast, reflow at 320 CSS px, focus."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from publisher.validators import axe, tools

PROBE = Path(__file__).with_name("layout_probe.cjs")


@pytest.mark.validator
def test_axe_finds_no_wcag_22_aa_violation(pages_dir: Path) -> None:
    pages = sorted(pages_dir.glob("*.html"))
    results = axe.check_all(pages)
    for result in results:
        assert result.ok, "\n".join(str(f) for f in result.findings)
        assert result.findings == ()


@pytest.mark.validator
def test_text_contrast_reaches_aaa_in_the_browser(pages_dir: Path) -> None:
    pages = sorted(pages_dir.glob("*.html"))
    for result in axe.check_all(pages, tags=("wcag2aaa",)):
        contrast = [f for f in result.findings if f.rule == "color-contrast-enhanced"]
        assert not contrast, "\n".join(str(f) for f in contrast)


def _probe(pages: list[Path], width: int, text_spacing: bool) -> list[dict[str, Any]]:
    """Run layout_probe.cjs (puppeteer-core from tools/, Debian's Chromium) and return its report."""
    node = tools.node("html")
    tools.installed_file("html", "tools/node_modules/puppeteer-core/package.json")
    with tempfile.TemporaryDirectory(prefix="publisher-html-") as scratch:
        env = tools.chromium_env("html", Path(scratch))
        done = subprocess.run(
            [node, str(PROBE), str(tools.tools_home() / "tools"), str(width), "800", "1" if text_spacing else "0",
             "-", *map(str, pages)],
            capture_output=True, text=True, env=env, timeout=180, check=False,
        )
    assert done.returncode == 0, done.stderr
    report: list[dict[str, Any]] = json.loads(done.stdout)
    return report


@pytest.mark.validator
@pytest.mark.parametrize("text_spacing", [False, True], ids=["plain", "wcag-text-spacing"])
def test_reflows_at_320_css_pixels_without_horizontal_scrolling(pages_dir: Path, text_spacing: bool) -> None:
    # 320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10); 1.4.12 text spacing must not break it.
    for page in _probe(sorted(pages_dir.glob("*.html")), 320, text_spacing):
        assert page["viewport"] == 320
        assert page["scroll"] <= page["client"], page
        assert page["wide"] == [], page


@pytest.mark.validator
def test_keyboard_focus_is_visible(pages_dir: Path) -> None:
    # The stylesheet's focus style: a yellow (#ffdd00) block with a dark bar under it (WCAG 2.4.7).
    for page in _probe([pages_dir / "leiomyosarcoma.html"], 1280, text_spacing=False):
        focus = page["focus"]
        assert focus[0]["href"] == "#main"  # the skip link comes first
        for step in focus:
            assert step["tag"] == "a" and step["visible"], step
            assert step["background"] == "rgb(255, 221, 0)" and step["shadow"] != "none", step
