"""BRF: the page grid, the charset, page numbers, back-translation and URLs of both seeds, each rule
shown failing on a mutated good file; page size option, determinism, and a missing liblouis."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load, render_source
from publisher.check.brf import check_brf, numbers, read_pages, stream
from publisher.check.result import Selection, Status
from publisher.document import model as m
from publisher.render import RenderOptions, renderer
from publisher.render.brf import louis
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parents[3]
SEEDS = {"en": ROOT / "source/leiomyosarcoma.yaml", "es": ROOT / "source/leiomyosarcoma.es.yaml"}
RICH = ROOT / "tests/fixtures/rich-content/rich.yaml"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, m.Document]:
    out = tmp_path_factory.mktemp("brf")
    return {k: load(p, BuildPlan(out)) for k, p in SEEDS.items()}


def brf(doc: m.Document, **options: object) -> bytes:
    return renderer("brf")(doc, Layout(), RenderOptions(**options))  # type: ignore[arg-type]


def results(path: Path, doc: m.Document | None) -> dict[str, Status]:
    return {r.rule: r.status for r in check_brf(path, Selection(), lambda: doc)}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_rule_passes_on_the_seeds(docs: dict[str, m.Document], lang: str, tmp_path: Path) -> None:
    path = tmp_path / "x.brf"
    path.write_bytes(brf(docs[lang]))
    got = {r.rule: (r.status, r.message) for r in check_brf(path, Selection(), lambda: docs[lang])}
    assert all(status is Status.PASS for status, _ in got.values()), got
    assert set(got) == {"brf.charset", "brf.page-size", "brf.page-numbers", "brf.back-translation", "brf.urls"}


def test_the_braille_byte_table_is_liblouis_own() -> None:
    text = "Leiomyosarcoma (smooth muscle) — 2015: ¿qué? @#$%^&*_+=|\\/~`<>[]{}"
    unicode = louis.translate("unicode.dis,en-ueb-g2.ctb", text)
    assert louis.translate("en-us-brf.dis,en-ueb-g2.ctb", text) == louis.six_dot(unicode)


def test_a_long_document_has_title_page_and_contents_with_true_page_numbers(docs: dict[str, m.Document]) -> None:
    pages = read_pages(brf(docs["en"]).decode("ascii"))
    found = numbers(pages)
    assert found[0] == "P#A" and found[1] == "P#B" and found[2] == "#A"
    contents = [line for line in pages[1] if '"""' in line]
    assert len(contents) == len(m.walk_sections(docs["en"].sections))
    for line, section in zip(contents, m.walk_sections(docs["en"].sections), strict=True):
        number = line.rsplit(" ", 1)[1]
        page = pages[found.index(number)]
        heading = louis.translate("en-us-brf.dis,en-ueb-g2.ctb", section.title).split(" ")[0]
        assert any(row.strip().startswith(heading) for row in page), (section.title, number)


def test_headings_follow_bana_cells(docs: dict[str, m.Document]) -> None:
    pages = read_pages(brf(docs["en"]).decode("ascii"))
    body = pages[2]
    title = louis.translate("en-us-brf.dis,en-ueb-g2.ctb", docs["en"].title)
    centred = next(row for row in body if row.strip() == title)
    assert abs(len(centred) - len(title) - (40 - len(centred))) <= 1  # centred
    summary = louis.translate("en-us-brf.dis,en-ueb-g2.ctb", docs["en"].sections[0].title)
    at = body.index(" " * 4 + summary)  # cell 5
    assert body[at - 1] == ""  # a blank line before it


@pytest.mark.parametrize(("rule", "mutate"), [
    ("brf.charset", lambda t: t.replace("LEIOMYOS>COMA", "leiomyos>coma", 1)),
    ("brf.page-size", lambda t: t.replace("\r\n", " " * 41 + "X\r\n", 1)),
    ("brf.page-size", lambda t: t.replace("\f", "\r\n" * 2, 1)),
    ("brf.page-numbers", lambda t: t.replace("#B\r\n\f", "#C\r\n\f", 1)),
    ("brf.back-translation", lambda t: t.replace("PROGNOSIS", "PROGNOSTIC", 3)),
    ("brf.urls", lambda t: t.replace("M$SCAPE", "MEDSCAPE").replace("EM$IC9E", "EMEDICINE")
     .replace("EMEDICINE4MEDSCAPE", "EM$IC9E4M$SCAPE")),
])
def test_each_rule_fails_on_a_mutated_good_file(docs: dict[str, m.Document], tmp_path: Path, rule: str,
                                                mutate: object) -> None:
    good = brf(docs["en"]).decode("ascii")
    bad = mutate(good)  # type: ignore[operator]
    assert bad != good
    path = tmp_path / "x.brf"
    path.write_bytes(bad.encode("latin-1"))
    assert results(path, docs["en"])[rule] is Status.FAIL


def test_urls_are_uncontracted_and_read_back_letter_for_letter(docs: dict[str, m.Document]) -> None:
    joined = stream(read_pages(brf(docs["en"]).decode("ascii")))
    url = "https://emedicine.medscape.com/"
    assert "EMEDICINE4MEDSCAPE" in joined and "EM$IC9E" not in joined  # "ed", "in" not contracted
    assert url in louis.back_translate("en-us-brf.dis,en-ueb-g1.ctb", joined)


def test_spanish_spans_use_the_english_table(docs: dict[str, m.Document]) -> None:
    doc = docs["es"]
    english = next(r for r in doc.references if r.language == "en")
    joined = stream(read_pages(brf(doc).decode("ascii")))
    assert louis.translate("en-us-brf.dis,en-ueb-g2.ctb", english.title) in joined
    assert louis.translate("en-us-brf.dis,es.tbl", english.title) not in joined


def test_page_size_option(docs: dict[str, m.Document], tmp_path: Path) -> None:
    pages = read_pages(brf(docs["en"], braille_page=(32, 20)).decode("ascii"))
    assert max(len(line) for page in pages for line in page) <= 32
    assert max(map(len, pages)) == 20
    assert len(pages) > len(read_pages(brf(docs["en"]).decode("ascii")))


def test_rich_content_figures_tables_notes(tmp_path: Path) -> None:
    doc = load(RICH, BuildPlan(tmp_path))
    data = brf(doc)
    path = tmp_path / "rich.brf"
    path.write_bytes(data)
    got = {r.rule: (r.status, r.message) for r in check_brf(path, Selection(), lambda: doc)}
    assert all(s is Status.PASS for s, _ in got.values()), got
    text = data.decode("ascii")
    figures = [b for b in m.all_blocks(doc) if isinstance(b, m.Figure) and not b.decorative]
    assert text.count("@.<") >= len(figures)  # each described figure is a transcriber's note


def test_same_document_same_bytes(docs: dict[str, m.Document]) -> None:
    first = brf(docs["es"])
    louis.translate.cache_clear()
    assert brf(docs["es"]) == first


def test_missing_liblouis_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(louis, "LIBRARY", "liblouis-not-here.so.0")
    monkeypatch.setattr(louis.ctypes.util, "find_library", lambda name: None)
    louis._lib.cache_clear()
    louis.require.cache_clear()
    louis.translate.cache_clear()
    try:
        rendered = render_source(SEEDS["en"], dataclasses.replace(BuildPlan(tmp_path), formats=("brf",)))
    finally:
        louis._lib.cache_clear()
        louis.require.cache_clear()
    assert not rendered.internal and rendered.errors
    assert "apt-get install liblouis20 liblouis-data" in str(rendered.errors[0])
