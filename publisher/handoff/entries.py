"""The catalogue's shape: conditions, their language and audience versions, and each version's downloads."""

from __future__ import annotations

from dataclasses import dataclass

from publisher.handoff.card import Card
from publisher.render.kinds import Kind


@dataclass(frozen=True)
class Download:
    href: str
    label: str
    kind: Kind
    kind_name: str
    size: str


@dataclass(frozen=True)
class Version:
    card: Card
    href: str  # the page a reader opens: the HTML version if there is one
    language_name: str  # in its own language: "English", "español"
    downloads: tuple[Download, ...]

    @property
    def id(self) -> str:
        return f"{self.card.slug}{'-' + self.card.variant if self.card.variant else ''}"

    @property
    def search_text(self) -> str:
        parts = [self.card.title, self.card.description, *self.card.keywords, self.language_name,
                 *(f"{system} {code} {display}" for system, code, display in self.card.codes)]
        return " ".join(p for p in parts if p).lower()


@dataclass(frozen=True)
class Condition:
    work: str
    versions: tuple[Version, ...]

    @property
    def title(self) -> str:
        return self.versions[0].card.title

    @property
    def search_text(self) -> str:
        return " ".join(v.search_text for v in self.versions)
