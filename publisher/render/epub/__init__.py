"""EPUB 3: the shared HTML layer as one XHTML content document, a navigation document, and packaging."""

from __future__ import annotations

from ebooklib import epub
from lxml import etree

from publisher.document.model import Document, Figure, Section
from publisher.render import RenderOptions
from publisher.render.epub import fonts
from publisher.render.epub.metadata import accessibility
from publisher.render.epub.package import XHTML, Book, Item, build
from publisher.render.html import images
from publisher.render.layout import Layout

CONTENT = "content.xhtml"
NAV = "nav.xhtml"
STYLESHEETS = ("fonts/fonts.css", "css/epub.css")


def image_src(figure: Figure) -> str:
    return f"images/{images.stable_name(figure)}"


def _ncx_toc(doc: Document) -> list[object]:
    """The outline as ebooklib's Link/Section tree, for the EPUB 2 NCX only (the nav document is a template)."""

    def node(section: Section) -> object:
        link = epub.Link(f"{CONTENT}#{section.id}", section.title, f"nav-{section.id}")
        if not section.sections:
            return link
        return (epub.Section(section.title, link.href), [node(child) for child in section.sections])

    return [(epub.Section(doc.title, f"{CONTENT}#title"), [node(s) for s in doc.sections])]


def _landmarks(doc: Document) -> list[tuple[str, str, str]]:
    marks = [("toc", f"{NAV}#toc", doc.strings["contents"]), ("bodymatter", CONTENT, doc.title)]
    references = [s for s in doc.sections if s.role == "references"]
    if references:
        marks.append(("bibliography", f"{CONTENT}#{references[0].id}-section", references[0].title))
    return marks


def _text(xhtml: bytes) -> str:
    return "".join(str(t) for t in etree.fromstring(xhtml).itertext())


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    return build(book(doc, layout))


def book(doc: Document, layout: Layout) -> Book:
    """The book before packaging; the narrated EPUB (publisher.render.audio.narrated) adds its overlays to it."""
    env = layout.environment("epub")
    content = env.get_template("content.xhtml.j2").render(
        doc=doc, flavor="epub", image_src=image_src, stylesheets=STYLESHEETS,
    ).encode("utf-8")
    nav = env.get_template("nav.xhtml.j2").render(
        doc=doc, content_href=CONTENT, stylesheets=STYLESHEETS, landmarks=_landmarks(doc),
    ).encode("utf-8")

    fonts_dir = layout.folder("fonts")
    faces = fonts.choose(fonts_dir, _text(content) + _text(nav))
    resources = [
        Item("css", "css/epub.css", "text/css", (layout.folder("epub") / "epub.css").read_bytes()),
        Item("fonts-css", "fonts/fonts.css", "text/css", fonts.stylesheet(faces).encode("utf-8")),
    ]
    resources += [Item(f"font-{i + 1}", f"fonts/{face.file}", "font/ttf", (fonts_dir / face.file).read_bytes())
                  for i, face in enumerate(faces)]
    seen: set[str] = set()
    for figure in images.figures(doc):
        href = image_src(figure)
        if href not in seen:
            seen.add(href)
            resources.append(Item(f"image-{len(seen)}", href, images.media_type(figure), images.image_bytes(figure)))

    return Book(
        doc=doc,
        nav=Item("nav", NAV, XHTML, nav, ("nav",)),
        spine=[Item("content", CONTENT, XHTML, content)],
        resources=resources,
        toc=_ncx_toc(doc),
        metas=accessibility(doc),
    )
