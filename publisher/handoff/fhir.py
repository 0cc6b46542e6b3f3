"""``<slug>.fhir.json``: an HL7 FHIR R4 Bundle with one DocumentReference per output, for records systems.

A clinician attaching a handout to a record imports a DocumentReference; these are templates
with no subject, so nothing in them identifies a patient (the record system adds the patient
when it attaches one). The choices, each one a fact a record system indexes on:

- ``type`` and ``category``: LOINC 34895-3 "Education note", the LOINC Document Ontology code
  whose type of service is education. IHE PCC uses it for patient-education content, and
  France's DMP lists it in its XDS typeCode value set (ANS JDV_J07-XdsTypeCode-CISIS) as
  "Fiche d'information au patient", a patient information sheet. R4's category binding
  (DocumentClassValueSet) is an example binding with no education class; R4 says the category
  "may be implied by or derived from" the type, so it repeats it.
- ``status`` current, ``docStatus`` final, ``securityLabel`` v3-Confidentiality U (unrestricted):
  published material, nothing about a person.
- ``date`` and ``attachment.creation``: the edition's date (never the build's time).
- ``masterIdentifier``: version specific (changes with the file's bytes); ``identifier``: the
  publication in one format, the same across editions, and what ``relatesTo`` points at:
  ``transforms`` from a translation to its original and from an audience variant to the patient
  version, in the same format (a logical reference: the target lives in another bundle).
- ``content.attachment``: media type, language, size, SHA-1 (base64, as R4 defines ``hash``),
  title and a url relative to the bundle (it sits beside the files; absolute with ``--base-url``);
  ``--fhir-embed`` adds the PDFs' bytes as ``data``. ``content.format`` is IHE's mimeTypeSufficient, which MHD expects.
- ``context.event``: the condition's codes (source key ``codes``), in FHIR's URIs for the
  terminologies it knows; a terminology without one is kept as text.
"""

from __future__ import annotations

import base64
import html
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from publisher.handoff.card import Card
from publisher.handoff.store import OutputFile
from publisher.render.kinds import kind

RFC3986 = "urn:ietf:rfc:3986"
LOINC = "http://loinc.org"
EDUCATION_NOTE = {"system": LOINC, "code": "34895-3", "display": "Education note"}
CONFIDENTIALITY = {"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "U",
                   "display": "unrestricted"}
MIME_SUFFICIENT = {"system": "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode",
                   "code": "urn:ihe:iti:xds:2017:mimeTypeSufficient", "display": "mimeType Sufficient"}
# FHIR's canonical URIs of the terminologies a source's ``codes`` may name (hl7.org/fhir/R4/terminologies-systems.html).
SYSTEMS = {
    "ICD-10": "http://hl7.org/fhir/sid/icd-10",
    "ICD-10-CM": "http://hl7.org/fhir/sid/icd-10-cm",
    "ICD-11": "http://id.who.int/icd/release/11/mms",
    "SNOMED-CT": "http://snomed.info/sct",
    "SNOMED": "http://snomed.info/sct",
    "ORPHA": "http://www.orpha.net",
    "ORPHANET": "http://www.orpha.net",
    "OMIM": "https://omim.org",
    "MESH": "http://id.nlm.nih.gov/mesh",
    "MONDO": "http://purl.obolibrary.org/obo/mondo.owl",
}
EMBEDDED_TYPES = frozenset({"application/pdf"})


@dataclass(frozen=True)
class Options:
    embed: bool = False  # put the PDFs' bytes into the bundle (--fhir-embed)
    base_url: str = ""  # where the files are published (--base-url): then attachment URLs are absolute


def bundle_name(card: Card) -> str:
    variant = f".{card.variant}" if card.variant else ""
    return f"{card.slug}{variant}.fhir.json"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def publication_identifier(slug: str, variant: str, fmt: str) -> str:
    """The publication in one format: the same for every edition; what ``relatesTo`` of another bundle names."""
    return _urn(f"urn:publisher:{slug}{'#' + variant if variant else ''}/{fmt}")


