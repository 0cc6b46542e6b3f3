"""The container and package document: zip layout, determinism, identifier, dates, language, metadata."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from epub_book import NS, SEED, XML_LANG, Book, render_epub

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import edition
from publisher.render.epub.metadata import CONFORMS_TO, identifier


def test_mimetype_is_first_and_stored(seed_book: Book) -> None:
    first = seed_book.zip.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b""
    assert seed_book.zip.read("mimetype") == b"application/epub+zip"
    # A reading system sniffs these bytes at offset 30 of the file.
    assert seed_book.data[30:58] == b"mimetypeapplication/epub+zip"


def test_rebuild_is_byte_identical(rich_doc: m.Document) -> None:
    assert render_epub(rich_doc) == render_epub(rich_doc)


def test_zip_entries_carry_no_build_time(seed_book: Book) -> None:
    assert {info.date_time for info in seed_book.zip.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_package_language_matches_dc_language(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    assert book.opf.get(XML_LANG) == doc.language
    assert book.opf.xpath("//dc:language/text()", namespaces=NS) == [doc.language]


def test_identifier_is_stable_and_derived_from_the_canonical_url(seed_doc: m.Document, seed_book: Book) -> None:
    unique = seed_book.opf.get("unique-identifier")
    (ident,) = seed_book.opf.xpath(f"//dc:identifier[@id='{unique}']/text()", namespaces=NS)
    assert ident == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed_doc.canonical_url)}"
    assert ident == identifier(seed_doc)
    # Another publication gets another identifier: no canonical URL, or the clinician version.
    assert identifier(dataclasses.replace(seed_doc, canonical_url="")) != ident
    assert identifier(dataclasses.replace(seed_doc, audience="clinician")) != ident


def test_modified_is_this_editions_time(seed_doc: m.Document, seed_book: Book) -> None:
    # The seed's edition is its review date; the time of day comes from its content (render/edition.py).
    (modified,) = seed_book.meta("dcterms:modified")
    assert modified == edition.w3c(edition.modified(seed_doc))
    assert re.fullmatch(r"2015-06-26T\d\d:\d\d:\d\dZ", modified)


def test_generator_names_publisher_and_no_prefix_is_redeclared(seed_book: Book) -> None:
    (generator,) = seed_book.opf.xpath("//opf:meta[@name='generator']/@content", namespaces=NS)
    assert generator.startswith("publisher ") and "ebooklib" in generator
    assert seed_book.opf.get("prefix") is None


def test_accessibility_metadata_without_images(seed_doc: m.Document, seed_book: Book) -> None:
    assert seed_book.meta("schema:accessMode") == ["textual"]
    assert seed_book.meta("schema:accessModeSufficient") == ["textual"]
    features = seed_book.meta("schema:accessibilityFeature")
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"} <= set(features)
    assert "alternativeText" not in features
    assert seed_book.meta("schema:accessibilityHazard") == ["none"]
    (summary,) = seed_book.meta("schema:accessibilitySummary")
    assert summary.endswith(".") and "3 numbered references" in summary and "no images" in summary
    assert seed_book.meta("dcterms:conformsTo") == [CONFORMS_TO] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert seed_book.meta("a11y:certifiedBy") == [seed_doc.publisher.name]


def test_accessibility_metadata_follows_images(rich_book: Book) -> None:
    assert rich_book.meta("schema:accessMode") == ["textual", "visual"]
    assert "textual" in rich_book.meta("schema:accessModeSufficient")
    assert "alternativeText" in rich_book.meta("schema:accessibilityFeature")
    (summary,) = rich_book.meta("schema:accessibilitySummary")
    assert "1 image has a text description" in summary and "decorative" in summary


def test_direction_rtl_reaches_package_spine_and_documents(seed_doc: m.Document) -> None:
    book = Book(render_epub(dataclasses.replace(seed_doc, language="ar", direction="rtl")))
    assert book.opf.get("dir") == "rtl" and book.opf.get(XML_LANG) == "ar"
    assert book.opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    for item in book.manifest("application/xhtml+xml"):
        assert book.xml(item.get("href")).get("dir") == "rtl"


@pytest.mark.parametrize("name", ["content.opf", "toc.ncx"])
def test_titles_are_escaped_text(rich_book: Book, rich_doc: m.Document, name: str) -> None:
    assert rich_doc.title in "".join(rich_book.xml(name).itertext())


def test_identical_across_processes_with_different_hash_seeds() -> None:
    # Set and dict iteration must not leak into the output: string hashing differs per process.
    code = (
        "import hashlib, sys; from pathlib import Path; from publisher.build.plan import BuildPlan; "
        "from publisher.build.render import load; "
        "from publisher.render.layout import Layout; from publisher.render import RenderOptions; "
        "from publisher.render.epub import render; from publisher.render.html import render as html; "
        f"d = load(Path({str(SEED)!r}), BuildPlan(Path('.'))); "
        "print(hashlib.sha256(render(d, Layout(), RenderOptions())).hexdigest(), "
        "hashlib.sha256(html(d, Layout(), RenderOptions())).hexdigest())"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
    assert hashlib.sha256(b"").hexdigest() not in digests.pop()


def test_the_spanish_accessibility_summary_is_in_spanish(tmp_path: Path) -> None:
    doc = load(SEED.with_name("leiomyosarcoma.es.yaml"), BuildPlan(tmp_path))
    book = Book(render_epub(doc))
    (summary,) = book.opf.xpath("//opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)
    assert summary.text.startswith("Esta publicación cumple las WCAG 2.2, nivel AA.")
    assert "Sus 3 referencias numeradas enlazan con el texto" in summary.text and "No tiene imágenes." in summary.text
    assert summary.get(XML_LANG) is None  # the package's language, es, is the summary's
    english = Book(render_epub(dataclasses.replace(doc, language="fr")))  # no French table: English, marked so
    (fallback,) = english.opf.xpath("//opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)
    assert fallback.get(XML_LANG) == "en" and fallback.text.startswith("This publication meets")
