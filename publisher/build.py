"""The build pipeline for one source: read, normalise, render every format, write.

Every format is rendered to memory first and written only when all succeeded, so
a source that fails leaves nothing new behind; each file is written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from publisher import model as m
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.layouts import Layout
from publisher.normalize import normalize
from publisher.output import ensure_dir, write_atomic
from publisher.render import DEFAULT_FORMATS, RENDERERS, RenderOptions, options_for, renderer
from publisher.source.reader import ReadOptions, read_source


@dataclass(frozen=True)
class BuildPlan:
    """Everything that decides a build's outputs besides the source itself."""

    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    render: RenderOptions = field(default_factory=RenderOptions)
    audience: str = "patient"
    layout: Layout = field(default_factory=Layout)
    project_root: Path | None = None


@dataclass(frozen=True)
class SourceResult:
    source: Path
    outputs: tuple[Path, ...] = ()
    errors: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def output_name(slug: str, fmt: str, audience: str) -> str:
    variant = "" if audience == "patient" else f".{audience}"
    return f"{slug}{variant}.{RENDERERS[fmt].suffix}"


def load(source: Path, plan: BuildPlan) -> m.Document:
    return normalize(read_source(source, ReadOptions(plan.audience, plan.project_root)))


def render_all(doc: m.Document, plan: BuildPlan) -> dict[str, bytes]:
    """Every requested format of one document, rendered to memory."""
    return {
        output_name(doc.slug, fmt, plan.audience): renderer(fmt)(doc, plan.layout, options_for(fmt, plan.render))
        for fmt in plan.formats
    }


def build_source(source: Path, plan: BuildPlan) -> SourceResult:
    """Build one source; problems come back as diagnostics, never as exceptions."""
    try:
        doc = load(source, plan)
        files = render_all(doc, plan)
        ensure_dir(plan.out_dir)
        written = []
        for name, data in files.items():
            target = plan.out_dir / name
            write_atomic(target, data)
            written.append(target)
        return SourceResult(source, tuple(written))
    except PublisherError as exc:
        return SourceResult(source, errors=tuple(exc.diagnostics))
    except RecursionError:
        return SourceResult(source, errors=(Diagnostic(Location(str(source)), "the document is nested too deeply",
                                                       "flatten lists and sections"),))


def discover(folder: Path) -> list[Path]:
    """The sources of a folder, in a stable order."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())
