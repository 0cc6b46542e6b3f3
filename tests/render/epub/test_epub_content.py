"""The XHTML documents: language, semantics paired with roles, citations, links, images, fonts, CSS."""

from __future__ import annotations

import re
from pathlib import Path

from epub_book import EPUB_TYPE, NS, XML_LANG, Book
from lxml import etree

from publisher.document import model as m
from publisher.render.html import images
from publisher.render.layout import DEFAULT_ROOT

# epub:type → its DPUB-ARIA role; None where ARIA has no equivalent (EPUB Accessibility Techniques).
ROLES = {"biblioref": "doc-biblioref", "backlink": "doc-backlink", "bibliography": "doc-bibliography",
         "toc": "doc-toc", "bodymatter": None, "landmarks": None}


def _documents(book: Book) -> list[tuple[str, etree._Element]]:
    return [(str(i.get("href")), book.xml(i.get("href"))) for i in book.manifest("application/xhtml+xml")]


def test_every_xhtml_document_has_lang_and_xml_lang(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    documents = _documents(book)
    assert len(documents) == 2
    for _, root in documents:
        assert root.get("lang") == doc.language and root.get(XML_LANG) == doc.language
        assert root.xpath("/x:html/x:head/x:title/text()", namespaces=NS)


def test_every_epub_type_has_its_role(any_case: tuple[m.Document, Book]) -> None:
    _, book = any_case
    for href, root in _documents(book):
        for element in root.xpath("//*[@epub:type]", namespaces=NS):
            if element.xpath("ancestor::x:nav[@epub:type='landmarks']", namespaces=NS):
                continue  # landmark links name their target's type; they take no role
            for value in element.get(EPUB_TYPE).split():
                assert value in ROLES, f"{href}: unexpected epub:type {value}"
                if ROLES[value]:
                    assert element.get("role") == ROLES[value], f"{href}: {value} without {ROLES[value]}"


def test_citations_are_bibliorefs_to_a_bibliography_with_backlinks(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    content = book.xml("content.xhtml")
    (bibliography,) = content.xpath("//*[@epub:type='bibliography']", namespaces=NS)
    assert not content.xpath("//x:a[@epub:type='noteref']", namespaces=NS)  # a citation is not a note
    citations = content.xpath("//x:a[@epub:type='biblioref']", namespaces=NS)
    assert len(citations) == sum(len(r.backlinks) for r in doc.references) > 0
    for a in citations:
        target = a.get("href").removeprefix("#")
        assert bibliography.xpath(f".//x:li[@id='{target}']", namespaces=NS)
    ids = set(content.xpath("//@id"))
    names = []
    for ref in (r for r in doc.references if r.number):
        (entry,) = bibliography.xpath(f".//x:li[@id='{ref.id}']", namespaces=NS)
        backs = entry.xpath(".//x:a[@epub:type='backlink']", namespaces=NS)
        assert [b.get("href") for b in backs] == [f"#{c}" for c in ref.backlinks]  # every citation, in order
        assert all(c in ids for c in ref.backlinks)
        names += [b.get("aria-label") for b in backs]
    assert len(set(names)) == len(names)  # no two back-links share a name


def test_every_external_link_is_present(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    hrefs = set(book.xml("content.xhtml").xpath("//x:a/@href", namespaces=NS))
    assert [url for url in m.external_links(doc) if url not in hrefs] == []


def test_content_is_data(rich_doc: m.Document, rich_book: Book) -> None:
    content = rich_book.xml("content.xhtml")
    (h1,) = content.xpath("//x:h1", namespaces=NS)
    assert "".join(h1.itertext()) == rich_doc.title == "Rich example {{ 7*7 }} <script>alert(1)</script>"
    assert not content.xpath("//x:script", namespaces=NS)
    assert "{{ 7*7 }} and <script>alert(3)</script> stay text" in "".join(content.itertext())


def test_images_are_packaged_with_alt_text(rich_doc: m.Document, rich_book: Book) -> None:
    figures = images.figures(rich_doc)
    imgs = rich_book.xml("content.xhtml").xpath("//x:img", namespaces=NS)
    manifest = {i.get("href"): i.get("media-type") for i in rich_book.manifest()}
    assert len(imgs) == len(figures) == 2
    for img, figure in zip(imgs, figures, strict=True):
        src = img.get("src")
        assert manifest[src] == images.media_type(figure)
        assert rich_book.read(src) == Path(figure.path).read_bytes()
        assert img.get("alt") == ("" if figure.decorative else figure.alt)


def test_fonts_embedded_only_as_the_text_needs(seed_book: Book, rich_book: Book) -> None:
    def fonts(book: Book) -> list[str]:
        return sorted(str(i.get("href")) for i in book.manifest("font/ttf"))

    atkinson = [f"fonts/AtkinsonHyperlegible-{s}.ttf" for s in ("Bold", "BoldItalic", "Italic", "Regular")]
    assert fonts(seed_book) == atkinson
    # The rich fixture has a Russian word, which Atkinson Hyperlegible cannot draw.
    assert fonts(rich_book) == sorted([*atkinson, "fonts/NotoSans-Bold.ttf", "fonts/NotoSans-Regular.ttf"])
    for book in (seed_book, rich_book):
        css = book.read("fonts/fonts.css").decode()
        assert sorted(f"fonts/{u}" for u in re.findall(r'url\("([^"]+)"\)', css)) == fonts(book)


def test_stylesheet_leaves_the_reader_in_control(seed_book: Book) -> None:
    css = seed_book.read("css/epub.css").decode()
    assert css == (DEFAULT_ROOT / "epub" / "epub.css").read_text()
    code = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"\d(px|pt|cm|mm|in)\b", code), "absolute units"
    assert "justify" not in code
    assert not re.search(r"(?<![-\w])(color|background(-color)?)\s*:", code), "forced colours"
    assert not re.search(r"!important", code)
