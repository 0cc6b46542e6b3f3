"""Write outputs atomically: to a temporary file in the target folder, then rename (the write stage).

A reader of ``dist/`` (a web server, a sync job, a person) sees either the old
whole file or the new whole file, never half of one, even if the build is killed.
A killed build can leave its temporary files behind: they are dot-files named
``.<name>.<pid>.<random>.part``, never matched by an output's suffix, and removed
by the next build that writes to the folder once their process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from publisher.errors import Diagnostic, Location, OutputError

PART = re.compile(r"^\..+\.(?P<pid>[0-9]+)\.[^.]+\.part$")
_swept: set[Path] = set()  # folders already cleaned by this process


def ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(folder, f"cannot create the output folder: {exc.strerror}",
                     "choose a writable folder with --out") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise _error(folder, "the output folder is not writable", "fix its permissions or choose another with --out")
    if folder.resolve() not in _swept:
        remove_stale_parts(folder)
        _swept.add(folder.resolve())


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete temporary files left by killed builds; those of running processes stay."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = PART.match(entry.name)
            if found and entry.is_file(follow_symlinks=False) and not _alive(int(found["pid"])):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()
                    removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    except (OverflowError, OSError):
        return False
    return True


def write_outputs(folder: Path, named: Iterable[tuple[str, bytes]]) -> tuple[Path, ...]:
    """Write files named in ``folder`` (created if need be), all or nothing; raises OutputError."""
    ensure_dir(folder)
    files = [(folder / name, data) for name, data in named]
    write_files(files)
    return tuple(path for path, _data in files)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is never seen half-written."""
    write_files([(path, data)])


def write_files(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write several files all or nothing, as far as a file system allows.

    Every file is first written in full beside its target; only when all of them
    are on disk are they renamed into place (renames do not fail for want of space).
    A failure before that point leaves every target as it was.
    """
    staged: list[tuple[Path, Path]] = []
    current = Path()
    try:
        for current, data in files:
            if current.is_dir():
                raise _error(current, "cannot write the output: a folder has this name", "remove or rename the folder")
            staged.append((_stage(current, data), current))
        for tmp, current in staged:
            tmp.replace(current)
        for folder in dict.fromkeys(path.parent for _, path in staged):
            _sync_dir(folder)
    except OSError as exc:
        raise _error(current, f"cannot write the output: {exc.strerror}",
                     "check free space and permissions of the output folder") from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _stage(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _sync_dir(folder: Path) -> None:
    """Make the renames durable: after a power cut the new names survive with the data."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _error(path: Path, message: str, hint: str) -> OutputError:
    return OutputError(Diagnostic(Location(str(path)), message, hint))
