"""YAML loading that keeps line and column numbers, and checks of the raw text.

ruamel.yaml's round-trip loader records where every key and value starts; we keep
its tree only to answer "where is this value?" for error messages, and hand plain
data to the schema. The raw-text checks run first so that encoding problems and
invisible characters are reported at their exact position.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from publisher.errors import Diagnostic, Location, SourceError, error

MAX_SOURCE_BYTES = 2 * 1024 * 1024
# C0/C1 controls other than tab, newline and carriage return are not allowed in XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Explicit bidirectional embeddings, overrides and isolates can disguise text (CVE-2021-42574).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def read_text(path: Path) -> str:
    """Read a source file as UTF-8, rejecting what would corrupt an output."""
    shown = str(path)
    if path.is_dir():
        raise error(shown, "is a directory, not a source file",
                    "pass a .yaml file, or no argument to build all of source/")
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise error(shown, f"file is {size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}",
                        "split the condition into smaller sources")
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(shown, "no such file", "check the path") from None
    except OSError as exc:
        raise error(shown, f"cannot read the file: {exc.strerror}", "check its permissions") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise error(shown, "file starts with a UTF-8 byte order mark", "save it as UTF-8 without BOM", 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(shown, f"invalid UTF-8 byte 0x{data[exc.start]:02x}", "save the file as UTF-8", line, col) from None
    if not text.strip():
        raise error(shown, "file is empty", "start from 'publisher new <slug>' or docs/source-format.md", 1, 1)
    for pattern, what, hint in (
        (_CONTROL, "control character", "delete it; it is invisible and invalid in XML"),
        (_BIDI, "bidirectional override character", "delete it; set 'direction' or mark a span with {lang=..}"),
    ):
        found = pattern.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            name = unicodedata.name(found.group(), f"U+{ord(found.group()):04X}")
            raise error(shown, f"{what} U+{ord(found.group()):04X} ({name})", hint, line, col)
    return text


def load_yaml(text: str, path: str) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        hint = "check indentation and quoting; quote text that contains ': ' or starts with a special character"
        if "duplicate key" in str(exc):
            what, hint = "duplicate key", "each key may appear once in a mapping; remove or rename one"
        raise SourceError(Diagnostic(Location(path, line, col), f"invalid YAML: {what}", hint)) from None
    except YAMLError as exc:
        raise error(path, f"invalid YAML: {exc}", "check the file's syntax") from None


def plain(node: Any) -> Any:
    """The round-trip tree as plain dicts, lists and scalars (what the schema sees)."""
    if isinstance(node, CommentedMap):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def position(root: Any, loc: tuple[int | str, ...], key_itself: bool = False) -> tuple[int, int]:
    """1-based (line, column) of the value at ``loc``; the closest known parent if missing."""
    node, best = root, (1, 1)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            line, col = node.lc.key(part) if (last and key_itself) else node.lc.value(part)
            best = (line + 1, col + 1)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            best = (line + 1, col + 1)
            node = node[part]
        elif not last:
            continue  # pydantic puts model and type names in the path ("str", "function-after[...]")
        elif isinstance(node, CommentedMap | CommentedSeq):
            best = (node.lc.line + 1, node.lc.col + 1)  # a missing key: point at its mapping
    return best


def text_start(root: Any, loc: tuple[int | str, ...]) -> tuple[int, int]:
    """Where the first character of a string value sits (block scalars start a line below)."""
    line, col = position(root, loc)
    value: Any = root
    for part in loc:
        value = value[part]
    if isinstance(value, LiteralScalarString | FoldedScalarString):
        return line + 1, col
    return line, col
