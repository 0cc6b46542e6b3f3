"""``publisher import``: an existing Word handout (.docx) as a structured source, with notes on what did not map.

package (open safely) → blocks (body items) → outline (title, sections, summary, references,
with content and inlines doing the blocks and runs) → emit (YAML with the notes as comments)
→ written next to its pictures, all or nothing, then read back as a build would read it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from publisher.authoring.importer import emit
from publisher.authoring.importer.draft import Draft, Note
from publisher.authoring.importer.outline import Defaults, build_draft
from publisher.authoring.importer.package import UnreadableDocx, open_docx
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.source.reader import read_source
from publisher.source.schema import SLUG

__all__ = ["Defaults", "Imported", "UnreadableDocx", "import_docx", "slugify"]

_PLACEHOLDER = "images/\x00"


@dataclass
class Imported:
    source: Path
    draft: Draft
    notes: list[Note] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # what still stops a build, from reading it back
    images: list[Path] = field(default_factory=list)


def slugify(title: str) -> str:
    ascii_only = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:60].strip("-")
    return slug or "imported"


def import_docx(docx: Path, out: Path | None, defaults: Defaults, force: bool = False,
                source_folder: Path = Path("source")) -> Imported:
    """Read ``docx`` and write its source (default: source/<slug>.yaml) and pictures; raises UnreadableDocx."""
    package = open_docx(docx)
    draft = build_draft(package, "\x00", defaults)
    target = out or source_folder / f"{slugify(draft.title)}.yaml"
    slug = target.stem if SLUG.match(target.stem) else slugify(target.stem)
    draft.slug = "" if slug == target.stem else slug
    for image in draft.images():
        image.file = image.file.replace(_PLACEHOLDER, f"images/{slug}")
    pictures = [(target.parent / image.file, image.data) for image in draft.images()]
    existing = [p for p in (target, *(p for p, _ in pictures)) if p.exists()]
    if existing and not force:
        raise PublisherError(Diagnostic(Location(str(existing[0])), "already exists; nothing was written",
                                        "pass --force to replace it, or --out another path"))
    text = emit.write(draft, docx.name)
    _write_all(target, text, pictures)
    result = Imported(target, draft, draft.all_notes(), images=[p for p, _ in pictures])
    try:
        read_source(target)
    except PublisherError as exc:
        result.problems = exc.diagnostics
    return result


def _write_all(target: Path, text: str, pictures: list[tuple[Path, bytes]]) -> None:
    """Stage every file in a folder beside the target, then move them into place: never half an import."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".publisher-import-", dir=target.parent))
    try:
        staged: list[tuple[Path, Path]] = []
        for n, (path, data) in enumerate(pictures):
            tmp = staging / f"{n}{path.suffix}"
            tmp.write_bytes(data)
            staged.append((tmp, path))
        tmp = staging / "source.yaml"
        tmp.write_text(text, encoding="utf-8")
        staged.append((tmp, target))
        for src, dest in staged:
            dest.parent.mkdir(parents=True, exist_ok=True)
            src.replace(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
