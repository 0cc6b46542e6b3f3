"""Which bundled fonts the book embeds: the first family always, a fallback only when the text needs it.

The faces come from ``layouts/fonts/fonts.css`` (OFL fonts, embedding allowed). Noto Sans is about
1 MB; an English leaflet never uses a letter Atkinson Hyperlegible lacks, so it is embedded only
for text that has such letters.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from publisher.errors import Diagnostic, Location, RenderError

_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.S)
_FAMILY = re.compile(r"font-family\s*:\s*[\"']([^\"']+)[\"']")
_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)")


@dataclass(frozen=True)
class Face:
    family: str
    file: str  # relative to the fonts folder
    rule: str  # the whole @font-face rule, as written


def faces(fonts_dir: Path) -> list[Face]:
    css_path = fonts_dir / "fonts.css"
    try:
        css = css_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(Diagnostic(Location(str(css_path)), f"cannot read the font list: {exc.strerror}",
                                     "restore layouts/fonts/ from the default layouts")) from None
    out = []
    for match in _FACE.finditer(css):
        family, url = _FAMILY.search(match["body"]), _URL.search(match["body"])
        if family is None or url is None or "/" in url[1] or not (fonts_dir / url[1]).is_file():
            raise RenderError(Diagnostic(Location(str(css_path)), f"unusable @font-face rule: {match[0][:80]}",
                                         "give each rule a quoted font-family and a url() of a file beside fonts.css"))
        out.append(Face(family[1], url[1], match[0]))
    return out


@functools.cache
def _coverage(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def choose(fonts_dir: Path, text: str) -> list[Face]:
    """The faces to embed for ``text``: all of the first family, then each family that adds letters."""
    available = faces(fonts_dir)
    if not available:
        return []
    needed = {ord(c) for c in text if not c.isspace()}
    families = list(dict.fromkeys(face.family for face in available))
    chosen = [families[0]]
    covered = set().union(*(_coverage(fonts_dir / f.file) for f in available if f.family == families[0]))
    for family in families[1:]:
        cover = set().union(*(_coverage(fonts_dir / f.file) for f in available if f.family == family))
        if (needed - covered) & cover:
            chosen.append(family)
            covered |= cover
    return [face for face in available if face.family in chosen]


def stylesheet(selected: list[Face]) -> str:
    return "/* Bundled OFL fonts (SIL Open Font License 1.1), embedded as the licence allows. */\n" + "\n".join(
        face.rule for face in selected) + "\n"
