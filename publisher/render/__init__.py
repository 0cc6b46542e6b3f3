"""Renderers: one module per format, each ``render(doc, layout, options) -> bytes``.

The registry is a literal table (as in Pandoc's ``Writers.hs``): adding a format is
one module, one layout folder and one row here. Modules are imported on first use
so that building one format does not pay for loading the others' libraries.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from publisher.document.model import Document
from publisher.patches import gcpause
from publisher.render.layout import Layout

Paper = Literal["letter", "a4"]


@dataclass(frozen=True)
class RenderOptions:
    paper: Paper = "letter"
    large_print: bool = False
    reference_docx: Path | None = None
    braille_page: tuple[int, int] | None = None  # (cells, lines); None: the braille layout's (40 x 25)


Renderer = Callable[[Document, Layout, RenderOptions], bytes]


@dataclass(frozen=True)
class Format:
    """A registry row: which module renders it, the file suffix, fixed options."""

    module: str
    suffix: str
    large_print: bool = False


RENDERERS: dict[str, Format] = {
    "pdf": Format("publisher.render.pdf", "pdf"),
    "large-print": Format("publisher.render.pdf", "large-print.pdf", large_print=True),
    "docx": Format("publisher.render.docx", "docx"),
    "epub": Format("publisher.render.epub", "epub"),
    "html": Format("publisher.render.html", "html"),
    "json": Format("publisher.render.json", "json"),
    "brf": Format("publisher.render.brf", "brf"),
    "narrated-epub": Format("publisher.render.audio.narrated", "narrated.epub"),
    "mp3": Format("publisher.render.audio.mp3", "mp3"),
}
DEFAULT_FORMATS = ("pdf", "large-print", "docx", "epub", "html")


def renderer(name: str) -> Renderer:
    module_name = RENDERERS[name].module
    module = sys.modules.get(module_name)
    if module is None:
        with gcpause.paused():  # a first import (WeasyPrint's: ~0.3 s); gcpause.py says why
            module = importlib.import_module(module_name)
    render: Renderer = module.render
    return render


def options_for(name: str, options: RenderOptions) -> RenderOptions:
    """The build's options with the format's fixed ones applied."""
    if RENDERERS[name].large_print:
        return replace(options, large_print=True)
    return options
