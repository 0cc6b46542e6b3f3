"""pandoc 3 (the binary that PyPI's ``pypandoc_binary`` ships) reads an EPUB or DOCX back into its AST.

What another system gets when it converts our file: the headings, the links and their
targets, the ids that internal links can land on, and pandoc's own warnings (such as
"Reference not found for 'ref-1'", its word for a note reference whose target is no note).
Debian's pandoc 2.17 is too old to judge by (it drops such references silently), so only a
pandoc of major version 3 or later is used.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import ValidatorFailed, ValidatorMissing

TOOL = "pandoc"
MIN_MAJOR = 3
INSTALL = "pip install pypandoc_binary (a pandoc 3 inside a wheel)"


@dataclass(frozen=True)
class Reading:
    """A file as pandoc read it."""

    version: str
    headings: tuple[tuple[int, str], ...]  # (level, text) in reading order
    links: tuple[tuple[str, str], ...]  # (target, text) in reading order
    ids: frozenset[str]  # every identifier an internal link can point at
    warnings: tuple[str, ...]  # pandoc's "[WARNING] …" lines


def binary() -> str:
    """``PUBLISHER_PANDOC``, else the pandoc inside the pypandoc_binary wheel (never the one on PATH)."""
    override = os.environ.get("PUBLISHER_PANDOC")
    if override:
        return tools.executable(TOOL, override)
    spec = importlib.util.find_spec("pypandoc")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    bundled = origin.parent / "files" / "pandoc" if origin is not None else None
    if bundled is None or not bundled.is_file():
        raise ValidatorMissing(TOOL, f"no pandoc {MIN_MAJOR}.x from pypandoc_binary — {INSTALL}")
    return str(bundled)


def version(pandoc: str) -> str:
    done = tools.run(TOOL, [pandoc, "--version"], timeout=30)
    match = re.match(r"pandoc(?:\.exe)? ([0-9][0-9.]*)", done.stdout)
    if done.returncode != 0 or match is None:
        raise ValidatorFailed(TOOL, f"'{pandoc} --version' did not say its version", done.stderr)
    found = match.group(1)
    if int(found.split(".")[0]) < MIN_MAJOR:
        raise ValidatorMissing(TOOL, f"{pandoc} is pandoc {found}; {MIN_MAJOR}.x is needed — {INSTALL}")
    return found


def read(path: Path, fmt: str, *, timeout: float = 120.0) -> Reading:
    """Read ``path`` (``fmt`` "epub" or "docx") with pandoc; its AST comes back as JSON."""
    pandoc = binary()
    found = version(pandoc)
    with tools.scratch_dir(TOOL) as scratch:
        # --sandbox: the file is untrusted; pandoc reads nothing but it and writes nothing but stdout.
        done = tools.run(TOOL, [pandoc, "--sandbox", "-f", fmt, "-t", "json", str(path.resolve())],
                         timeout=timeout, cwd=Path(scratch))
    if done.returncode != 0:
        raise ValidatorFailed(TOOL, f"could not read {path.name} (exit status {done.returncode})", done.stderr)
    try:
        ast = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise ValidatorFailed(TOOL, f"unreadable JSON AST: {exc}", done.stderr) from exc
    headings: list[tuple[int, str]] = []
    links: list[tuple[str, str]] = []
    ids: set[str] = set()
    for node in _nodes(ast.get("blocks", [])):
        kind, content = node.get("t"), node.get("c") or []
        attr = _attr(kind, content)
        if attr:
            ids.add(attr)
        if kind == "Header":
            headings.append((int(content[0]), stringify(content[2])))
        elif kind == "Link":
            links.append((str(content[2][0]), stringify(content[1])))
    warnings = tuple(line.strip() for line in done.stderr.splitlines() if line.startswith("[WARNING]"))
    return Reading(found, tuple(headings), tuple(links), frozenset(ids), warnings)


# Elements whose first content item is an Attr ([id, classes, key-values]).
_ATTR_FIRST = frozenset({"Span", "Div", "Link", "Image", "Code", "CodeBlock", "Table", "Figure"})


def _attr(kind: Any, content: Any) -> str:
    if kind == "Header" and isinstance(content, list) and len(content) > 1:
        return str(content[1][0])
    if kind in _ATTR_FIRST and isinstance(content, list) and content and isinstance(content[0], list):
        return str(content[0][0]) if content[0] else ""
    return ""


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every AST element (a ``{"t": …, "c": …}`` object), depth first, in document order."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "t" in item:
                yield item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def stringify(inlines: Any) -> str:
    """The text of an inline list, spaces for Space/SoftBreak/LineBreak."""
    parts: list[str] = []
    for node in _nodes(inlines):
        kind = node.get("t")
        if kind in ("Str", "Code", "Math", "RawInline") and node.get("c") is not None:
            value = node["c"]
            parts.append(value if isinstance(value, str) else str(value[-1]) if kind != "RawInline" else "")
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
    return "".join(parts)
