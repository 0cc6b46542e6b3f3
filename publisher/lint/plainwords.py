"""Plain-word hints: a word from a public-domain plain-language list, and the everyday words it suggests.

The lists are data (``publisher/lint/wordlists/*.toml``), each naming its source; a hint
says which list it comes from, so a writer can look the entry up and judge the context —
every list warns that a substitute does not fit every sentence. Hints are never applied.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publisher.lint.prose import Prose
from publisher.lint.text import primary

WORDLISTS = Path(__file__).parent / "wordlists"


@dataclass(frozen=True)
class Entry:
    term: str  # as the list writes it: "physician", "in order to"
    instead: str  # the list's suggestion: "doctor"
    source: str  # the list's name


@dataclass(frozen=True)
class Hint:
    offset: int  # in the prose's plain text
    found: str  # the words as written: "physicians"
    entry: Entry


@dataclass(frozen=True)
class WordList:
    language: str
    entries: dict[str, Entry]  # every matched spelling, lower-case -> its entry
    pattern: re.Pattern[str]


def _forms(term: str) -> set[str]:
    """The term and, for one word, its regular inflections: a hint for "physicians" too."""
    if " " in term:
        return {term}
    forms = {term, term + "s", term + "es", term + "d", term + "ed", term + "ing"}
    if term.endswith("e"):
        forms.add(term[:-1] + "ing")
    if term.endswith("y") and len(term) > 2 and term[-2] not in "aeiou":
        forms |= {term[:-1] + "ies", term[:-1] + "ied"}
    return forms


@cache
def wordlists() -> tuple[WordList, ...]:
    by_language: dict[str, dict[str, Entry]] = {}
    for path in sorted(WORDLISTS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        source, language = data["source"]["name"], data["source"]["language"]
        table = by_language.setdefault(language, {})
        for term, instead in data["words"].items():
            entry = Entry(term, instead, source)
            for form in _forms(term.lower()):
                table.setdefault(form, entry)  # the first list (by file name) wins a shared word
    out = []
    for language, table in sorted(by_language.items()):
        # Longest first, so "in order to" wins over a shorter entry inside it; words match whole.
        alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(table, key=len, reverse=True))
        out.append(WordList(language, table, re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.I)))
    return tuple(out)


def hints(prose: Prose, language: str) -> Iterator[Hint]:
    lang = primary(language)
    for wordlist in wordlists():
        if wordlist.language != lang:
            continue
        for match in wordlist.pattern.finditer(prose.text):
            if match.start() < prose.lead:
                continue  # the resource's name, checked where it is written
            key = " ".join(match.group().lower().split())
            yield Hint(match.start(), match.group(), wordlist.entries[key])
