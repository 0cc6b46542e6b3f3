"""Inlines to braille: runs of one language translated together, each with its own table.

Emphasis becomes liblouis typeforms (UEB emphasis indicators); URLs, e-mail addresses and code
are translated uncontracted, which is how UEB writes computer items. A link whose text is not
its address is followed by the address in parentheses, as the printed handout does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from publisher.document import model as m
from publisher.render.brf import louis
from publisher.render.brf.style import Style

# Whitespace of every kind is one space to the translator; zero-width characters are dropped.
_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# E-mail addresses in running text are computer items too.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Piece:
    text: str
    lang: str
    form: int = louis.PLAIN


def clean(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH))


def pieces(inlines: tuple[m.Inline, ...], lang: str, form: int = louis.PLAIN) -> list[Piece]:
    out: list[Piece] = []
    for node in inlines:
        if isinstance(node, m.Text):
            out.extend(_text_pieces(node.text, lang, form))
        elif isinstance(node, m.Code):
            out.append(Piece(node.text, lang, form | louis.NO_CONTRACT))
        elif isinstance(node, m.LineBreak):
            out.append(Piece(" ", lang, form))
        elif isinstance(node, m.Citation):
            out.append(Piece(f"[{node.number}]", lang, form))
        elif isinstance(node, m.Emphasis):
            out.extend(pieces(node.children, lang, form | louis.ITALIC))
        elif isinstance(node, m.Strong):
            out.extend(pieces(node.children, lang, form | louis.BOLD))
        elif isinstance(node, m.Span):
            out.extend(pieces(node.children, node.lang, form))
        elif isinstance(node, m.Link):
            label = m.inline_text(node.children).strip()
            if label == node.url or label.removeprefix("mailto:") == node.url.removeprefix("mailto:"):
                out.append(Piece(label, lang, form | louis.NO_CONTRACT))
            else:
                out.extend(pieces(node.children, lang, form))
                out += [Piece(" (", lang, form), url_piece(node.url, lang), Piece(")", lang, form)]
    return out


def url_piece(url: str, lang: str) -> Piece:
    return Piece(url.removeprefix("mailto:"), lang, louis.NO_CONTRACT)


def _text_pieces(text: str, lang: str, form: int) -> list[Piece]:
    out: list[Piece] = []
    last = 0
    for match in _EMAIL.finditer(text):
        out.append(Piece(text[last:match.start()], lang, form))
        out.append(Piece(match.group(), lang, form | louis.NO_CONTRACT))
        last = match.end()
    out.append(Piece(text[last:], lang, form))
    return [p for p in out if p.text]


def braille(parts: list[Piece], style: Style) -> str:
    """The pieces in braille: one liblouis call per run of one language (contractions see whole words)."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and parts[j].lang == parts[i].lang:
            j += 1
        run = parts[i:j]
        text = "".join(clean(p.text) for p in run)
        forms = tuple(p.form for p in run for _ in clean(p.text))
        plain = all(f == louis.PLAIN for f in forms)
        out.append(louis.translate(style.table(run[0].lang), text, None if plain else forms))
        i = j
    return _SPACES.sub(" ", "".join(out)).strip()


def of(inlines: tuple[m.Inline, ...], lang: str, style: Style) -> str:
    return braille(pieces(inlines, lang), style)


def plain(text: str, lang: str, style: Style) -> str:
    return braille([Piece(text, lang)], style)
