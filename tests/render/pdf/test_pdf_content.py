"""What a reader of the printed or on-screen handout gets: fonts, links, text, sizes, colours, paper."""

from __future__ import annotations

import re
from collections import Counter

import pikepdf
import pytest
from handouts import SEED, Handout, handout
from pdf_inspect import Elem, elem_text

from publisher.document.model import (
    Block,
    Citation,
    Figure,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    Paragraph,
    QuestionList,
    Quote,
    ResourceList,
    Table,
    Text,
    external_links,
    inline_text,
    walk_sections,
)


def fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out = []
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            out.extend(font.DescendantFonts if font.Subtype == "/Type0" else [font])
    return out


def test_every_font_is_embedded_and_bundled(any_handout: Handout) -> None:
    used = fonts(any_handout.pdf)
    assert used
    for font in used:
        assert "/FontFile2" in font.FontDescriptor, f"{font.BaseFont} is not embedded"
        # Subset tag, then one of the families in layouts/fonts/: never a font of the build machine.
        assert re.fullmatch(r"/[A-Z]{6}\+(Atkinson-Hyperlegible|Noto-Sans)(-\w+)?", str(font.BaseFont)), font.BaseFont


def test_greek_falls_back_to_bundled_noto_sans(figures: Handout) -> None:
    greek = [g for page in figures.glyphs for g in page if "\u0370" <= g.text <= "\u03ff"]
    assert greek and all("Noto-Sans" in g.font for g in greek)


