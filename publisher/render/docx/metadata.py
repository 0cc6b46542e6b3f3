"""Document properties from the model: core (title, language, author, dates, revision), extended (the producer)
and custom (edition, owner, review date, condition codes: what a records system files the handout by)."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from publisher.document import model as m
from publisher.render import codes, edition
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
    # As Word does on saving a correction: "created" stays (the review the text comes from), "modified" moves
    # with every edition (publisher.render.edition), the revision and version follow the source's version.
    first = min(doc.last_reviewed, doc.edition_date)
    created = dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC)
    props.title = _fit(m.metadata_title(doc))
    props.subject = _fit(doc.description)
    props.comments = _fit(doc.description)
    props.keywords = _fit(", ".join(doc.keywords))
    props.author = _fit(doc.publisher.name)
    props.last_modified_by = _fit(doc.publisher.name)
    props.language = doc.language
    props.identifier = _fit(doc.canonical_url)
    props.created = created
    props.modified = edition.modified(doc)
    props.revision = edition.revision(doc)
    if edition.version(doc):
        props.version = _fit(edition.version(doc))


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


CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id of user-defined properties (MS-OLEPS)


def custom_properties(doc: m.Document) -> list[tuple[str, str]]:
    """(name, text) of each custom property, in the order Word's File > Properties > Custom lists them.

    Dates are ISO text, not ``vt:filetime``: Word shows a filetime in the reader's time zone, so a date at
    midnight UTC would read as the day before in the Americas.
    """
    props = [("Edition", doc.edition_date.isoformat())]
    if edition.version(doc):
        props.append(("Version", edition.version(doc)))
    if doc.edition is not None and doc.edition.fingerprint:
        props.append(("Content fingerprint", doc.edition.fingerprint))
    props.append(("Last reviewed", doc.last_reviewed.isoformat()))
    if doc.review_by is not None:
        props.append(("Review by", doc.review_by.isoformat()))
    if doc.owner:
        props.append(("Owner", doc.owner))
    if doc.codes:
        props.append(("Condition codes", "; ".join(codes.label(code) for code in doc.codes)))
    return props


def set_custom_properties(document: DocxDocument, doc: m.Document) -> None:
    """docProps/custom.xml; a template's own custom properties describe the template and are dropped."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(r_id)
    items = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(_fit(name), {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(ooxml.xml_text(value))}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(custom_properties(doc), start=2))  # pid 0 and 1 are reserved
    blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>').encode()
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
