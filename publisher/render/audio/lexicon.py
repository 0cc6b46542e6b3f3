"""A W3C Pronunciation Lexicon (PLS 1.0) applied to text before synthesis.

espeak-ng reads SSML but ignores ``<lexicon>``, so the lexicon is applied here: each grapheme
(whole word, case-insensitive) is replaced by the first pronunciation the engine understands —
a ``<phoneme alphabet="x-espeak">`` as espeak's ``[[…]]`` phoneme input, else an ``<alias>``
(a respelling any engine can read). Entries for other alphabets (IPA) are kept for other engines.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from publisher.errors import Diagnostic, Location, RenderError

PLS = "http://www.w3.org/2005/01/pronunciation-lexicon"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: dict[str, str]  # lower-cased grapheme -> what the engine is given instead
    pattern: re.Pattern[str] | None

    def apply(self, text: str, language: str) -> str:
        if self.pattern is None or language.split("-")[0].lower() != self.language:
            return text
        return self.pattern.sub(lambda m: self.entries[m.group(0).lower()], text)


EMPTY = Lexicon("", {}, None)


def load(path: Path) -> Lexicon:
    try:
        return _parse(path, path.read_bytes())
    except OSError:
        return EMPTY


@functools.cache
def _parse(path: Path, data: bytes) -> Lexicon:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise RenderError(Diagnostic(Location(str(path), exc.lineno or 0), f"not a valid PLS lexicon: {exc.msg}",
                                     "fix the XML (W3C Pronunciation Lexicon Specification 1.0)")) from None
    default_alphabet = root.get("alphabet", "")
    entries: dict[str, str] = {}
    for lexeme in root.iter(f"{{{PLS}}}lexeme"):
        spoken = ""
        for choice in lexeme:
            if choice.tag == f"{{{PLS}}}phoneme" and choice.get("alphabet", default_alphabet) == "x-espeak":
                spoken = f"[[{(choice.text or '').strip()}]]"
                break
            if choice.tag == f"{{{PLS}}}alias" and not spoken:
                spoken = (choice.text or "").strip()
        for grapheme in lexeme.iter(f"{{{PLS}}}grapheme"):
            if spoken and grapheme.text:
                entries[grapheme.text.strip().lower()] = spoken
    if not entries:
        return Lexicon(root.get(XML_LANG, "en").split("-")[0].lower(), {}, None)
    words = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)
    return Lexicon(root.get(XML_LANG, "en").split("-")[0].lower(), entries, pattern)
