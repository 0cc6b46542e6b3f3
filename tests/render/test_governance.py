"""Condition codes, owner and next review date in each format's metadata, read back as its programs read it."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import RenderOptions, renderer
from publisher.render.layout import Layout
from publisher.validators import ValidatorMissing, tools
from publisher.validators.libreoffice import convert_to_pdf

ROOT = Path(__file__).resolve().parents[2]
RICH = ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
      "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
      "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"}
OWNER = "Patient Education Team <b>&</b> Partners"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, m.Document]:
    tmp = tmp_path_factory.mktemp("governance")
    return {name: load(path, BuildPlan(tmp)) for name, path in (
        ("rich", RICH), ("seed", ROOT / "source" / "leiomyosarcoma.yaml"),
        ("es", ROOT / "source" / "leiomyosarcoma.es.yaml"))}


def _render(fmt: str, doc: m.Document) -> bytes:
    return renderer(fmt)(doc, Layout(), RenderOptions())


def _jsonld(doc: m.Document) -> dict[str, object]:
    page = lxml.html.document_fromstring(_render("html", doc).decode())
    data: dict[str, object] = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    return data


def _opf(doc: m.Document) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(_render("epub", doc))).read("EPUB/content.opf"))


def _custom(doc: m.Document) -> dict[str, str]:
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(_render("docx", doc))).read("docProps/custom.xml"))
    return {p.get("name"): p.findtext("vt:lpwstr", namespaces=NS) for p in xml.findall("cp:property", NS)}


def test_json_ld_has_the_codes_owner_and_review_period(docs: dict[str, m.Document]) -> None:
    data = _jsonld(docs["rich"])
    about = data["about"]
    assert isinstance(about, dict) and about["@type"] == "MedicalCondition"
    assert about["code"] == [
        {"@type": "MedicalCode", "codeValue": "C49.9", "codingSystem": "ICD-10",
         "name": "Malignant neoplasm of connective and soft tissue, unspecified"},
        {"@type": "MedicalCode", "codeValue": "R&D-7", "codingSystem": "Local <list>"}]
    assert data["maintainer"] == OWNER
    assert data["http://purl.org/dc/terms/valid"] == "start=2024-02-29; end=2026-02-28; scheme=W3C-DTF"
    for seed in (docs["seed"], docs["es"]):
        code = _jsonld(seed)["about"]
        assert isinstance(code, dict)
        assert [(c["codeValue"], c["codingSystem"]) for c in code["code"]] == [("D007890", "MeSH")]


def test_epub_subjects_are_refined_by_authority_and_term(docs: dict[str, m.Document]) -> None:
    opf = _opf(docs["rich"])
    (icd,) = opf.xpath("//dc:subject[@id='code-1']", namespaces=NS)
    assert icd.text == "Malignant neoplasm of connective and soft tissue, unspecified"
    refines = {(e.get("property"), e.text) for e in opf.xpath("//opf:meta[@refines='#code-1']", namespaces=NS)}
    assert refines == {("authority", "http://hl7.org/fhir/sid/icd-10"), ("term", "C49.9")}
    # A system without a URL for 'authority' keeps the code in the subject's words, with no refinement.
    assert opf.xpath("//dc:subject[@id='code-2']/text()", namespaces=NS)[0].startswith("Local <list> R&D-7: ")
    assert not opf.xpath("//opf:meta[@refines='#code-2']", namespaces=NS)
    assert opf.xpath("//dc:contributor[@id='owner']/text()", namespaces=NS) == [OWNER]
    role = opf.xpath("//opf:meta[@refines='#owner']", namespaces=NS)[0]
    assert (role.get("property"), role.get("scheme"), role.text) == ("role", "marc:relators", "edt")
    assert opf.xpath("//opf:meta[@property='dcterms:valid']/text()", namespaces=NS) == [
        "start=2024-02-29; end=2026-02-28; scheme=W3C-DTF"]
    seed = _opf(docs["es"])
    assert seed.xpath("//dc:subject[@id='code-1']/text()", namespaces=NS) == ["Leiomiosarcoma"]
    assert seed.xpath("//opf:meta[@refines='#code-1'][@property='term']/text()", namespaces=NS) == ["D007890"]


def test_docx_custom_properties(docs: dict[str, m.Document]) -> None:
    custom = _custom(docs["rich"])
    assert custom["Owner"] == OWNER and custom["Review by"] == "2026-02-28"
    assert custom["Condition codes"] == "ICD-10 C49.9; Local <list> R&D-7"
    assert (custom["Edition"], custom["Version"], custom["Last reviewed"]) == ("2024-03-10", "2", "2024-02-29")
    assert custom["Content fingerprint"] == docs["rich"].edition.fingerprint  # type: ignore[union-attr]
    assert _custom(docs["seed"])["Condition codes"] == "MeSH D007890"
    assert "Owner" not in _custom(docs["seed"])  # the seed names none: nothing is invented


@pytest.mark.validator
def test_readers_see_them_pandoc_in_the_epub_libreoffice_in_the_docx(docs: dict[str, m.Document],
                                                                   tmp_path: Path) -> None:
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise ValidatorMissing("pandoc", "pandoc (Debian package pandoc)")
    book = tmp_path / "rich.epub"
    book.write_bytes(_render("epub", docs["rich"]))
    meta = json.loads(subprocess.run([pandoc, str(book), "-t", "json"], capture_output=True, text=True,
                                     check=True, timeout=120).stdout)["meta"]
    subjects = [" ".join(w["c"] for w in s["c"] if w["t"] == "Str") for s in meta["subject"]["c"]]
    assert "Malignant neoplasm of connective and soft tissue, unspecified" in subjects
    # LibreOffice lists the DOCX's custom properties as the document's user-defined properties.
    word = tmp_path / "rich.docx"
    word.write_bytes(_render("docx", docs["rich"]))
    assert convert_to_pdf(word, tmp_path / "pdf").ok  # it opens at all
    soffice = shutil.which("soffice")
    assert soffice is not None
    done = tools.run("libreoffice", [soffice, "--headless", "--norestore",  # its own process group, killed after
                                     f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--convert-to", "odt",
                                     "--outdir", str(tmp_path / "odt"), str(word)], timeout=180)
    assert done.returncode == 0, done.stderr
    meta_xml = etree.fromstring(zipfile.ZipFile(tmp_path / "odt" / "rich.odt").read("meta.xml"))
    fields = {e.get(f"{{{NS['meta']}}}name"): e.text for e in meta_xml.iter(f"{{{NS['meta']}}}user-defined")}
    assert fields["Owner"] == OWNER and fields["Review by"] == "2026-02-28"
    assert fields["Condition codes"] == "ICD-10 C49.9; Local <list> R&D-7"
