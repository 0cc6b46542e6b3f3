"""Layouts are data: per-format folders of templates, CSS, fonts and reference files.

A layout root holds ``common/`` (HTML macros shared by the HTML, EPUB and PDF
layouts), ``html/``, ``epub/``, ``pdf/``, ``docx/`` and ``fonts/``. Users point
``--layouts`` at their own copy to restyle without touching code.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jinja2

from publisher.document.bibliography import backlinks, reference_inlines
from publisher.document.csl import DEFAULT_STYLE
from publisher.document.i18n import direction, format_date
from publisher.document.model import metadata_title, outline
from publisher.render import edition
from publisher.render.producer import generator

# The checkout's layouts (the package is installed editable, beside its layouts/).
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "layouts"


@functools.cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes: compiling the macros costs ~0.15 s of every cold build.

    Jinja's own per-user cache in the temporary folder (created mode 0700 and refused
    if another user owns it); an entry is used only while its template's source is
    unchanged. Where it cannot be created, templates are compiled in memory as before.
    """
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


# The folders each format reads besides its own (json reads no layout).
_NEEDS = {"html": ("html", "common"), "epub": ("epub", "common", "fonts"), "pdf": ("pdf", "common", "fonts"),
          "docx": ()}


def layout_problem(root: Path, modules: tuple[str, ...]) -> str | None:
    """Why ``root`` cannot serve as the layout folder of formats rendered by ``modules`` (renderer
    module names, e.g. "publisher.render.pdf"); None when it can. Checked once, before a build."""
    if not root.is_dir():
        return "no such folder" if not root.exists() else "is not a folder"
    needed = dict.fromkeys(folder for module in modules for folder in _NEEDS.get(module.rsplit(".", 1)[-1], ()))
    missing = [f"{folder}/" for folder in needed if not (root / folder).is_dir()]
    if missing:
        return f"has no {', '.join(missing)} (a layout folder holds common/, fonts/ and one folder per format)"
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            continue
        if not path.is_file():  # a FIFO, a device or a broken link: a renderer reading it would block or fail
            return f"holds {path.relative_to(root)}, which is not a regular file"
    return None


@dataclass(frozen=True)
class Layout:
    root: Path = DEFAULT_ROOT
    _envs: dict[str, jinja2.Environment] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def folder(self, name: str) -> Path:
        return self.root / name

    def environment(self, fmt: str) -> jinja2.Environment:
        """A Jinja2 environment for one format: its folder first, then ``common/``.

        Autoescape is on for every template whatever its extension (``.xhtml`` and
        ``.j2`` names are not covered by ``select_autoescape``), and a missing
        variable is an error, not an empty string.
        """
        env = self._envs.get(fmt)
        if env is None:
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader([str(self.folder(fmt)), str(self.folder("common"))]),
                autoescape=True,
                undefined=jinja2.StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=True,
                bytecode_cache=_bytecode_cache(),
            )
            env.filters["kind"] = lambda node: type(node).__name__
            env.globals["format_date"] = format_date
            env.globals["direction"] = direction
            env.globals["reference_inlines"] = reference_inlines
            env.globals["reference_backlinks"] = backlinks
            env.globals["outline"] = outline
            env.globals["metadata_title"] = metadata_title
            env.globals["generator"] = generator
            env.globals["edition_label"] = edition.label
            self._envs[fmt] = env
        return env

    def csl_style(self) -> str:
        """The layout's CSL style for references: ``csl/style.csl`` if the layout has one, else AMA."""
        own = self.root / "csl" / "style.csl"
        return str(own) if own.is_file() else DEFAULT_STYLE

    @cached_property
    def fingerprint(self) -> str:
        """A hash of every file in the layout, for incremental builds."""
        digest = hashlib.sha256()
        for path in sorted(p for p in self.root.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(self.root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()
