"""Atomic output: write to a temporary file in the target folder, then rename.

A reader of ``dist/`` (a web server, a sync job, a person) sees either the old
whole file or the new whole file, never half of one, even if the build is killed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from publisher.errors import Diagnostic, Location, OutputError


def ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Diagnostic(Location(str(folder)), f"cannot create the output folder: {exc.strerror}",
                                     "choose a writable folder with --out")) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(Diagnostic(Location(str(folder)), "the output folder is not writable",
                                     "fix its permissions or choose another with --out"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is never seen half-written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise OutputError(Diagnostic(Location(str(path)), f"cannot write the output: {exc.strerror}",
                                     "check free space and permissions of the output folder")) from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
