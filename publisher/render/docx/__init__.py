"""Word (DOCX) output: ``render(doc, layout, options) -> bytes``.

The body is written with python-docx proxies (:mod:`.walker`, :mod:`.inlines`);
whatever python-docx cannot express is raw OOXML in :mod:`.ooxml`. Styles come
from ``layouts/docx/styles.toml`` applied to python-docx's template, or from an
organisation's reference .docx (``--reference-docx``), whose styles, page setup
and header/footer win.
"""

from __future__ import annotations

import io

from publisher.document.model import Document
from publisher.render import RenderOptions
from publisher.render.docx import ooxml
from publisher.render.docx.context import Context
from publisher.render.docx.metadata import set_application, set_core_properties, set_custom_properties
from publisher.render.docx.package import reproducible_zip, strip_template_parts
from publisher.render.docx.pages import set_page, write_header_footer
from publisher.render.docx.styles import apply_style_map, ensure_heading_styles, load_style_map, style_map_path
from publisher.render.docx.template import open_template, template_path
from publisher.render.docx.walker import Walker, deepest_level
from publisher.render.layout import Layout

TWIPS_PER_INCH = 1440


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    style_map = load_style_map(style_map_path(layout))
    reference = template_path(layout, options)
    document = open_template(reference)
    builtin = reference is None
    apply_style_map(document, style_map, override=builtin)
    ensure_heading_styles(document, deepest_level(doc))
    ooxml.set_doc_defaults(document.styles.element, doc.language, doc.direction == "rtl")
    section = document.sections[-1]
    if builtin:
        set_page(section, options.paper, style_map.margins_in)
    if doc.direction == "rtl":
        ooxml.set_section_bidi(section._sectPr)
    ctx = Context(doc, document, round(style_map.list_indent_in * TWIPS_PER_INCH),
                  round(style_map.list_hanging_in * TWIPS_PER_INCH))
    Walker(ctx).write()
    write_header_footer(document, ctx, keep_template=not builtin)
    set_core_properties(document, doc)
    strip_template_parts(document)
    set_application(document)
    set_custom_properties(document, doc)
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue(), doc.edition_date)
