"""The page draws its text in the bundled faces it embeds (subset, as data: URIs), never in the host's fonts."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from accessibility_tree import read
from fontTools.ttLib import TTFont
from html_pages import ROOT, load_doc, parse, render_html

from publisher.document import model as m
from publisher.render.layout import DEFAULT_ROOT

FACE = re.compile(r"@font-face\s*\{[^}]*font-family:\s*\"([^\"]+)\"[^}]*font-weight:\s*(\d+);\s*font-style:\s*(\w+);"
                  r"[^}]*src:\s*url\(\"data:font/woff;base64,([A-Za-z0-9+/=]+)\"\)")


def _faces(page: bytes) -> dict[tuple[str, str, str], TTFont]:
    css = "".join(parse(page).xpath("//style/text()"))
    return {(family, weight, style): TTFont(io.BytesIO(base64.b64decode(data)))
            for family, weight, style, data in FACE.findall(css)}


@pytest.mark.validator
def test_chromium_draws_every_letter_with_an_embedded_face(pages_dir: Path, tmp_path: Path) -> None:
    spanish = tmp_path / "leiomyosarcoma-es.html"
    spanish.write_bytes(render_html(load_doc(ROOT / "source" / "leiomyosarcoma.es.yaml", tmp_path)))
    for page in read([*sorted(pages_dir.glob("*.html")), spanish]):
        assert page.host_fonts() == {}, page.file  # before: the seed was drawn in the host's Noto Sans
        assert page.fonts.get("Atkinson Hyperlegible|true|false", 0) > 1000, page.fonts


def test_the_faces_are_subset_to_the_page_and_embedded(seed_doc: m.Document, rich_doc: m.Document) -> None:
    whole = TTFont(DEFAULT_ROOT / "fonts" / "AtkinsonHyperlegible-Regular.ttf")
    for doc in (seed_doc, rich_doc):
        page = render_html(doc)
        assert b"url(\"AtkinsonHyperlegible" not in page and b".ttf" not in page  # nothing to fetch
        faces = _faces(page)
        regular = faces[("Atkinson Hyperlegible", "400", "normal")]
        root = parse(page)
        text = "".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
        drawable = {ord(c) for c in text if not c.isspace()} & set(whole.getBestCmap())
        assert drawable <= set(regular.getBestCmap())
        assert len(regular.getGlyphOrder()) < len(whole.getGlyphOrder()) / 2
        # The licence and copyright stay in the subset (OFL 1.1).
        assert "Open Font License" in regular["name"].getDebugName(13)
    # Italics only where the text has them; Noto Sans only for letters Atkinson lacks (the rich page's Russian).
    seed_faces, rich_faces = _faces(render_html(seed_doc)), _faces(render_html(rich_doc))
    assert set(seed_faces) == {("Atkinson Hyperlegible", "400", "normal"), ("Atkinson Hyperlegible", "700", "normal")}
    assert ("Atkinson Hyperlegible", "400", "italic") in rich_faces and ("Noto Sans", "400", "normal") in rich_faces
    assert {ord(c) for c in "привет"} <= set(rich_faces[("Noto Sans", "400", "normal")].getBestCmap())


def test_embedding_keeps_the_page_byte_identical(rich_doc: m.Document) -> None:
    assert render_html(rich_doc) == render_html(rich_doc)
