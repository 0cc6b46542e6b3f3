"""The text of every marked-content sequence of a PDF, keyed by (page index, MCID), read with pdfminer."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    size: float


@dataclass(frozen=True)
class Run:
    """The glyphs of one marked-content sequence, in content-stream order."""

    page: int
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return join_glyphs(self.glyphs)


# A line that ends in one of these broke inside a word or URL, not at a space.
_JOINERS = frozenset("/-\u2010\u00ad")


def _needs_space(prev: Glyph, cur: Glyph) -> bool:
    # WeasyPrint draws words as separate glyph runs and drops the space at a line end:
    # a new line, or a gap wider than a thin space, is a word boundary, unless the line
    # ended at a slash or hyphen (URLs and hyphenated words break there without a space).
    if prev.text.isspace() or cur.text.isspace():
        return False
    size = max(prev.size, cur.size, 1.0)
    if abs(cur.y0 - prev.y0) > size * 0.5:
        return prev.text not in _JOINERS
    return cur.x0 - prev.x1 > size * 0.2


def join_glyphs(glyphs: tuple[Glyph, ...] | list[Glyph]) -> str:
    parts: list[str] = []
    prev: Glyph | None = None
    for glyph in glyphs:
        if prev is not None and _needs_space(prev, glyph):
            parts.append(" ")
        parts.append(glyph.text)
        prev = glyph
    return "".join(parts)


class _Collector(PDFLayoutAnalyzer):
    """A pdfminer device that files every glyph under the MCID of the sequence it is drawn in."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr, pageno=0, laparams=None)
        self.page_index = -1
        self.stack: list[int | None] = []
        self.runs: dict[tuple[int, int], list[Glyph]] = {}

    def begin_page(self, page: Any, ctm: Any) -> None:
        super().begin_page(page, ctm)
        self.page_index += 1
        self.stack = []

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        inherited = self.stack[-1] if self.stack else None
        self.stack.append(mcid if isinstance(mcid, int) and not isinstance(mcid, bool) else inherited)

    def end_tag(self) -> None:
        if self.stack:
            self.stack.pop()

    def do_tag(self, tag: Any, props: Any = None) -> None:
        return None

    def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int,
                    ncs: Any, graphicstate: Any) -> float:
        advance: float = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        mcid = self.stack[-1] if self.stack else None
        item = self.cur_item._objs[-1] if self.cur_item._objs else None
        if mcid is not None and isinstance(item, LTChar):
            glyph = Glyph(item.get_text(), item.x0, item.x1, item.y0, item.size)
            self.runs.setdefault((self.page_index, mcid), []).append(glyph)
        return advance


# pdfminer reads content streams in pure Python (about 0.4 s a page): a batch that checks the
# same bytes twice (a PDF and its copy, a test suite) reads them once. Keyed by content, bounded.
_CACHE: dict[str, dict[tuple[int, int], Run]] = {}
_CACHE_SIZE = 16


def marked_runs(path: Path) -> dict[tuple[int, int], Run]:
    """Every MCID's glyphs; content outside any MCID (artifacts, untagged text) is not collected."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    cached = _CACHE.get(digest)
    if cached is not None:
        return cached
    manager = PDFResourceManager(caching=True)
    device = _Collector(manager)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        # Glyphs are filed in device.runs; drop the page's layout objects to keep memory flat.
        device.cur_item._objs = []
    runs = {key: Run(key[0], tuple(glyphs)) for key, glyphs in device.runs.items()}
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[digest] = runs
    return runs
