"""Landmarks in Chromium's accessibility tree: banner, navigation, main, contentinfo; no region per section."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from accessibility_tree import read

from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.epub import render as render_epub
from publisher.render.layout import Layout


@pytest.mark.validator
def test_the_page_has_its_four_landmarks_and_the_bibliography(pages_dir: Path, seed_doc: m.Document) -> None:
    (seed,) = read([pages_dir / f"{seed_doc.slug}.html"])
    landmarks = seed.landmarks()
    # Before: 14 sections with aria-labelledby were 14 "region" landmarks beside these 5 (19 in all).
    assert Counter(role for role, _name in landmarks) == Counter(
        {"banner": 1, "navigation": 1, "main": 1, "contentinfo": 1, "doc-bibliography": 1}), landmarks
    assert ("navigation", seed_doc.strings["contents"]) in landmarks
    assert ("doc-bibliography", seed_doc.strings["references"]) in landmarks
    # Sections stay reachable by heading: one heading per outline entry (the contents list adds its own).
    headings = [name for role, name in seed.nodes if role == "heading"]
    assert headings == [seed_doc.title, seed_doc.strings["contents"], *(s.title for s in m.walk_sections(
        seed_doc.sections))]


@pytest.mark.validator
def test_no_page_or_book_has_a_region_per_section(pages_dir: Path, seed_doc: m.Document, rich_doc: m.Document,
                                                  tmp_path: Path) -> None:
    files = sorted(pages_dir.glob("*.html"))
    for doc in (seed_doc, rich_doc):
        book = zipfile.ZipFile(io.BytesIO(render_epub(doc, Layout(), RenderOptions())))
        book.extractall(tmp_path / doc.slug)
        files.append(tmp_path / doc.slug / "EPUB" / "content.xhtml")
    for page in read(files):
        roles = Counter(role for role, _name in page.landmarks())
        assert roles["region"] == 0, (page.file, page.landmarks())
        assert roles["main"] == 1 and sum(roles.values()) <= 5, (page.file, page.landmarks())
