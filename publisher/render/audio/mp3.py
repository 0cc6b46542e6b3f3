"""One MP3 of the whole document for people who just press play: a chapter per outline entry.

MP3 rather than M4B: every phone, car and browser plays it, it encodes with a PyPI wheel
(lameenc) and mutagen writes its chapters (ID3 CHAP + CTOC, read by podcast and audiobook apps);
M4B's chapters need an AAC encoder (ffmpeg) and a chapter track mutagen cannot write.
The audio is the narrated EPUB's, chapter files joined frame by frame, so both say the same.
"""

from __future__ import annotations

import io

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TPUB, TSSE, CTOCFlags

from publisher.document.model import Document, metadata_title
from publisher.render import RenderOptions
from publisher.render.audio import config, narration, script
from publisher.render.epub import book
from publisher.render.layout import Layout
from publisher.render.producer import generator

ISO_639_2 = {"en": "eng", "es": "spa", "fr": "fra", "de": "deu", "pt": "por", "zh": "zho", "ar": "ara",
             "vi": "vie", "ko": "kor", "ru": "rus", "ht": "hat", "tl": "tgl"}


def tags(doc: Document, story: narration.Narration) -> ID3:
    tag = ID3()
    title = metadata_title(doc)
    tag.add(TIT2(encoding=3, text=title))
    tag.add(TALB(encoding=3, text=title))
    tag.add(TPE1(encoding=3, text=doc.publisher.name))
    tag.add(TPUB(encoding=3, text=doc.publisher.name))
    tag.add(TDRC(encoding=3, text=doc.edition_date.isoformat()))
    tag.add(TLAN(encoding=3, text=ISO_639_2.get(doc.language.split("-")[0].lower(), "und")))
    tag.add(TSSE(encoding=3, text=f"{generator('lameenc', 'mutagen')}; {story.identity}"))
    start = 0.0
    ids = []
    for n, chapter in enumerate(story.chapters):
        element = f"chp{n + 1}"
        ids.append(element)
        end = start + chapter.duration
        tag.add(CHAP(element_id=element, start_time=round(start * 1000), end_time=round(end * 1000),
                     sub_frames=[TIT2(encoding=3, text=chapter.title)]))
        start = end
    tag.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=3, text=title)]))
    return tag


def render(doc: Document, layout: Layout, options: RenderOptions) -> bytes:
    settings = config.settings(layout.folder("audio"))
    _xhtml, chapters = script.read(book(doc, layout).spine[0].data, doc.strings["figure"])
    story = narration.narrate(chapters, settings)
    out = io.BytesIO()
    tags(doc, story).save(out, v2_version=4, padding=lambda info: 0)
    out.write(b"".join(c.mp3 for c in story.chapters))
    return out.getvalue()