def link_annotations(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    return [(i, a) for i, page in enumerate(pdf.pages) for a in page.get("/Annots", ()) if a.Subtype == "/Link"]


def test_every_external_link_is_a_uri_annotation(any_handout: Handout) -> None:
    uris = {str(a.A.URI) for _, a in link_annotations(any_handout.pdf) if "/A" in a}
    wanted = set(external_links(any_handout.doc))
    assert wanted and wanted <= uris
    # Besides content links, the title block links the publisher and the online version.
    assert uris - wanted <= {any_handout.doc.canonical_url, any_handout.doc.publisher.url}


def test_no_duplicate_link_annotations(any_handout: Handout) -> None:
    """The same target on the same rectangle twice (WeasyPrint: <a><strong>…</strong></a>) is a duplicate."""
    keys = Counter(
        (page, tuple(round(float(v), 1) for v in a.Rect), str(a.A.URI) if "/A" in a else str(a.Dest))
        for page, a in link_annotations(any_handout.pdf)
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_citations_link_to_their_reference(seed: Handout) -> None:
    dests = [str(a.Dest) for _, a in link_annotations(seed.pdf) if "/Dest" in a]
    assert dests == ["ref-1", "ref-2", "ref-1", "ref-3", "ref-2"]
    names = seed.pdf.Root.Names.Dests
    declared = {str(names.Names[i]) for i in range(0, len(names.Names), 2)}
    assert set(dests) <= declared


def printed(inlines: tuple[Inline, ...]) -> str:
    """The text as printed: a link's address follows its text unless the text is the address."""
    parts = []
    for node in inlines:
        if isinstance(node, Link):
            text = inline_text(node.children)
            parts.append(text if text == node.url else f"{text} ({node.url})")
        elif isinstance(node, Text | Citation | LineBreak):
            parts.append(inline_text((node,)))
        else:
            parts.append(printed(node.children))  # type: ignore[union-attr]
    return "".join(parts)


def squash(text: str) -> str:
    # Line ends, page breaks and wrapped addresses change only whitespace; nothing is hyphenated.
    return re.sub(r"\s+", "", text.replace("\u00ad", ""))


def runs(blocks: tuple[Block, ...]) -> list[tuple[Inline, ...]]:
    """Every run of text of the blocks, in the order a reader meets it."""
    out: list[tuple[Inline, ...]] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(runs(item))
        elif isinstance(block, Quote | Note):
            out.extend(runs(block.blocks))
        elif isinstance(block, ResourceList):
            for res in block.items:
                out.extend([(Link(res.url, (Text(res.name),)), Text(" "), *res.description)])
                out.extend(runs(res.note))
        elif isinstance(block, QuestionList):
            for q in block.items:
                out.append(q.question)
                out.extend(runs(q.answer))
        elif isinstance(block, Figure):
            out.append(block.caption)
        elif isinstance(block, Table):
            out.extend([*block.header, *(cell for row in block.rows for cell in row)])
    return [run for run in out if run]


def test_text_holds_every_paragraph_in_reading_order(any_handout: Handout) -> None:
    """Structure-tree order (what assistive technology reads), page furniture excluded."""
    text = squash(elem_text(any_handout.tree, any_handout.glyphs))
    position = 0
    every = [run for section in walk_sections(any_handout.doc.sections) for run in runs(section.blocks)]
    assert len(every) > 5
    for run in every:
        wanted = squash(printed(run))
        found = text.find(wanted, position)
        assert found >= 0, f"missing or out of order: {printed(run)[:80]!r}"
        position = found + len(wanted)


def test_references_print_urls_and_access_dates(seed: Handout) -> None:
    text = squash(elem_text(seed.tree, seed.glyphs))
    for ref in seed.doc.references:
        assert squash(ref.url) in text
    assert text.count(squash(seed.doc.strings["accessed"] + " June 26, 2015")) == len(seed.doc.references)


def test_footer_numbers_pages(any_handout: Handout) -> None:
    s = any_handout.doc.strings
    total = len(any_handout.pdf.pages)
    first = "".join(g.text for g in any_handout.glyphs[0] if g.artifact)
    assert f"{s['page']} 1 {s['of']} {total} · {s['last_reviewed']}" in first


def body_elements(h: Handout) -> list[Elem]:
    """Paragraphs and list items of the main text (Part = <main>), not the title block or colophon."""
    parts = [e for e in h.tree.kids[0].kids if e.tag == "Part"]
    return [e for part in parts for e in part.walk() if e.tag in ("P", "LBody")]


def body_sizes(h: Handout) -> set[float]:
    marks = {m for e in body_elements(h) for m in e.all_marks()}
    return {g.size for page, glyphs in enumerate(h.glyphs) for g in glyphs
            if (page, g.mcid) in marks and g.text.strip()}


def test_body_text_size(any_handout: Handout) -> None:
    sizes = body_sizes(any_handout)
    assert sizes
    if any_handout.variant == "large-print":
        assert min(sizes) >= 18
    else:
        assert min(sizes) >= 12


def test_large_print_is_larger_than_standard() -> None:
    large, standard = handout(SEED, "large-print"), handout(SEED, "letter")
    assert min(body_sizes(large)) >= 1.4 * min(body_sizes(standard))
    assert len(large.pdf.pages) > len(standard.pdf.pages)


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb * 3)[:3] if len(rgb) == 1 else rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_text_contrast_is_at_least_7_to_1(any_handout: Handout) -> None:
    """Against white and against the lightest tinted panel the layout puts text on (#eaf1f8)."""
    panel = (0xEA / 255, 0xF1 / 255, 0xF8 / 255)
    colours = {g.color for page in any_handout.glyphs for g in page if g.text.strip()}
    assert colours
    for colour in colours:
        assert contrast(colour, (1.0, 1.0, 1.0)) >= 7, colour
        assert contrast(colour, panel) >= 7, colour


PAPER = {"letter": (612, 792), "a4": (595.28, 841.89), "large-print": (612, 792)}


def test_paper_size(any_handout: Handout) -> None:
    for page in any_handout.pdf.pages:
        box = [float(v) for v in page.MediaBox]
        assert box[2] - box[0] == pytest.approx(PAPER[any_handout.variant][0], abs=0.5)
        assert box[3] - box[1] == pytest.approx(PAPER[any_handout.variant][1], abs=0.5)
