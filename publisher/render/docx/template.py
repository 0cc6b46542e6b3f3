"""The Word template a document starts from, emptied of its body."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsmap, qn
from docx.parts.numbering import NumberingPart
from lxml import etree

from publisher.errors import Diagnostic, Location, RenderError
from publisher.render import RenderOptions
from publisher.render.docx import ooxml
from publisher.render.docx.package import drop_unused_body_rels
from publisher.render.layout import Layout
from publisher.source.archives import zip_problem
from publisher.source.files import NotReadable, read_regular

MAX_REFERENCE_DOCX_BYTES = 20 * 1024 * 1024  # a template is styles and a header logo, not a library


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
    document = docx.Document() if path is None else _open_reference(path)
    _ensure_numbering(document)
    ooxml.remove_children(document.element.body, keep=("w:sectPr",))
    body_sections = document.element.body.findall(qn("w:sectPr"))
    for extra in body_sections[:-1]:
        document.element.body.remove(extra)
    ooxml.ensure_section_properties(document.element.body)
    drop_unused_body_rels(document)
    return document


def _open_reference(path: Path) -> DocxDocument:
    """An organisation's template, read once and within bounds; every problem is the template's, by name."""
    def refused(message: str, hint: str = "give a .docx saved by Word or LibreOffice") -> RenderError:
        return RenderError(Diagnostic(Location(str(path)), message, hint))

    try:
        data = read_regular(path, MAX_REFERENCE_DOCX_BYTES, "remove large images from the template")
    except NotReadable as exc:
        raise refused(f"the reference DOCX {exc.what}", exc.hint) from None
    except OSError as exc:
        raise refused(f"cannot read the reference DOCX: {exc.strerror}", "check the path given to --reference-docx") \
            from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = zip_problem(archive)
        if problem:
            raise refused(f"the reference DOCX {problem}")
        return docx.Document(io.BytesIO(data))
    except RenderError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise refused(f"cannot open the reference DOCX: {exc or type(exc).__name__}") from None
    except etree.XMLSyntaxError as exc:  # e.g. an entity declaration: refused by python-docx's parser, as it should be
        raise refused(f"the reference DOCX has a part that is not plain XML: {exc}",
                      "save it again from Word or LibreOffice (entities and DTDs are never read)") from None
    except ValueError as exc:  # python-docx refuses .dotx/.docm by content type
        raise refused(f"not a Word document: {exc}", "save the template as a .docx document (not .dotx)") from None


def _ensure_numbering(document: DocxDocument) -> None:
    """A template without word/numbering.xml gets an empty one: python-docx raises NotImplementedError
    instead of adding it, and the first list of the document needs it."""
    try:
        document.part.numbering_part  # noqa: B018  (a property that raises when the part is missing)
    except NotImplementedError:
        element = parse_xml(f'<w:numbering xmlns:w="{nsmap["w"]}"/>')
        part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)


def check_reference(path: Path) -> Diagnostic | None:
    """Whether ``--reference-docx`` can be used, before a build renders anything with it."""
    try:
        open_template(path)
    except RenderError as exc:
        return exc.diagnostics[0]
    return None
