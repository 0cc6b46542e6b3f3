"""The source's prose as sentences: what every format's text must contain."""

from __future__ import annotations

import re

from publisher.document import model as m
from publisher.extract.text import match_key, normalize

# A sentence ends at . ! ? (or …), after any citation marks and closing quotes or brackets that follow.
_END = re.compile(r"([.!?…]+(?:\[[\d,\s–-]+\])*[\"'”’)\]]*)\s+|\n+")
_PROSE = (m.Paragraph, m.ResourceList, m.QuestionList)


def split_sentences(text: str) -> list[str]:
    pieces = _END.split(text)
    out: list[str] = []
    current = ""
    for index, piece in enumerate(pieces):
        if piece is None:
            continue
        current += piece
        if index % 2 == 1:  # a captured sentence end closes the sentence
            out.append(current)
            current = ""
    out.append(current)
    return [s for s in (normalize(p) for p in out) if len(match_key(s)) >= 4]


def source_sentences(doc: m.Document) -> list[str]:
    """Sentences of paragraphs, resource descriptions, questions and note titles, in reading order."""
    out: list[str] = []
    for block in m.all_blocks(doc):
        if isinstance(block, m.Note) and block.title:
            out.extend(split_sentences(block.title))
        if isinstance(block, _PROSE):
            for run in m.block_inlines(block):
                out.extend(split_sentences(m.inline_text(run)))
    return list(dict.fromkeys(out))
