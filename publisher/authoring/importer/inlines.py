"""A Word paragraph's runs as segments (text, emphasis, language, links, citations), and those as Markdown.

Word keeps a paragraph as a flat run list with formatting on each run, links as
``w:hyperlink`` or HYPERLINK fields, and pictures inside runs. The segments keep just
what the source format can say; the Markdown is checked by parsing it back with the
project's own converter, so what a writer sees in the YAML reads as the Word text did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from publisher.authoring.importer.draft import Note
from publisher.authoring.importer.package import NS, Package, attr, w
from publisher.extract.text import normalize
from publisher.source.urls import check_url

_HYPERLINK = re.compile(r'HYPERLINK\s+(?:\\[a-z]\s+"?[^"\s]*"?\s+)*"([^"]+)"(?:\s+\\l\s+"([^"]+)")?', re.I)
_ANCHOR_ONLY = re.compile(r'HYPERLINK\s+\\l\s+"([^"]+)"', re.I)
# Characters Word text may hold that a source cannot: controls, bidi overrides (reader refuses them).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Seg:
    kind: str  # "text", "break" or "cite"
    text: str = ""
    bold: bool = False
    italic: bool = False
    lang: str = ""  # '' when the document's language
    link: int = 0  # index into Inline.links; 0 outside a link
    ref: str = ""  # a citation's reference id


@dataclass
class FoundImage:
    rid: str  # relationship id of the embedded picture, '' when none
    alt: str
    decorative: bool
    problem: str = ""  # why it cannot be imported (a chart, a linked picture, …)


@dataclass
class Inline:
    segs: list[Seg] = field(default_factory=list)
    links: dict[int, str] = field(default_factory=dict)  # external URL, or "#bookmark"
    images: list[FoundImage] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def plain(self) -> str:
        return "".join(s.text if s.kind == "text" else "\n" if s.kind == "break" else "[0]" for s in self.segs)

    def external(self, seg: Seg) -> str:
        url = self.links.get(seg.link, "")
        return "" if url.startswith("#") else url


@dataclass
class _Field:
    instr: str = ""
    result: bool = False
    link: int = 0


class InlineReader:
    """Reads paragraphs of one package; ``cite`` maps a bookmark a link points to onto a reference id."""

    def __init__(self, package: Package, language: str, cite: Callable[[str], str]) -> None:
        self.package = package
        self.language = language.lower()
        self.cite = cite
        self.next_link = 1
        self.footnotes = _footnotes(package)

    def read(self, p: Any, where: str) -> Inline:
        out = Inline()
        state = _State(self, out, where, self.package.paragraph_style(p))
        state.walk(p, 0)
        out.segs = [s for s in out.segs if s.kind != "text" or s.text]
        while out.segs and out.segs[-1].kind == "break":
            out.segs.pop()
        drop_unsafe_links(out, where)
        return out

    def primary(self, lang: str) -> str:
        return lang.lower().split("-")[0]


class _State:
    def __init__(self, reader: InlineReader, out: Inline, where: str, paragraph_style: str) -> None:
        self.reader = reader
        self.out = out
        self.where = where
        self.paragraph_style = paragraph_style
        self.fields: list[_Field] = []
        self.hidden = False

    def note(self, message: str) -> None:
        self.out.notes.append(Note(message, self.where))

    def new_link(self, target: str) -> int:
        ident = self.reader.next_link
        self.reader.next_link += 1
        self.out.links[ident] = target
        return ident

    def walk(self, element: Any, link: int) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            local = tag.rsplit("}", 1)[-1]
            ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
            if ns == NS["m"]:
                text = "".join(child.itertext()).strip()
                self.note(f"an equation was not imported: “{text[:60]}”; write it out in words")
            elif local == "r":
                self.run(child, link)
            elif local == "hyperlink":
                ref = self.reader.cite(attr(child, "anchor")) if attr(child, "anchor") else ""
                if ref:  # a link to an entry of the reference list is a citation; "[1]" is its label
                    self.out.segs.append(Seg("cite", ref=ref))
                else:
                    self.walk(child, link or self.hyperlink(child))
            elif local == "fldSimple":
                target = _field_target(attr(child, "instr"))
                self.walk(child, link or (self.new_link(target) if target else 0))
            elif local in ("smartTag", "customXml", "ins", "moveTo", "dir", "bdo"):
                self.walk(child, link)
            elif local == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.walk(content, link)
            elif local == "AlternateContent":
                choice = child.find(f"{{{NS['mc']}}}Choice")
                if choice is not None:
                    self.walk(choice, link)
            # w:del, w:moveFrom (deleted text), bookmarks, proofing marks, pPr: nothing a reader sees.

    def hyperlink(self, el: Any) -> int:
        rid = el.get(f"{{{NS['r']}}}id", "")
        if rid:
            rel = self.reader.package.document.part.rels.get(rid)
            if rel is not None and rel.is_external:
                return self.new_link(str(rel.target_ref))
        anchor = attr(el, "anchor")
        return self.new_link("#" + anchor) if anchor else 0

    def run(self, r: Any, link: int) -> None:
        rpr = r.find(w("rPr"))
        vanish = rpr.find(w("vanish")) if rpr is not None else None
        if vanish is not None and attr(vanish, "val") not in ("0", "false"):
            if not self.hidden:
                self.note("hidden text was left out")
                self.hidden = True
            return
        fmt = self.format(r, rpr)
        for child in r:
            local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if local == "fldChar":
                self.field_char(attr(child, "fldCharType"))
            elif local == "instrText":
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr += child.text or ""
            elif any(not f.result for f in self.fields):
                continue  # inside a field's instructions: not text
            elif local == "t":
                self.text(child.text or "", fmt, link)
            elif local in ("tab", "ptab"):
                self.text(" ", fmt, link)
            elif local in ("br", "cr"):
                if attr(child, "type") not in ("page", "column"):
                    self.out.segs.append(Seg("break", link=self.link(link)))
            elif local == "noBreakHyphen":
                self.text("-", fmt, link)
            elif local == "drawing":
                self.drawing(child)
            elif local == "AlternateContent":
                choice = child.find(f"{{{NS['mc']}}}Choice")
                for drawing in (choice.iter(w("drawing")) if choice is not None else ()):
                    self.drawing(drawing)
            elif local in ("pict", "object"):
                self.note("an old-style (VML) picture or embedded object was not imported; insert it as a picture")
            elif local in ("footnoteReference", "endnoteReference"):
                text = self.reader.footnotes.get(attr(child, "id"), "")
                self.note(f"a footnote was not imported: “{text[:80]}”; put it in the text or the references")
            elif local == "sym":
                self.note("a symbol-font character was not imported; type the character instead")

    def format(self, r: Any, rpr: Any) -> Seg:
        bold = italic = None
        if rpr is not None:
            bold, italic = _toggle(rpr, "b"), _toggle(rpr, "i")
            for s in self.reader.package.style_chain(attr(rpr.find(w("rStyle")), "val")):
                bold = s.bold if bold is None else bold
                italic = s.italic if italic is None else italic
        lang = self.reader.package.run_lang(r, self.paragraph_style)
        other = lang if lang and self.reader.primary(lang) != self.reader.primary(self.reader.language) else ""
        return Seg("text", bold=bool(bold), italic=bool(italic), lang=other)

    def link(self, link: int) -> int:
        for f in reversed(self.fields):
            if f.result and f.link:
                return f.link
        return link

    def text(self, text: str, fmt: Seg, link: int) -> None:
        text = text.replace("\u00ad", "")  # soft hyphens: where Word may break, not text
        cleaned = _FORBIDDEN.sub("", text)
        if cleaned != text:
            self.note("control or bidirectional-override characters were removed from the text")
        if cleaned:
            self.out.segs.append(replace(fmt, text=cleaned, link=self.link(link)))

    def field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            f = self.fields[-1]
            f.result = True
            target = _field_target(f.instr)
            f.link = self.new_link(target) if target else 0
        elif kind == "end" and self.fields:
            self.fields.pop()

    def drawing(self, drawing: Any) -> None:
        doc_pr = next(drawing.iter(f"{{{NS['wp']}}}docPr"), None)
        alt = (attr_plain(doc_pr, "descr") or attr_plain(doc_pr, "title")).strip()
        decorative = any(attr_plain(d, "val") in ("1", "true") for d in drawing.iter(f"{{{NS['adec']}}}decorative"))
        data = next(drawing.iter(f"{{{NS['a']}}}graphicData"), None)
        uri = attr_plain(data, "uri")
        blip = next(drawing.iter(f"{{{NS['a']}}}blip"), None)
        if blip is not None and uri.endswith("/picture"):
            rid = blip.get(f"{{{NS['r']}}}embed", "")
            problem = "" if rid else "a linked (not embedded) picture was not imported; insert the picture itself"
            self.out.images.append(FoundImage(rid, alt, decorative, problem))
            return
        kind = uri.rsplit("/", 1)[-1] or "drawing"
        shown = {"chart": "a chart", "diagram": "a SmartArt diagram", "wordprocessingShape": "a shape or text box",
                 "wordprocessingGroup": "a group of shapes"}.get(kind, f"a {kind}")
        text = " ".join(t.text or "" for t in drawing.iter(w("t"))).strip()
        inside = f" holding “{text[:80]}”" if text else ""
        self.note(f"{shown}{inside} was not imported; save it as a picture with alt text, or write it as text")


def attr_plain(element: Any, name: str) -> str:
    return str(element.get(name, "")) if element is not None else ""


def _toggle(rpr: Any, name: str) -> bool | None:
    el = rpr.find(w(name))
    return None if el is None else attr(el, "val") not in ("0", "false", "off")


def _field_target(instr: str) -> str:
    if match := _HYPERLINK.search(instr):
        return match.group(1) + (f"#{match.group(2)}" if match.group(2) else "")
    if match := _ANCHOR_ONLY.search(instr):
        return "#" + match.group(1)
    return ""


def _footnotes(package: Package) -> dict[str, str]:
    out: dict[str, str] = {}
    for rel in package.document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(("/footnotes", "/endnotes")):
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            continue
        for note in root:
            out.setdefault(attr(note, "id"), normalize("".join(t.text or "" for t in note.iter(w("t")))))
    return out


def drop_unsafe_links(inline: Inline, where: str) -> None:
    """Links with an unsafe or relative target keep their text and lose the link, with a note."""
    for ident, url in list(inline.links.items()):
        if url.startswith("#"):
            continue
        problem = check_url(url)
        if problem:
            inline.links[ident] = "#"  # internal: the text stays, the link goes
            inline.notes.append(Note(f"a link to '{url[:60]}' was dropped ({problem[0]}); its text is kept", where))