def _date(card: Card) -> str:
    return f"{card.edition}T00:00:00Z"


def _codes(card: Card) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for system, code, display in card.codes:
        uri = SYSTEMS.get(system.upper())
        if uri is None:
            out.append({"text": " ".join(p for p in (system, code, display) if p)})
            continue
        coding = {"system": uri, "code": code, **({"display": display} if display else {})}
        out.append({"coding": [coding], **({"text": display} if display else {})})
    return out


def _relations(card: Card, fmt: str) -> list[dict[str, Any]]:
    targets = []
    if card.translation_of:
        targets.append((card.translation_of, card.variant, "translation"))
    if card.variant:
        targets.append((card.slug, "", "patient version"))
    return [{"code": "transforms",
             "target": {"type": "DocumentReference",
                        "identifier": {"system": RFC3986, "value": publication_identifier(slug, variant, fmt)},
                        "display": f"{what}: {slug}{'.' + variant if variant else ''} ({fmt})"}}
            for slug, variant, what in targets]


def document_reference(card: Card, out: OutputFile, data: bytes | None, labels: dict[str, str],
                       base_url: str = "") -> dict[str, Any]:
    what = kind(out.fmt, out.name)
    label = labels.get(what.label, out.fmt)
    title = f"{card.display_title} — {label}"
    attachment: dict[str, Any] = {
        "contentType": what.media_type,
        "language": card.language,
        "url": f"{base_url.rstrip('/')}/{out.name}" if base_url else out.name,
        "size": out.size,
        "hash": base64.b64encode(bytes.fromhex(out.sha1)).decode(),
        "title": title,
        "creation": card.edition,
    }
    if data is not None:
        attachment["data"] = base64.b64encode(data).decode()
    kind_text = "Clinician information" if card.variant == "clinician" else "Patient education handout"
    resource: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{out.name}#{out.sha256}")),
        "text": {"status": "generated",
                 "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{html.escape(title)}</p></div>'},
        "masterIdentifier": {"system": RFC3986, "value": _urn(f"urn:publisher:{out.name}#sha256={out.sha256}")},
        "identifier": [{"system": RFC3986, "value": publication_identifier(card.slug, card.variant, out.fmt)}],
        "status": "current",
        "docStatus": "final",
        "type": {"coding": [EDUCATION_NOTE], "text": kind_text},
        "category": [{"coding": [EDUCATION_NOTE], "text": "Patient education"}],
        "date": _date(card),
        "author": [{"display": card.publisher}],
        "custodian": {"display": card.publisher_parent or card.publisher},
        "description": card.description or card.display_title,
        "securityLabel": [{"coding": [CONFIDENTIALITY]}],
        "content": [{"attachment": attachment, "format": MIME_SUFFICIENT}],
    }
    relations = _relations(card, out.fmt)
    if relations:
        resource["relatesTo"] = relations
    codes = _codes(card)
    if codes:
        resource["context"] = {"event": codes}
    return resource


def bundle(card: Card, outputs: Sequence[OutputFile], labels: dict[str, str], options: Options = Options(),
           data: dict[str, bytes] | None = None) -> bytes:
    """The Bundle (type collection) for one source's outputs; ``data`` holds the bytes to embed, by format."""
    resources = []
    for out in sorted(outputs, key=lambda o: (kind(o.fmt, o.name).rank, o.fmt)):
        embedded = None
        if options.embed and kind(out.fmt, out.name).media_type in EMBEDDED_TYPES and data is not None:
            embedded = data.get(out.fmt)
        resources.append(document_reference(card, out, embedded, labels, options.base_url))
    content_key = ",".join(f"{o.name}={o.sha256}" for o in sorted(outputs, key=lambda o: o.name))
    body = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{bundle_name(card)}#{content_key}")),
        "identifier": {"system": RFC3986, "value": _urn(f"urn:publisher:{bundle_name(card)}#{content_key}")},
        "type": "collection",
        "timestamp": _date(card),
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()
