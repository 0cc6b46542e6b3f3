"""Parsed stylesheets and font configuration, made once per layout and paper and reused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from publisher.render.layout import Layout
from publisher.render.pdf.fetcher import RestrictedURLFetcher
from publisher.render.pdf.strict import weasyprint_strict


@dataclass(frozen=True)
class Engine:
    """What every handout of one layout, paper and print size shares.

    Parsing the CSS and loading @font-face fonts into a FontConfiguration costs
    about as much as laying out a short handout; a batch of thousands pays it once.
    The CSS must be used with the FontConfiguration it was parsed with, which is
    why they are cached together.
    """

    font_config: FontConfiguration
    stylesheets: tuple[CSS, ...]


# Keyed by the layout's content (Layout.fingerprint), not only its folder: a long-lived
# worker (a Dask worker, the preview server) must not keep rendering with a stale stylesheet
# after the layout files change.
_FONT_CONFIGS: dict[tuple[Path, str], FontConfiguration] = {}
_ENGINES: dict[tuple[Path, str, str, bool], Engine] = {}


def stylesheet_paths(folder: Path, paper: str, large_print: bool) -> list[Path]:
    names = ["handout.css", f"paper-{paper}.css"]
    if large_print:
        names.append("large-print.css")
    return [folder / name for name in names]


def engine_for(layout: Layout, paper: str, large_print: bool) -> Engine:
    """The cached engine for a layout (by folder and content), a paper size and a print size."""
    root = layout.root.resolve()
    key = (root, layout.fingerprint, paper, large_print)
    engine = _ENGINES.get(key)
    if engine is None:
        # One FontConfiguration per layout: two layouts may bind one family name to different files.
        font_config = _FONT_CONFIGS.setdefault((root, layout.fingerprint), FontConfiguration())
        fetcher = RestrictedURLFetcher(roots=[root])
        sheets = []
        for path in stylesheet_paths(root / "pdf", paper, large_print):
            with weasyprint_strict(str(path)):
                sheets.append(CSS(filename=str(path), font_config=font_config, url_fetcher=fetcher))
        engine = Engine(font_config, tuple(sheets))
        _ENGINES[key] = engine
    return engine


def clear_cache() -> None:
    """Forget cached engines (tests that edit a layout folder call this)."""
    _ENGINES.clear()
    _FONT_CONFIGS.clear()
