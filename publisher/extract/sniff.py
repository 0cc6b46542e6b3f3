"""Which format a file is, decided from its name and its first bytes; unusable files raise."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Literal

from publisher.errors import Diagnostic, Location, PublisherError
from publisher.source.archives import zip_problem

FileFormat = Literal["pdf", "docx", "epub", "html", "brf", "mp3"]

# File name endings, longest first so "x.large-print.pdf" is seen as a large-print PDF.
SUFFIXES: tuple[tuple[str, FileFormat], ...] = (
    (".large-print.pdf", "pdf"),
    (".narrated.epub", "epub"),
    (".pdf", "pdf"),
    (".docx", "docx"),
    (".epub", "epub"),
    (".xhtml", "html"),
    (".html", "html"),
    (".htm", "html"),
    (".brf", "brf"),
    (".mp3", "mp3"),
)
_HINT = "pass a PDF, DOCX, EPUB, HTML, BRF or MP3 file written by publisher build"


class UnusableInput(PublisherError):
    """A file that cannot be checked at all: missing, unreadable, not one of the four formats, corrupt."""


def unusable(path: Path, message: str, hint: str = _HINT) -> UnusableInput:
    return UnusableInput(Diagnostic(Location(str(path)), message, hint))


def split_name(path: Path) -> tuple[str, str]:
    """``dist/x.large-print.pdf`` -> (``x``, ``large-print.pdf``); the stem is the output's group."""
    name = path.name
    for suffix, _fmt in SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix[1:]
    return path.stem, path.suffix.lstrip(".")


def is_candidate(path: Path) -> bool:
    """Whether a file in an output folder is one ``check`` looks at (not a report, not a temp file)."""
    return path.is_file() and not path.name.startswith(".") and any(
        path.name.lower().endswith(suffix) for suffix, _ in SUFFIXES)


def sniff(path: Path) -> FileFormat:
    """The file's format; raises UnusableInput when it is missing, unreadable or not what it claims."""
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except FileNotFoundError:
        raise unusable(path, "no such file", "check the path, or run publisher build first") from None
    except IsADirectoryError:
        raise unusable(path, "is a folder", "pass files, or no argument to check everything in dist/") from None
    except OSError as exc:
        raise unusable(path, f"cannot read the file: {exc.strerror}", "check its permissions") from None
    claimed = next((fmt for suffix, fmt in SUFFIXES if path.name.lower().endswith(suffix)), None)
    if claimed is None:
        raise unusable(path, f"not a PDF, DOCX, EPUB, HTML, BRF or MP3 file (suffix {path.suffix or 'none'!r})")
    if claimed == "pdf":
        if b"%PDF-" not in head[:1024]:
            raise unusable(path, "not a PDF: the file does not start with %PDF-", "rebuild it with publisher build")
    elif claimed in ("docx", "epub"):
        _check_zip(path, claimed)
    elif claimed == "brf":
        if b"\x00" in head or any(b > 0x7F for b in head):
            raise unusable(path, "not a BRF file: bytes outside ASCII", "rebuild it with publisher build")
    elif claimed == "mp3":
        if not (head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa")):
            raise unusable(path, "not an MP3 file: no ID3 tag or MPEG frame at the start",
                           "rebuild it with publisher build")
    elif b"<" not in head or b"\x00" in head:
        raise unusable(path, "not an HTML file: no markup in the first bytes", "rebuild it with publisher build")
    return claimed


def _check_zip(path: Path, fmt: FileFormat) -> None:
    rebuild = "rebuild it with publisher build"
    needed = "word/document.xml" if fmt == "docx" else "META-INF/container.xml"
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            bomb = zip_problem(zf)  # from the zip directory, before a byte is inflated
            if bomb is not None:
                raise unusable(path, f"not a valid {fmt.upper()}: the zip {bomb}", rebuild)
            broken = zf.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise unusable(path, f"not a valid {fmt.upper()}: corrupt zip ({exc})", rebuild) from None
    if broken is not None:
        raise unusable(path, f"not a valid {fmt.upper()}: corrupt zip member {broken}", rebuild)
    if needed not in names:
        raise unusable(path, f"not a valid {fmt.upper()}: the zip has no {needed}", rebuild)
