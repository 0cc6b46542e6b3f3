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
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from publisher.errors import Diagnostic, Location, SourceError, error
from publisher.source.files import NotReadable, read_regular
from publisher.source.limits import MAX_NUMBER_DIGITS, MAX_SOURCE_BYTES, MAX_YAML_DEPTH

# C0/C1 controls other than tab, newline and carriage return are not allowed in XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Explicit bidirectional embeddings, overrides and isolates can disguise text (CVE-2021-42574).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Unicode's line and paragraph separators: invisible in most editors, yet YAML counts each as a
# line break, so every position after one would be a line off (and they end a line in JavaScript).
_SEPARATOR = re.compile("[\u2028\u2029]")
FORBIDDEN = (
    (_CONTROL, "control character", "delete it; it is invisible and invalid in XML"),
    (_BIDI, "bidirectional override character", "delete it; set 'direction' or mark a span with {lang=..}"),
    (_SEPARATOR, "line separator character", "replace it with a line break (a blank line starts a paragraph)"),
)
# Old Mac line ends (CR alone) and Windows ones (CR LF) are line breaks to YAML and to editors:
# made LF here, so that YAML, Markdown and every diagnostic count the same lines.
_LINE_END = re.compile("\r\n?")


def read_text(path: Path) -> str:
    """Read a source file as UTF-8, rejecting what would corrupt an output."""
    shown = str(path)
    if path.is_dir():
        raise error(shown, "is a directory, not a source file",
                    "pass a .yaml file, or no argument to build all of source/")
    try:
        data = read_regular(path, MAX_SOURCE_BYTES, "split the condition into smaller sources")
    except FileNotFoundError:
        raise error(shown, "no such file", "check the path") from None
    except NotReadable as exc:
        raise error(shown, exc.what, exc.hint) from None
    except OSError as exc:
        raise error(shown, f"cannot read the file: {exc.strerror}", "check its permissions") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise error(shown, "file starts with a UTF-8 byte order mark", "save it as UTF-8 without BOM", 1, 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _LINE_END.sub("\n", data[: exc.start].decode("utf-8", "replace"))
        line = before.count("\n") + 1
        col = len(before) - before.rfind("\n")  # columns count characters, as editors do, not bytes
        raise error(shown, f"invalid UTF-8 byte 0x{data[exc.start]:02x}", "save the file as UTF-8", line, col) from None
    text = _LINE_END.sub("\n", text)
    if not text.strip():
        raise error(shown, "file is empty", "start from 'publisher new <slug>' or docs/source-format.md", 1, 1)
    for pattern, what, hint in FORBIDDEN:
        found = pattern.search(text)
        if found:
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            raise error(shown, f"{what} {_describe(found.group())}", hint, line, col)
    return text


class _Composer(Composer):
    """Refuses what a content file never needs and an attacker would use.

    Aliases expand a short file into an exponentially large tree ("billion laughs");
    explicit tags (``!!binary``, ``!foo``) turn text into other types; escapes in
    double-quoted strings (``"\\x07"``, ``"\\u202e"``) smuggle characters the raw-text
    check never saw. Each becomes an error at the node's position.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _refused(event, "YAML anchors and aliases (&name, *name) are not supported",
                           "write the text out in full")
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.ctag is not None and str(event.ctag) != "!":
            raise _refused(event, f"YAML tag '{event.ctag}' is not supported",
                           "remove the tag; quote the value if it must be read as text")
        if isinstance(event, ScalarEvent) and event.style == '"':
            # Only double-quoted scalars have escapes; the others were checked as raw text
            # (and ruamel marks folds in '>' scalars with U+0007 internally).
            for pattern, what, hint in FORBIDDEN:
                found = pattern.search(event.value)
                if found:
                    raise _refused(event, f"{what} {_describe(found.group())} (written as an escape)", hint)
        return super().compose_node(parent, index)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


class _Refused(MarkedYAMLError):
    """Valid YAML that a source may not use; reported without the "invalid YAML" prefix."""


def _refused(event: Any, problem: str, hint: str) -> _Refused:
    return _Refused(problem=problem, problem_mark=event.start_mark, note=hint)


class _Constructor(RoundTripConstructor):
    """Dates stay text, so the schema checks them and reports 2020-13-45 with its position."""


def _timestamp_as_text(constructor: Any, node: ScalarNode) -> str:
    return str(node.value)


def _bounded_int(constructor: Any, node: ScalarNode) -> Any:
    """An integer of at most MAX_NUMBER_DIGITS digits: Python itself refuses 4,300 with a ValueError
    (CVE-2020-10735), and no source needs more than a version number's."""
    digits = sum(ch.isalnum() for ch in str(node.value))
    if digits > MAX_NUMBER_DIGITS:
        raise _Refused(problem=f"a number with {digits:,} digits; the limit is {MAX_NUMBER_DIGITS}",
                       problem_mark=node.start_mark, note="quote it if it is text, e.g. version: \"1.0\"")
    return RoundTripConstructor.construct_yaml_int(constructor, node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_Constructor.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def load_yaml(text: str, path: str) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    yaml.max_depth = MAX_YAML_DEPTH
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        hint = exc.note or (
            "check indentation and quoting; quote text that contains ': ' or starts with a special character")
        if "end of stream" in what and exc.context and exc.context_mark:
            # An unclosed quote or bracket: where it opened helps, the end of the file does not.
            opened = exc.context.strip().removeprefix("while scanning ").removeprefix("while parsing ")
            mark, what = exc.context_mark, f"{opened} that never ends"
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if "found another document" in what:
            what, hint = "a second YAML document", "one condition per file: remove the '---' line and what follows"
        elif "duplicate key" in str(exc):
            what, hint = "duplicate key", "each key may appear once in a mapping; remove or rename one"
        elif "maximum depth" in what:
            what, hint = f"nested more than {MAX_YAML_DEPTH} levels deep", "flatten the structure"
        if not isinstance(exc, _Refused):
            what = f"invalid YAML: {what}"
        raise SourceError(Diagnostic(Location(path, line, col), what, hint)) from None
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
        if isinstance(node, CommentedMap) and part not in node:
            part = _original_key(node, part)
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


def _original_key(node: CommentedMap, part: int | str) -> Any:
    """The key as YAML read it: ``123:`` and ``yes:`` are an int and a bool, the schema sees "123" and "True"."""
    return next((key for key in node if not isinstance(key, str) and str(key) == part), part)


def text_start(root: Any, loc: tuple[int | str, ...]) -> tuple[int, int]:
    """Where the first character of a string value sits (block scalars start a line below)."""
    line, col = position(root, loc)
    value: Any = root
    for part in loc:
        value = value[part]
    if isinstance(value, LiteralScalarString | FoldedScalarString):
        return line + 1, col
    return line, col
