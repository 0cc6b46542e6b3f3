"""Plan a build: what decides its outputs (:class:`BuildPlan`), where they go, and which are stale.

The first stage of the pipeline (``plan → schedule → render → write → record``): it reads
only the source files' bytes and the manifest, never parses YAML, and hands the stale
(source, formats) pairs to :mod:`publisher.build.run`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from publisher.build.manifest import Manifest
from publisher.handoff.options import HandoffOptions
from publisher.render import DEFAULT_FORMATS, RENDERERS, RenderOptions
from publisher.render.layout import Layout
from publisher.source.files import NotReadable, read_regular
from publisher.source.limits import MAX_SOURCE_BYTES

Job = tuple[Path, tuple[str, ...]]  # a source and the formats it needs


@dataclass(frozen=True)
class BuildPlan:
    """Everything that decides a build's outputs besides the source itself."""

    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    render: RenderOptions = field(default_factory=RenderOptions)
    audience: str = "patient"
    layout: Layout = field(default_factory=Layout)
    project_root: Path | None = None
    csl: str = ""  # the references' CSL style (name or .csl path); "" = the layout's, else AMA
    handoff: HandoffOptions = field(default_factory=HandoffOptions)  # FHIR bundles, catalog (publisher/handoff/)

    @property
    def style(self) -> str:
        return self.csl or self.layout.csl_style()


def output_name(slug: str, fmt: str, audience: str) -> str:
    variant = "" if audience == "patient" else f".{audience}"
    return f"{slug}{variant}.{RENDERERS[fmt].suffix}"


def discover(folder: Path) -> list[Path]:
    """The sources of a folder, in a stable order."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def stale_jobs(sources: list[Path], plan: BuildPlan, keys: dict[str, str], manifest: Manifest, force: bool,
               on_first: Callable[[], None] | None = None) -> tuple[list[tuple[Job, str, int]], int]:
    """The (job, source hash, size) of every source with stale outputs, and how many are up to date;
    ``on_first()`` is called as soon as one source is found to need building."""
    todo: list[tuple[Job, str, int]] = []
    skipped = 0
    for source in sources:
        try:
            # Never read_bytes(): a FIFO would block the whole build, /dev/zero would fill memory.
            data = read_regular(source, MAX_SOURCE_BYTES)
        except (OSError, NotReadable):
            todo.append(((source, plan.formats), "", 0))  # the reader reports it with a hint
        else:
            digest = hashlib.sha256(data).hexdigest()
            stale = tuple(keys) if force else manifest.stale(source, plan.audience, digest, keys)
            if not stale:
                skipped += 1
                continue
            todo.append(((source, stale), digest, len(data)))
        if on_first is not None and len(todo) == 1:
            on_first()
    return todo, skipped
