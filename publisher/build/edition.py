"""A warning when a source's content changed but its edition did not, found from the manifest's last record.

The outputs already differ (their modified time is derived from the content, ``publisher.render.edition``),
but that time orders nothing and the printed edition date stays the old one: only the author knows the
date of the correction. The warning does not fail the build: a fix in progress is saved and rebuilt many
times before it is published, and a first build in a fresh folder has nothing to compare with.
"""

from __future__ import annotations

import re
from pathlib import Path

from publisher.document import model as m
from publisher.errors import Diagnostic, Location

Record = tuple[str, str, str]  # (edition date, version, fingerprint), as the manifest stores it

_KEY = re.compile(r"^(edition|version|last_reviewed)\s*:", re.MULTILINE)


def record(doc: m.Document) -> Record:
    if doc.edition is None:
        return ("", "", "")
    return (doc.edition.date.isoformat(), doc.edition.version, doc.edition.fingerprint)


def unmoved(source: Path, previous: Record | None, current: Record) -> Diagnostic | None:
    """The warning for ``source`` when its fingerprint changed since ``previous`` while date and version did not."""
    if not previous or not previous[2] or not current[2] or previous[2] == current[2]:
        return None
    if previous[:2] != current[:2]:
        return None  # the author moved the edition date or the version: this is a new, labelled edition
    shown = f"{current[0]}" + (f", version {current[1]}" if current[1] else "")
    return Diagnostic(_where(source), f"warning: the content changed since the last build, but the edition is "
                      f"still {shown}", "set 'edition:' to the date of this correction (and 'version:' if you "
                      "use one), so readers and records systems can tell the editions apart")


def _where(source: Path) -> Location:
    """The ``edition:`` line if the source has one, else ``version:``, else ``last_reviewed:``."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Location(str(source))
    found = {match[1]: text.count("\n", 0, match.start()) + 1 for match in _KEY.finditer(text)}
    for key in ("edition", "version", "last_reviewed"):
        if key in found:
            return Location(str(source), found[key], 1)
    return Location(str(source))
