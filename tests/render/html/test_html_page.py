"""The web page's structure, read back with lxml: outline, landmarks, links, language, images, content as data."""

from __future__ import annotations

import base64
import dataclasses
import shutil
from pathlib import Path

import pytest
from html_pages import parse, render_html

from publisher.document import model as m
from publisher.errors import RenderError
from publisher.render.html import images
from publisher.render.layout import DEFAULT_ROOT, Layout

HEADINGS = "h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6"


def test_headings_in_main_are_the_outline(any_doc: m.Document) -> None:
    page = parse(render_html(any_doc))
    (main,) = page.xpath("//main")
    headings = main.xpath(f".//*[self::{HEADINGS}][not(ancestor::nav)]")
    got = [(int(h.tag[1]), h.text_content(), h.get("id")) for h in headings]
    assert got == [(e.level, e.title, e.id) for e in m.outline(any_doc)]


def test_landmarks_and_skip_link(seed_doc: m.Document) -> None:
    page = parse(render_html(seed_doc))
    body = page.body
    assert [child.tag for child in body] == ["a", "header", "main", "footer"]
    skip = body[0]
    assert skip.get("href") == "#main" and skip.text_content() == seed_doc.strings["skip"]
    assert page.xpath("//main/@id") == ["main"]
    # The skip link is the first thing a keyboard reaches.
    focusable = page.xpath("//a[@href] | //button | //input | //*[@tabindex]")
    assert focusable[0] is skip
    (nav,) = page.xpath("//nav")
    assert nav.get("aria-labelledby") and page.get_element_by_id(nav.get("aria-labelledby")) is not None


def test_table_of_contents_links_every_section_in_order(any_doc: m.Document) -> None:
    page = parse(render_html(any_doc))
    hrefs = page.xpath("//nav//a/@href")
    assert hrefs == [f"#{s.id}" for s in m.walk_sections(any_doc.sections)]
    # Nesting follows the heading levels: a level-n entry sits in n-1 nested lists.
    for link in page.xpath("//nav//a"):
        section = next(s for s in m.walk_sections(any_doc.sections) if s.id == link.get("href")[1:])
        assert len(link.xpath("ancestor::ol")) == section.level - 1


def test_language_and_direction(seed_doc: m.Document) -> None:
    page = parse(render_html(seed_doc))
    assert page.get("lang") == "en" and page.get("dir") is None
    rtl = dataclasses.replace(seed_doc, language="ar", direction="rtl")
    page = parse(render_html(rtl))
    assert page.get("lang") == "ar" and page.get("dir") == "rtl"


def test_every_external_link_and_reference_is_present(any_doc: m.Document) -> None:
    page = parse(render_html(any_doc))
    hrefs = set(page.xpath("//main//a/@href"))
    missing = [url for url in m.external_links(any_doc) if url not in hrefs]
    assert not missing
    for ref in any_doc.references:
        (entry,) = page.xpath(f"//section[@role='doc-bibliography']//li[@id='{ref.id}']")
        assert ref.title in entry.text_content()
        back = entry.xpath(".//a[@role='doc-backlink']/@href")
        assert back == [f"#{c}" for c in ref.backlinks]  # to every citation of it, in reading order


def test_citations_point_to_references_and_every_fragment_resolves(any_doc: m.Document) -> None:
    page = parse(render_html(any_doc))
    ids = set(page.xpath("//@id"))
    citations = page.xpath("//a[@role='doc-biblioref']")
    assert not page.xpath("//a[@role='doc-noteref']")
    assert len(citations) == sum(len(r.backlinks) for r in any_doc.references)
    ref_ids = {r.id for r in any_doc.references}
    assert {c.get("href")[1:] for c in citations} <= ref_ids
    dangling = [h for h in page.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids]
    assert not dangling


def test_no_deprecated_biblioentry_role(seed_doc: m.Document) -> None:
    # doc-biblioentry is deprecated in DPUB-ARIA 1.1; axe reports it under WCAG 4.1.2.
    assert b"doc-biblioentry" not in render_html(seed_doc)


def test_content_is_data(rich_doc: m.Document) -> None:
    page = parse(render_html(rich_doc))
    assert page.xpath("//h1")[0].text_content() == "Rich example {{ 7*7 }} <script>alert(1)</script>"
    assert "{{ 7*7 }} and <script>alert(3)</script> stay text" in page.get_element_by_id("summary").getparent(
    ).text_content()
    # The only script is the JSON-LD block; no text from the source became an element.
    assert [s.get("type") for s in page.xpath("//script")] == ["application/ld+json"]
    assert page.xpath("//title")[0].text_content().startswith("Rich example {{ 7*7 }} <script>")


def test_images_are_embedded_with_their_text_alternative(rich_doc: m.Document) -> None:
    page = parse(render_html(rich_doc))
    figures = images.figures(rich_doc)
    imgs = page.xpath("//main//img")
    assert len(imgs) == len(figures) == 2
    for img, figure in zip(imgs, figures, strict=True):
        prefix = f"data:{images.media_type(figure)};base64,"
        assert img.get("src").startswith(prefix)
        assert base64.b64decode(img.get("src")[len(prefix):]) == Path(figure.path).read_bytes()
        assert img.get("alt") == ("" if figure.decorative else figure.alt)
    # Nothing refers to a file beside the page: it works when saved or mailed alone.
    assert not [u for u in page.xpath("//@src | //link[@rel='stylesheet']/@href") if not u.startswith("data:")]


def test_print_stylesheet_prints_link_addresses(seed_doc: m.Document) -> None:
    page = parse(render_html(seed_doc))
    (print_css,) = page.xpath("//style[@media='print']/text()")
    assert 'attr(href)' in print_css and ".bare-url" in print_css
    # Links whose text is already the address are marked, so the address is not printed twice.
    for ref in seed_doc.references:
        (link,) = page.xpath(f"//li[@id='{ref.id}']//a[@href='{ref.url}']")
        assert link.get("class") == "bare-url"
    assert not page.xpath("//a[text()='Orphanet'][@class='bare-url']")


def test_viewport_allows_zoom(seed_doc: m.Document) -> None:
    page = parse(render_html(seed_doc))
    (viewport,) = page.xpath("//meta[@name='viewport']/@content")
    assert "user-scalable" not in viewport and "maximum-scale" not in viewport


def test_rebuild_is_byte_identical(rich_doc: m.Document) -> None:
    assert render_html(rich_doc) == render_html(rich_doc)


def test_stylesheet_that_could_close_style_is_refused(seed_doc: m.Document, tmp_path: Path) -> None:
    root = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, root)
    with (root / "html" / "screen.css").open("a") as css:
        css.write("\n/* </style><script>alert(1)</script> */\n")
    with pytest.raises(RenderError, match="</style"):
        render_html(seed_doc, Layout(root))
