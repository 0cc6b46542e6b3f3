"""A table without a caption, DOCX column widths from content, and the "Further reading" list, in every format."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.docx import render as render_docx
from publisher.render.docx.walker import column_widths
from publisher.render.epub import render as render_epub
from publisher.render.epub.metadata import Content, summary
from publisher.render.html import render as render_html
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parents[2]
NO_CAPTION = ROOT / "tests" / "fixtures" / "tables" / "no-caption.yaml"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml"
RICH = ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


def _doc(path: Path) -> m.Document:
    return load(path, BuildPlan(out_dir=Path("unused"), project_root=ROOT))


def _docx_xml(doc: m.Document) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_docx(doc, Layout(), RenderOptions()))) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _epub_content(doc: m.Document) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(render_epub(doc, Layout(), RenderOptions()))) as zf:
        return etree.fromstring(zf.read("EPUB/content.xhtml"))


def test_a_table_without_caption_is_named_by_its_header_row() -> None:
    doc = _doc(NO_CAPTION)
    (table,) = [b for b in m.all_blocks(doc) if isinstance(b, m.Table)]
    assert table.caption == ""
    page = lxml.html.fromstring(render_html(doc, Layout(), RenderOptions()))
    (html_table,) = page.xpath("//table")
    assert not html_table.xpath("caption") and html_table.get("aria-label") is None  # no invented name
    assert html_table.xpath("thead/tr/th[@scope='col']/text()") == ["Sign", "What to do"]
    (epub_table,) = _epub_content(doc).xpath("//x:table", namespaces=XHTML)
    assert not epub_table.xpath("x:caption", namespaces=XHTML)
    body = _docx_xml(doc)
    (tbl,) = body.iter(f"{W}tbl")
    assert tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == "Sign, What to do"  # Word's alt text
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in body.iter(f"{W}p")]
    assert "TableCaption" not in {s.get(f"{W}val") for s in styles if s is not None}
    assert "The table has header cells." in summary(doc, Content.of(doc))  # no claim of a caption


def test_a_captioned_table_keeps_its_caption() -> None:
    doc = _doc(RICH)
    page = lxml.html.fromstring(render_html(doc, Layout(), RenderOptions()))
    assert page.xpath("//table/caption/text()") == ["When to seek care"]
    assert "a caption and header cells" in summary(doc, Content.of(doc))


def test_docx_columns_follow_their_content() -> None:
    doc = _doc(NO_CAPTION)
    (tbl,) = _docx_xml(doc).iter(f"{W}tbl")
    grid = [int(c.get(f"{W}w")) for c in tbl.iter(f"{W}gridCol")]
    assert grid[1] > 3 * grid[0]  # one word against a sentence: not 50/50
    cells = [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tr").iter(f"{W}tcW")]
    assert cells == grid
    (table,) = [b for b in m.all_blocks(doc) if isinstance(b, m.Table)]
    assert sum(column_widths(table, 9360)) == 9360
    even = m.Table("", ((m.Text("A"),), (m.Text("B"),)), (((m.Text("one"),), (m.Text("two"),)),))
    assert column_widths(even, 9000) == [4500, 4500]


def test_uncited_references_are_further_reading_in_every_format() -> None:
    doc = _doc(MINIMAL)
    (further,) = m.further_reading(doc)
    text = m.inline_text(further.entry)
    assert text == "Never Cited."  # no URL: a book, whose title AMA writes in title case
    page = lxml.html.fromstring(render_html(doc, Layout(), RenderOptions()))
    assert [li.get("value") for li in page.xpath("//ol[@class='references']/li")] == ["1", "2"]
    (item,) = page.xpath("//ul[@class='further-reading']/li")
    assert item.text_content() == text and not item.xpath(".//a[@role='doc-backlink']")
    assert page.xpath("//h2[@id='further-reading']/text()") == ["Further reading"]
    content = _epub_content(doc)
    assert [e.text for e in content.xpath("//x:h2", namespaces=XHTML)][-2:] == ["References", "Further reading"]
    assert not content.xpath("//x:ul[@class='further-reading']//x:a", namespaces=XHTML)
    body = _docx_xml(doc)
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
    after = paragraphs[paragraphs.index("Further reading") + 1]
    assert after == text  # no "[3]", no back-link
    words = summary(doc, Content.of(doc))
    assert "Its 2 numbered references link to and from the text." in words
    assert "A further-reading list names 1 more work." in words
