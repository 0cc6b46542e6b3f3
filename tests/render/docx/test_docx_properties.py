"""Document properties, language, direction, header and footer, and reproducible bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from collections.abc import Callable

from docx_xml import NS, Docx, W, paragraph_text

from publisher.document import model as m
from publisher.document.i18n import format_date
from publisher.render import RenderOptions, edition
from publisher.render.docx import render
from publisher.render.layout import Layout


def test_core_properties_come_from_the_model(seed_docx: Docx, seed_doc: m.Document) -> None:
    props = seed_docx.python_docx().core_properties
    assert props.title == seed_doc.title
    assert props.subject == seed_doc.description
    assert props.comments == seed_doc.description
    assert props.keywords == ", ".join(seed_doc.keywords)
    assert props.author == seed_doc.publisher.name
    assert props.last_modified_by == seed_doc.publisher.name
    assert props.language == seed_doc.language
    assert props.revision == 1  # the seed has no version
    assert props.created == dt.datetime(2015, 6, 26, tzinfo=dt.UTC)  # the review the text comes from
    assert props.modified == edition.modified(seed_doc)  # this edition: its date, a time from its content
    assert props.modified.date() == seed_doc.edition_date == seed_doc.last_reviewed
    assert props.last_printed is None
    assert props.category == ""


def test_nothing_is_left_from_the_python_docx_template(seed_docx: Docx) -> None:
    for name in seed_docx.names():
        text = seed_docx.zip.read(name)
        if name != "docProps/app.xml":  # ours names the libraries that wrote the file, python-docx among them
            assert b"python-docx" not in text, name
        assert b"2013-12-23" not in text, name
    # The template's app.xml would claim "Microsoft Macintosh Word" and its page counts; the thumbnail
    # is a blank page; stylesWithEffects is a stale copy of the styles that Word 2010 prefers.
    assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"} & set(seed_docx.names())
    app = seed_docx.zip.read("docProps/app.xml").decode()
    assert "<Application>publisher " in app and "Word" not in app and "Pages" not in app


def test_document_language_is_in_doc_defaults(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    lang = out.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(W + "val") == doc.language
    assert out.styles.find("w:style/w:rPr/w:lang", NS) is None  # no style overrides it


def test_spans_in_another_language_carry_w_lang(rich_docx: Docx) -> None:
    langs = {paragraph_text(r): r.find("w:rPr/w:lang", NS).get(W + "val")
             for r in rich_docx.document.iter(W + "r") if r.find("w:rPr/w:lang", NS) is not None}
    assert langs == {"enfermedad rara": "es"}


def test_header_has_the_title_and_footer_page_x_of_y_and_review_date(seed_docx: Docx, seed_doc: m.Document) -> None:
    rels = seed_docx.rels()
    sect = seed_docx.document.find("w:body/w:sectPr", NS)
    r_id = f"{{{NS['r']}}}id"
    header = seed_docx.xml("word/" + rels[sect.find("w:headerReference", NS).get(r_id)].get("Target"))
    footer = seed_docx.xml("word/" + rels[sect.find("w:footerReference", NS).get(r_id)].get("Target"))
    assert [paragraph_text(p) for p in header.findall("w:p", NS)] == [seed_doc.title]
    fields = [i.text.strip() for i in footer.iter(W + "instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    lines = [paragraph_text(p) for p in footer.findall("w:p", NS)]
    assert lines == ["Page 1 of 1", f"Last reviewed: {format_date(seed_doc.last_reviewed, 'en')}"]


def test_two_renders_are_byte_identical(seed_doc: m.Document, seed_docx: Docx) -> None:
    again = render(seed_doc, Layout(), RenderOptions())
    assert again == seed_docx.data


def test_zip_entries_are_dated_from_the_edition(seed_docx: Docx, seed_doc: m.Document) -> None:
    reviewed = seed_doc.edition_date
    infos = seed_docx.zip.infolist()
    assert {i.date_time for i in infos} == {(reviewed.year, reviewed.month, reviewed.day, 0, 0, 0)}
    assert infos[0].filename == "[Content_Types].xml"
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos)


def test_right_to_left_documents_get_bidi_properties(seed_doc: m.Document,
                                                     render_docx: Callable[..., Docx]) -> None:
    arabic = dataclasses.replace(seed_doc, language="ar", direction="rtl", title="الساركوما العضلية الملساء")
    out = render_docx(arabic)
    assert out.styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:bidi", NS) is not None
    lang = out.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(W + "val") == "ar" and lang.get(W + "bidi") == "ar"
    assert out.document.find("w:body/w:sectPr/w:bidi", NS) is not None
    title_run = out.document.find("w:body/w:p/w:r", NS)
    assert title_run.find("w:rPr/w:rtl", NS) is not None
    # Left-to-right text keeps no rtl mark.
    latin = next(r for r in out.document.iter(W + "r") if "Leiomyosarcoma is a rare" in paragraph_text(r))
    assert latin.find("w:rPr/w:rtl", NS) is None


def test_left_to_right_documents_have_no_bidi(seed_docx: Docx) -> None:
    assert seed_docx.styles.find(".//w:bidi", NS) is None
    assert seed_docx.document.find(".//w:bidi", NS) is None
