"""The saved package: parts that must not survive from templates, and a reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

# Parts a template carries that would misdescribe our document: app.xml says which
# program saved it and counts pages and words, the thumbnail shows the template's
# first page, and stylesWithEffects.xml is a stale copy of the styles that Word 2010
# reads instead of styles.xml.
DROPPED_PACKAGE_RELS = {RT.EXTENDED_PROPERTIES, RT.THUMBNAIL}
DROPPED_DOCUMENT_RELS = {"http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
# Relationships only the (discarded) body of a template uses; comments are referenced
# implicitly, by the comment marks that went with the body.
BODY_RELS = {RT.IMAGE, RT.HYPERLINK, RT.OLE_OBJECT, RT.CHART, RT.PACKAGE, RT.DIAGRAM_DATA, RT.DIAGRAM_LAYOUT,
             RT.DIAGRAM_QUICK_STYLE, RT.DIAGRAM_COLORS}
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def strip_template_parts(document: DocxDocument) -> None:
    package_rels = document.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype in DROPPED_PACKAGE_RELS:
            package_rels.pop(r_id)
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in DROPPED_DOCUMENT_RELS:
            document.part.rels.pop(r_id)


def drop_unused_body_rels(document: DocxDocument) -> None:
    """After a template's body is discarded, its images, links and comments go with it."""
    used = {value for el in document.element.iter() for name, value in el.attrib.items() if name.startswith(R_NS)}
    for r_id, rel in list(document.part.rels.items()):
        if (rel.reltype in BODY_RELS and r_id not in used) or rel.reltype == RT.COMMENTS:
            document.part.rels.pop(r_id)


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """The same entries with fixed dates, attributes and order, so a rebuild is byte-identical."""
    # A zip stores years 1980-2107 (the reader refuses dates past 2100; a Document made by hand may not).
    stamp = (when.year, when.month, when.day, 0, 0, 0) if 1980 <= when.year <= 2107 else (
        (1980, 1, 1, 0, 0, 0) if when.year < 1980 else (2107, 12, 31, 0, 0, 0))
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
