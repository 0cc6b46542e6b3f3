"""Normalisation: numbering, ids, back-links and pruning happen once, in the model layer."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.document.normalize import fingerprint, normalize, slugify

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEED = Path(__file__).parents[2] / "source" / "leiomyosarcoma.yaml"


def _load(path: Path) -> m.Document:
    return load(path, BuildPlan(Path("unused")))


def _citations(doc: m.Document) -> list[m.Citation]:
    found: list[m.Citation] = []
    for block in m.all_blocks(doc):
        for run in m.block_inlines(block):
            found.extend(n for n in m.iter_inlines(run) if isinstance(n, m.Citation))
    return found


def test_citations_are_numbered_in_order_of_first_use() -> None:
    doc = _load(FIXTURES / "minimal" / "minimal.yaml")
    assert [(c.key, c.number) for c in _citations(doc)] == [("one", 1), ("two", 2), ("one", 1)]
    # Uncited references follow the cited ones, unnumbered, in source order: "Further reading".
    assert [(r.key, r.number, r.id) for r in doc.references] == [("one", 1, "ref-1"), ("two", 2, "ref-2"),
                                                                   ("three", 0, "further-1")]
    assert [s.role for s in doc.sections][-2:] == ["references", "further-reading"]
    assert doc.sections[-1].title == doc.strings["further_reading"] == "Further reading"
    assert [r.key for r in m.further_reading(doc)] == ["three"] and not m.further_reading(doc)[0].backlinks


def test_every_citation_has_a_unique_id_and_points_at_its_reference() -> None:
    doc = _load(SEED)
    cites = _citations(doc)
    assert len({c.id for c in cites}) == len(cites)
    ref_ids = {r.number: r.id for r in doc.references}
    assert all(c.ref_id == ref_ids[c.number] for c in cites)


def test_backlinks_list_citations_in_reading_order() -> None:
    doc = _load(SEED)
    cites = _citations(doc)
    for ref in doc.references:
        assert list(ref.backlinks) == [c.id for c in cites if c.number == ref.number]


def test_seed_numbers_match_the_seed_page() -> None:
    # The seed page prints [1] [2] [1] in the summary, [3] in Treatment, [2] in Prognosis.
    doc = _load(SEED)
    assert [c.number for c in _citations(doc)] == [1, 2, 1, 3, 2]
    assert [r.url for r in doc.references] == [
        "http://www.nlm.nih.gov/medlineplus/ency/article/000916.htm",
        "http://www.lmsdr.org/whatis_leiomyosarcoma.php",
        "http://www.lmsdr.org/treatments.php",
    ]


def test_empty_sections_are_dropped_at_any_depth() -> None:
    doc = _load(SEED)
    titles = {e.title for e in m.outline(doc)}
    for empty in ("FDA-Approved Treatments", "Organizations Supporting this Disease", "Financial Resources",
                  "Selected Full-Text Journal Articles"):
        assert empty not in titles
    assert "Nothing here" not in {e.title for e in m.outline(_load(FIXTURES / "minimal" / "minimal.yaml"))}


def test_a_section_holding_only_empty_sections_is_dropped() -> None:
    empty_leaf = m.Section("Leaf", "", 3)
    doc = m.Document("x", "T", "en", m.Publisher("P"), dt.date(2020, 1, 1),
                     (m.Section("Parent", "", 2, sections=(empty_leaf,)),))
    assert normalize(doc).sections == ()


def test_outline_has_title_then_sections_then_references() -> None:
    doc = _load(SEED)
    entries = m.outline(doc)
    assert (entries[0].level, entries[0].title) == (1, "Leiomyosarcoma")
    assert (entries[1].level, entries[1].title) == (2, "Summary")
    assert (entries[-1].level, entries[-1].title) == (2, "References")
    levels = [e.level for e in entries]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), "no skipped heading levels"


def test_heading_ids_are_unique_and_start_with_a_letter() -> None:
    same = m.Section("Same", "", 2, (m.Paragraph((m.Text("x"),)),))
    doc = normalize(m.Document("x", "T", "en", m.Publisher("P"), dt.date(2020, 1, 1),
                               (same, same, m.Section("2024 update", "", 2, same.blocks),
                                m.Section("Résumé", "", 2, same.blocks))))
    ids = [s.id for s in doc.sections]
    assert ids == ["same", "same-2", "s-2024-update", "resume"]


def test_slugify_falls_back_for_non_latin_titles() -> None:
    assert slugify("Лечение") == ""
    doc = normalize(m.Document("x", "T", "ru", m.Publisher("P"), dt.date(2020, 1, 1),
                               (m.Section("Лечение", "", 2, (m.Paragraph((m.Text("x"),)),)),)))
    assert doc.sections[0].id == "section-1"


def test_external_links_cover_resources_inline_links_and_references() -> None:
    doc = _load(SEED)
    links = m.external_links(doc)
    assert "https://www.orpha.net/" in links  # a resource
    assert "https://emedicine.medscape.com/" in links  # an inline Markdown link
    assert "http://www.lmsdr.org/treatments.php" in links  # a reference
    assert len(links) == len(set(links))


def test_reference_title_in_another_language_is_a_span() -> None:
    from publisher.document.bibliography import reference_inlines

    doc = _load(Path(__file__).parents[2] / "source" / "leiomyosarcoma.es.yaml")
    first = reference_inlines(doc.references[0], doc)
    spans = [n for n in first if isinstance(n, m.Span)]
    assert [(s.lang, m.inline_text(s.children)) for s in spans] == [("en", "Leiomyosarcoma")]
    english = _load(SEED)
    assert not any(isinstance(n, m.Span) for n in reference_inlines(english.references[0], english))


def test_the_fingerprint_follows_the_content_and_nothing_else() -> None:
    seed = _load(SEED)
    again = _load(SEED)
    assert seed.edition is not None and len(seed.edition.fingerprint) == 16
    assert seed.edition.fingerprint == again.edition.fingerprint  # same content, same fingerprint
    first = seed.sections[0].blocks[0]
    assert isinstance(first, m.Paragraph)
    edited = replace(seed, sections=(replace(seed.sections[0], blocks=(
        m.Paragraph((*first.children, m.Text(" One more sentence."))), *seed.sections[0].blocks[1:])),
        *seed.sections[1:]))
    assert fingerprint(edited) != seed.edition.fingerprint  # one sentence more, another fingerprint
    assert fingerprint(seed) == seed.edition.fingerprint  # it does not hash itself
