"""All of a handout's metadata: the XMP packet and the /Info dictionary, written from the model, always in agreement.

WeasyPrint writes both from the HTML ``<meta>`` tags, but it cannot claim two standards at
once (its XMP names PDF/UA *or* PDF/A, WeasyPrint issue 2783), it compresses the metadata
stream (PDF/A forbids a /Filter there), it stamps its own /Producer, and it knows nothing of
the edition or the condition's codes. So the finisher replaces the content of the metadata
stream WeasyPrint made and refills /Info from the same :class:`PdfMetadata`: PDF/A-2
requires every /Info entry to equal its XMP counterpart (ISO 19005-2, 6.6.2.3), and
``publisher check`` (``pdf.title``, ``pdf.pdfa``) reads them back.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pydyf
from lxml import etree

from publisher.document.model import Document, metadata_title
from publisher.render.producer import generator

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
# The libraries whose versions the producer line names (publisher/render/producer.py).
LIBRARIES = ("weasyprint", "pydyf")


@dataclass(frozen=True)
class PdfMetadata:
    """What a handout says about itself; the same values go to XMP and to /Info."""

    title: str
    language: str
    author: str
    description: str
    keywords: tuple[str, ...]  # the source's keywords, then one "SYSTEM:code" per condition code
    producer: str
    date: dt.date  # the edition's date: xmp:CreateDate, xmp:ModifyDate, /CreationDate, /ModDate
    document_id: str  # the same for every edition of this publication
    instance_id: str  # this edition (its content fingerprint) in this print size
    version: str = ""
    rights: str = ""
    publisher: str = ""

    @property
    def keyword_line(self) -> str:
        return ", ".join(self.keywords)


def pdf_metadata(doc: Document, large_print: bool = False) -> PdfMetadata:
    name = doc.canonical_url or f"urn:publisher:{doc.slug}"
    if doc.audience and doc.audience != "patient":
        name += f"#{doc.audience}"
    fingerprint = doc.edition.fingerprint if doc.edition is not None else ""
    instance = f"{name}?edition={doc.edition_date.isoformat()}&content={fingerprint}&large-print={large_print}"
    return PdfMetadata(
        title=metadata_title(doc),
        language=doc.language,
        author=doc.publisher.name,
        description=doc.description,
        keywords=(*doc.keywords, *(f"{c.system}:{c.code}" for c in doc.codes)),
        producer=generator(*LIBRARIES),
        date=doc.edition_date,
        document_id=f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
        instance_id=f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, instance)}",
        version=doc.edition.version if doc.edition is not None else "",
        rights=doc.rights,
        publisher=doc.publisher.parent or doc.publisher.name,
    )


def xmp_date(date: dt.date) -> str:
    """Midnight UTC of the edition's date: a date, never the time of the build (same input, same bytes)."""
    return f"{date.isoformat()}T00:00:00Z"


def info_date(date: dt.date) -> str:
    """The same instant as :func:`xmp_date`, in the PDF date syntax (ISO 32000-1, 7.9.4)."""
    return f"D:{date.strftime('%Y%m%d')}000000Z"


def info(meta: PdfMetadata) -> dict[str, str]:
    """The /Info entries; each one has its XMP counterpart in :func:`xmp_packet`."""
    entries = {"Title": meta.title, "Author": meta.author, "Creator": meta.producer, "Producer": meta.producer,
               "CreationDate": info_date(meta.date), "ModDate": info_date(meta.date)}
    if meta.description:
        entries["Subject"] = meta.description
    if meta.keywords:
        entries["Keywords"] = meta.keyword_line
    return entries


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _add(parent: Any, tag: str, text: str = "", **attrs: str) -> Any:
    element = etree.SubElement(parent, _q(tag), {_q(k.replace("_", ":", 1)) if "_" in k else k: v
                                                  for k, v in attrs.items()})
    if text:
        element.text = text
    return element


def _container(parent: Any, tag: str, kind: str, items: tuple[str, ...] | list[str], lang: str = "") -> None:
    holder = _add(_add(parent, tag), f"rdf:{kind}")
    for item in items:
        li = _add(holder, "rdf:li", item)
        if lang:
            li.set("{http://www.w3.org/XML/1998/namespace}lang", lang)


