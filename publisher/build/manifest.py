"""Incremental builds: what each output was built from, kept beside the outputs.

``dist/.publisher-manifest.json`` maps every (audience, source) to the hash of the
source bytes, the hashes of the images the document used, and per format the
output's name, its hash, and a *key*: the hash of everything else that decides
its bytes (options, layout, publisher code and its rendering libraries). An
output is up to date when all of these still match. Checking never parses YAML:
the image list and the output names were recorded when the source was built,
and they can only change if the source bytes change.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from publisher.build.write import write_atomic
from publisher.source.files import NotReadable, digest_regular, read_regular

MANIFEST_NAME = ".publisher-manifest.json"
SCHEMA = 1
MAX_MANIFEST_BYTES = 512 * 1024 * 1024  # ~300 bytes a format: far beyond any catalog; never a FIFO's endless read


def file_digest(path: Path) -> str:
    """The SHA-256 of a regular file; OSError for anything else (a FIFO would block, a device never end)."""
    try:
        return digest_regular(path)
    except NotReadable as exc:
        raise OSError(errno.EINVAL, exc.what, str(path)) from None


@dataclass
class OutputRecord:
    name: str
    key: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class Entry:
    source_sha256: str
    images: dict[str, str] = field(default_factory=dict)  # absolute path -> sha256
    outputs: dict[str, OutputRecord] = field(default_factory=dict)  # format -> record
    edition: tuple[str, str, str] = ("", "", "")  # the built document's (date, version, fingerprint)


def entry_id(source: Path, audience: str) -> str:
    return f"{audience}:{source.resolve()}"


class Manifest:
    """The manifest of one output folder; ``load`` never fails (a bad file means: rebuild)."""

    def __init__(self, out_dir: Path, entries: dict[str, Entry] | None = None) -> None:
        self.out_dir = out_dir
        self.entries: dict[str, Entry] = entries or {}
        # What this build changed, to merge into the file as it is when saving (another build may
        # have saved since we loaded): an entry name -> None (ours replaces it) or formats dropped.
        self._changes: dict[str, tuple[str, ...] | None] = {}
        self._image_cache: dict[str, str] = {}
        self._ids: dict[tuple[Path, str], str] = {}

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST_NAME

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        return cls(out_dir, _read_entries(out_dir))

    def save(self) -> None:
        """Write the manifest: what is on disk now (another build into the same folder may have saved
        since this one loaded), with this build's changes on top, under a lock on the folder."""
        with _locked(self.out_dir):
            current = _read_entries(self.out_dir)
            for name, dropped in self._changes.items():
                if dropped is None:
                    current[name] = self.entries[name]
                elif name in current:
                    for fmt in dropped:
                        current[name].outputs.pop(fmt, None)
            self.entries = {**{n: e for n, e in self.entries.items() if n not in current}, **current}
            self._changes.clear()
            # Plain dicts and compact JSON: dataclasses.asdict deep-copies and an indent makes json use its
            # pure-Python encoder; at 1,000 sources that was 0.1 s of every rebuild, now 0.02 s.
            entries = {name: {"source_sha256": e.source_sha256, "images": e.images,
                              "outputs": {fmt: vars(rec) for fmt, rec in e.outputs.items()},
                              **({"edition": list(e.edition)} if any(e.edition) else {})}
                       for name, e in sorted(self.entries.items())}
            data = {"schema": SCHEMA, "entries": entries}
            write_atomic(self.path, (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode())

    def entry_id(self, source: Path, audience: str) -> str:
        """:func:`entry_id`, resolved once per source while this manifest is in use (a build): resolving
        a path costs a system call per component, and a no-op build of 1,000 sources resolved each
        source three times (~60 ms of its 0.34 s)."""
        found = self._ids.get((source, audience))
        if found is None:
            found = self._ids[source, audience] = entry_id(source, audience)
        return found

    def stale(self, source: Path, audience: str, source_sha256: str, keys: dict[str, str]) -> tuple[str, ...]:
        """The formats among ``keys`` whose output is missing or out of date."""
        entry = self.entries.get(self.entry_id(source, audience))
        if entry is None or entry.source_sha256 != source_sha256 or not self._images_current(entry):
            return tuple(keys)
        return tuple(fmt for fmt, key in keys.items() if not self._output_current(entry.outputs.get(fmt), key))

    def record(self, source: Path, audience: str, source_sha256: str, images: dict[str, str],
               outputs: dict[str, OutputRecord], edition: tuple[str, str, str] = ("", "", "")) -> None:
        """Note a successful build of some formats; records of other formats stay if still valid."""
        name = self.entry_id(source, audience)
        old = self.entries.get(name)
        kept = {} if old is None or old.source_sha256 != source_sha256 or old.images != images else old.outputs
        self.entries[name] = Entry(source_sha256, images, {**kept, **outputs}, edition)
        self._changes[name] = None

    def edition(self, source: Path, audience: str) -> tuple[str, str, str] | None:
        """The edition recorded at the last build of ``source``, if that build recorded one."""
        entry = self.entries.get(self.entry_id(source, audience))
        return entry.edition if entry is not None and any(entry.edition) else None

    def forget(self, source: Path, audience: str, formats: tuple[str, ...]) -> None:
        """Drop the records of formats whose build failed, so the next build retries them."""
        name = self.entry_id(source, audience)
        entry = self.entries.get(name)
        if entry is not None:
            for fmt in formats:
                entry.outputs.pop(fmt, None)
        if name in self._changes and self._changes[name] is None:
            return  # recorded by this build, then dropped: ours, as it now is, replaces the file's
        self._changes[name] = tuple(dict.fromkeys((*(self._changes.get(name) or ()), *formats)))

    def image_digest(self, path: str) -> str:
        """An image's hash, computed once per build however many documents share it."""
        digest = self._image_cache.get(path)
        if digest is None:
            try:
                digest = file_digest(Path(path))
            except OSError:
                digest = "missing"
            self._image_cache[path] = digest
        return digest

    def _images_current(self, entry: Entry) -> bool:
        return all(self.image_digest(path) == digest for path, digest in entry.images.items())

    def _output_current(self, record: OutputRecord | None, key: str) -> bool:
        if record is None or record.key != key:
            return False
        try:
            st = (self.out_dir / record.name).stat()
        except OSError:
            return False
        if st.st_size == record.size and st.st_mtime_ns == record.mtime_ns:
            return True  # unchanged since we wrote it (git's index makes the same bet)
        if st.st_size != record.size:
            return False
        current = False
        with contextlib.suppress(OSError):
            current = file_digest(self.out_dir / record.name) == record.sha256
        if current:  # touched but identical: remember the new time so the next check is cheap again
            record.mtime_ns = st.st_mtime_ns
        return current


def _read_entries(out_dir: Path) -> dict[str, Entry]:
    """The manifest's entries as the file holds them now; none if it is missing or unreadable."""
    try:
        data = json.loads(read_regular(out_dir / MANIFEST_NAME, MAX_MANIFEST_BYTES))
        if data.get("schema") != SCHEMA:
            return {}
        return {
            name: Entry(raw["source_sha256"], dict(raw["images"]),
                        {fmt: OutputRecord(**rec) for fmt, rec in raw["outputs"].items()},
                        _edition(raw.get("edition")))
            for name, raw in data["entries"].items()
        }
    except (OSError, NotReadable, ValueError, KeyError, TypeError, AttributeError):
        return {}


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the output folder while the manifest is merged and written: two builds
    into one folder then both keep their entries. ``flock`` on the folder itself, so no lock file is
    left behind; where there is no flock (Windows) or it fails (some network mounts), no lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def output_record(path: Path, key: str, data: bytes) -> OutputRecord:
    st = path.stat()
    return OutputRecord(path.name, key, hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns)


def _edition(raw: object) -> tuple[str, str, str]:
    """A manifest's edition record; anything else (an older manifest has none) is no record."""
    if isinstance(raw, list) and len(raw) == 3 and all(isinstance(v, str) for v in raw):
        return (raw[0], raw[1], raw[2])
    return ("", "", "")
