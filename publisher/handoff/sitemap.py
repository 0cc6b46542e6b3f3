"""``dist/sitemap.xml`` (sitemaps.org 0.9) when the site's address is known: every page, its date, its translations.

Each condition's HTML page is listed with ``lastmod`` (the edition's date) and, for a page
that exists in several languages, ``xhtml:link rel="alternate" hreflang`` to each of them, the
form search engines read for translated pages. Without ``--base-url`` no sitemap is written:
a sitemap must list absolute URLs.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from publisher.handoff.entries import Condition

NAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def urlset(conditions: Sequence[Condition], base_url: str) -> bytes:
    base = base_url.rstrip("/") + "/"
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})  # type: ignore[dict-item]
    index = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
    etree.SubElement(index, f"{{{SITEMAP_NS}}}loc").text = base + "index.html"
    newest = max((v.card.edition for c in conditions for v in c.versions), default="")
    if newest:
        etree.SubElement(index, f"{{{SITEMAP_NS}}}lastmod").text = newest
    for condition in conditions:
        pages = [v for v in condition.versions if v.href.endswith(".html")]
        for version in pages:
            url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base + version.href
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = version.card.edition
            same_audience = [v for v in pages if v.card.variant == version.card.variant]
            if len(same_audience) > 1:
                for other in same_audience:
                    etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other.card.language,
                                     href=base + other.href)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
