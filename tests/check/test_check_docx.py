"""DOCX rules: the seed passes; each rule fails, naming the file and the rule, on a DOCX broken for it."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from check_fixtures import NAMES, Checked
from check_mutate import edit_member, read_member
from docx.oxml.parser import OxmlElement

DOCX_RULES = ["docx.heading-styles", "docx.heading-order", "docx.title", "docx.language", "docx.hyperlinks",
              "docx.image-alt", "docx.table-headers"]
DOCUMENT = "word/document.xml"


def test_seed_docx_passes_every_docx_rule(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["docx"]
    result = run_check(path)
    assert result.status == 0, result.out
    assert all(f"{path}: {rule}: fail" not in result.out for rule in DOCX_RULES)


def unstyle_title(xml: str) -> str:
    # The title paragraph loses its Heading 1 style: Word sees no title heading any more.
    return xml.replace('<w:pStyle w:val="Heading1"/>', "", 1)


def skip_a_level(xml: str) -> str:
    return xml.replace('<w:pStyle w:val="Heading2"/>', '<w:pStyle w:val="Heading4"/>', 1)


def empty_heading(xml: str) -> str:
    return re.sub(r'(<w:pStyle w:val="Heading2"/>.*?<w:t>)[^<]+(</w:t>)', r"\1\2", xml, count=1)


def dangling_relationship(xml: str) -> str:
    return re.sub(r'(<w:hyperlink[^>]*r:id=")rId\d+"', r'\1rId999"', xml, count=1)


def dangling_anchor(xml: str) -> str:
    return xml.replace('w:anchor="ref_1"', 'w:anchor="ref_99"', 1)


MUTATIONS = [
    ("docx.heading-styles", DOCUMENT, unstyle_title),
    ("docx.heading-order", DOCUMENT, unstyle_title),
    ("docx.heading-order", DOCUMENT, skip_a_level),
    ("docx.heading-order", DOCUMENT, empty_heading),
    ("docx.hyperlinks", DOCUMENT, dangling_relationship),
    ("docx.hyperlinks", DOCUMENT, dangling_anchor),
    ("docx.title", "docProps/core.xml",
     lambda xml: re.sub(r"<dc:title>[^<]*</dc:title>", "<dc:title></dc:title>", xml)),
    ("docx.language", "docProps/core.xml", lambda xml: re.sub(r"<dc:language>[^<]*</dc:language>", "", xml)),
    ("docx.language", "word/styles.xml", lambda xml: re.sub(r"<w:lang [^>]*/>", "", xml, count=1)),
    # One format losing one heading is a fidelity failure of that format only.
    ("fidelity.outline", DOCUMENT, unstyle_title),
]


@pytest.mark.parametrize(("rule", "member", "mutate"), MUTATIONS,
                         ids=[f"{r}-{m.split('/')[-1]}-{getattr(f, '__name__', 'edit')}" for r, m, f in MUTATIONS])
def test_rule_fails_on_a_docx_broken_for_it(rule: str, member: str, mutate: Callable[[str], str], outputs: Path,
                                            run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES["docx"], member, mutate)
    result = run_check(path, outputs / NAMES["html"], "--rule", rule)
    assert result.status == 1, result.out
    assert result.failed(path, rule), result.out
    assert not result.failed(outputs / NAMES["html"], rule)


def test_a_changed_reference_url_fails_references_and_links(outputs: Path, run_check: Callable[..., Checked]) -> None:
    rels = "word/_rels/document.xml.rels"
    assert "http://www.lmsdr.org/treatments.php" in read_member(outputs / NAMES["docx"], rels)
    path = edit_member(outputs / NAMES["docx"], rels,
                       lambda xml: xml.replace("http://www.lmsdr.org/treatments.php", "http://www.lmsdr.org/x.php"))
    result = run_check(*(outputs / n for n in NAMES.values()), "--rule", "fidelity.*")
    assert result.status == 1
    assert result.failed(path, "fidelity.references")
    assert result.failed(path, "fidelity.links")
    assert "missing [3] http://www.lmsdr.org/treatments.php" in result.out


# ---------------------------------------------------------------- images and tables, on DOCX made here


def png(path: Path) -> Path:
    """A 2x2 grey PNG written by hand (zlib + struct) so the test needs no image library."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(  # noqa: E731
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def made_docx(tmp_path: Path, *, alt: str | None = None, decorative: bool = False,
              header_row: bool = True) -> Path:
    document = docx.Document()
    document.add_heading("Sample", level=1)
    document.add_picture(str(png(tmp_path / "dot.png")))
    doc_pr = document.inline_shapes[0]._inline.docPr
    if alt is not None:
        doc_pr.set("descr", alt)
    if decorative:
        ext_list = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        mark = ext.makeelement("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative", {"val": "1"})
        ext.append(mark)
        ext_list.append(ext)
        doc_pr.append(ext_list)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Value"
    if header_row:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    path = tmp_path / "sample.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(("options", "ok"), [
    ({"alt": None}, False),
    ({"alt": "   "}, False),
    ({"alt": "A grey square"}, True),
    ({"alt": None, "decorative": True}, True),
])
def test_image_alt_text(tmp_path: Path, options: dict[str, object], ok: bool,
                        run_check: Callable[..., Checked]) -> None:
    path = made_docx(tmp_path, **options)  # type: ignore[arg-type]
    result = run_check(path, "--rule", "docx.image-alt")
    assert result.status == (0 if ok else 1), result.out
    assert result.failed(path, "docx.image-alt") is not ok


@pytest.mark.parametrize("header_row", [True, False])
def test_table_header_row(tmp_path: Path, header_row: bool, run_check: Callable[..., Checked]) -> None:
    path = made_docx(tmp_path, alt="A grey square", header_row=header_row)
    assert ("<w:tblHeader/>" in read_member(path, DOCUMENT)) is header_row
    result = run_check(path, "--rule", "docx.table-headers")
    assert result.status == (0 if header_row else 1), result.out
    assert result.failed(path, "docx.table-headers") is not header_row
