"""Fixed words the layouts print (headings, labels), per language.

Kept in the model layer because some of them are headings ("Summary",
"References") that every format must print identically.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.core import UnknownLocaleError
from babel.dates import format_date as format_date_babel

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "summary": "Summary",
        "references": "References",
        "contents": "Contents",
        "skip": "Skip to main content",
        "last_reviewed": "Last reviewed",
        "edition": "Edition",
        "version": "version",
        "page": "Page",
        "of": "of",
        "accessed": "Accessed",
        "back_to_text": "Back to text",
        "back_to_citation": "Back to citation",
        # Accessible names of back-links: each names its own target (WCAG 2.4.4) and starts with,
        # or contains, the visible text (2.5.3). {letter} is the visible "a", "b"; {number} the reference's.
        "backlink_one": "Back to text of reference {number}",
        "backlink_many": "Back to citation {letter} of reference {number}",
        "further_reading": "Further reading",
        "reference": "Reference",
        "online_version": "Read this online",
        "qr_alt": "QR code linking to the online version of this page",
        "publisher": "Published by",
        "note": "Note",
        "disclaimer": "Disclaimer",
        "tip": "Tip",
        "warning": "Warning",
        "question": "Question",
        "answer": "Answer",
        "no_answer": "",
        "link_notes": "Web addresses",
        "main": "Main content",
        "figure": "Figure",
        "table": "Table",
        "landmarks": "Landmarks",
        "begin": "Start of content",
        "audience_clinician": "Clinician version",
        "audience_patient": "",
        "source": "Source",
        # The EPUB accessibility summary (schema:accessibilitySummary); {n} is a count.
        "a11y_meets": "This publication meets WCAG 2.2 Level AA.",
        "a11y_navigation": "It has a table of contents, and a heading for every section, in reading order.",
        "a11y_references_one": "Its numbered reference links to and from the text.",
        "a11y_references_other": "Its {n} numbered references link to and from the text.",
        "a11y_described_one": "{n} image has a text description",
        "a11y_described_other": "{n} images have a text description",
        "a11y_decorative_one": "{n} decorative image is hidden from assistive technology",
        "a11y_decorative_other": "{n} decorative images are hidden from assistive technology",
        "a11y_no_images": "It has no images.",
        "a11y_further_reading_one": "A further-reading list names {n} more work.",
        "a11y_further_reading_other": "A further-reading list names {n} more works.",
        "a11y_tables_captioned_one": "The table has a caption and header cells.",
        "a11y_tables_captioned_other": "Tables have captions and header cells.",
        "a11y_tables_one": "The table has header cells.",
        "a11y_tables_other": "Tables have header cells.",
        "a11y_display": "Text and colors follow the reading system's settings, and there are no flashing, sound or "
                        "motion hazards.",
        # Other formats of a page, and the distribution catalog (publisher/handoff/).
        "other_formats": "Other formats",
        "format_html": "Web page",
        "format_pdf": "Print this handout",
        "format_large-print": "Large print",
        "format_docx": "Word",
        "format_epub": "E-book",
        "format_brf": "Braille (BRF)",
        "format_narrated-epub": "Narrated e-book",
        "format_mp3": "Listen (audio)",
        "kind_html": "HTML",
        "kind_pdf": "PDF",
        "kind_docx": "Word document",
        "kind_epub": "EPUB",
        "kind_brf": "braille ready file",
        "kind_mp3": "MP3",
        "catalog_title": "Health information handouts",
        "catalog_intro": "Every handout here is free to read, print and share, in the formats listed under it.",
        "catalog_search": "Search by condition, word or code",
        "catalog_shown": "Conditions shown: {shown} of {total}",
        "catalog_none": "No condition matches your search.",
        "catalog_opds": "Catalog for e-reader apps (OPDS)",
        "catalog_languages": "Languages",
        "a11y_summary": "Structured text with headings, a table of contents and a logical reading order; every "
                        "image has a text description; nothing flashes or plays sound.",
    },
    "es": {
        "summary": "Resumen",
        "references": "Referencias",
        "contents": "Contenido",
        "skip": "Saltar al contenido principal",
        "last_reviewed": "Última revisión",
        "edition": "Edición",
        "version": "versión",
        "page": "Página",
        "of": "de",
        "accessed": "Consultado",
        "back_to_text": "Volver al texto",
        "back_to_citation": "Volver a la cita",
        "backlink_one": "Volver al texto de la referencia {number}",
        "backlink_many": "Volver a la cita {letter} de la referencia {number}",
        "further_reading": "Lecturas adicionales",
        "reference": "Referencia",
        "online_version": "Lea esta página en línea",
        "qr_alt": "Código QR que enlaza con la versión en línea de esta página",
        "publisher": "Publicado por",
        "note": "Nota",
        "disclaimer": "Aviso",
        "tip": "Consejo",
        "warning": "Advertencia",
        "question": "Pregunta",
        "answer": "Respuesta",
        "no_answer": "",
        "link_notes": "Direcciones web",
        "main": "Contenido principal",
        "figure": "Figura",
        "table": "Tabla",
        "landmarks": "Puntos de referencia",
        "begin": "Inicio del contenido",
        "audience_clinician": "Versión para profesionales clínicos",
        "audience_patient": "",
        "source": "Fuente",
        "a11y_meets": "Esta publicación cumple las WCAG 2.2, nivel AA.",
        "a11y_navigation": "Tiene una tabla de contenido y un encabezado para cada sección, en orden de lectura.",
        "a11y_references_one": "Su referencia numerada enlaza con el texto, y el texto con ella.",
        "a11y_references_other": "Sus {n} referencias numeradas enlazan con el texto, y el texto con ellas.",
        "a11y_described_one": "{n} imagen tiene una descripción en texto",
        "a11y_described_other": "{n} imágenes tienen una descripción en texto",
        "a11y_decorative_one": "{n} imagen decorativa está oculta para las tecnologías de apoyo",
        "a11y_decorative_other": "{n} imágenes decorativas están ocultas para las tecnologías de apoyo",
        "a11y_no_images": "No tiene imágenes.",
        "a11y_further_reading_one": "Una lista de lecturas adicionales nombra {n} obra más.",
        "a11y_further_reading_other": "Una lista de lecturas adicionales nombra {n} obras más.",
        "a11y_tables_captioned_one": "La tabla tiene un título y celdas de encabezado.",
        "a11y_tables_captioned_other": "Las tablas tienen títulos y celdas de encabezado.",
        "a11y_tables_one": "La tabla tiene celdas de encabezado.",
        "a11y_tables_other": "Las tablas tienen celdas de encabezado.",
        "a11y_display": "El texto y los colores siguen la configuración del sistema de lectura, y no hay riesgos por "
                        "destellos, sonido ni movimiento.",
        "other_formats": "Otros formatos",
        "format_html": "Página web",
        "format_pdf": "Imprimir esta hoja informativa",
        "format_large-print": "Letra grande",
        "format_docx": "Word",
        "format_epub": "Libro electrónico",
        "format_brf": "Braille (BRF)",
        "format_narrated-epub": "Libro electrónico narrado",
        "format_mp3": "Escuchar (audio)",
        "kind_html": "HTML",
        "kind_pdf": "PDF",
        "kind_docx": "documento de Word",
        "kind_epub": "EPUB",
        "kind_brf": "archivo braille",
        "kind_mp3": "MP3",
        "catalog_title": "Hojas informativas de salud",
        "catalog_intro": "Puede leer, imprimir y compartir gratis cada hoja informativa, en los formatos que "
                         "aparecen debajo.",
        "catalog_search": "Buscar por enfermedad, palabra o código",
        "catalog_shown": "Enfermedades mostradas: {shown} de {total}",
        "catalog_none": "Ninguna enfermedad coincide con su búsqueda.",
        "catalog_opds": "Catálogo para aplicaciones de lectura (OPDS)",
        "catalog_languages": "Idiomas",
        "a11y_summary": "Texto estructurado con títulos, una tabla de contenido y un orden de lectura lógico; cada "
                        "imagen tiene una descripción en texto; nada parpadea ni reproduce sonido.",
    },
}


# Languages written right to left (primary subtags). A script subtag decides when present.
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb"})
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})


def direction(language: str) -> Literal["ltr", "rtl"]:
    """``rtl`` or ``ltr`` for a BCP 47 tag ("ar", "ur-PK", "az-Arab" are rtl; "ar-Latn" is ltr)."""
    parts = language.lower().split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


def strings_language(language: str) -> str:
    """Which table :func:`strings_for` uses for a BCP 47 tag: the tag, its primary subtag, else "en"."""
    tag = language.lower()
    primary = tag.split("-")[0]
    return tag if tag in STRINGS else primary if primary in STRINGS else "en"


def strings_for(language: str) -> dict[str, str]:
    """The table for a BCP 47 tag: exact, then its primary subtag, then English."""
    return dict(STRINGS[strings_language(language)])


def plural(strings: dict[str, str], key: str, n: int) -> str:
    """``key_one`` for 1, else ``key_other``, with ``{n}`` filled in (English and Spanish need no more forms)."""
    return strings[f"{key}_{'one' if n == 1 else 'other'}"].format(n=n)


def format_date(date: dt.date, language: str) -> str:
    """A long, unambiguous date in the document's language ("June 26, 2015"; "26 de junio de 2015").

    Numeric dates like 6/26/2015 are read differently across countries; spelled
    months are not. Babel's CLDR data does this offline for every language.
    """
    try:
        return str(format_date_babel(date, format="long", locale=language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return str(format_date_babel(date, format="long", locale="en"))
