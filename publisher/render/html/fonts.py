"""The bundled faces in the web page: only the styles it uses, subset to its letters, as ``data:`` URIs.

The page must stay one file that works saved, mailed or offline, so the fonts cannot be linked; and a
page that only *names* Atkinson Hyperlegible shows whatever the reader's system has instead (Chromium on
Debian drew the seed in Noto Sans from the host). The EPUB and PDF embed the same faces. Embedding all
four faces whole as WOFF2 would add about 130 kB of base64 and cost ~0.2 s of Brotli per face on every
build; a per-page subset as WOFF (zlib) is about 9 kB a face and tens of milliseconds, and caches by
content for rebuilds. The fonts are OFL without Reserved Font Names (see ``layouts/fonts/``), so a
subset may keep its name; the name table (copyright, licence) is kept whole.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
from pathlib import Path

import lxml.html
from fontTools import subset
from fontTools.ttLib import TTFont

from publisher.render.epub import fonts as bundled

# Characters a page may draw that are not in its text: the print stylesheet prints link addresses
# (ASCII), list numbers, and typographic punctuation Markdown produces.
ALWAYS = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("\u00a0“”‘’–—…•·")
_WEIGHT = re.compile(r"font-weight\s*:\s*(\d+)")
_STYLE = re.compile(r"font-style\s*:\s*(\w+)")
_URL = re.compile(r"url\(\s*[\"']?[^\"')]+[\"']?\s*\)(\s*format\([^)]*\))?")
_BOLD = "self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong or self::b or " \
        "self::th or self::caption"
_ITALIC = "self::em or self::i or self::cite"


def stylesheet(fonts_dir: Path, page: str) -> str:
    """``@font-face`` rules with data URIs for what ``page`` (the HTML without them) draws."""
    root = lxml.html.document_fromstring(page)
    nodes = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    text = "".join(str(t) for t in nodes) if isinstance(nodes, list) else ""
    used = _styles(root)
    letters = "".join(sorted(set(text) | ALWAYS))
    rules = []
    for face in bundled.choose(fonts_dir, text):
        if _descriptor(face.rule) not in used:
            continue
        woff = _subset(fonts_dir / face.file, letters)
        uri = f"data:font/woff;base64,{base64.b64encode(woff).decode('ascii')}"
        rules.append(_URL.sub(f'url("{uri}") format("woff")', face.rule, count=1))
    if not rules:
        return ""
    return "/* Bundled OFL fonts (SIL Open Font License 1.1), subset to this page's letters. */\n" + "\n".join(rules)


def _styles(root: lxml.html.HtmlElement) -> set[tuple[int, str]]:
    """(weight, style) pairs the page's text is set in: regular and bold always (headings), italics if used."""
    used = {(400, "normal"), (700, "normal")}
    for element in root.xpath(f"//body//*[{_ITALIC}]"):
        used.add((400, "italic"))
        if element.xpath(f"ancestor-or-self::*[{_BOLD}] | .//*[{_BOLD}]"):
            used.add((700, "italic"))
    return used


def _descriptor(rule: str) -> tuple[int, str]:
    weight, style = _WEIGHT.search(rule), _STYLE.search(rule)
    return int(weight[1]) if weight else 400, style[1] if style else "normal"


def _subset(path: Path, letters: str) -> bytes:
    data = path.read_bytes()
    return _subset_bytes(hashlib.sha256(data).hexdigest(), data, letters)


@functools.lru_cache(maxsize=64)
def _subset_bytes(digest: str, data: bytes, letters: str) -> bytes:
    """The face cut to ``letters`` (kerning, ligatures and names kept; hinting dropped, as browsers scale
    these faces smoothly), as WOFF. ``digest`` keys the cache; the bytes are the same on every run."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    with TTFont(io.BytesIO(data), recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=letters)
        subsetter.subset(font)
        font.flavor = "woff"
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()
