"""Render one source to memory: read, normalise, run each format's renderer (in a worker process).

The pipeline's render stage is a pure function of the files it reads and returns bytes,
so it can run in another process or on another machine; problems come back as
diagnostics, never as exceptions, so a catalog build goes on past a bad source.
"""

from __future__ import annotations

import json
import sys
import sysconfig
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.build.edition import record
from publisher.build.plan import BuildPlan, output_name
from publisher.document import model as m
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.handoff.card import card_of
from publisher.patches import gcpause
from publisher.render import RenderOptions, options_for, renderer

PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Rendered:
    """One source rendered to memory: ``files`` holds (format, file name, bytes)."""

    source: Path
    files: tuple[tuple[str, str, bytes], ...] = ()
    images: tuple[str, ...] = ()  # absolute paths of the images the document shows
    errors: tuple[Diagnostic, ...] = ()
    image_sha256: tuple[str, ...] = ()  # of the bytes rendered, one per image (the file may have changed since)
    internal: bool = False  # the failure is a bug in publisher, not a problem of the source
    seconds: float = 0.0
    edition: tuple[str, str, str] = ("", "", "")  # build/edition.py's record of the rendered document
    card: bytes = b""  # the document's catalogue card as JSON (publisher/handoff/card.py), for the hand-off stage

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def image_digests(self) -> dict[str, str]:
        """Image path -> hash of the bytes rendered ("" when not known: hash the file)."""
        known = self.image_sha256 if len(self.image_sha256) == len(self.images) else ("",) * len(self.images)
        return dict(zip(self.images, known, strict=True))


def load(source: Path, plan: BuildPlan) -> m.Document:
    # Imported here: a build with nothing to do never reads a source and should not pay
    # for loading pydantic and the YAML reader (a third of a second).
    if "publisher.source.reader" not in sys.modules:
        with gcpause.paused():  # a first import (gcpause.py says why)
            import publisher.source.reader  # noqa: F401
    from publisher.document.normalize import normalize
    from publisher.source.reader import ReadOptions, read_source

    return normalize(read_source(source, ReadOptions(plan.audience, plan.project_root)), plan.style)


def render_options(fmt: str, plan: BuildPlan) -> RenderOptions:
    """The build's options for one format, with the list of formats the build makes (for the page's links)."""
    return replace(options_for(fmt, plan.render), formats=plan.formats)


def render_all(doc: m.Document, plan: BuildPlan, formats: tuple[str, ...] | None = None) -> dict[str, bytes]:
    """Every requested format of one document, rendered to memory."""
    return {
        output_name(doc.slug, fmt, plan.audience): renderer(fmt)(doc, plan.layout, render_options(fmt, plan))
        for fmt in (plan.formats if formats is None else formats)
    }


def figures(doc: m.Document) -> tuple[str, ...]:
    """The files besides the source that the document shows: its images and its references_file."""
    return tuple(figure_digests(doc))


def figure_digests(doc: m.Document) -> dict[str, str]:
    """Those files and the hash of the bytes the outputs embed: an image's, read once by the reader;
    "" for the references_file (the manifest hashes it)."""
    found = {b.path: b.image.sha256 if b.image is not None else "" for b in m.all_blocks(doc)
             if isinstance(b, m.Figure)}
    if doc.references_file:
        found.setdefault(doc.references_file, "")
    return found


def render_source(source: Path, plan: BuildPlan, formats: tuple[str, ...] | None = None) -> Rendered:
    """Render one source to memory; problems come back as diagnostics, never as exceptions."""
    started = time.perf_counter()
    wanted = plan.formats if formats is None else formats
    try:
        doc = load(source, plan)
        files = tuple(
            (fmt, output_name(doc.slug, fmt, plan.audience),
             renderer(fmt)(doc, plan.layout, render_options(fmt, plan)))
            for fmt in wanted
        )
        digests = figure_digests(doc)
        card = json.dumps(card_of(doc).as_dict(), sort_keys=True, ensure_ascii=False).encode()
        return Rendered(source, files, tuple(digests), seconds=time.perf_counter() - started,
                        image_sha256=tuple(digests.values()), edition=record(doc), card=card)
    except PublisherError as exc:
        return Rendered(source, errors=tuple(exc.diagnostics), seconds=time.perf_counter() - started)
    except RecursionError:
        return Rendered(source, errors=(Diagnostic(Location(str(source)), "the document is nested too deeply",
                                                   "flatten lists and sections"),),
                        seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug must not stop a catalog build: report it with its origin, go on
        where, template = _origin(exc)
        template = template or _in_layout(exc, plan)
        if template:  # a layout template failed (e.g. a variable it names does not exist)
            diagnostic = Diagnostic(Location(str(source)), f"layout error: {type(exc).__name__}: {exc} (at {where})",
                                    "fix that template in the layout folder (--layouts)")
        else:
            diagnostic = Diagnostic(Location(str(source)), f"internal error: {type(exc).__name__}: {exc} (at {where})",
                                    "this is a bug in publisher; please report it with this source")
        return Rendered(source, errors=(diagnostic,), internal=not template, seconds=time.perf_counter() - started)


def _origin(exc: BaseException) -> tuple[str, bool]:
    """Where an unexpected exception arose: the deepest frame outside third-party and standard
    libraries (a layout template shows up as a frame of its own), and whether that is a template."""
    frames = traceback.extract_tb(exc.__traceback__)
    libraries = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib")})
    ours = [f for f in frames if f.filename.startswith(str(PACKAGE)) or not f.filename.startswith(libraries)]
    frame = (ours or frames)[-1]
    shown = Path(frame.filename).name if frame.filename.startswith(str(PACKAGE)) else frame.filename
    return f"{shown}:{frame.lineno}", not frame.filename.endswith(".py")


def _in_layout(exc: Exception, plan: BuildPlan) -> bool:
    """A template missing from a ``--layouts`` copy, or a layout file that cannot be read: the layout's fault."""
    if type(exc).__name__ in ("TemplateNotFound", "TemplatesNotFound", "TemplateSyntaxError"):
        return True  # by name: importing jinja2 here would slow a build that renders nothing
    filename = getattr(exc, "filename", None)
    return isinstance(exc, OSError) and isinstance(filename, str) and Path(filename).is_relative_to(plan.layout.root)
