"""Package metadata for this release and its governance: version, condition codes, owner, review period.

``dcterms:modified`` itself is written by ebooklib from :func:`publisher.render.epub.metadata.modified`;
with the unique identifier it makes the release identifier (``publisher.render.edition``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.document.model import ConditionCode, Document
from publisher.render import codes, edition
from publisher.render.epub.metadata import Meta


@dataclass(frozen=True)
class DcElement:
    """A Dublin Core element of the package metadata (``dc:subject``, ``dc:contributor``)."""

    name: str
    value: str
    attrs: dict[str, str] = field(default_factory=dict)


def dc_elements(doc: Document) -> list[DcElement]:
    """Each condition code as a ``dc:subject`` (refined by :func:`metas`), the owner as a ``dc:contributor``."""
    out = [DcElement("subject", _subject(doc, code), {"id": f"code-{i}"}) for i, code in enumerate(doc.codes, start=1)]
    if doc.owner:
        out.append(DcElement("contributor", doc.owner, {"id": "owner"}))
    return out


def metas(doc: Document) -> list[Meta]:
    out: list[Meta] = []
    if edition.version(doc):
        out.append(Meta("schema:version", edition.version(doc)))
    for i, code in enumerate(doc.codes, start=1):
        # EPUB 3.3 "authority" and "term": the subject's scheme (a URL) and its code in it. A system
        # without a known URL keeps the code in the subject's own words instead (authority needs term and URL).
        uri = codes.system(code.system).uri
        if uri:
            out += [Meta("authority", uri, refines=f"#code-{i}"), Meta("term", code.code, refines=f"#code-{i}")]
    if doc.owner:
        # MARC relator "edt": responsible for revising the content, which is what the owner answers for.
        out.append(Meta("role", "edt", refines="#owner", scheme="marc:relators"))
    if doc.review_by is not None:
        # DCMI "valid" (date range of validity) in the DCMI Period notation: reviewed, valid until the next review.
        out.append(Meta("dcterms:valid", f"start={doc.last_reviewed.isoformat()}; end={doc.review_by.isoformat()}; "
                                         "scheme=W3C-DTF"))
    return out


def _subject(doc: Document, code: ConditionCode) -> str:
    """The code's name; with the system and code in it when no authority URL can say them."""
    if codes.system(code.system).uri:
        return codes.display(code, doc)
    return f"{codes.label(code)}: {codes.display(code, doc)}"
