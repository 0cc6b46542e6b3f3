"""The Word template a document starts from, emptied of its body."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from publisher.errors import Diagnostic, Location, RenderError
from publisher.render import RenderOptions
from publisher.render.docx import ooxml
from publisher.render.docx.package import drop_unused_body_rels
from publisher.render.layout import Layout


def template_path(layout: Layout, options: RenderOptions) -> Path | None:
    """``--reference-docx`` first, then a ``reference.docx`` in the layout's docx folder, else none."""
    if options.reference_docx is not None:
        return options.reference_docx
    bundled = layout.folder("docx") / "reference.docx"
    return bundled if bundled.is_file() else None


def open_template(path: Path | None) -> DocxDocument:
    """python-docx's own template, or an organisation's, with its body discarded.

    Of an organisation's template we keep what makes it theirs: styles, numbering,
    theme, fonts, settings, and the last section's page size, margins, header and
    footer. Its text, images and comments go.
    """
    if path is None:
        document = docx.Document()
    else:
        try:
            document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise RenderError(Diagnostic(Location(str(path)), f"cannot open the reference DOCX: {exc}",
                                         "give a .docx saved by Word or LibreOffice")) from exc
        except ValueError as exc:  # python-docx refuses .dotx/.docm by content type
            raise RenderError(Diagnostic(Location(str(path)), f"not a Word document: {exc}",
                                         "save the template as a .docx document (not .dotx)")) from exc
    ooxml.remove_children(document.element.body, keep=("w:sectPr",))
    body_sections = document.element.body.findall(qn("w:sectPr"))
    for extra in body_sections[:-1]:
        document.element.body.remove(extra)
    ooxml.ensure_section_properties(document.element.body)
    drop_unused_body_rels(document)
    return document
