"""Zip archives read without trusting them: sizes from the zip directory, checked before anything is read.

A 1 MB "zip bomb" inflates to gigabytes. Python's zipfile never returns more than the
size a member's directory entry declares (it stops there and reports a bad CRC), so
checking the declared sizes first bounds what any later read can cost: a member too
large, too many members, too much in all, or a compression ratio no real document has.
Used for the reference DOCX of a build and for the EPUB and DOCX files ``check`` reads.
"""

from __future__ import annotations

import zipfile

from publisher.source import limits as lim

_SMALL = 1024 * 1024  # the ratio is judged only past this size: tiny XML parts deflate very well


def zip_problem(archive: zipfile.ZipFile) -> str | None:
    """What makes ``archive`` unsafe to read, from its directory alone; None when it is within the limits."""
    members = archive.infolist()
    if len(members) > lim.MAX_ZIP_MEMBERS:
        return f"has {len(members):,} members; the limit is {lim.MAX_ZIP_MEMBERS:,}"
    total = 0
    for info in members:
        if info.file_size > lim.MAX_ZIP_MEMBER_BYTES:
            return (f"member {info.filename[:80]} would inflate to {info.file_size:,} bytes; "
                    f"the limit is {lim.MAX_ZIP_MEMBER_BYTES:,}")
        if info.file_size > _SMALL and info.file_size > lim.MAX_ZIP_RATIO * max(1, info.compress_size):
            return (f"member {info.filename[:80]} would inflate {info.file_size // max(1, info.compress_size):,} "
                    f"times (a zip bomb); real documents stay under {lim.MAX_ZIP_RATIO}")
        total += info.file_size
        if total > lim.MAX_ZIP_TOTAL_BYTES:
            return f"would inflate to more than {lim.MAX_ZIP_TOTAL_BYTES:,} bytes in all"
    return None
