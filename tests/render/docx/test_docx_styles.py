"""Legibility of the styles the DOCX uses, checked on the output (sizes, spacing, contrast, font)
and schema order of the properties we write, which Word enforces and LibreOffice does not."""

from __future__ import annotations

from docx_xml import NS, Docx, W, contrast, style_id
from lxml import etree

from publisher.document import model as m
from publisher.render.docx import ooxml


class Styles:
    def __init__(self, out: Docx) -> None:
        self.root = out.styles
        self.by_id = {s.get(W + "styleId"): s for s in self.root.findall("w:style", NS)}

    def resolve(self, sid: str, path: str, attr: str = "val") -> str | None:
        """A property through the basedOn chain, then the document defaults."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            found = style.find(path, NS)
            if found is not None and found.get(W + attr) is not None:
                return found.get(W + attr)
            based = style.find("w:basedOn", NS)
            sid = based.get(W + "val") if based is not None else ""
        default = self.root.find("w:docDefaults/w:rPrDefault/" + path, NS)
        if default is None:
            default = self.root.find("w:docDefaults/w:pPrDefault/" + path, NS)
        return default.get(W + attr) if default is not None else None


def used_styles(out: Docx) -> tuple[set[str], set[str]]:
    """(paragraph style ids, character style ids) used in the body, header and footer."""
    paragraph, character = set(), set()
    for name in out.names():
        if name.startswith("word/") and name.split("/")[-1].startswith(("document", "header", "footer")):
            part = out.xml(name)
            paragraph |= {style_id(p) for p in part.iter(W + "p")}
            character |= {s.get(W + "val") for s in part.iter(W + "rStyle")}
    return paragraph, character


def test_every_used_style_is_at_least_12_points(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    styles = Styles(out)
    paragraph, character = used_styles(out)
    for sid in paragraph:
        assert int(styles.resolve(sid, "w:rPr/w:sz")) >= 24, sid
    for sid in character:
        size = styles.by_id[sid].find("w:rPr/w:sz", NS)
        assert size is None or int(size.get(W + "val")) >= 24, sid


def test_body_text_is_sans_serif_left_aligned_with_1_15_to_1_5_spacing(seed_docx: Docx) -> None:
    styles = Styles(seed_docx)
    assert styles.resolve("Normal", "w:rPr/w:rFonts", "ascii") == "Arial"
    assert styles.resolve("Normal", "w:rPr/w:rFonts", "asciiTheme") is None  # a theme font would win
    paragraph, _ = used_styles(seed_docx)
    for sid in paragraph:
        assert styles.resolve(sid, "w:pPr/w:jc") in (None, "left", "start"), sid
        line, rule = styles.resolve(sid, "w:pPr/w:spacing", "line"), styles.resolve(sid, "w:pPr/w:spacing", "lineRule")
        if sid in ("Normal", "ListBullet", "ListNumber", "ListContinue", "Reference", "Note", "Quote"):
            assert rule == "auto" and 276 <= int(line) <= 360, (sid, line)


def test_text_colours_have_7_to_1_contrast_on_every_background_used(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    styles = Styles(out)
    paragraph, character = used_styles(out)
    backgrounds = {"FFFFFF"} | {styles.resolve(s, "w:pPr/w:shd", "fill") or "FFFFFF" for s in paragraph}
    header = styles.by_id["DataTable"].find("w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd", NS)
    backgrounds.add(header.get(W + "fill"))  # links may sit in a table's header row
    colours = {styles.resolve(s, "w:rPr/w:color") for s in paragraph | character} - {None, "auto"}
    assert colours  # the check compares something
    for fg in colours:
        for bg in backgrounds:
            assert contrast(fg, bg) >= 7, (fg, bg, round(contrast(fg, bg), 2))
    # The w:color that decides each style's colour names no theme colour (which would override the value).
    for sid in paragraph | character:
        assert styles.resolve(sid, "w:rPr/w:color", "themeColor") is None, sid


ORDERS = {"pPr": ooxml.PPR_ORDER, "rPr": ooxml.RPR_ORDER, "tblPr": ooxml.TBLPR_ORDER, "sectPr": ooxml.SECTPR_ORDER}


def test_properties_are_in_schema_order(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    for name in out.names():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        for el in out.xml(name).iter(*(W + t for t in ORDERS)):
            local = etree.QName(el).localname
            order = ORDERS[local]
            children = [etree.QName(c).localname for c in el if etree.QName(c).namespace == NS["w"]]
            known = [c for c in children if c in order]
            assert known == sorted(known, key=order.index), (name, local, children)


def test_style_map_numbers_are_what_the_issue_asks() -> None:
    from publisher.render.docx.styles import load_style_map, style_map_path
    from publisher.render.layout import Layout

    style_map = load_style_map(style_map_path(Layout()))
    assert style_map.size_pt >= 12
    assert 1.15 <= (style_map.styles["Normal"].line_spacing or 0) <= 1.5
    for name, spec in style_map.styles.items():
        assert spec.size_pt is None or spec.size_pt >= 12, name
        if spec.color:
            assert contrast(spec.color, "FFFFFF") >= 7, name
