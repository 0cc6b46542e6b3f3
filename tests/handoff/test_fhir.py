"""Every source's <slug>.fhir.json is an R4 Bundle whose DocumentReferences describe its files exactly."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from handoffkit import ROOT, build, make_sources

from publisher.handoff.fhir import publication_identifier
from publisher.validators import fhir as fhir_validator

PDF_TYPES = {"application/pdf"}


def bundles(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_bytes()) for p in sorted(folder.glob("*.fhir.json"))}


def references(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [entry["resource"] for entry in bundle["entry"]]


def by_format(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """DocumentReferences keyed by their file's name."""
    return {ref["content"][0]["attachment"]["url"]: ref for ref in references(bundle)}


@pytest.mark.validator
def test_every_bundle_parses_with_the_fhir_r4_models(site: Path) -> None:
    found = bundles(site)
    assert set(found) == {"leiomyosarcoma.fhir.json", "leiomyosarcoma-es.fhir.json", "rich.fhir.json",
                          "leiomyosarcoma.clinician.fhir.json"}
    results = fhir_validator.check_all([site / name for name in found])
    for result in results:
        assert result.ok, [str(f) for f in result.findings]
        assert "FHIR 4.0.1" in result.version
        assert result.extra["types"].split(",") == ["DocumentReference"] * 5  # html, pdf, large print, docx, epub


@pytest.mark.validator
def test_the_r4_validator_fails_on_a_broken_bundle(site: Path, tmp_path: Path) -> None:
    bundle = bundles(site)["leiomyosarcoma.fhir.json"]
    bundle["entry"][0]["resource"]["date"] = "26 June 2015"  # not an R4 instant
    bundle["entry"][1]["resource"]["content"][0]["attachment"]["size"] = -1  # not an unsignedInt
    broken = tmp_path / "broken.fhir.json"
    broken.write_text(json.dumps(bundle))
    [result] = fhir_validator.check_all([broken])
    assert not result.ok
    assert "date" in str(result.findings[0]) and "size" in str(result.findings[0])


def test_each_attachment_names_its_file_size_and_sha1(site: Path) -> None:
    for name, bundle in bundles(site).items():
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
        for ref in references(bundle):
            attachment = ref["content"][0]["attachment"]
            data = (site / attachment["url"]).read_bytes()  # relative to the bundle, which sits beside the files
            assert attachment["size"] == len(data), (name, attachment["url"])
            assert base64.b64decode(attachment["hash"]) == hashlib.sha1(data, usedforsecurity=False).digest()
            assert "data" not in attachment  # only with --fhir-embed


def test_the_codes_a_record_system_indexes_on(site: Path) -> None:
    english = by_format(bundles(site)["leiomyosarcoma.fhir.json"])
    pdf = english["leiomyosarcoma.pdf"]
    assert pdf["status"] == "current" and pdf["docStatus"] == "final"
    loinc = {"system": "http://loinc.org", "code": "34895-3", "display": "Education note"}
    assert pdf["type"]["coding"] == [loinc] and pdf["category"][0]["coding"] == [loinc]
    assert pdf["date"] == "2015-06-26T00:00:00Z"  # the edition (the seed's defaults to its review date)
    attachment = pdf["content"][0]["attachment"]
    assert (attachment["contentType"], attachment["language"], attachment["creation"]) == \
        ("application/pdf", "en", "2015-06-26")
    assert attachment["title"] == "Leiomyosarcoma — Print this handout"
    assert english["leiomyosarcoma.epub"]["content"][0]["attachment"]["contentType"] == "application/epub+zip"
    events = pdf["context"]["event"]
    assert events[0]["coding"] == [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "C49.9",
                                    "display": "Malignant neoplasm of connective and soft tissue, unspecified"}]
    assert events[1] == {"text": "GARD 6880"}  # a terminology without a FHIR URI stays readable text
    rich = by_format(bundles(site)["rich.fhir.json"])["rich.pdf"]["context"]["event"]
    assert rich[1] == {"text": "Local <list> R&D-7"}  # the source's own words, as JSON text, unescaped


