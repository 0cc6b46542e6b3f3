"""Every handout is PDF/A-2u and PDF/UA-1 at once (page-validation: 0 failed rules); its metadata agrees."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from dataclasses import replace
from pathlib import Path

import page
import pikepdf
import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.layout import Layout
from publisher.render.pdf import render
from publisher.render.pdf.records import srgb_profile
from publisher.render.producer import generator

ROOT = Path(__file__).resolve().parents[3]
SOURCES = {
    "seed": ROOT / "source" / "leiomyosarcoma.yaml",
    "spanish": ROOT / "source" / "leiomyosarcoma.es.yaml",
    "rich": ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml",
    "figures": ROOT / "tests" / "fixtures" / "pdf" / "figures.yaml",
    "every-block": ROOT / "tests" / "fixtures" / "docx" / "every-block.yaml",
}
VARIANTS = {
    "letter": RenderOptions(paper="letter"),
    "a4": RenderOptions(paper="a4"),
    "large-print": RenderOptions(paper="letter", large_print=True),
}
PROFILES = (page.ValidationProfile.PDF_A_2U, page.ValidationProfile.PDF_UA_1)
CODES = (m.ConditionCode("ICD-10", "C49.9", "Malignant neoplasm of connective and soft tissue, unspecified"),
         m.ConditionCode("ORPHA", "64720"))


def _doc(name: str) -> m.Document:
    return load(SOURCES[name], BuildPlan(out_dir=ROOT / "dist", project_root=ROOT))


def _failures(data: bytes) -> dict[str, list[str]]:
    out = {}
    for profile in PROFILES:
        report = page.validate_pdf_bytes(data, profile=profile)
        assert report.rules.total > 100, report.to_json()  # the profile really ran its rules
        out[profile.name] = [f"{f.rule_id}: {f.message}" for f in report.failures]
    return out


_RENDERED: dict[tuple[str, str], bytes] = {}


def _handout(name: str, variant: str) -> bytes:
    if (name, variant) not in _RENDERED:
        _RENDERED[name, variant] = render(_doc(name), Layout(), VARIANTS[variant])
    return _RENDERED[name, variant]


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", list(SOURCES))
def test_every_handout_passes_pdfa_2u(name: str, variant: str) -> None:
    assert _failures(_handout(name, variant))["PDF_A_2U"] == []


# every-block has a loose list item (a paragraph, then a nested list): WeasyPrint 70 tags it LI > P,
# which PDFUA1-LI-KIDS-001 forbids, until lists.py moves the P into an LBody.
@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", list(SOURCES))
def test_every_handout_passes_pdfua_1(name: str, variant: str) -> None:
    assert _failures(_handout(name, variant))["PDF_UA_1"] == []


def test_codes_and_a_version_keep_it_valid() -> None:
    doc = _doc("seed")
    doc = replace(doc, codes=CODES, edition=replace(doc.edition, version="2.1") if doc.edition else None)
    assert _failures(render(doc, Layout(), RenderOptions())) == {"PDF_A_2U": [], "PDF_UA_1": []}


def _xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        return {key: str(meta.get(key, "")) for key in ("dc:title", "dc:creator", "dc:description", "dc:subject",
                                                         "pdf:Keywords", "pdf:Producer", "xmp:CreatorTool",
                                                         "xmp:CreateDate", "xmp:ModifyDate", "pdfaid:part",
                                                         "pdfaid:conformance", "pdfuaid:part", "dc:language",
                                                         "xmpMM:DocumentID", "xmpMM:InstanceID")}


def test_xmp_and_info_say_the_same_things_from_the_model() -> None:
    doc = _doc("seed")
    doc = replace(doc, codes=CODES, edition=m.Edition(dt.date(2026, 3, 1), "2", "f" * 16))
    with pikepdf.open(io.BytesIO(render(doc, Layout(), RenderOptions()))) as pdf:
        xmp, info = _xmp(pdf), pdf.docinfo
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("2", "U", "1")
        assert xmp["dc:title"] == str(info.Title) == "Leiomyosarcoma"
        assert xmp["dc:creator"] == "['Genetic and Rare Diseases Information Center (GARD)']" \
            and str(info.Author) == "Genetic and Rare Diseases Information Center (GARD)"
        assert xmp["dc:description"] == str(info.Subject) == doc.description
        assert xmp["pdf:Keywords"] == str(info.Keywords)
        assert str(info.Keywords).endswith("rare disease, ICD-10:C49.9, ORPHA:64720")
        assert "ICD-10:C49.9" in xmp["dc:subject"] and "leiomyosarcoma" in xmp["dc:subject"]
        assert xmp["pdf:Producer"] == xmp["xmp:CreatorTool"] == str(info.Producer) == str(info.Creator) \
            == generator("weasyprint", "pydyf")
        # The edition's date, not the review date (2015-06-26) and never the clock.
        assert xmp["xmp:ModifyDate"] == xmp["xmp:CreateDate"] == "2026-03-01T00:00:00Z"
        assert str(info.ModDate) == str(info.CreationDate) == "D:20260301000000Z"
        assert xmp["dc:language"] == "{'en'}"
        # The metadata stream is not compressed (PDF/A-2, 6.6.2.1) and the output intent carries the profile.
        assert "/Filter" not in pdf.Root.Metadata
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.read_bytes() == srgb_profile()
        assert all(int(a.F) & 4 for p in pdf.pages for a in p.get("/Annots", []))


def test_identifiers_follow_the_publication_and_the_edition() -> None:
    doc = _doc("seed")

    def ids(d: m.Document, options: RenderOptions = VARIANTS["letter"]) -> tuple[str, str]:
        with pikepdf.open(io.BytesIO(render(d, Layout(), options))) as pdf:
            xmp = _xmp(pdf)
            return xmp["xmpMM:DocumentID"], xmp["xmpMM:InstanceID"]

    document, instance = ids(doc)
    assert document.startswith("uuid:") and instance.startswith("uuid:")
    edited = ids(replace(doc, edition=replace(doc.edition, fingerprint="0" * 16) if doc.edition else None))
    assert edited[0] == document and edited[1] != instance  # same publication, another edition
    large = ids(doc, VARIANTS["large-print"])
    assert large[0] == document and large[1] != instance
    assert ids(_doc("spanish"))[0] != document


def test_no_stream_ends_in_a_carriage_return() -> None:
    """pydyf writes data, LF, endstream: data ending in CR would read as a CRLF end of line (PDF/A 6.1.7.1)."""
    import pydyf

    from publisher.render.pdf.records import clean_stream_ends

    def ending_in_cr(prefix: bytes) -> bytes:  # data whose Flate stream ends in CR (its Adler-32's low byte)
        candidates = (prefix + b" " * n + b"%" + bytes([c]) for n in range(8) for c in range(33, 127))
        return next(data for data in candidates if zlib.adler32(data) & 0xFF == 0x0D)

    pdf = pydyf.PDF()
    content = pydyf.Stream([ending_in_cr(b"0 0 m 10 10 l S")], compress=True)
    font = pydyf.Stream([ending_in_cr(b"binary")], compress=True)
    raw = pydyf.Stream([b"x\r"])
    for stream in (content, font, raw):
        pdf.add_object(stream)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": content.reference}))
    assert clean_stream_ends(pdf) == 3
    assert not content.data.split(b"\nendstream")[0].endswith(b"\r") and content.compress
    assert not font.compress and not font.data.split(b"\nendstream")[0].endswith(b"\r")
