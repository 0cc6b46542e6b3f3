"""What our own DOCX prints before the first section ("Published by …", "Last reviewed: …"), read back into fields.

A handout written in Word by hand has none of these lines, and then nothing here matches;
the command's --publisher and --reviewed options, or the notes in the YAML, fill the gap.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.core import Locale, UnknownLocaleError

from publisher.authoring.importer import draft as d
from publisher.authoring.importer.inlines import Inline
from publisher.extract.text import normalize

_YEAR = re.compile(r"\b(\d{4})\b")
_DAY = re.compile(r"\b(\d{1,2})\b")


def parse_long_date(text: str, language: str) -> dt.date | None:
    """A date spelled with its month's name in ``language`` ("June 26, 2015"; "26 de junio de 2015"), or ISO."""
    text = normalize(text)
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        year = _YEAR.search(text)
        day = _DAY.search(_YEAR.sub(" ", text))
        month = _month(text, language)
        if year and day and month:
            return dt.date(int(year.group(1)), month, int(day.group(1)))
    except ValueError:
        return None
    return None


def _month(text: str, language: str) -> int | None:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    lowered = text.casefold()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            names = locale.months[context][width]
            for number, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
                if re.search(rf"(?<!\w){re.escape(name.casefold().rstrip('.'))}\.?(?!\w)", lowered):
                    return int(number)
    return None


def read_line(inline: Inline, strings: dict[str, str], draft: d.Draft, where: str) -> bool:
    """Fill a draft field from one front-matter line; False when the line is not one of ours."""
    text = normalize(inline.plain())
    published = normalize(strings["publisher"])
    reviewed = normalize(strings["last_reviewed"]) + ":"
    online = normalize(strings["online_version"]) + ":"
    if text.startswith(published + " "):
        links = [s for s in inline.segs if inline.external(s)]
        rest = text[len(published) + 1:]
        if links:
            name = normalize("".join(s.text for s in inline.segs if s.link == links[0].link))
            draft.publisher.name, draft.publisher.url = name, inline.external(links[0])
            rest = rest[len(name):] if rest.startswith(name) else rest
        else:
            name, _, rest = rest.partition(", ")
            draft.publisher.name, rest = name, ", " + rest if rest else ""
        draft.publisher.parent = rest.removeprefix(",").strip()
        return True
    if text.startswith(reviewed):
        date = parse_long_date(text[len(reviewed):], draft.language)
        if date is None:
            draft.notes.append(d.Note(f"the review date '{text[len(reviewed):].strip()}' could not be read", where))
        draft.last_reviewed = date or draft.last_reviewed
        return True
    if text.startswith(online):
        urls = [inline.external(s) for s in inline.segs if inline.external(s)]
        draft.canonical_url = urls[0] if urls else text[len(online):].strip()
        return True
    audiences = {normalize(v) for k, v in strings.items() if k.startswith("audience_") and v}
    if text in audiences:
        draft.notes.append(d.Note(f"this is the '{text}' of a handout: mark what only some readers get with "
                                  "'audience:' (docs/source-format.md)", where))
        return True
    return False
