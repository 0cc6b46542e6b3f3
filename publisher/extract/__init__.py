"""Per-format extractors: what a reader of a PDF, DOCX, EPUB or HTML output gets, in one shape."""

from __future__ import annotations

from pathlib import Path

from publisher.extract.docx import extract_docx
from publisher.extract.epub import extract_epub
from publisher.extract.html import extract_html
from publisher.extract.model import Extract, external
from publisher.extract.pdf import extract_pdf
from publisher.extract.sniff import FileFormat, UnusableInput, sniff

__all__ = ["Extract", "FileFormat", "UnusableInput", "external", "extract", "sniff"]

_EXTRACTORS = {"pdf": extract_pdf, "docx": extract_docx, "epub": extract_epub, "html": extract_html}


def extract(path: Path, fmt: FileFormat | None = None) -> Extract:
    """The outline, references, links and text of one output; raises UnusableInput for a bad file."""
    return _EXTRACTORS[fmt or sniff(path)](path)