def test_a_source_without_codes_has_no_event(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build(ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml", "-o", out, "-f", "pdf,html") == 0
    for ref in references(bundles(out)["minimal.fhir.json"]):
        assert "context" not in ref  # no codes, no event


def test_translations_and_variants_point_at_their_original(site: Path) -> None:
    found = bundles(site)
    english = by_format(found["leiomyosarcoma.fhir.json"])
    spanish = by_format(found["leiomyosarcoma-es.fhir.json"])
    clinician = by_format(found["leiomyosarcoma.clinician.fhir.json"])
    original = english["leiomyosarcoma.pdf"]["identifier"][0]["value"]
    assert original == publication_identifier("leiomyosarcoma", "", "pdf")
    [relation] = spanish["leiomyosarcoma-es.pdf"]["relatesTo"]
    assert relation["code"] == "transforms" and relation["target"]["identifier"]["value"] == original
    [variant] = clinician["leiomyosarcoma.clinician.pdf"]["relatesTo"]
    assert variant["target"]["identifier"]["value"] == original
    assert "relatesTo" not in english["leiomyosarcoma.pdf"]
    # Each format relates to the same format of the original.
    assert spanish["leiomyosarcoma-es.docx"]["relatesTo"][0]["target"]["identifier"]["value"] == \
        english["leiomyosarcoma.docx"]["identifier"][0]["value"]


def test_nothing_identifies_a_patient(site: Path) -> None:
    for bundle in bundles(site).values():
        assert all(e["resource"]["resourceType"] == "DocumentReference" for e in bundle["entry"])  # no Patient
        for ref in references(bundle):
            assert not {"subject", "encounter", "authenticator"} & set(ref)
            assert not {"encounter", "sourcePatientInfo", "related"} & set(ref.get("context", {}))
            assert ref["securityLabel"][0]["coding"][0]["code"] == "U"


def test_a_changed_source_changes_the_hashes_and_a_new_edition_the_date(tmp_path: Path) -> None:
    src, out = make_sources(tmp_path / "src"), tmp_path / "dist"
    (src / "leiomyosarcoma.es.yaml").unlink()
    (src / "rich.yaml").unlink()
    assert build(src, "-o", out, "-f", "html,docx") == 0
    before = by_format(bundles(out)["leiomyosarcoma.fhir.json"])
    seed = src / "leiomyosarcoma.yaml"
    seed.write_text(seed.read_text(encoding="utf-8").replace("is a rare cancerous tumor", "is a rare tumor", 1),
                    encoding="utf-8")
    assert build(src, "-o", out, "-f", "html,docx") == 0
    after = by_format(bundles(out)["leiomyosarcoma.fhir.json"])
    for name in ("leiomyosarcoma.html", "leiomyosarcoma.docx"):
        old, new = before[name]["content"][0]["attachment"], after[name]["content"][0]["attachment"]
        assert old["hash"] != new["hash"] and old["size"] != new["size"]
        assert before[name]["masterIdentifier"] != after[name]["masterIdentifier"]  # another version
        assert before[name]["identifier"] == after[name]["identifier"]  # of the same publication
    assert after["leiomyosarcoma.html"]["date"] == before["leiomyosarcoma.html"]["date"]  # same edition
    seed.write_text(seed.read_text(encoding="utf-8").replace("last_reviewed: 2015-06-26",
                                                             "last_reviewed: 2015-06-26\nedition: 2026-02-01", 1),
                    encoding="utf-8")
    assert build(src, "-o", out, "-f", "html,docx") == 0
    dated = by_format(bundles(out)["leiomyosarcoma.fhir.json"])
    assert dated["leiomyosarcoma.docx"]["date"] == "2026-02-01T00:00:00Z"
    assert dated["leiomyosarcoma.docx"]["content"][0]["attachment"]["creation"] == "2026-02-01"


def test_an_incremental_build_lists_the_outputs_an_earlier_build_made(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "dist"
    src.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml", src / "minimal.yaml")
    assert build(src / "minimal.yaml", "-o", out, "-f", "html") == 0
    assert build(src / "minimal.yaml", "-o", out, "-f", "docx") == 0  # only the DOCX is rendered now
    refs = by_format(bundles(out)["minimal.fhir.json"])
    assert set(refs) == {"minimal.html", "minimal.docx"}
    assert refs["minimal.html"]["content"][0]["attachment"]["size"] == (out / "minimal.html").stat().st_size


def test_fhir_embed_puts_the_pdfs_in_and_toggling_it_rebuilds_no_output(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "dist"
    src.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml", src / "minimal.yaml")
    assert build(src / "minimal.yaml", "-o", out, "-f", "pdf,html") == 0
    pdf_time = (out / "minimal.pdf").stat().st_mtime_ns
    assert build(src / "minimal.yaml", "-o", out, "-f", "pdf,html", "--fhir-embed") == 0
    assert (out / "minimal.pdf").stat().st_mtime_ns == pdf_time  # the bundle alone was rewritten
    refs = by_format(bundles(out)["minimal.fhir.json"])
    embedded = refs["minimal.pdf"]["content"][0]["attachment"]["data"]
    assert base64.b64decode(embedded) == (out / "minimal.pdf").read_bytes()
    assert "data" not in refs["minimal.html"]["content"][0]["attachment"]  # only PDFs are embedded
    assert build(src / "minimal.yaml", "-o", out, "-f", "pdf,html") == 0
    assert "data" not in by_format(bundles(out)["minimal.fhir.json"])["minimal.pdf"]["content"][0]["attachment"]


def test_a_failing_source_writes_no_bundle_and_no_fhir_writes_none(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "dist"
    src.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "bad-citation" / "typo-citation.yaml", src / "bad.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml", src / "minimal.yaml")
    assert build(src / "bad.yaml", src / "minimal.yaml", "-o", out, "-f", "html") == 2
    assert sorted(bundles(out)) == ["minimal.fhir.json"]
    other = tmp_path / "other"
    assert build(src / "minimal.yaml", "-o", other, "-f", "html", "--no-fhir") == 0
    assert bundles(other) == {}


def test_base_url_makes_attachment_urls_absolute_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "dist"
    src.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "minimal.yaml", src / "minimal.yaml")
    assert build(src / "minimal.yaml", "-o", out, "-f", "html", "--base-url", "https://example.org/h/") == 0
    [ref] = references(bundles(out)["minimal.fhir.json"])
    assert ref["content"][0]["attachment"]["url"] == "https://example.org/h/minimal.html"
    assert build(src / "minimal.yaml", "-o", out, "-f", "html", "--base-url", "javascript:alert(1)") == 2
