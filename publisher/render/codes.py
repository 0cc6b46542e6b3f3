"""Condition codes as metadata needs them: the terminology's usual name and the URI that identifies it.

The source says ``system: ORPHA`` (or ``Orphanet``, ``SNOMED CT``, ``mesh``…); formats need one spelling
for people (schema.org ``codingSystem``, DOCX properties) and a URL for machines (EPUB's ``authority``
refinement of ``dc:subject`` must be a URL). URIs are the ones HL7 FHIR uses for these code systems
(terminology.hl7.org), except MeSH, whose descriptors are resolvable under NLM's own namespace
(``http://id.nlm.nih.gov/mesh/D007890``). A system not listed here keeps its spelling and has no URI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.document.model import ConditionCode, Document


@dataclass(frozen=True)
class System:
    name: str  # as people and schema.org's codingSystem write it
    uri: str = ""


_SYSTEMS = {
    "ORPHA": System("ORPHA", "http://www.orpha.net"),
    "ICD-10": System("ICD-10", "http://hl7.org/fhir/sid/icd-10"),
    "ICD-10-CM": System("ICD-10-CM", "http://hl7.org/fhir/sid/icd-10-cm"),
    "ICD-11": System("ICD-11", "http://id.who.int/icd/release/11/mms"),
    "ICD-O-3": System("ICD-O-3", "http://terminology.hl7.org/CodeSystem/icd-o-3"),
    "SNOMED-CT": System("SNOMED-CT", "http://snomed.info/sct"),
    "MESH": System("MeSH", "http://id.nlm.nih.gov/mesh/"),
    "OMIM": System("OMIM", "https://omim.org"),
}
_ALIASES = {"ORPHANET": "ORPHA", "ORPHACODE": "ORPHA", "SNOMED": "SNOMED-CT", "SCT": "SNOMED-CT", "MSH": "MESH",
            "ICD10": "ICD-10", "ICD10CM": "ICD-10-CM", "ICD11": "ICD-11", "ICDO3": "ICD-O-3"}


def system(key: str) -> System:
    """The system a source's ``system:`` names, however it is spelled; unknown ones as written."""
    normal = re.sub(r"[\s_]+", "-", key.strip()).upper()
    normal = _ALIASES.get(normal.replace("-", ""), _ALIASES.get(normal, normal))
    return _SYSTEMS.get(normal, System(key.strip()))


def label(code: ConditionCode) -> str:
    """``MeSH D007890`` — how a list of codes reads in a document property."""
    return f"{system(code.system).name} {code.code}"


def display(code: ConditionCode, doc: Document) -> str:
    """The code's name in its terminology, else the document's title (the condition the page is about)."""
    return code.display or doc.title
