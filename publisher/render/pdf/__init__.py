"""The printed handout: tagged PDF/UA-1 from the shared HTML layer, via WeasyPrint."""

from __future__ import annotations

# isort: off
# First, before anything imports WeasyPrint: it imports WeasyPrint with a fast library search.
from publisher.patches import find_library  # noqa: F401
# isort: on

import hashlib
from typing import Any

import pydyf
from weasyprint import HTML

from publisher.document.model import Document
from publisher.render import RenderOptions
from publisher.render.layout import Layout
from publisher.render.pdf.artifacts import mark_orphans_as_artifacts
from publisher.render.pdf.engine import engine_for
from publisher.render.pdf.fetcher import RestrictedURLFetcher
from publisher.render.pdf.figures import place_figure_boxes
from publisher.render.pdf.join import join_page_breaks
from publisher.render.pdf.lang import mark_languages
from publisher.render.pdf.links import describe_links, drop_nested_link_annotations
from publisher.render.pdf.lists import fix_list_items
from publisher.render.pdf.origins import origins
from publisher.render.pdf.page import figure_assets, handout_html
from publisher.render.pdf.records import make_records_ready
from publisher.render.pdf.strict import weasyprint_strict
from publisher.render.pdf.structure import Tree
from publisher.render.pdf.tables import add_column_scope

PDF_VARIANT = "pdf/ua-1"


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    """Render ``doc`` as a Letter or A4 handout, standard or large print; same input, same bytes."""
    html = handout_html(doc, layout)
    return html_to_pdf(html, doc, layout, options)


def html_to_pdf(html: str, doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    where = f"{doc.slug} ({'large print' if options.large_print else options.paper} PDF)"
    engine = engine_for(layout, options.paper, options.large_print)
    fetcher = RestrictedURLFetcher(roots=[layout.root], assets=figure_assets(doc))
    # A file identifier (/ID), which records systems may use to tell versions of a handout apart,
    # derived from the input so that the same input gives the same bytes. (pydyf hashes every
    # object for its second half.)
    identifier = hashlib.md5(html.encode(), usedforsecurity=False).hexdigest().encode()
    with weasyprint_strict(where):
        document = HTML(string=html, base_url=layout.folder("pdf").resolve().as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=list(engine.stylesheets),
            font_config=engine.font_config,
            pdf_variant=PDF_VARIANT,
            # HTML's own presentational hints: WeasyPrint maps <ol start="3"> to the list's counter only
            # with them (css/__init__.py); without, a list that starts at 3 was printed "1.", "2.".
            presentational_hints=True,
            pdf_identifier=identifier,
            finisher=lambda document, pdf: finish(document, pdf, doc, options.large_print),
        )
    return pdf


def finish(document: Any, pdf: pydyf.PDF, doc: Document, large_print: bool = False) -> None:
    """Fix what WeasyPrint 70's tagging gets wrong before it writes the file: one step per module.

    A WeasyPrint *finisher*: it edits the PDF's objects in memory, so the file is
    written once, by WeasyPrint, from the fixed objects. ``document`` is WeasyPrint's
    laid-out document (its boxes), ``doc`` the model it was rendered from.
    """
    tree = Tree(pdf)
    # First, while the tree is still WeasyPrint's: which HTML element each structure element comes from.
    where = origins(document, pdf, tree.root)
    join_page_breaks(tree, where)  # join.py: one element per element, across page and line breaks
    fix_list_items(tree, where)  # lists.py: LI > Lbl + LBody, a nested list inside its item
    mark_languages(tree, where)  # lang.py: /Lang on parts in another language
    mark_orphans_as_artifacts(tree)  # artifacts.py: margin boxes and repeated table headers
    drop_nested_link_annotations(tree)  # links.py: one annotation per piece of link text
    describe_links(tree, where, doc)  # links.py: /Contents says what each link is
    add_column_scope(tree)  # tables.py: /Scope on column headers
    place_figure_boxes(tree, {number: page.height for number, page in zip(tree.page_numbers, document.pages,
                                                                          strict=True)})  # figures.py
    tree.discard_unreachable()
    make_records_ready(pdf, doc, large_print)  # PDF/A-2u + UA-1 and all metadata (records.py)
