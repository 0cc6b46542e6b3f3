"""A Word reference list as source references: which paragraphs are entries, and what each one says.

An entry is kept as its text and its address, not split into authors, container and
date: Word gives no fields, and guessing them would print a different reference. The
YAML notes say so, and the writer can split the entry by hand (docs/source-format.md).
"""

from __future__ import annotations

import re

from publisher.authoring.importer import draft as d
from publisher.authoring.importer.blocks import Item
from publisher.authoring.importer.frontmatter import parse_long_date
from publisher.authoring.importer.inlines import Inline
from publisher.document.i18n import STRINGS
from publisher.extract.text import REFERENCE_TITLES, normalize

# Titles of a reference list besides those our own formats print (publisher/document/i18n.py).
TITLES = REFERENCE_TITLES | {"bibliography", "sources", "works cited", "bibliografía", "fuentes"}
_NUMBER = re.compile(r"^\s*\[?\d{1,3}[.)\]]?\s+")


FURTHER_READING = frozenset(normalize(s["further_reading"]).casefold() for s in STRINGS.values())


def is_reference_heading(text: str) -> bool:
    return normalize(text).casefold() in {t.casefold() for t in TITLES}


def is_further_reading_heading(text: str) -> bool:
    return normalize(text).casefold() in FURTHER_READING


ENTRY_KINDS = ("para", "list", "continue", "quote", "caption", "table-caption", "note")


def entries(section: list[Item]) -> list[Item]:
    """The paragraphs of a reference list that may hold an entry (a sub-heading does not)."""
    return [i for i in section if i.kind in ENTRY_KINDS]


def cite_targets(items: list[Item], heading: int) -> dict[str, str]:
    """Bookmark name -> reference id, for the bookmarks inside the entries after the heading at ``heading``."""
    level = items[heading].level
    out: dict[str, str] = {}
    number = 0
    for item in items[heading + 1:]:
        if item.kind in ("heading", "title") and item.level <= level:
            break
        if item.kind in ENTRY_KINDS:
            number += 1
            for name in item.bookmarks:
                out.setdefault(name, f"ref{number}")
    return out


def reference(inline: Inline, number: int, accessed_word: str, language: str, where: str) -> d.Reference | None:
    segs = [s for s in inline.segs if s.kind == "text" and not inline.links.get(s.link, "").startswith("#")]
    text = normalize("".join(s.text for s in segs))
    text = _NUMBER.sub("", text)
    if not text:
        return None
    url = next((inline.external(s) for s in segs if inline.external(s)), "")
    ref = d.Reference(f"ref{number}", text, url)
    langs = {s.lang for s in segs if s.text.strip() and not inline.external(s)}
    if len(langs) == 1 and (lang := langs.pop()):
        ref.language = lang  # the whole entry in another language: its title, as our formats mark it
    elif any(langs):
        other = ", ".join(sorted(x for x in langs if x))
        ref.notes.append(d.Note(f"part of this entry is marked as language {other} in Word (its title?): split the "
                                "title out and give it 'language:' so screen readers switch voice", where))
    if url:
        before, _, after = text.partition(url)
        word = normalize(accessed_word)
        # AMA prints "… Accessed June 26, 2015. URL"; other styles put the access date after the URL.
        found = re.search(rf"[.;,]?\s*{re.escape(word)}\s+([^.]+?)\.?\s*$", before)
        if found and (date := parse_long_date(found.group(1), language)):
            ref.accessed, before = date, before[:found.start()]
        ref.title = before.strip().rstrip(";,:. ").strip() or url
        after = after.strip().lstrip(".").strip()
        if after.startswith(word):
            ref.accessed = parse_long_date(after[len(word):], language)
            after = "" if ref.accessed else after
        if after.rstrip("."):
            ref.notes.append(d.Note(f"text after the address was not kept: “{after[:60]}”", where))
    ref.notes.append(d.Note("imported as one line of text: split it into authors, title, container and date "
                            "if you want every format to style it (docs/source-format.md)", where))
    return ref
