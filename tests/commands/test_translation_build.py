"""The Spanish seed: the original's structure and links, and Spanish as the language of every format."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from pdfminer.high_level import extract_text

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.cli import main
from publisher.document import model as m

ROOT = Path(__file__).parents[2]
ORIGINAL = ROOT / "source" / "leiomyosarcoma.yaml"
SPANISH = ROOT / "source" / "leiomyosarcoma.es.yaml"


def shape(sections: tuple[m.Section, ...]) -> list[object]:
    """The outline without words: nesting, block kinds and item counts."""
    out: list[object] = []
    for s in sections:
        blocks = [(type(b).__name__, len(getattr(b, "items", ()))) for b in s.blocks]
        out.append((s.level, s.role, blocks, shape(s.sections)))
    return out


def test_translation_keeps_the_original_structure_links_and_references(tmp_path: Path) -> None:
    plan = BuildPlan(tmp_path)
    en, es = load(ORIGINAL, plan), load(SPANISH, plan)
    assert (es.language, es.slug, es.translation_of) == ("es", "leiomyosarcoma-es", "leiomyosarcoma")
    assert es.last_reviewed == en.last_reviewed
    assert shape(es.sections) == shape(en.sections)
    assert m.external_links(es) == m.external_links(en)
    assert [(r.key, r.number, r.title, r.url) for r in es.references] == [
        (r.key, r.number, r.title, r.url) for r in en.references]  # titles as published, in English
    assert es.sections[0].title == "Resumen" and es.sections[-1].title == "Referencias"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("es")
    assert main(["build", str(SPANISH), "--out", str(out), "--format", "html,epub,docx,pdf,large-print"]) == 0
    return out


def test_every_format_declares_spanish(built: Path) -> None:
    html = (built / "leiomyosarcoma-es.html").read_text()
    assert re.search(r'<html[^>]* lang="es"', html)
    with zipfile.ZipFile(built / "leiomyosarcoma-es.epub") as epub:
        opf = epub.read("EPUB/content.opf").decode()
        assert "<dc:language>es</dc:language>" in opf
        for name in (n for n in epub.namelist() if n.endswith(".xhtml")):
            assert re.search(r'<html[^>]* xml:lang="es"', epub.read(name).decode()), name
    with zipfile.ZipFile(built / "leiomyosarcoma-es.docx") as package:
        assert re.search(r'<w:lang [^>]*w:val="es"', package.read("word/styles.xml").decode())
        assert "<dc:language>es</dc:language>" in package.read("docProps/core.xml").decode()
    for name in ("leiomyosarcoma-es.pdf", "leiomyosarcoma-es.large-print.pdf"):
        with pikepdf.open(built / name) as pdf:
            assert str(pdf.Root.Lang) == "es"


def test_fixed_words_are_spanish_in_every_format(built: Path) -> None:
    texts = {
        "html": (built / "leiomyosarcoma-es.html").read_text(),
        "docx": " ".join(p.text for p in docx.Document(str(built / "leiomyosarcoma-es.docx")).paragraphs),
        "pdf": extract_text(str(built / "leiomyosarcoma-es.pdf")),
    }
    with zipfile.ZipFile(built / "leiomyosarcoma-es.epub") as epub:
        texts["epub"] = epub.read("EPUB/content.xhtml").decode()
    for fmt, raw in texts.items():
        text = " ".join(raw.split())  # a PDF line may end inside "26 de junio de 2015"
        for word in ("Resumen", "Referencias", "Pronóstico", "26 de junio de 2015"):
            assert word in text, f"{fmt}: {word}"
        assert "Summary" not in text, fmt
