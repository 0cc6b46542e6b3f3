"""What the hand-off files are made from, per source, kept beside the manifest in ``dist/.publisher-handoff.json``.

Each built source leaves its card, the name, size, SHA-256 and SHA-1 of every output (FHIR
wants SHA-1, the manifest keeps SHA-256), and which FHIR bundle was written from them. A
catalog of thousands of sources is then rewritten from this one file: a changed source
updates its entry only. Like the manifest, a missing or unreadable store is not an error:
the build reads the sources it needs again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.handoff.card import Card

STORE_NAME = ".publisher-handoff.json"
SCHEMA = 1


@dataclass(frozen=True)
class OutputFile:
    """One output of a source as it is on disk."""

    fmt: str
    name: str
    size: int
    sha256: str
    sha1: str

    @classmethod
    def of(cls, fmt: str, name: str, data: bytes) -> OutputFile:
        return cls(fmt, name, len(data), hashlib.sha256(data).hexdigest(),
                   hashlib.sha1(data, usedforsecurity=False).hexdigest())


@dataclass(frozen=True)
class Bundle:
    """The FHIR bundle written for an entry: its name, its hash, and the key of what it was made from."""

    name: str
    sha256: str
    key: str


@dataclass
class Entry:
    source: str  # the source's resolved path
    card: Card
    outputs: dict[str, OutputFile] = field(default_factory=dict)  # format -> file
    bundle: Bundle | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "card": self.card.as_dict(),
                "outputs": {fmt: vars(out) for fmt, out in sorted(self.outputs.items())},
                "bundle": vars(self.bundle) if self.bundle else None}


class Store:
    def __init__(self, entries: dict[str, Entry] | None = None) -> None:
        self.entries: dict[str, Entry] = entries or {}
        self.changed = False

    @classmethod
    def read(cls, folder: Path) -> Store:
        try:
            data = json.loads((folder / STORE_NAME).read_bytes())
            if data.get("schema") != SCHEMA:
                return cls()
            entries = {}
            for key, raw in data["entries"].items():
                card = Card.from_dict(raw["card"])
                if card is None:
                    continue  # of another card version: the build reads that source again
                outputs = {fmt: OutputFile(**out) for fmt, out in raw["outputs"].items()}
                bundle = Bundle(**raw["bundle"]) if raw.get("bundle") else None
                entries[key] = Entry(str(raw["source"]), card, outputs, bundle)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()
        return cls(entries)

    def serialize(self) -> bytes:
        entries = {key: entry.as_dict() for key, entry in sorted(self.entries.items())}
        return (json.dumps({"schema": SCHEMA, "entries": entries}, sort_keys=True, ensure_ascii=False,
                           separators=(",", ":")) + "\n").encode()

    def put(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        self.changed = True
