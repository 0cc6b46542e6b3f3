"""The hand-off stage: each source's FHIR bundle, written in one batch with its outputs; then the catalog.

A bundle names the size and SHA-1 of every output of its source, including outputs an earlier
build made (an incremental build may render only one format), so it cannot be rendered in a
worker like a format: the parent makes it in :func:`publisher.build.run._finish`, between
render and write, from the new bytes and the files the manifest still records, and writes it
with them all or nothing. After the sources, :meth:`HandoffStage.finish` rewrites a bundle
whose inputs changed without its source (``--fhir-embed`` toggled, the file deleted) and, for
a build of a folder, the catalog files, from the store beside the manifest: a changed source
updates its entry only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import publisher.handoff
from publisher.build.manifest import Manifest
from publisher.build.plan import BuildPlan
from publisher.build.render import Rendered, load
from publisher.build.write import write_atomic, write_files
from publisher.errors import PublisherError
from publisher.handoff import fhir
from publisher.handoff.card import Card, card_of
from publisher.handoff.store import STORE_NAME, Bundle, Entry, OutputFile, Store
from publisher.render.kinds import handed_off


@cache
def _code_version() -> str:
    """A hash of the hand-off package: a change to how bundles or the catalog are written rewrites them."""
    digest = hashlib.sha256()
    package = Path(publisher.handoff.__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def card_bytes(card: Card) -> bytes:
    return json.dumps(card.as_dict(), sort_keys=True, ensure_ascii=False).encode()


class HandoffStage:
    def __init__(self, plan: BuildPlan, manifest: Manifest) -> None:
        self.plan = plan
        self.options = plan.handoff
        self.manifest = manifest
        self.store = Store.read(plan.out_dir) if self._active else Store()
        self._pending: dict[Path, Entry] = {}

    @property
    def _active(self) -> bool:
        return self.options.fhir or self.options.catalog

    def _key(self, entry: Entry) -> str:
        parts = {"code": _code_version(), "embed": self.options.fhir_embed, "base": self.options.base_url,
                 "card": entry.card.as_dict(),
                 "outputs": {fmt: vars(out) for fmt, out in sorted(entry.outputs.items())}}
        return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()

    def _bundle(self, entry: Entry, data: dict[str, bytes]) -> tuple[str, bytes]:
        from publisher.document.i18n import strings_for  # babel: loaded by the workers, not needed to plan

        labels = strings_for(entry.card.language)
        payload = fhir.bundle(entry.card, list(entry.outputs.values()), labels,
                              fhir.Options(self.options.fhir_embed, self.options.base_url), data)
        entry.bundle = Bundle(fhir.bundle_name(entry.card), hashlib.sha256(payload).hexdigest(), self._key(entry))
        return entry.bundle.name, payload

    def _kept(self, source: Path, digest: str, images: dict[str, str], fresh: set[str]) -> dict[str, OutputFile]:
        """The outputs an earlier build made that the manifest keeps after this one (manifest.record's rule)."""
        entry = self.manifest.entries.get(self.manifest.entry_id(source, self.plan.audience))
        if entry is None or entry.source_sha256 != digest or entry.images != images:
            return {}
        known = self.store.entries.get(self.manifest.entry_id(source, self.plan.audience))
        kept = {}
        for fmt, record in entry.outputs.items():
            if fmt in fresh or not handed_off(fmt):
                continue
            stored = known.outputs.get(fmt) if known else None
            if stored is not None and stored.sha256 == record.sha256 and stored.name == record.name:
                kept[fmt] = stored
                continue
            try:
                data = (self.plan.out_dir / record.name).read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() == record.sha256:
                kept[fmt] = OutputFile.of(fmt, record.name, data)
        return kept

    def files_for(self, rendered: Rendered, digest: str, images: dict[str, str]) -> list[tuple[str, bytes]]:
        """The hand-off files to write with ``rendered``'s outputs: its FHIR bundle (or nothing)."""
        card = Card.from_dict(json.loads(rendered.card)) if rendered.card else None
        if card is None or not self._active:
            return []
        fresh = {fmt: (name, data) for fmt, name, data in rendered.files if handed_off(fmt)}
        outputs = {fmt: OutputFile.of(fmt, name, data) for fmt, (name, data) in fresh.items()}
        outputs.update(self._kept(rendered.source, digest, images, set(fresh)))
        entry = Entry(str(rendered.source.resolve()), card, outputs)
        self._pending[rendered.source] = entry
        if not self.options.fhir:
            return []
        data = {fmt: blob for fmt, (_name, blob) in fresh.items()}
        if self.options.fhir_embed:
            data.update(self._read(entry, exclude=set(fresh)))
        return [self._bundle(entry, data)]

    def written(self, rendered: Rendered) -> None:
        """The source's files are in place: remember what its hand-off files were made from."""
        entry = self._pending.pop(rendered.source, None)
        if entry is not None:
            self.store.put(self.manifest.entry_id(rendered.source, self.plan.audience), entry)

    def _read(self, entry: Entry, exclude: frozenset[str] | set[str] = frozenset()) -> dict[str, bytes]:
        out = {}
        for fmt, output in entry.outputs.items():
            if fmt not in exclude:
                try:
                    out[fmt] = (self.plan.out_dir / output.name).read_bytes()
                except OSError:
                    continue
        return out

    def _current(self, sources: Sequence[Path]) -> list[tuple[str, Entry]]:
        """The store's entries of this build's sources (any audience built into this folder); a source
        without one (the store was lost, or predates it) is read again."""
        found = []
        for source in dict.fromkeys(sources):
            key = self.manifest.entry_id(source, self.plan.audience)
            entry = self.store.entries.get(key)
            if entry is None:
                entry = self._recover(source)
                if entry is None:
                    continue
                self.store.put(key, entry)
            found.append((key, entry))
        resolved = {str(s.resolve()) for s in sources}
        found += [(key, entry) for key, entry in sorted(self.store.entries.items())
                  if entry.source in resolved and all(key != k for k, _ in found)]
        return found

    def _recover(self, source: Path) -> Entry | None:
        record = self.manifest.entries.get(self.manifest.entry_id(source, self.plan.audience))
        if record is None:
            return None
        try:
            card = card_of(load(source, self.plan))
        except PublisherError:
            return None
        outputs = {}
        for fmt, rec in record.outputs.items():
            if handed_off(fmt):
                try:
                    outputs[fmt] = OutputFile.of(fmt, rec.name, (self.plan.out_dir / rec.name).read_bytes())
                except OSError:
                    continue
        return Entry(str(source.resolve()), card, outputs)

    def _refresh(self, entry: Entry) -> list[tuple[Path, bytes]]:
        """The entry's bundle again when what it is made from changed without its source being rebuilt."""
        if not self.options.fhir or not entry.outputs:
            return []
        target = self.plan.out_dir / fhir.bundle_name(entry.card)
        if entry.bundle is not None and entry.bundle.key == self._key(entry) and target.is_file():
            return []
        name, payload = self._bundle(entry, self._read(entry) if self.options.fhir_embed else {})
        self.store.changed = True
        return [(self.plan.out_dir / name, payload)]

    def finish(self, sources: Sequence[Path]) -> list[Path]:
        """After every source: stale bundles, then the catalog (a folder build); return the files written."""
        if not self._active or not self.plan.out_dir.is_dir():
            return []
        entries = self._current(sources)
        files = [item for _key, entry in entries for item in self._refresh(entry)]
        if self.options.catalog:
            from publisher.handoff import catalog  # Jinja2 and babel: only a folder build pays for them

            cards = [(entry.card, list(entry.outputs.values())) for _key, entry in entries]
            for name, payload in catalog.files(cards, self.plan.layout, self.options.base_url):
                path = self.plan.out_dir / name
                if not (path.is_file() and path.read_bytes() == payload):
                    files.append((path, payload))
        if files:
            write_files(files)
        if self.store.changed:
            write_atomic(self.plan.out_dir / STORE_NAME, self.store.serialize())
            self.store.changed = False
        return [path for path, _ in files]
