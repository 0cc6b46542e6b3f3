"""The raw OOXML helpers and bookmark naming, checked on the XML they write."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from publisher.render.docx import ooxml
from publisher.render.docx.anchors import Anchors


def children(el: etree._Element) -> list[str]:
    return [etree.QName(c).localname for c in el]


def test_place_keeps_schema_order_and_replaces_duplicates() -> None:
    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:rStyle w:val="X"/><w:sz w:val="24"/></w:rPr>')
    ooxml.set_run_lang(rpr, "es")
    ooxml.set_toggle(rpr, "b", True)
    ooxml.set_color(rpr, "1A1A1A")
    ooxml.set_run_lang(rpr, "fr")
    assert children(rpr) == ["rStyle", "b", "bCs", "color", "sz", "lang"]
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "fr"


@pytest.mark.parametrize(("tag", "attrs"), [
    ("en-US", {"val": "en-US"}),
    ("ar", {"val": "ar", "bidi": "ar"}),
    ("zh-Hans", {"val": "zh-Hans", "eastAsia": "zh-Hans"}),
])
def test_lang_element_fills_the_script_slot_of_the_language(tag: str, attrs: dict[str, str]) -> None:
    el = ooxml.lang_element(tag)
    assert {etree.QName(k).localname: v for k, v in el.attrib.items()} == attrs


def test_set_color_drops_theme_colours() -> None:
    rpr = parse_xml(f'<w:rPr {nsdecls("w")}><w:color w:val="4F81BD" w:themeColor="accent1"/></w:rPr>')
    ooxml.set_color(rpr, "1F3864")
    (color,) = rpr
    assert dict(color.attrib) == {qn("w:val"): "1F3864"}


def test_doc_defaults_language_replaces_style_languages() -> None:
    document = docx.Document()
    styles = document.styles.element
    normal_rpr = document.styles["Normal"].element.get_or_add_rPr()
    ooxml.set_run_lang(normal_rpr, "en-GB")
    ooxml.set_doc_defaults(styles, "es", rtl=False)
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "es"
    assert lang.get(qn("w:bidi")) == "ar-SA"  # the template's choice for a script the text is not in
    assert normal_rpr.find(qn("w:lang")) is None


def test_each_ordered_list_gets_its_own_definition_and_start() -> None:
    numbering = docx.Document().part.numbering_part.element
    first = ooxml.add_list_definition(numbering, True, 3, 720, 360)
    second = ooxml.add_list_definition(numbering, True, 1, 720, 360)
    assert first != second
    nums = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val"))
            for n in numbering.findall(qn("w:num"))}
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering.findall(qn("w:abstractNum"))}
    start = abstracts[nums[str(first)]].find(f"{qn('w:lvl')}/{qn('w:start')}").get(qn("w:val"))
    assert start == "3"
    # Every abstractNum comes before the first num, as the schema requires.
    tags = children(numbering)
    assert max(i for i, t in enumerate(tags) if t == "abstractNum") < min(i for i, t in enumerate(tags) if t == "num")


def test_fields_are_complete_begin_separate_end_sequences() -> None:
    p = parse_xml(f'<w:p {nsdecls("w")}/>')
    ooxml.add_field(p, "PAGE", "1")
    kinds = [r[0].get(qn("w:fldCharType")) or etree.QName(r[0]).localname for r in p]
    assert kinds == ["begin", "instrText", "separate", "t", "end"]


def test_xml_text_drops_characters_xml_cannot_hold() -> None:
    assert ooxml.xml_text("a\x00b\x0bc\ufffed\te\n") == "abcd\te\n"


def test_bookmark_names_are_valid_unique_and_stable() -> None:
    anchors = Anchors()
    assert anchors.name("heading", "testing-resources") == "testing_resources"
    assert anchors.name("heading", "2019-update") == "b_2019_update"
    assert anchors.name("heading", "ref-1") == "ref_1"
    assert anchors.name("reference", "ref-1") == "ref_1_2"  # a heading took it first
    assert anchors.name("reference", "ref-1") == "ref_1_2"  # same key, same name
    assert anchors.name("heading", "REF_1") == "REF_1_3"  # Word ignores case
    long = "a-" * 40
    first, second = anchors.name("heading", long), anchors.name("citation", long)
    assert len(first) == len(second) == 40 and first != second
    assert anchors.name("heading", "ünïcode-ĥeading") == "ncode_eading"
    assert anchors.next_id() != anchors.next_id()
