"""Reading an input file without trusting it: only regular files, never more than a limit, never blocking.

``Path.read_bytes`` on a FIFO waits forever for a writer, on ``/dev/zero`` reads until
memory runs out, and on a file that grows while it is read returns more than its size
said. Here the path is opened without blocking (``O_NONBLOCK``: a FIFO opens at once),
what was opened is checked to be a regular file (``fstat`` of the open descriptor, so a
swap after the check changes nothing), and at most ``limit + 1`` bytes are read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotReadable(ValueError):
    """What is wrong with the file (first argument) and how to fix it (second)."""

    def __init__(self, what: str, hint: str) -> None:
        super().__init__(what, hint)
        self.what = what
        self.hint = hint


class TooLarge(NotReadable):
    def __init__(self, size: int, limit: int, hint: str) -> None:
        super().__init__(f"file is {size:,} bytes; the limit is {limit:,}" if size > limit else
                         f"file is larger than the limit of {limit:,} bytes", hint)
        self.size = size
        self.limit = limit


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: Path, *, follow: bool = True) -> int:
    """A read-only descriptor of ``path``, only if it is a regular file; raises OSError or NotReadable.

    ``follow=False`` refuses a symbolic link as the last component (``O_NOFOLLOW``): used where
    the path was resolved just before, so a link put there since is a swap, not the file checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotReadable(f"is {kind_of(mode)}, not a regular file", "pass a file saved on disk")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int, hint: str = "make it smaller", *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises OSError, NotReadable or TooLarge."""
    fd = open_regular(path, follow=follow)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TooLarge(size, limit, hint)
        data = handle.read(limit + 1)  # the size can lie (a file still being written, /proc)
    if len(data) > limit:
        raise TooLarge(len(data), limit, hint)
    return data


def digest_regular(path: Path) -> str:
    """The SHA-256 of a regular file, read in blocks; raises OSError or NotReadable (never blocks)."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def is_regular(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISREG(path.stat().st_mode)
    return False
