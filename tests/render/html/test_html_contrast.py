"""Every text colour the web page's stylesheet pairs with a background reaches 7:1 (WCAG 2.2 AAA, 1.4.6).

axe in Chromium checks the light scheme as rendered (test_html_browser); this reads both schemes'
custom properties from the stylesheet, so the dark scheme, which the browser test does not emulate,
is held to the same bar.
"""

from __future__ import annotations

import re

import pytest

from publisher.render.layout import DEFAULT_ROOT

CSS = (DEFAULT_ROOT / "html" / "screen.css").read_text(encoding="utf-8")

# (text, background) custom-property pairs the stylesheet puts together.
PAIRS = [
    ("--text", "--bg"), ("--link", "--bg"), ("--visited", "--bg"),
    ("--text", "--panel"), ("--link", "--panel"), ("--visited", "--panel"),
    ("--text", "--note"), ("--link", "--note"), ("--visited", "--note"),
    ("--band-text", "--band"),
]


def _vars(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[a-z-]+)\s*:\s*(#[0-9a-fA-F]{6})", block))


def _schemes() -> dict[str, dict[str, str]]:
    light = _vars(CSS.split("@media (prefers-color-scheme: dark)")[0])
    dark_block = re.search(r"@media \(prefers-color-scheme: dark\)\s*\{(.*?)\n\}", CSS, re.S)
    assert dark_block
    return {"light": light, "dark": {**light, **_vars(dark_block.group(1))}}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_background_pair_reaches_7_to_1(scheme: str) -> None:
    colours = _schemes()[scheme]
    low = {f"{fg} on {bg}": round(contrast(colours[fg], colours[bg]), 2)
           for fg, bg in PAIRS if contrast(colours[fg], colours[bg]) < 7.0}
    assert not low


def test_focus_colours_reach_7_to_1() -> None:
    colours = _schemes()["light"]
    assert contrast(colours["--focus-text"], colours["--focus-bg"]) >= 7.0
