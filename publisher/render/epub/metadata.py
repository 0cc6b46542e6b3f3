"""Package metadata: the stable identifier, Dublin Core, and EPUB Accessibility 1.1 properties from the content."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from publisher.document.model import Document, Table, all_blocks, cited_references, further_reading
from publisher.render.html.images import figures

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True)
class Meta:
    """One ``<meta property="...">`` element of the package document."""

    property: str
    value: str
    lang: str = ""  # xml:lang when the value is not in the document's language
    refines: str = ""  # "#id" of what the property describes (media:duration of one overlay)


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
    """``dcterms:modified``: the review date at midnight UTC, never the time of the build."""
    return dt.datetime(doc.last_reviewed.year, doc.last_reviewed.month, doc.last_reviewed.day, tzinfo=dt.UTC)


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
    metas.append(Meta("schema:accessibilitySummary", summary(doc, content), "en"))
    metas.append(Meta("dcterms:conformsTo", CONFORMS_TO))
    metas.append(Meta("a11y:certifiedBy", doc.publisher.name))
    return metas


def summary(doc: Document, content: Content) -> str:
    """A sentence a person choosing the book can use: what it offers and what it contains.

    English only for now (marked with xml:lang); the fixed strings table has no entry for it.
    """
    parts = [
        f"This publication meets {CONFORMS_TO.split(' - ')[1]}.",
        "It has a table of contents, and a heading for every section, in reading order.",
    ]
    if content.references:
        parts.append(f"Its {content.references} numbered references link to and from the text."
                     if content.references > 1 else "Its numbered reference links to and from the text.")
    if content.further_reading:
        parts.append(f"A further-reading list names {content.further_reading} more "
                     f"{'work' if content.further_reading == 1 else 'works'}.")
    if content.images:
        described = content.described_images
        decorative = content.images - described
        words = []
        if described:
            words.append(f"{described} {'image has' if described == 1 else 'images have'} a text description")
        if decorative:
            words.append(f"{decorative} decorative {'image is' if decorative == 1 else 'images are'} hidden "
                         "from assistive technology")
        parts.append("; ".join(words).capitalize() + ".")
    else:
        parts.append("It has no images.")
    if content.tables:
        named = "a caption and " if content.captioned_tables == content.tables else ""
        parts.append(f"The table has {named}header cells." if content.tables == 1
                     else f"Tables have {named.replace('a caption', 'captions')}header cells.")
    parts.append("Text and colors follow the reading system's settings, and there are no flashing, sound or "
                 "motion hazards.")
    return " ".join(parts)
