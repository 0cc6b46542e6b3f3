"""Document properties from the model: core (title, language, author, dates) and extended (the producer)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from publisher.document import model as m
from publisher.render.docx import ooxml
from publisher.render.producer import generator

LIMIT = 255  # python-docx refuses longer core property strings


def _fit(text: str) -> str:
    text = ooxml.xml_text(" ".join(text.split()))
    return text if len(text) <= LIMIT else text[: LIMIT - 1].rstrip() + "…"


def set_core_properties(document: DocxDocument, doc: m.Document) -> None:
    """Every core property from the model; whatever the template said (python-docx's own says
    "python-docx" and 2013, an organisation's names its last editor) is cleared first."""
    props = document.core_properties
    ooxml.remove_children(props._element)
    reviewed = dt.datetime(doc.last_reviewed.year, doc.last_reviewed.month, doc.last_reviewed.day,
                           tzinfo=dt.UTC)
    props.title = _fit(m.metadata_title(doc))
    props.subject = _fit(doc.description)
    props.comments = _fit(doc.description)
    props.keywords = _fit(", ".join(doc.keywords))
    props.author = _fit(doc.publisher.name)
    props.last_modified_by = _fit(doc.publisher.name)
    props.language = doc.language
    props.identifier = _fit(doc.canonical_url)
    props.created = reviewed
    props.modified = reviewed
    props.revision = 1


APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>{application}</Application></Properties>")


def set_application(document: DocxDocument) -> None:
    """docProps/app.xml naming the program that wrote the file (Word shows it as "Program name").

    Only the application: the page and word counts a template's app.xml carries would be wrong
    for this document (package.py drops it), and Word recounts them on opening.
    """
    blob = APP_XML.format(application=escape(generator("python-docx", "lxml"))).encode()
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, document.part.package)
    document.part.package.relate_to(part, RT.EXTENDED_PROPERTIES)
