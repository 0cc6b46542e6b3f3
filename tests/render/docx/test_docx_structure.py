"""Headings, outline and blocks of the DOCX: what Word's navigation pane and a reader see."""

from __future__ import annotations

import itertools
import re

from docx_xml import NS, Docx, W, heading_level, normalise, paragraph_text, reading_order, style_id

from publisher.document import model as m
from publisher.document.bibliography import reference_text


def headings(out: Docx) -> list[tuple[int, str, str]]:
    """(level, text, bookmark name) of every body paragraph in a Heading N style."""
    names = out.style_names()
    found = []
    for p in out.body_paragraphs():
        level = heading_level(names.get(style_id(p), ""))
        if level is not None:
            mark = p.find("w:bookmarkStart", NS)
            found.append((level, paragraph_text(p), mark.get(W + "name") if mark is not None else ""))
    return found


def test_heading_styles_and_outline_equal_the_model_outline(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    assert [(lvl, text) for lvl, text, _ in headings(out)] == [(e.level, e.title) for e in m.outline(doc)]


def test_headings_are_built_in_styles_with_outline_levels(seed_docx: Docx) -> None:
    # The navigation pane lists paragraphs whose style has w:outlineLvl; "Title" has none.
    styles = {s.get(W + "styleId"): s for s in seed_docx.styles.findall("w:style", NS)}
    for p in seed_docx.body_paragraphs():
        style = styles[style_id(p)]
        level = heading_level(style.find("w:name", NS).get(W + "val"))
        if level is not None:
            assert style.find("w:pPr/w:outlineLvl", NS).get(W + "val") == str(level - 1)
    assert "Title" not in {style_id(p) for p in seed_docx.body_paragraphs()}


def test_no_heading_level_is_skipped(any_docx: tuple[m.Document, Docx]) -> None:
    levels = [lvl for lvl, _, _ in headings(any_docx[1])]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_headings_are_bookmarked_with_sanitised_model_ids(seed_docx: Docx, seed_doc: m.Document) -> None:
    marks = [name for _, _, name in headings(seed_docx)]
    assert marks == [e.id.replace("-", "_") for e in m.outline(seed_doc)]


def test_no_empty_paragraph_is_used_for_spacing(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    for p in out.body_paragraphs():
        has_content = paragraph_text(p).strip() or p.find(".//w:drawing", NS) is not None
        assert has_content, f"empty paragraph: {p.find('w:pPr/w:pStyle', NS)}"


def test_every_paragraph_of_the_model_is_in_the_body_in_order(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    body = normalise(" ".join(paragraph_text(p) for p in out.document.iter(W + "p")))
    position = 0
    for section in m.walk_sections(doc.sections):
        for text in [section.title, *reading_order(section.blocks)]:
            found = body.find(normalise(text), position)
            assert found >= 0, f"missing or out of order: {text[:60]!r}"
            position = found


def test_reference_list_is_numbered_as_the_model(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    entries = [normalise(paragraph_text(p)) for p in out.body_paragraphs() if style_id(p) == "Reference"]
    expected = [normalise(f"[{r.number}] {reference_text(r, doc)}") for r in m.cited_references(doc)]
    back = re.compile(rf" {re.escape(doc.strings['back_to_text'])}(: [a-z]+( [a-z]+)*)?$")
    assert [back.sub("", e) for e in entries] == expected


def test_citations_show_their_model_number(seed_docx: Docx, seed_doc: m.Document) -> None:
    citations = [c for b in m.all_blocks(seed_doc) for run in m.block_inlines(b) for c in m.iter_inlines(run)
                 if isinstance(c, m.Citation)]
    shown = [paragraph_text(h) for h in seed_docx.document.iter(W + "hyperlink") if h.get(W + "anchor", "")
             .startswith("ref_")]
    assert shown == [f"[{c.number}]" for c in citations]


def test_lists_use_word_numbering(rich_docx: Docx) -> None:
    numbered = {}
    for p in rich_docx.body_paragraphs():
        num = p.find("w:pPr/w:numPr", NS)
        if num is not None:
            numbered[paragraph_text(p)] = (style_id(p), num.find("w:ilvl", NS).get(W + "val"),
                                           num.find("w:numId", NS).get(W + "val"))
    assert numbered["third item"][0] == "ListNumber"
    assert numbered["nested bullet"][:2] == ("ListBullet", "1")
    assert numbered["first bullet"][:2] == ("ListBullet", "0")
    # The ordered list starts at 3, as in the source, and has a definition of its own.
    numbering = rich_docx.xml("word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{numbered['third item'][2]}']", NS)
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{num.find('w:abstractNumId', NS).get(W + 'val')}']",
                              NS)
    assert abstract.find("w:lvl[@w:ilvl='0']/w:start", NS).get(W + "val") == "3"
    assert abstract.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(W + "val") == "decimal"


def test_quote_note_answer_and_resource_blocks(rich_docx: Docx) -> None:
    by_text = {paragraph_text(p): style_id(p) for p in rich_docx.body_paragraphs()}
    assert by_text["A quoted sentence from a patient."] == "Quote"
    assert by_text["Warning"] == "Note"  # the kind label, from doc.strings
    assert by_text["Talk to your doctor before changing a dose."] == "Note"
    assert by_text["Answer"] == "ListContinue"
    assert by_text["Yes, this answer was written by a clinician."] == "ListContinue"
    assert by_text["Example Resource offers information about this test."] == "ListBullet"
    assert by_text["A note under the resource."] == "ListContinue"


def test_a_question_without_answer_gets_no_invented_one(rich_docx: Docx) -> None:
    texts = [paragraph_text(p) for p in rich_docx.body_paragraphs()]
    unanswered = texts.index("This question has no answer yet.")
    assert texts[unanswered + 1] != "Answer"
    assert texts.count("Answer") == 1


def test_inline_formatting_and_line_break(rich_docx: Docx) -> None:
    summary = next(p for p in rich_docx.body_paragraphs() if paragraph_text(p).startswith("Plain text"))
    runs = {"".join(t.text for t in r.findall("w:t", NS)): r for r in summary.iter(W + "r")}
    assert runs["emphasis"].find("w:rPr/w:i", NS).get(W + "val") == "1"
    assert runs["strong words"].find("w:rPr/w:b", NS).get(W + "val") == "1"
    assert runs["code"].find("w:rPr/w:rStyle", NS).get(W + "val") == "InlineCode"
    assert summary.find(".//w:br", NS) is not None
