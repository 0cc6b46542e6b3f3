"""Hyperlinks and bookmarks: every external link is real, every internal one lands on a bookmark."""

from __future__ import annotations

import re

from docx_xml import NS, Docx, W, paragraph_text

from publisher.document import model as m

HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
R_ID = f"{{{NS['r']}}}id"


def bookmarks(out: Docx) -> dict[str, str]:
    """Bookmark name -> the text between its start and end (in the same paragraph)."""
    found = {}
    for p in out.document.iter(W + "p"):
        for start in p.findall("w:bookmarkStart", NS):
            ident, text, inside = start.get(W + "id"), [], False
            for node in p.iter():
                if node is start:
                    inside = True
                elif node.tag == W + "bookmarkEnd" and node.get(W + "id") == ident:
                    break
                elif inside and node.tag == W + "t":
                    text.append(node.text or "")
            found[start.get(W + "name")] = "".join(text)
    return found


def test_every_external_link_is_a_hyperlink_relationship(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    rels = out.rels()
    targets = {}
    for link in out.document.iter(W + "hyperlink"):
        if link.get(R_ID):
            rel = rels[link.get(R_ID)]
            assert rel.get("Type") == HYPERLINK_RT
            assert rel.get("TargetMode") == "External"
            targets[rel.get("Target")] = paragraph_text(link)
    missing = [url for url in m.external_links(doc) if url not in targets]
    assert not missing
    assert all(text.strip() for text in targets.values())  # no empty link text


def test_python_docx_reads_back_the_hyperlink_addresses(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    document = out.python_docx()
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    addresses = {h.address for p in paragraphs for h in p.hyperlinks if h.address}
    assert set(m.external_links(doc)) <= addresses
    resources = {r.name: r.url for b in m.all_blocks(doc) if isinstance(b, m.ResourceList) for r in b.items}
    by_text = {h.text: h.address for p in paragraphs for h in p.hyperlinks if h.address}
    assert {name: by_text[name] for name in resources} == resources


def test_every_internal_link_resolves_to_a_bookmark(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    names = set(bookmarks(out))
    anchors = [h.get(W + "anchor") for h in out.document.iter(W + "hyperlink") if h.get(W + "anchor")]
    assert anchors
    assert [a for a in anchors if a not in names] == []


def test_citations_link_to_references_and_back(any_docx: tuple[m.Document, Docx]) -> None:
    doc, out = any_docx
    marks = bookmarks(out)
    links = [(h.get(W + "anchor"), paragraph_text(h), h.get(W + "tooltip"))
             for h in out.document.iter(W + "hyperlink") if h.get(W + "anchor")]
    tips = []
    for ref in m.cited_references(doc):
        ref_mark = ref.id.replace("-", "_")
        assert marks[ref_mark].startswith(f"[{ref.number}]")  # the bookmark holds the entry itself
        back = [(a, text, tip) for a, text, tip in links if a in {c.replace("-", "_") for c in ref.backlinks}]
        assert [a for a, _, _ in back] == [c.replace("-", "_") for c in ref.backlinks]  # every citation
        for cite in ref.backlinks:
            assert marks[cite.replace("-", "_")] == f"[{ref.number}]"  # tightly around each citation
        if len(ref.backlinks) == 1:
            assert back[0][1] == doc.strings["back_to_text"]
        else:
            assert [text for _, text, _ in back] == ["a", "b", "c", "d"][: len(back)]
        tips += [tip for _, _, tip in back]
        assert any(a == ref_mark and text == f"[{ref.number}]" for a, text, _ in links) == bool(ref.backlinks)
    assert all(tips) and len(set(tips)) == len(tips)  # each back-link has its own ScreenTip


def test_every_citation_is_bookmarked(rich_docx: Docx, rich_doc: m.Document) -> None:
    cited = {name for name in bookmarks(rich_docx) if name.startswith("cite_")}
    assert cited == {c.replace("-", "_") for r in rich_doc.references for c in r.backlinks}


def test_bookmark_names_are_valid_for_word_and_unique(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    starts = list(out.document.iter(W + "bookmarkStart"))
    names = [s.get(W + "name") for s in starts]
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", n) for n in names), names
    assert len({n.lower() for n in names}) == len(names)
    ids = [s.get(W + "id") for s in starts]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == sorted(e.get(W + "id") for e in out.document.iter(W + "bookmarkEnd"))


def test_links_use_the_hyperlink_character_style(any_docx: tuple[m.Document, Docx]) -> None:
    out = any_docx[1]
    for link in out.document.iter(W + "hyperlink"):
        for run in link.findall("w:r", NS):
            assert run.find("w:rPr/w:rStyle", NS).get(W + "val") == "Hyperlink"
    style = out.styles.find("w:style[@w:styleId='Hyperlink']", NS)
    assert style.get(W + "type") == "character"
    assert style.find("w:rPr/w:u", NS).get(W + "val") == "single"


def test_links_that_show_their_address_have_a_screen_tip(seed_docx: Docx, seed_doc: m.Document) -> None:
    rels = seed_docx.rels()
    tips = {}
    for link in seed_docx.document.iter(W + "hyperlink"):
        if link.get(R_ID) and paragraph_text(link) == rels[link.get(R_ID)].get("Target"):
            tips[paragraph_text(link)] = link.get(W + "tooltip")
    assert all(tips.values())
    assert {r.url: tips[r.url] for r in seed_doc.references} == {r.url: r.title for r in seed_doc.references}
    named = [h for h in seed_docx.document.iter(W + "hyperlink") if paragraph_text(h) == "Orphanet"]
    assert named and all(h.get(W + "tooltip") is None for h in named)  # meaningful text needs no tip