def _pdfua_extension(description: Any) -> None:
    """Declare the pdfuaid schema: PDF/A-2 accepts XMP properties only from predefined or declared schemas,
    and PDF/UA's identification schema is not among PDF/A-2's predefined ones (ISO 19005-2, 6.6.2.3.2)."""
    bag = _add(_add(description, "pdfaExtension:schemas"), "rdf:Bag")
    schema = _add(bag, "rdf:li", rdf_parseType="Resource")
    _add(schema, "pdfaSchema:schema", "PDF/UA Universal Accessibility Schema")
    _add(schema, "pdfaSchema:namespaceURI", NS["pdfuaid"])
    _add(schema, "pdfaSchema:prefix", "pdfuaid")
    prop = _add(_add(_add(schema, "pdfaSchema:property"), "rdf:Seq"), "rdf:li", rdf_parseType="Resource")
    _add(prop, "pdfaProperty:name", "part")
    _add(prop, "pdfaProperty:valueType", "Integer")
    _add(prop, "pdfaProperty:category", "internal")
    _add(prop, "pdfaProperty:description", "Indicates, which part of ISO 14289 standard is followed")


def xmp_packet(meta: PdfMetadata, pdfa: tuple[int, str] | None = None, pdfua: int | None = None) -> bytes:
    """The XMP packet: identification (PDF/A part and level, PDF/UA part), Dublin Core, dates, identifiers."""
    root = etree.Element(_q("x:xmpmeta"), nsmap={"x": NS["x"]})
    rdf = _add(root, "rdf:RDF")
    rdf_nsmap = {k: v for k, v in NS.items() if k != "x"}
    description = etree.SubElement(rdf, _q("rdf:Description"), {_q("rdf:about"): ""}, nsmap=rdf_nsmap)
    if pdfa is not None:
        _add(description, "pdfaid:part", str(pdfa[0]))
        _add(description, "pdfaid:conformance", pdfa[1])
    if pdfua is not None:
        _add(description, "pdfuaid:part", str(pdfua))
        if pdfa is not None:
            _pdfua_extension(description)
    _container(description, "dc:title", "Alt", [meta.title], lang="x-default")
    _container(description, "dc:creator", "Seq", [meta.author])
    if meta.description:
        _container(description, "dc:description", "Alt", [meta.description], lang="x-default")
    if meta.keywords:
        _container(description, "dc:subject", "Bag", meta.keywords)
    _container(description, "dc:language", "Bag", [meta.language])
    _container(description, "dc:publisher", "Bag", [meta.publisher])
    if meta.rights:
        _container(description, "dc:rights", "Alt", [meta.rights], lang="x-default")
    _add(description, "dc:format", "application/pdf")
    _add(description, "pdf:Producer", meta.producer)
    if meta.keywords:
        _add(description, "pdf:Keywords", meta.keyword_line)
    _add(description, "xmp:CreatorTool", meta.producer)
    for tag in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        _add(description, tag, xmp_date(meta.date))
    _add(description, "xmpMM:DocumentID", meta.document_id)
    _add(description, "xmpMM:InstanceID", meta.instance_id)
    if meta.version:
        _add(description, "xmpMM:VersionID", meta.version)
    body = etree.tostring(root, encoding="utf-8")
    # The packet wrapper (XMP part 1, 7.3); "r": readers must not edit the packet in place.
    return b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + b'\n<?xpacket end="r"?>'


def apply(pdf: pydyf.PDF, meta: PdfMetadata, pdfa: tuple[int, str] | None = None, pdfua: int | None = None) -> None:
    """Write ``meta`` into the catalog's metadata stream (uncompressed) and into /Info, replacing WeasyPrint's."""
    packet = xmp_packet(meta, pdfa, pdfua)
    ref = pdf.catalog.get("Metadata")
    stream = pdf.objects[int(ref.split()[0])] if isinstance(ref, bytes) else None
    if isinstance(stream, pydyf.Stream):
        # Reuse WeasyPrint's object: pydyf cannot drop an object once it packs them into object streams.
        stream.stream = [packet]
        stream.compress = False
        stream.extra = pydyf.Dictionary({"Type": "/Metadata", "Subtype": "/XML"})
    else:
        stream = pydyf.Stream([packet], pydyf.Dictionary({"Type": "/Metadata", "Subtype": "/XML"}), compress=False)
        pdf.add_object(stream)
        pdf.catalog["Metadata"] = stream.reference
    pdf.info.clear()
    for key, value in info(meta).items():
        pdf.info[key] = pydyf.String(value)
