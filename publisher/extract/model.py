"""What an extractor returns: the parts of a document every format must agree on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Schemes that lead out of the document; "#anchor", relative paths and data: URLs do not.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "tel"})


def external(url: str) -> bool:
    try:
        return urlsplit(url.strip()).scheme.lower() in EXTERNAL_SCHEMES
    except ValueError:
        return False


@dataclass(frozen=True)
class Extract:
    """One output file as a reader meets it, independent of its format."""

    path: Path
    format: str  # "pdf", "docx", "epub" or "html"
    outline: tuple[tuple[int, str], ...]  # (level, heading text) in reading order
    references: tuple[tuple[int, str], ...]  # (number shown, URL or "") in list order
    links: tuple[str, ...]  # external link targets, first occurrence order, no duplicates
    text: str  # the reading-order text, one block per line
