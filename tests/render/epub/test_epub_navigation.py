"""The navigation document: toc equal to the model's outline, landmarks, no page list, and the NCX."""

from __future__ import annotations

import dataclasses

from epub_book import EPUB_TYPE, NS, XML_LANG, Book, render_epub
from lxml import etree

from publisher.document import model as m


def _toc_entries(ol: etree._Element, depth: int = 1) -> list[tuple[int, str, str]]:
    out = []
    for li in ol.xpath("x:li", namespaces=NS):
        (a,) = li.xpath("x:a", namespaces=NS)
        out.append((depth, "".join(a.itertext()), a.get("href")))
        for child in li.xpath("x:ol", namespaces=NS):
            out.extend(_toc_entries(child, depth + 1))
    return out


def test_toc_is_the_outline(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    nav = book.xml(book.nav_href())
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    assert toc.get("role") == "doc-toc"
    (ol,) = toc.xpath("x:ol", namespaces=NS)
    got = _toc_entries(ol)
    assert [(level, title, href.split("#")[1]) for level, title, href in got] == [
        (e.level, e.title, e.id) for e in m.outline(doc)
    ]


def test_toc_targets_exist(any_case: tuple[m.Document, Book]) -> None:
    _, book = any_case
    nav = book.xml(book.nav_href())
    for href in nav.xpath("//x:nav//x:a/@href", namespaces=NS):
        name, _, fragment = href.partition("#")
        target = book.xml(name)
        if fragment:
            assert target.xpath(f"//*[@id='{fragment}']"), href


def test_landmarks_name_toc_bodymatter_and_bibliography(seed_book: Book) -> None:
    nav = seed_book.xml(seed_book.nav_href())
    (landmarks,) = nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    links = landmarks.xpath(".//x:a", namespaces=NS)
    assert [a.get(EPUB_TYPE) for a in links] == ["toc", "bodymatter", "bibliography"]
    assert [a.get("href") for a in links] == ["nav.xhtml#toc", "content.xhtml", "content.xhtml#references-section"]


def test_landmarks_are_never_empty(seed_doc: m.Document) -> None:
    bare = dataclasses.replace(seed_doc, references=(),
                               sections=tuple(s for s in seed_doc.sections if s.role != "references"))
    book = Book(render_epub(bare))
    nav = book.xml(book.nav_href())
    types = nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type", namespaces=NS)
    assert types == ["toc", "bodymatter"]


def test_no_page_list(any_case: tuple[m.Document, Book]) -> None:
    _, book = any_case
    for item in book.manifest("application/xhtml+xml"):
        assert not book.xml(item.get("href")).xpath("//*[@epub:type='page-list']", namespaces=NS)
    assert not book.xml("toc.ncx").xpath("//ncx:pageList", namespaces=NS)


def test_nav_is_a_non_linear_spine_item(seed_book: Book) -> None:
    itemrefs = seed_book.opf.xpath("//opf:spine/opf:itemref", namespaces=NS)
    assert [(i.get("idref"), i.get("linear")) for i in itemrefs] == [("content", None), ("nav", "no")]


def test_ncx_repeats_the_outline(seed_doc: m.Document, seed_book: Book) -> None:
    ncx = seed_book.xml("toc.ncx")
    labels = ncx.xpath("//ncx:navPoint/ncx:navLabel/ncx:text/text()", namespaces=NS)
    assert labels == [e.title for e in m.outline(seed_doc)]
    ids = ncx.xpath("//ncx:navPoint/@id", namespaces=NS)
    assert len(ids) == len(set(ids))


def test_ncx_has_play_order_and_its_true_depth(any_case: tuple[m.Document, Book]) -> None:
    doc, book = any_case
    ncx = book.xml("toc.ncx")
    # NCX 2005-1 DTD: every navPoint has playOrder, in reading order from 1; dtb:depth is the navMap's depth.
    orders = [int(n) for n in ncx.xpath("//ncx:navPoint/@playOrder", namespaces=NS)]
    assert orders == list(range(1, len(ncx.xpath("//ncx:navPoint", namespaces=NS)) + 1))
    (depth,) = ncx.xpath("//ncx:head/ncx:meta[@name='dtb:depth']/@content", namespaces=NS)
    deepest = max(s.level for s in m.walk_sections(doc.sections))  # the title's navPoint holds level 2
    assert int(depth) == deepest
    assert ncx.get(XML_LANG) == doc.language
