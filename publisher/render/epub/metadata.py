"""Package metadata: the stable identifier, Dublin Core, and EPUB Accessibility 1.1 properties from the content."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from publisher.document.i18n import plural, strings_for, strings_language
from publisher.document.model import Document, Table, all_blocks, cited_references, further_reading
from publisher.render import edition
from publisher.render.html.images import figures

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True)
class Meta:
    """One ``<meta property="...">`` element of the package document."""

    property: str
    value: str
    lang: str = ""  # xml:lang when the value is not in the document's language
    refines: str = ""  # "#id" of what the property describes (a dc:subject, the owner, one media overlay)
    scheme: str = ""


def identifier(doc: Document) -> str:
    """A UUID that is the same on every build of this publication and differs between publications.

    Derived from the canonical URL (else the slug); the audience is part of it because a
    clinician version is another publication of the same page.
    """
    name = doc.canonical_url or f"urn:publisher:{doc.slug}"
    if doc.audience and doc.audience != "patient":
        name += f"#{doc.audience}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def modified(doc: Document) -> dt.datetime:
    """``dcterms:modified``: this edition's, never the time of the build (``publisher.render.edition`` says why)."""
    return edition.modified(doc)


@dataclass(frozen=True)
class Content:
    """What the accessibility metadata depends on, counted once."""

    images: int
    described_images: int
    tables: int
    references: int  # cited, numbered: they link to and from the text
    further_reading: int = 0  # never cited: listed, linked to nothing in the text
    captioned_tables: int = 0

    @classmethod
    def of(cls, doc: Document) -> Content:
        figs = figures(doc)
        return cls(
            images=len(figs),
            described_images=sum(1 for f in figs if not f.decorative),
            tables=sum(1 for b in all_blocks(doc) if isinstance(b, Table)),
            references=len(cited_references(doc)),
            further_reading=len(further_reading(doc)),
            captioned_tables=sum(1 for b in all_blocks(doc) if isinstance(b, Table) and b.caption),
        )


def accessibility(doc: Document) -> list[Meta]:
    content = Content.of(doc)
    metas = [Meta("schema:accessMode", "textual")]
    if content.images:
        metas.append(Meta("schema:accessMode", "visual"))
    # Every informative image has alt text (the source format requires it), so text alone suffices.
    metas.append(Meta("schema:accessModeSufficient", "textual"))
    if content.images:
        metas.append(Meta("schema:accessModeSufficient", "textual,visual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "ARIA", "displayTransformability"]
    if content.described_images:
        features.append("alternativeText")
    metas += [Meta("schema:accessibilityFeature", f) for f in features]
    metas.append(Meta("schema:accessibilityHazard", "none"))
    metas.append(Meta("schema:accessibilitySummary", summary(doc, content), strings_language(doc.language)))
    metas.append(Meta("dcterms:conformsTo", CONFORMS_TO))
    metas.append(Meta("a11y:certifiedBy", doc.publisher.name))
    return metas


def summary(doc: Document, content: Content) -> str:
    """A paragraph a person choosing the book can use: what it offers and what it contains.

    In the document's language when ``publisher.document.i18n`` has it (else English, and the meta
    says ``xml:lang="en"``), so a Spanish reader's library shows a Spanish summary.
    """
    words = strings_for(doc.language)
    parts = [words["a11y_meets"], words["a11y_navigation"]]
    if content.references:
        parts.append(plural(words, "a11y_references", content.references))
    if content.further_reading:
        parts.append(plural(words, "a11y_further_reading", content.further_reading))
    if content.images:
        described = content.described_images
        decorative = content.images - described
        clauses = []
        if described:
            clauses.append(plural(words, "a11y_described", described))
        if decorative:
            clauses.append(plural(words, "a11y_decorative", decorative))
        sentence = "; ".join(clauses)
        parts.append(sentence[:1].upper() + sentence[1:] + ".")
    else:
        parts.append(words["a11y_no_images"])
    if content.tables:
        captioned = "_captioned" if content.captioned_tables == content.tables else ""
        parts.append(plural(words, f"a11y_tables{captioned}", content.tables))
    parts.append(words["a11y_display"])
    return " ".join(parts)
