"""``dist/opds.json``: an OPDS 2.0 feed (Readium Web Publication Manifest metadata) for e-reader apps.

OPDS 2.0 JSON is read by Thorium Reader and the Readium-based library apps (Palace, and
others built on Readium's toolkits); OPDS 1.2 Atom is what most other readers subscribe to
(KOReader, Aldiko, Moon+ Reader, FBReader, PocketBook, Calibre's clients). This feed is 2.0:
it carries schema.org accessibility metadata as the RWPM ``accessibility`` object, which 1.2
has no place for; it is checked against the OPDS 2.0 JSON Schema in the tests.

One publication per language and audience version of a condition; its acquisition links are
the files (open access: no account, no payment), the HTML page an ``alternate``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from publisher.document.i18n import strings_for
from publisher.handoff.entries import Condition, Version

FEED_NAME = "opds.json"
OPDS_TYPE = "application/opds+json"
ACQUIRE = "http://opds-spec.org/acquisition/open-access"


def href(name: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/{name}" if base_url else name


def accessibility(version: Version, strings: dict[str, str]) -> dict[str, Any]:
    card = version.card
    types = {d.kind.media_type for d in version.downloads}
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "displayTransformability"]
    if card.images:
        features.append("alternativeText")
    if "application/pdf" in types:
        features.append("taggedPDF")
    if any(d.href.endswith(".large-print.pdf") for d in version.downloads):
        features.append("largePrint")
    if "application/x-brf" in types:
        features.append("braille")
    modes = ["textual", "visual"] if card.images else ["textual"]
    sufficient: list[Any] = [["textual"]] if card.described_images == card.images else [["textual", "visual"]]
    return {"accessMode": modes, "accessModeSufficient": sufficient, "feature": features, "hazard": ["none"],
            "summary": strings["a11y_summary"]}


def publication(version: Version, base_url: str) -> dict[str, Any]:
    card = version.card
    strings = strings_for(card.language)
    identity = (card.canonical_url or f"urn:publisher:{card.slug}") + (f"#{card.variant}" if card.variant else "")
    metadata: dict[str, Any] = {
        "@type": "http://schema.org/Book",
        "title": card.display_title,
        "identifier": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, identity)}",
        "language": card.language,
        "modified": f"{card.edition}T00:00:00Z",
        "published": card.edition,
        "publisher": card.publisher,
        "accessibility": accessibility(version, strings),
    }
    if card.description:
        metadata["description"] = card.description
    subjects = [*card.keywords, *(display or f"{system} {code}" for system, code, display in card.codes)]
    if subjects:
        metadata["subject"] = subjects
    if card.direction == "rtl":
        metadata["readingProgression"] = "rtl"
    links = []
    for download in version.downloads:
        link = {"rel": "alternate" if download.kind.media_type == "text/html" else ACQUIRE,
                "href": href(download.href, base_url), "type": download.kind.media_type, "title": download.label}
        links.append(link)
    return {"metadata": metadata, "links": links}


def feed(conditions: Sequence[Condition], strings: dict[str, str], base_url: str) -> bytes:
    publications = [publication(v, base_url) for c in conditions for v in c.versions
                    if any(d.kind.media_type != "text/html" for d in v.downloads)]
    newest = max((v.card.edition for c in conditions for v in c.versions), default="1970-01-01")
    body: dict[str, Any] = {
        "metadata": {"title": strings["catalog_title"], "numberOfItems": len(publications),
                     "modified": f"{newest}T00:00:00Z"},
        "links": [{"rel": "self", "href": href(FEED_NAME, base_url), "type": OPDS_TYPE},
                  {"rel": "alternate", "href": href("index.html", base_url), "type": "text/html"}],
    }
    if publications:
        body["publications"] = publications
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()
