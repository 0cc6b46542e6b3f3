"""EPUB 3 with Media Overlays: the EPUB renderer's book, its text synchronised with synthesized speech.

The content document is the EPUB renderer's own (publisher.render.epub.book), with an id added to
each element read aloud; one SMIL overlay pairs every such element with its clip in the chapter
MP3s (one ``par`` each, in reading order). ``media:duration`` is given for the overlay and in
total, and the accessibility metadata adds the auditory access mode and synchronizedAudioText.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from publisher.document.model import Document
from publisher.render import RenderOptions
from publisher.render.audio import config, narration, script
from publisher.render.epub import CONTENT, book
from publisher.render.epub.metadata import Meta
from publisher.render.epub.package import Item, build
from publisher.render.layout import Layout

SMIL_NS = "http://www.w3.org/ns/SMIL"
EPUB_NS = "http://www.idpf.org/2007/ops"
OVERLAY_ID = "overlay"
OVERLAY = "content.smil"
ACTIVE_CLASS = "-epub-media-overlay-active"
ACTIVE_CSS = (b"\n/* Narrated EPUB: the element being read. */\n"
              b".-epub-media-overlay-active { background-color: #ffef9e; color: #000; }\n")


def clock(seconds: float) -> str:
    """A SMIL clock value, h:mm:ss.fff."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def audio_href(index: int) -> str:
    return f"audio/chapter-{index + 1:03d}.mp3"


def overlay(story: narration.Narration, language: str) -> bytes:
    smil = etree.Element(f"{{{SMIL_NS}}}smil", nsmap={None: SMIL_NS, "epub": EPUB_NS},  # type: ignore[dict-item]
                         version="3.0")
    body = etree.SubElement(smil, f"{{{SMIL_NS}}}body")
    for n, chapter in enumerate(story.chapters):
        seq = etree.SubElement(body, f"{{{SMIL_NS}}}seq", id=f"seq-{n + 1}")
        seq.set(f"{{{EPUB_NS}}}textref", f"{CONTENT}#{chapter.id}")
        for clip in chapter.clips:
            par = etree.SubElement(seq, f"{{{SMIL_NS}}}par", id=f"par-{clip.id}")
            etree.SubElement(par, f"{{{SMIL_NS}}}text", src=f"{CONTENT}#{clip.id}")
            etree.SubElement(par, f"{{{SMIL_NS}}}audio", src=audio_href(n),
                             clipBegin=clock(clip.begin), clipEnd=clock(clip.end))
    del language  # SMIL has no language; the text's xml:lang and the voice follow it
    return bytes(etree.tostring(smil, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _accessibility(metas: list[Meta], total: str) -> list[Meta]:
    out: list[Meta] = []
    for meta in metas:
        if meta.property == "schema:accessibilitySummary":
            meta = replace(meta, value=meta.value + " Every text element is also read aloud by synthetic speech "
                           "(espeak-ng or the organisation's voice), highlighted as it is read.")
        out.append(meta)
        if meta.property == "schema:accessMode" and meta.value == "textual":
            out.append(Meta("schema:accessMode", "auditory"))
    at = max(i for i, m in enumerate(out) if m.property == "schema:accessibilityFeature")
    out.insert(at + 1, Meta("schema:accessibilityFeature", "synchronizedAudioText"))
    out.insert(out.index(next(m for m in out if m.property == "schema:accessModeSufficient")),
               Meta("schema:accessModeSufficient", "auditory"))
    out += [Meta("media:duration", total), Meta("media:active-class", ACTIVE_CLASS)]
    return out


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    settings = config.settings(layout.folder("audio"))
    base = book(doc, layout)
    content = base.spine[0]
    xhtml, chapters = script.read(content.data, doc.strings["figure"])
    story = narration.narrate(chapters, settings)
    overlay_item = Item(OVERLAY_ID, OVERLAY, "application/smil+xml", overlay(story, doc.language))
    audio = [Item(f"audio-{n + 1}", audio_href(n), "audio/mpeg", c.mp3) for n, c in enumerate(story.chapters)]
    resources = [replace(r, data=r.data + ACTIVE_CSS) if r.href == "css/epub.css" else r for r in base.resources]
    total = clock(sum(clip.end - clip.begin for c in story.chapters for clip in c.clips))
    metas = _accessibility(base.metas, total)
    metas.insert(len(metas) - 2, Meta("media:duration", total, refines=f"#{OVERLAY_ID}"))
    return build(replace(
        base,
        spine=[replace(content, data=xhtml, media_overlay=OVERLAY_ID)],
        resources=[*resources, overlay_item, *audio],
        metas=metas,
    ))
