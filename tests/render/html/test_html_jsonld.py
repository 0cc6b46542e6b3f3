"""schema.org JSON-LD: parses, says what search engines and health portals read, and cannot end its element."""

from __future__ import annotations

import json

from html_pages import parse, render_html

from publisher.document import model as m
from publisher.render.html import jsonld


def _ld(doc: m.Document) -> tuple[str, dict[str, object]]:
    page = parse(render_html(doc))
    (script,) = page.xpath("//script[@type='application/ld+json']")
    text = script.text or ""
    return text, json.loads(text)


def test_medical_web_page_with_review_date(seed_doc: m.Document) -> None:
    _, data = _ld(seed_doc)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2015-06-26" == seed_doc.last_reviewed.isoformat()
    assert data["name"] == seed_doc.title
    assert data["inLanguage"] == "en"
    assert data["url"] == seed_doc.canonical_url
    publisher = data["publisher"]
    assert isinstance(publisher, dict)
    assert publisher["name"] == seed_doc.publisher.name and publisher["url"] == seed_doc.publisher.url


def test_script_end_tag_in_content_stays_inside_the_json(rich_doc: m.Document) -> None:
    text, data = _ld(rich_doc)
    assert "</script>" in rich_doc.description
    assert "<" not in text and ">" not in text and "&" not in text
    # The escapes are JSON's own: the parsed values are the source text, unchanged.
    assert data["description"] == rich_doc.description
    assert data["name"] == rich_doc.title
    assert data["keywords"] == "example, <b>bold</b>"


def test_escaping_covers_line_separators() -> None:
    text = str(jsonld.script_text(_doc("a\u2028b </SCRIPT> <!-- &")))
    assert "\u2028" not in text and "<" not in text
    assert json.loads(text)["name"] == "a\u2028b </SCRIPT> <!-- &"


def _doc(title: str) -> m.Document:
    import datetime as dt

    return m.Document(slug="x", title=title, language="en", publisher=m.Publisher("P"),
                      last_reviewed=dt.date(2024, 1, 1), sections=())
