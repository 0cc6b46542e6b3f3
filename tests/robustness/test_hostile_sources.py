"""Hostile sources (issue 21): each is refused through the real CLI beside a good source, at the right
``line:col``, with a hint, no traceback, nothing written for it; the good source still builds.

The classes: bounds on size and work (checked before the expensive step), values Python or a library
cannot take (huge integers, dates a zip cannot hold, addresses too long for a QR code), positions that
must survive odd line ends, and content that must stay inert and valid (character references to
invisible controls, links inside links, Markdown headings, ids that collide with generated ones).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.source import limits as lim
from robustness.hostile import BASE, build, image_block, project, refused, source, with_blocks, with_body

BODY = "11:7"  # where with_body's first line sits (line 11, after six spaces)


def _many_sections(count: int) -> str:
    sections = "".join(f"  - title: Part {i}\n    body: Text {i}.\n" for i in range(count))
    return BASE.replace("sections:\n", "sections:\n" + sections, 1)


def _table_block(columns: int, rows: int) -> str:
    row = "[" + ", ".join(f"c{i}" for i in range(columns)) + "]"
    return ("      - table:\n          caption: Data\n          header: " + row + "\n          rows:\n"
            + f"            - {row}\n" * rows)


def _table(columns: int, rows: int) -> str:
    return with_blocks(_table_block(columns, rows))


CASES = [
    # --- bounds on work: refused before any renderer runs
    ("url-too-long", with_body(f"A [link](https://example.org/{'a' * 100_000}) here."), "11:16",
     f"the limit is {lim.MAX_URL_CHARS:,}"),
    ("url-just-too-long", with_body(f"A [link](https://example.org/{'a' * (lim.MAX_URL_CHARS - 19)})."), "11:16",
     "the URL is 2,001 characters"),
    ("too-many-list-items", with_body("\n".join("- x" for _ in range(lim.MAX_BLOCKS + 5))), "*",
     "more than 2,000 blocks"),
    ("too-many-sections", _many_sections(lim.MAX_BLOCKS // 2 + 1), "*", "more than 2,000 blocks"),
    ("too-much-text", BASE.replace("sections:\n", "sections:\n" + "".join(
        f"  - title: Part {i}\n    body: {'word ' * 19_000}\n" for i in range(5)), 1), "*", "characters of text"),
    ("too-many-values", BASE.replace("language: en\n", "language: en\nkeywords:\n" + "  - k\n" * 40_001),
     "*", "more than 40,000 values"),
    ("table-too-wide", _table(lim.MAX_TABLE_COLUMNS + 1, 1), "13:9", "13 columns; the limit is 12"),
    ("table-too-big", _table(10, lim.MAX_TABLE_CELLS // 10), "13:9", "1,010 cells; the limit is 1,000"),
    ("tables-together-too-big", with_blocks(_table_block(10, 59) * 2), "*",
     "the tables of this source have 1,200 cells"),
    ("links-together-too-long", with_body("\n\n".join(f"[Link {i}](https://example.org/{'a' * 1_900}{i})"
                                                        for i in range(25))), "*",
     "more than 40,000 characters of URL"),
    ("too-many-images", with_blocks(image_block("images/a.png") * (lim.MAX_IMAGES_PER_SOURCE + 1)), "*",
     "more than 100 images"),
    # --- values Python, segno or the zip format cannot take
    ("huge-integer", BASE.replace("last_reviewed:", "version: " + "9" * 5_000 + "\nlast_reviewed:"), "5:10",
     "a number with 5,000 digits"),
    ("date-after-2100", BASE.replace("2024-01-15", "2108-01-15"), "5:16", "'2108-01-15' is not between 1900 and 2100"),
    ("date-before-1900", BASE.replace("2024-01-15", "1899-12-31"), "5:16", "is not between 1900 and 2100"),
    ("access-date-far-away", BASE.replace("accessed: 2024-01-10", "accessed: 9999-01-10"), "18:15",
     "'9999-01-10' is not between"),
    ("canonical-url-too-long-for-a-qr-code",
     BASE.replace("last_reviewed:", "canonical_url: https://example.org/" + "\u0101" * 491 + "\nlast_reviewed:"),
     "5:16", "prints it as a QR code"),
    # --- positions
    ("numeric-key", BASE.replace("language: en\n", "language: en\n123: x\n"), "3:1", "unknown key '123'"),
    ("numeric-nested-key", BASE.replace("Office\n", "Office\n  7: x\n"), "5:3",
     "unknown key '7'"),
    ("cr-only-line-ends", BASE.replace("[@two; @one]", "[@two; @oen]").replace("\n", "\r"), "11:62",
     "unknown citation key 'oen'"),
    ("crlf-line-ends", BASE.replace("[@two; @one]", "[@two; @oen]").replace("\n", "\r\n"), "11:62",
     "unknown citation key 'oen'"),
    ("cr-only-yaml-error", BASE.replace("\n", "\r").replace("  name: Test", "  name: [Test"), "5:14",
     "invalid YAML"),
    ("line-separator", BASE.replace("A short summary", "A short\u2028summary"), "7:10", "U+2028"),
    ("paragraph-separator-in-title", BASE.replace("Minimal condition", "Minimal\u2029condition"), "1:15",
     "U+2029"),
    ("deep-emphasis", with_body("*" * 10_000 + "x" + "*" * 10_000), BODY, "nested more than 8 levels"),
    ("deep-emphasis-later-line", with_body("First line,\nthen " + "_" * 40 + "x" + "_" * 40), "12:12",
     "nested more than 8 levels"),
    ("deep-quotes", with_body(">" * 30 + " deep"), BODY, "lists and quotes nested more than 8"),
    ("deep-lists", with_body("- " * 30 + "deep"), BODY, "lists and quotes nested more than 8"),
    # --- content that must stay inert and valid
    ("bidi-override-entity", with_body("Treat &#x202E;ment"), "11:13", "U+202E written as a character reference"),
    ("bidi-isolate-entity", with_body("Treat &#8294;ment"), "11:13", "U+2066 written as a character reference"),
    ("line-separator-entity", with_body("Two&#x2028;lines"), "11:10", "U+2028 written as a character reference"),
    ("entity-in-link-text", with_body("[click &#x202e;me](https://example.org/)"), "11:14", "U+202E"),
    ("citation-inside-link-text", with_body("See [the guide [@one]](https://example.org/)."), "11:22",
     "a citation inside the text of a link"),
    ("markdown-heading", with_body("# A heading\n\nText."), BODY, "a Markdown heading"),
    ("markdown-heading-later", with_body("Text.\n\n### A heading"), "13:7", "a Markdown heading"),
    ("setext-heading", with_body("A heading\n========="), BODY, "a Markdown heading"),
    ("id-toc-heading", BASE.replace("  - title: Treatment\n", "  - title: Treatment\n    id: toc-heading\n"),
     "10:9", "section id 'toc-heading' is reserved"),
    ("id-ref-n", BASE.replace("  - title: Treatment\n", "  - title: Treatment\n    id: ref-2\n"), "10:9",
     "section id 'ref-2' is reserved"),
    ("id-cite-n-m", BASE.replace("  - title: Treatment\n", "  - title: Treatment\n    id: cite-1-1\n"), "10:9",
     "section id 'cite-1-1' is reserved"),
    ("id-landmarks-heading",
     BASE.replace("  - title: Treatment\n", "  - title: Treatment\n    id: landmarks-heading\n"), "10:9",
     "is reserved"),
]


@pytest.mark.parametrize(("name", "text", "where", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_source_is_refused(tmp_path: Path, name: str, text: str, where: str, message: str) -> None:
    folder = project(tmp_path)
    if "images/a.png" in text:
        from robustness.hostile import png

        (folder / "images" / "a.png").write_bytes(png())
    bad = source(folder, name, text)
    refused(build(folder, bad), bad, where, message)


def test_every_limit_is_documented() -> None:
    """docs/robustness.md gives every number of publisher/source/limits.py."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "robustness.md").read_text(encoding="utf-8")
    for name in dir(lim):
        if name.startswith("MAX_") or name.startswith("MIN_"):
            assert name in doc, f"{name} is not in docs/robustness.md"


