"""This edition of a document as metadata says it: the modified time, the release identifier, the printed label.

Every format (EPUB ``dcterms:modified``, DOCX core ``modified``, HTML/JSON-LD ``dateModified``, and the
PDF's ModDate/XMP) takes its "modified" value from :func:`modified`, so one edition carries one
timestamp everywhere, and the timestamp changes whenever the content does.

Why the time of day comes from the content: EPUB 3.3 ("Last modified date") asks for a new modified
date whenever the publication changes, and reading systems, distributors and archives compare
``identifier@modified`` (the *release identifier*) to tell two releases apart and order them. Only the author knows
the date of a correction (the source's ``edition``), and authors forget to move it; a build that read
the clock would break "same source, same bytes". So the date is the edition's and the time of day is
derived from :attr:`~publisher.document.model.Edition.fingerprint`: edit one sentence and the modified
time (and so the release identifier) changes; rebuild the same text anywhere and it is the same. The
derived time orders nothing within a day, so ``publisher build`` warns when the content changed but the
edition did not (``publisher/build/edition.py``): the author then moves ``edition``, which orders them.
"""

from __future__ import annotations

import datetime as dt

from publisher.document.i18n import format_date
from publisher.document.model import Document

SECONDS_PER_DAY = 86_400


def modified(doc: Document) -> dt.datetime:
    """The edition date (UTC) at a time of day derived from the content's fingerprint; midnight without one."""
    day = doc.edition_date
    fingerprint = doc.edition.fingerprint if doc.edition is not None else ""
    seconds = int(fingerprint, 16) % SECONDS_PER_DAY if fingerprint else 0
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)


def w3c(when: dt.datetime) -> str:
    """``CCYY-MM-DDThh:mm:ssZ``, the form EPUB 3.3 requires for ``dcterms:modified`` (and W3CDTF for OOXML)."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def release_identifier(unique_identifier: str, doc: Document) -> str:
    """EPUB 3.3's release identifier: the unique identifier and the modified time, joined by ``@``."""
    return f"{unique_identifier}@{w3c(modified(doc))}"


def version(doc: Document) -> str:
    return doc.edition.version if doc.edition is not None else ""


def revision(doc: Document) -> int:
    """A whole-number revision for formats that need one (DOCX ``cp:revision``): the version if it is one, else 1."""
    label = version(doc)
    return int(label) if label.isdigit() and int(label) > 0 else 1


def distinct(doc: Document) -> bool:
    """Whether the edition says more than the review date already printed: its own date or a version."""
    return doc.edition is not None and (doc.edition.date != doc.last_reviewed or bool(doc.edition.version))


def label(doc: Document) -> str:
    """What a reader sees beside "Last reviewed": "Edition: March 10, 2025, version 3"; empty when it would
    only repeat the review date (printing a fingerprint would mean nothing to a patient)."""
    if doc.edition is None or not distinct(doc):
        return ""
    parts = []
    if doc.edition.date != doc.last_reviewed:
        parts.append(format_date(doc.edition.date, doc.language))
    if doc.edition.version:
        parts.append(f"{doc.strings['version']} {doc.edition.version}")
    return f"{doc.strings['edition']}: {', '.join(parts)}"
