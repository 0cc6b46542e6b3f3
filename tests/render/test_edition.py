"""Editions: a corrected handout does not look identical to the old one, in any format's metadata or text."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from lxml import etree

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import RenderOptions, edition, renderer
from publisher.render.epub.metadata import identifier
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
SENTENCE = "Leiomyosarcoma is a type of sarcoma."
CORRECTED = "Leiomyosarcoma is one type of sarcoma."
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def _doc(tmp_path: Path, name: str, text: str) -> m.Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path, BuildPlan(tmp_path / "out"))


def _seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    assert SENTENCE in text
    return text


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[m.Document, m.Document]:
    """The seed, and the seed with one sentence corrected (its ``edition`` not moved)."""
    tmp = tmp_path_factory.mktemp("editions")
    text = _seed_text()
    return _doc(tmp, "leiomyosarcoma.yaml", text), _doc(tmp, "corrected.yaml", text.replace(SENTENCE, CORRECTED))


def _render(fmt: str, doc: m.Document) -> bytes:
    return renderer(fmt)(doc, Layout(), RenderOptions())


def _epub_modified(doc: m.Document) -> str:
    opf = etree.fromstring(zipfile.ZipFile(io.BytesIO(_render("epub", doc))).read("EPUB/content.opf"))
    (value,) = opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=OPF)
    return str(value)


def _docx_modified(doc: m.Document) -> str:
    return edition.w3c(docx.Document(io.BytesIO(_render("docx", doc))).core_properties.modified)


def _jsonld(doc: m.Document) -> dict[str, object]:
    page = lxml.html.document_fromstring(_render("html", doc).decode())
    (script,) = page.xpath("//script[@type='application/ld+json']")
    data: dict[str, object] = json.loads(script.text)
    return data


def test_one_corrected_sentence_gives_a_new_modified_time_in_every_format(
        editions: tuple[m.Document, m.Document]) -> None:
    old, new = editions
    assert old.edition is not None and new.edition is not None
    assert old.edition.fingerprint != new.edition.fingerprint
    before = {"epub": _epub_modified(old), "docx": _docx_modified(old), "json-ld": str(_jsonld(old)["dateModified"])}
    after = {"epub": _epub_modified(new), "docx": _docx_modified(new), "json-ld": str(_jsonld(new)["dateModified"])}
    # One edition is one instant in every format, and the instant of the corrected text is another.
    assert len(set(before.values())) == 1 and len(set(after.values())) == 1
    assert before["epub"] != after["epub"]
    # Both on the edition's date (the author did not move it): only the derived time of day differs.
    assert before["epub"][:10] == after["epub"][:10] == "2015-06-26"
    # Same publication, another release: EPUB 3.3's release identifier is identifier@modified.
    assert identifier(old) == identifier(new)
    assert edition.release_identifier(identifier(old), old) != edition.release_identifier(identifier(new), new)


def test_the_same_source_gives_the_same_modified_time(tmp_path: Path, editions: tuple[m.Document, m.Document]) -> None:
    again = _doc(tmp_path, "leiomyosarcoma.yaml", _seed_text())
    assert _epub_modified(again) == _epub_modified(editions[0])
    assert _render("docx", again) == _render("docx", editions[0])


def test_an_explicit_edition_and_version_move_the_dates_and_are_printed(tmp_path: Path) -> None:
    text = _seed_text().replace("last_reviewed: 2015-06-26\n", 'last_reviewed: 2015-06-26\nedition: 2025-03-10\n'
                                'version: "3"\n')
    doc = _doc(tmp_path, "leiomyosarcoma.yaml", text)
    assert _epub_modified(doc).startswith("2025-03-10T")
    props = docx.Document(io.BytesIO(_render("docx", doc))).core_properties
    assert (props.created.date().isoformat(), props.modified.date().isoformat()) == ("2015-06-26", "2025-03-10")
    assert (props.revision, props.version) == (3, "3")
    data = _jsonld(doc)
    assert (data["lastReviewed"], str(data["dateModified"])[:10], data["version"]) == ("2015-06-26", "2025-03-10", "3")
    opf = etree.fromstring(zipfile.ZipFile(io.BytesIO(_render("epub", doc))).read("EPUB/content.opf"))
    assert opf.xpath("//opf:meta[@property='schema:version']/text()", namespaces=OPF) == ["3"]
    assert opf.xpath("//dc:date/text()", namespaces=OPF) == ["2025-03-10"]
    # Printed beside "Last reviewed" where a reader looks for it.
    label = "Edition: March 10, 2025, version 3"
    assert edition.label(doc) == label
    html = lxml.html.document_fromstring(_render("html", doc).decode())
    assert html.xpath("string(//p[@class='edition'])") == label
    book = zipfile.ZipFile(io.BytesIO(_render("epub", doc)))
    assert label in book.read("EPUB/content.xhtml").decode()
    paragraphs = [p.text for p in docx.Document(io.BytesIO(_render("docx", doc))).paragraphs]
    assert paragraphs[paragraphs.index("Last reviewed: June 26, 2015") + 1] == label


def test_an_edition_that_only_repeats_the_review_date_prints_nothing_more(editions: tuple[m.Document, m.Document],
                                                                           tmp_path: Path) -> None:
    seed = editions[0]
    assert edition.label(seed) == ""
    assert not lxml.html.document_fromstring(_render("html", seed).decode()).xpath("//p[@class='edition']")
    spanish = _doc(tmp_path, "es.yaml", (ROOT / "source" / "leiomyosarcoma.es.yaml").read_text(encoding="utf-8")
                   .replace("last_reviewed: 2015-06-26\n", 'last_reviewed: 2015-06-26\nversion: "2"\n'))
    assert edition.label(spanish) == "Edición: versión 2"


def test_modified_time_is_derived_only_from_the_fingerprint(editions: tuple[m.Document, m.Document]) -> None:
    seed = editions[0]
    assert seed.edition is not None
    seconds = int(seed.edition.fingerprint, 16) % 86_400
    assert re.fullmatch(r"2015-06-26T\d\d:\d\d:\d\dZ", edition.w3c(edition.modified(seed)))
    assert edition.modified(seed).hour * 3600 + edition.modified(seed).minute * 60 + edition.modified(seed).second \
        == seconds
