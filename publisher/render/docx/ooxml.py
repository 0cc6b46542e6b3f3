"""Raw WordprocessingML that python-docx 1.2 has no API for, kept in one place.

Hyperlinks, bookmarks, fields, ``w:lang``/bidi, image alt text and the decorative
flag, table header rows and alt text, numbering definitions and the style
properties python-docx cannot set (shading, borders, outline level, theme-free
fonts and colours). Everything above this module works with python-docx proxies.
Element order follows the ECMA-376 schema sequences: Word rejects files whose
property elements are out of order, LibreOffice does not, so tests check it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.shape import CT_Inline
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from publisher.document.i18n import direction

Element = etree._Element

# Schema sequences (ECMA-376 Part 1, §17.3.1.26 pPr, §17.3.2.28 rPr, §17.4.60 tblPr,
# §17.6.17 sectPr, §17.7.4.17 style), cut to the children we may add.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
             "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl",
             "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
               "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription")
SECTPR_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
                "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
                "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings")
STYLE_ORDER = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
               "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
               "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
# Characters XML 1.0 cannot carry; lxml refuses them, so they are dropped, not escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def is_rtl_text(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _w(tag: str, **attrs: str) -> Element:
    el: Element = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def place(parent: Element, child: Element, order: Sequence[str]) -> Element:
    """Insert ``child`` (replacing one of the same tag) where the schema sequence wants it."""
    name = etree.QName(child).localname
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    rank = order.index(name)
    for i, sibling in enumerate(parent):
        sibling_name = etree.QName(sibling).localname
        if sibling_name in order and order.index(sibling_name) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def get_or_add(parent: Element, tag: str, order: Sequence[str]) -> Element:
    found = parent.find(qn(f"w:{tag}"))
    return found if found is not None else place(parent, _w(tag), order)


# ----------------------------------------------------------------- links and bookmarks


def external_link(container: Element, part: Part, url: str, tooltip: str = "") -> Element:
    """A ``w:hyperlink`` to ``url``; python-docx reuses one relationship per address."""
    r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = _w("hyperlink", history="1")
    if tooltip:
        link.set(qn("w:tooltip"), xml_text(tooltip))
    link.set(qn("r:id"), r_id)
    container.append(link)
    return link


def internal_link(container: Element, bookmark: str, tooltip: str = "") -> Element:
    link = _w("hyperlink", anchor=bookmark, history="1")
    if tooltip:  # Word shows it on hover and screen readers announce it with the link text
        link.set(qn("w:tooltip"), xml_text(tooltip))
    container.append(link)
    return link


def bookmark_start(container: Element, ident: int, name: str) -> None:
    container.append(_w("bookmarkStart", id=str(ident), name=name))


def bookmark_end(container: Element, ident: int) -> None:
    container.append(_w("bookmarkEnd", id=str(ident)))


# ----------------------------------------------------------------- language and direction


def lang_element(tag: str) -> Element:
    """``w:lang`` for a BCP 47 tag: Word picks val, eastAsia or bidi by the script of each character."""
    primary = tag.split("-")[0].lower()
    attrs = {"val": tag}
    if primary in CJK_LANGUAGES:
        attrs["eastAsia"] = tag
    if direction(tag) == "rtl":
        attrs["bidi"] = tag
    return _w("lang", **attrs)


def set_run_lang(rpr: Element, tag: str) -> None:
    place(rpr, lang_element(tag), RPR_ORDER)


def set_run_rtl(rpr: Element) -> None:
    place(rpr, _w("rtl"), RPR_ORDER)


def set_paragraph_bidi(ppr: Element) -> None:
    place(ppr, _w("bidi"), PPR_ORDER)


def set_section_bidi(sect_pr: Element) -> None:
    place(sect_pr, _w("bidi"), SECTPR_ORDER)


def set_doc_defaults(styles: Element, language: str, rtl: bool) -> None:
    """The document language (and direction) in ``w:docDefaults``, where Word reads it.

    Styles of a template may carry their own ``w:lang`` (a template made in en-GB
    says so on every style); those would override the default, so they go.
    """
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _w("docDefaults")
        styles.insert(0, defaults)
    rpr_default = get_or_add(defaults, "rPrDefault", ("rPrDefault", "pPrDefault"))
    rpr = get_or_add(rpr_default, "rPr", ("rPr",))
    old = rpr.find(qn("w:lang"))
    lang = lang_element(language)
    if old is not None:  # keep the template's choice for scripts the document is not in
        for attr in ("eastAsia", "bidi"):
            if old.get(qn(f"w:{attr}")) and not lang.get(qn(f"w:{attr}")):
                lang.set(qn(f"w:{attr}"), old.get(qn(f"w:{attr}")) or "")
    place(rpr, lang, RPR_ORDER)
    for style_rpr in styles.findall(f"{qn('w:style')}/{qn('w:rPr')}"):
        for style_lang in style_rpr.findall(qn("w:lang")):
            style_rpr.remove(style_lang)
    if rtl:
        ppr_default = get_or_add(defaults, "pPrDefault", ("rPrDefault", "pPrDefault"))
        set_paragraph_bidi(get_or_add(ppr_default, "pPr", ("pPr",)))


# ----------------------------------------------------------------- fields


def add_field(paragraph: CT_P, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with a cached result Word refreshes on layout."""
    def run(child: Element) -> None:
        r = _w("r")
        r.append(child)
        paragraph.append(r)

    run(_w("fldChar", fldCharType="begin"))
    instr = _w("instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run(instr)
    run(_w("fldChar", fldCharType="separate"))
    text = _w("t")
    text.text = shown
    run(text)
    run(_w("fldChar", fldCharType="end"))


# ----------------------------------------------------------------- images


def set_alt_text(inline: CT_Inline, alt: str, decorative: bool) -> None:
    """Alt text in ``wp:docPr@descr`` (what Word's checker reads), or Word's decorative flag."""
    props = [inline.docPr, *inline.xpath(".//pic:cNvPr")]
    for prop in props:
        prop.set("descr", xml_text(alt))
    if decorative:
        ext_list = parse_xml(
            f'<a:extLst {nsdecls("a")}><a:ext uri="{DECORATIVE_URI}">'
            f'<adec:decorative xmlns:adec="{DECORATIVE_NS}" val="1"/></a:ext></a:extLst>'
        )
        inline.docPr.append(ext_list)


# ----------------------------------------------------------------- tables


def mark_table(tbl: Element, caption: str, description: str, rtl: bool) -> None:
    """Repeat the first row as a header, flag it for the table style, and name the table."""
    tbl_pr = tbl.find(qn("w:tblPr"))
    assert tbl_pr is not None
    place(tbl_pr, _w("tblW", w="5000", type="pct"), TBLPR_ORDER)
    place(tbl_pr, _w("tblLook", val="0420", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
                     noHBand="0", noVBand="1"), TBLPR_ORDER)
    place(tbl_pr, _w("tblCaption", val=xml_text(caption)), TBLPR_ORDER)
    place(tbl_pr, _w("tblDescription", val=xml_text(description)), TBLPR_ORDER)
    if rtl:
        place(tbl_pr, _w("bidiVisual"), TBLPR_ORDER)
    first_row = tbl.find(qn("w:tr"))
    assert first_row is not None
    tr_pr = first_row.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = _w("trPr")
        first_row.insert(1 if first_row.find(qn("w:tblPrEx")) is not None else 0, tr_pr)
    tr_pr.append(_w("cantSplit"))
    tr_pr.append(_w("tblHeader"))


def table_style_header(style: Element, fill: str, bold: bool) -> None:
    """Conditional formatting of a table style's first row (``w:tblStylePr type=firstRow``)."""
    cond = _w("tblStylePr", type="firstRow")
    if bold:
        rpr = _w("rPr")
        rpr.append(_w("b"))
        rpr.append(_w("bCs"))
        cond.append(rpr)
    if fill:
        tc_pr = _w("tcPr")
        tc_pr.append(_w("shd", val="clear", color="auto", fill=fill))
        cond.append(tc_pr)
    for old in style.findall(qn("w:tblStylePr")):
        if old.get(qn("w:type")) == "firstRow":
            style.remove(old)
    style.append(cond)


def table_borders(tbl_pr: Element, color: str) -> None:
    borders = _w("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_w(side, val="single", sz="4", space="0", color=color))
    place(tbl_pr, borders, TBLPR_ORDER)


# ----------------------------------------------------------------- numbering


def add_list_definition(numbering: Element, ordered: bool, start: int, indent: int, hanging: int) -> int:
    """A new abstract list and a ``w:num`` using it; returns the ``numId``.

    Every ordered list gets its own definition so that its count starts at its
    own ``start`` instead of continuing the previous list's.
    """
    abstract_ids = [int(a.get(qn("w:abstractNumId")) or 0) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId")) or 0) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1
    abstract = _w("abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_w("multiLevelType", val="hybridMultilevel"))
    bullets = ("•", "◦", "▪")
    for level in range(9):
        lvl = _w("lvl", ilvl=str(level))
        lvl.append(_w("start", val=str(start if ordered else 1)))
        lvl.append(_w("numFmt", val="decimal" if ordered else "bullet"))
        lvl.append(_w("lvlText", val=f"%{level + 1}." if ordered else bullets[level % 3]))
        lvl.append(_w("lvlJc", val="left"))
        ppr = _w("pPr")
        ppr.append(_w("ind", left=str(indent * (level + 1)), hanging=str(hanging)))
        lvl.append(ppr)
        abstract.append(lvl)
    existing = numbering.findall(qn("w:abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    num = _w("num", numId=str(num_id))
    num.append(_w("abstractNumId", val=str(abstract_id)))
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[-1].addnext(num)
    else:
        abstract.addnext(num)
    return num_id


def set_numbering(ppr: Element, num_id: int, level: int) -> None:
    num_pr = _w("numPr")
    num_pr.append(_w("ilvl", val=str(level)))
    num_pr.append(_w("numId", val=str(num_id)))
    place(ppr, num_pr, PPR_ORDER)


# ----------------------------------------------------------------- style properties


def set_fonts(rpr: Element, name: str) -> None:
    """Explicit fonts for every script slot; theme font attributes would win over them."""
    place(rpr, _w("rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name), RPR_ORDER)


def set_color(rpr: Element, color: str) -> None:
    """An explicit colour; a ``w:themeColor`` beside it would take precedence, so none is kept."""
    place(rpr, _w("color", val=color), RPR_ORDER)


def set_size(rpr: Element, points: float) -> None:
    """Size for every script (``w:szCs`` is what Arabic or Hebrew text uses)."""
    place(rpr, _w("sz", val=str(round(points * 2))), RPR_ORDER)
    place(rpr, _w("szCs", val=str(round(points * 2))), RPR_ORDER)


def set_toggle(rpr: Element, prop: str, on: bool) -> None:
    """Bold (``b``) or italic (``i``), for Latin and complex scripts alike."""
    for tag in (prop, prop + "Cs"):
        place(rpr, _w(tag, val="1" if on else "0"), RPR_ORDER)


def set_shading(ppr: Element, fill: str) -> None:
    place(ppr, _w("shd", val="clear", color="auto", fill=fill), PPR_ORDER)


def set_border(ppr: Element, sides: Iterable[str], color: str, eighths: int = 12, space: int = 6) -> None:
    borders = _w("pBdr")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            borders.append(_w(side, val="single", sz=str(eighths), space=str(space), color=color))
    place(ppr, borders, PPR_ORDER)


def set_outline_level(ppr: Element, level: int) -> None:
    """Level 0 = Heading 1: what puts a paragraph style in Word's navigation pane."""
    place(ppr, _w("outlineLvl", val=str(level)), PPR_ORDER)


def ensure_section_properties(body: Element) -> None:
    """A body without ``w:sectPr`` (a minimal template) gets an empty one, as Word would."""
    if body.find(qn("w:sectPr")) is None:
        body.append(_w("sectPr"))


def remove_children(parent: Element, keep: Iterable[str] = ()) -> None:
    kept = {qn(tag) for tag in keep}
    for child in list(parent):
        if child.tag not in kept:
            parent.remove(child)
