"""The single-file web page: the shared HTML layer, inlined CSS, fonts and images as data URIs, JSON-LD."""

from __future__ import annotations

from markupsafe import Markup

from publisher.document.model import Document, Figure
from publisher.errors import Diagnostic, Location, RenderError
from publisher.render import RenderOptions
from publisher.render.html import fonts, images, jsonld
from publisher.render.layout import Layout

# The page is one file that must work alone (saved, mailed, opened offline), so the CSS
# is inlined and fonts and images become data URIs (see layouts/html/README.md).
STYLESHEETS = (("screen.css", "all"), ("print.css", "print"))


def inline_css(layout: Layout, name: str) -> Markup:
    path = layout.folder("html") / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(Diagnostic(Location(str(path)), f"cannot read the stylesheet: {exc.strerror}",
                                     "restore it from the default layouts")) from None
    if "</style" in text.lower():
        raise RenderError(Diagnostic(Location(str(path)), "the stylesheet contains '</style'",
                                     "remove it: it would end the inlined <style> element"))
    return Markup(text)  # noqa: S704 -- layout CSS is trusted data and cannot close <style> (checked above)


def image_src(figure: Figure) -> str:
    return images.data_uri(figure)


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    template = layout.environment("html").get_template("page.html.j2")
    styles = [(media, inline_css(layout, name)) for name, media in STYLESHEETS]
    context = {"doc": doc, "flavor": "html", "image_src": image_src, "jsonld": jsonld.script_text(doc)}
    # Twice: the fonts are cut to the letters the page shows, which the first rendering tells.
    first = template.render(styles=styles, **context)
    faces = fonts.stylesheet(layout.folder("fonts"), first)
    if not faces:
        return first.encode("utf-8")
    font_css = Markup(faces + "\n")  # noqa: S704 -- our @font-face rules: base64 and the layout's own font CSS
    return template.render(styles=[("all", font_css), *styles], **context).encode("utf-8")
