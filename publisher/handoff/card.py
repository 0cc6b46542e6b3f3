"""A document's catalogue card: the few facts the hand-off files need, taken once from the model in the worker.

The FHIR bundle, the catalog page, OPDS and the sitemap are written by the parent process,
which never parses YAML: each build of a source sends its card along with the rendered
bytes, and the card is kept beside the manifest (:mod:`publisher.handoff.store`) so that a
later build that skips the source can still list it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from publisher.document import model as m

# Bump when a field is added or changes meaning: cards of another version are read again from the source.
CARD_VERSION = 1


@dataclass(frozen=True)
class Card:
    slug: str
    title: str  # the H1
    display_title: str  # metadata_title: names a non-default audience variant
    language: str
    direction: str
    description: str
    audience: str  # "" or "patient" for the default variant
    translation_of: str  # the slug of the source this one translates, or ""
    last_reviewed: str  # ISO dates
    edition: str
    version: str = ""
    fingerprint: str = ""
    review_by: str = ""
    canonical_url: str = ""
    publisher: str = ""
    publisher_url: str = ""
    publisher_parent: str = ""
    rights: str = ""
    keywords: tuple[str, ...] = ()
    codes: tuple[tuple[str, str, str], ...] = ()  # (system, code, display)
    images: int = 0
    described_images: int = 0
    tables: int = 0
    card_version: int = field(default=CARD_VERSION)

    @property
    def variant(self) -> str:
        """The audience, unless it is the default one."""
        return "" if self.audience in ("", "patient") else self.audience

    @property
    def edition_date(self) -> dt.date:
        return dt.date.fromisoformat(self.edition)

    @property
    def last_reviewed_date(self) -> dt.date:
        return dt.date.fromisoformat(self.last_reviewed)

    @property
    def work(self) -> str:
        """The slug that names the condition across its translations."""
        return self.translation_of or self.slug

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card | None:
        """A card read back from the store, or None when it is of another version or malformed."""
        if not isinstance(data, dict) or data.get("card_version") != CARD_VERSION:
            return None
        names = {f.name for f in fields(cls)}
        try:
            values = {k: v for k, v in data.items() if k in names}
            values["keywords"] = tuple(values.get("keywords", ()))
            values["codes"] = tuple(tuple(c) for c in values.get("codes", ()))
            card = cls(**values)
            card.edition_date  # noqa: B018 -- a malformed date makes the card unusable: read the source again
        except (TypeError, ValueError):
            return None
        return card


def card_of(doc: m.Document) -> Card:
    figures = [b for b in m.all_blocks(doc) if isinstance(b, m.Figure)]
    return Card(
        slug=doc.slug,
        title=doc.title,
        display_title=m.metadata_title(doc),
        language=doc.language,
        direction=doc.direction,
        description=doc.description,
        audience=doc.audience,
        translation_of=doc.translation_of,
        last_reviewed=doc.last_reviewed.isoformat(),
        edition=doc.edition_date.isoformat(),
        version=doc.edition.version if doc.edition is not None else "",
        fingerprint=doc.edition.fingerprint if doc.edition is not None else "",
        review_by=doc.review_by.isoformat() if doc.review_by else "",
        canonical_url=doc.canonical_url,
        publisher=doc.publisher.name,
        publisher_url=doc.publisher.url,
        publisher_parent=doc.publisher.parent,
        rights=doc.rights,
        keywords=doc.keywords,
        codes=tuple((c.system, c.code, c.display) for c in doc.codes),
        images=len(figures),
        described_images=sum(1 for f in figures if not f.decorative),
        tables=sum(1 for b in m.all_blocks(doc) if isinstance(b, m.Table)),
    )
