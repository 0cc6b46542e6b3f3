"""Core document properties (title, language, author, dates) from the model."""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument

from publisher import model as m
from publisher.render.docx import ooxml

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
