"""Braille Ready Format: the document in contracted braille (liblouis), paged by BANA's formats.

The text is laid out first, so the contents list can give the braille page of every heading;
a document longer than one braille page gets a title page and that contents list as
preliminary pages (p1, p2 …) before the text's page 1.
"""

from __future__ import annotations

from publisher.document import model as m
from publisher.document.i18n import format_date
from publisher.render import RenderOptions
from publisher.render.brf import louis, text
from publisher.render.brf import style as styles
from publisher.render.brf.blocks import Writer
from publisher.render.brf.lines import BLANK, Line, centred, wrap
from publisher.render.brf.pages import Pages, encode, page_number, paginate
from publisher.render.brf.style import Style
from publisher.render.layout import Layout


def body(doc: m.Document, style: Style) -> list[Line]:
    w = Writer(doc, style)
    out = w.heading(doc.title, 1, "title")
    if style.blank_after_title:
        out.append(BLANK)
    audience = doc.strings.get(f"audience_{doc.audience}", "")
    if audience:
        out += [Line(t) for t in centred(text.plain(audience, doc.language, style), style)]
    byline: list[m.Inline] = [m.Text(doc.strings["publisher"] + " ")]
    byline.append(m.Link(doc.publisher.url, (m.Text(doc.publisher.name),)) if doc.publisher.url
                  else m.Text(doc.publisher.name))
    byline.append(m.Text((f", {doc.publisher.parent}" if doc.publisher.parent else "") + "."))
    out += w.para(tuple(byline), style.indents["paragraph"])
    reviewed = f"{doc.strings['last_reviewed']}: {format_date(doc.last_reviewed, doc.language)}"
    out += w.para((m.Text(reviewed),), style.indents["paragraph"])
    for section in doc.sections:
        out += w.section(section)
    if doc.canonical_url or doc.rights:
        out.append(BLANK)
        if doc.canonical_url:
            url = doc.canonical_url
            online = (m.Text(doc.strings["online_version"] + ": "), m.Link(url, (m.Text(url),)))
            out += w.para(online, style.indents["paragraph"])
        if doc.rights:
            out += w.para((m.Text(doc.rights),), style.indents["paragraph"])
    return out


def title_page(doc: m.Document, style: Style, body_pages: int) -> list[Line]:
    """BANA's title page, in short: title, publisher, dates, the braille code and the page count."""
    lang = doc.language

    def centre(words: str) -> list[Line]:
        return [Line(t) for t in centred(text.plain(words, lang, style), style)]

    edition = doc.edition_date
    out = [*centre(m.metadata_title(doc)), BLANK, BLANK, *centre(doc.publisher.name)]
    if doc.publisher.parent:
        out += centre(doc.publisher.parent)
    out += [BLANK, *centre(f"{doc.strings['last_reviewed']}: {format_date(doc.last_reviewed, lang)}"),
            *centre(f"{style.word(lang, 'edition')}: {format_date(edition, lang)}"), BLANK,
            *centre(f"{style.word(lang, 'transcribed')} {style.word(lang, 'code_name')}"),
            *centre(f"{body_pages} {style.word(lang, 'pages')}")]
    return out


def contents(doc: m.Document, style: Style, pages: Pages) -> list[Line]:
    """Each section with guide dots to the braille page its heading is on, indented by level."""
    w = Writer(doc, style)
    out = w.heading(doc.strings["contents"], 1, "")
    first, runover = style.indents["contents"]
    for section in m.walk_sections(doc.sections):
        number = page_number(pages.anchors[section.id])
        indent = first + 2 * (section.level - 2)
        room = style.cells - len(number) - 4  # " " + at least two guide dots + " " before the number
        rows = wrap(text.plain(section.title, doc.language, style), (indent, max(runover, indent + 2)), style, room)
        dots = style.cells - len(rows[-1]) - len(number) - 2
        rows[-1] = f"{rows[-1]} {style.symbols['guide_dot'] * dots} {number}"
        out += [Line(t) for t in rows]
    return out


def render(doc: m.Document, layout: Layout, options: RenderOptions) -> bytes:
    style = styles.load(layout.folder("brf"), options.braille_page)
    louis.require(style.table(doc.language))
    text_pages = paginate(body(doc, style), style)
    if len(text_pages.pages) <= 1:
        return encode(text_pages.pages)
    front = title_page(doc, style, len(text_pages.pages))
    prelim = paginate([*front, *contents(doc, style, text_pages)], style, prefix=style.preliminary_prefix,
                      breaks=frozenset({len(front)}))
    return encode(prelim.pages + text_pages.pages)
