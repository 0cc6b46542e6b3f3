"""schema.org JSON-LD for the web page (``MedicalWebPage``), escaped for a ``<script>`` element."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from publisher.document.model import Document, metadata_title
from publisher.render import codes, edition

# schema.org's MedicalAudienceType members for the audiences the source format knows.
AUDIENCES = {"patient": "Patient", "clinician": "Clinician"}
DCTERMS_VALID = "http://purl.org/dc/terms/valid"


def data(doc: Document) -> dict[str, Any]:
    publisher: dict[str, Any] = {"@type": "Organization", "name": doc.publisher.name}
    if doc.publisher.url:
        publisher["url"] = doc.publisher.url
    if doc.publisher.parent:
        publisher["parentOrganization"] = {"@type": "Organization", "name": doc.publisher.parent}
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": metadata_title(doc),
        "inLanguage": doc.language,
        "lastReviewed": doc.last_reviewed.isoformat(),
        # This edition, the same instant as the EPUB's dcterms:modified and the DOCX's modified.
        "dateModified": edition.w3c(edition.modified(doc)),
        "publisher": publisher,
        "about": condition(doc),
    }
    if edition.version(doc):
        page["version"] = edition.version(doc)
    if doc.owner:
        page["maintainer"] = doc.owner  # schema.org: who manages the content's publication (text: team or person)
    if doc.review_by is not None:
        # schema.org has no "next review" property (``expires`` would tell search engines to drop the page):
        # DCMI's "valid", by its full IRI, which schema.org consumers ignore and JSON-LD processors keep.
        page[DCTERMS_VALID] = f"start={doc.last_reviewed.isoformat()}; end={doc.review_by.isoformat()}; scheme=W3C-DTF"
    if doc.canonical_url:
        page["url"] = doc.canonical_url
    if doc.description:
        page["description"] = doc.description
    if doc.keywords:
        page["keywords"] = ", ".join(doc.keywords)
    if doc.audience in AUDIENCES:
        page["audience"] = {"@type": "MedicalAudience", "audienceType": AUDIENCES[doc.audience]}
    if doc.rights:
        page["copyrightNotice"] = doc.rights
    citations = [{"@type": "CreativeWork", "name": r.title, **({"url": r.url} if r.url else {})}
                 for r in doc.references]
    if citations:
        page["citation"] = citations
    return page


def condition(doc: Document) -> dict[str, Any]:
    """The condition the page is about, with its codes as schema.org ``MedicalCode`` (codeValue + codingSystem)."""
    about: dict[str, Any] = {"@type": "MedicalCondition", "name": doc.title}
    if doc.codes:
        about["code"] = [{"@type": "MedicalCode", "codeValue": code.code,
                          "codingSystem": codes.system(code.system).name,
                          **({"name": code.display} if code.display else {})} for code in doc.codes]
    return about


def script_text(doc: Document) -> Markup:
    """The JSON text, safe inside ``<script>``: no ``<``, ``>`` or ``&`` survives as itself.

    A title containing ``</script>`` or ``<!--`` would otherwise end the element or
    change how the HTML parser reads it; the ``\\u003c`` forms mean the same JSON.
    """
    text = json.dumps(data(doc), ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 are valid in JSON but were line terminators in older JavaScript.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 -- every character that could end the element is escaped above
