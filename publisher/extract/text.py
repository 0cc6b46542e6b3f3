"""Text normalisation shared by the extractors and the fidelity checks."""

from __future__ import annotations

import re
import unicodedata

from publisher.document.i18n import STRINGS

# Characters that change how text looks but not what it says.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
})
_SPACE = re.compile(r"\s+")
# Hyphens and whitespace are dropped from match keys: a PDF may hyphenate a word at a
# line end or break a URL across lines, which neither the source nor the other formats do.
_KEY_DROP = re.compile(r"[\s\-]+")


def normalize(text: str) -> str:
    """One spelling for text that reads the same: NFKC (ligatures, NBSP), no soft hyphens, plain quotes."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def match_key(text: str) -> str:
    """``normalize`` without whitespace and hyphens, for "does this text contain that sentence" questions."""
    return _KEY_DROP.sub("", normalize(text))


# Every language's title of the references section: PDF and DOCX have no role for it, so
# the section is found by its heading, which every format prints from the model.
REFERENCE_TITLES = frozenset(normalize(s["references"]) for s in STRINGS.values())