def test_at_each_limit_a_source_still_builds(tmp_path: Path) -> None:
    """The limits refuse what is past them, not what reaches them."""
    folder = project(tmp_path)
    url = "https://example.org/" + "a" * (lim.MAX_URL_CHARS - 20)
    deep = "*" * lim.MAX_MARKDOWN_NESTING + "x" + "*" * lim.MAX_MARKDOWN_NESTING
    lists = "\n".join("  " * i + "- level" for i in range(lim.MAX_MARKDOWN_NESTING))
    text = with_body(f"A [link]({url}).\n\n{deep}\n\n{lists}").replace(
        "last_reviewed: 2024-01-15", "last_reviewed: 2100-12-31\nedition: 1900-01-01\ncanonical_url: https://example.org/"
        + "\u0101" * ((lim.MAX_CANONICAL_URL_BYTES - 20) // 2))
    at_limit = source(folder, "at-limit", text)
    wide = source(folder, "wide-table", _table(lim.MAX_TABLE_COLUMNS, lim.MAX_TABLE_CELLS // lim.MAX_TABLE_COLUMNS - 1))
    result = build(folder, at_limit, wide)
    assert result.status == 0, result.err
    assert {"at-limit.html", "wide-table.html", "good.html"} <= set(p.name for p in result.out.iterdir())


def test_titles_like_generated_ids_never_duplicate_an_id(tmp_path: Path) -> None:
    """Sections titled like the ids layouts generate (ref-1, cite-1-1, toc-heading, ...) get other ids:
    every id in the HTML and EPUB is unique, and each citation still links to its reference."""
    import collections
    import re
    import zipfile

    titles = ["Ref 1", "Ref 2", "Cite 1 1", "Cite 2 1", "Toc heading", "Toc", "References section", "References",
              "Main", "Title", "Landmarks heading", "Summary"]
    sections = "".join(f"  - title: {t}\n    body: Text under {t}.[@one]\n" for t in titles)
    folder = project(tmp_path)
    doc = source(folder, "like-ids", BASE.replace("sections:\n", "sections:\n" + sections, 1))
    result = build(folder, doc, formats="html,epub")
    assert result.status == 0, result.err
    with zipfile.ZipFile(result.out / "like-ids.epub") as epub:
        pages = {n: epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml")}
    pages["like-ids.html"] = (result.out / "like-ids.html").read_text(encoding="utf-8")
    for name, page in pages.items():
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert [i for i, n in collections.Counter(ids).items() if n > 1] == [], name
        targets = re.findall(r'class="citation" href="#([^"]+)"', page)
        assert targets or name.endswith("nav.xhtml"), name
        for target in targets:
            assert re.search(rf'<li id="{target}"', page), f"{name}: citation to #{target} lands elsewhere"
