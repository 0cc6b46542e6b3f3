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
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from publisher.build.lifetime import held_signals
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
    """Write several files all or nothing.

    1. Every file is written in full beside its target (a ``.part`` file).
    2. Every target that exists gets a second name (a hard link, or a copy where the file
       system has no links): this proves it can be replaced (an immutable or append-only file
       cannot be linked, nor replaced), and keeps the old version to put back.
    3. Only then are the new files renamed into place, with Ctrl-C and SIGTERM held back until
       the last rename (a rename does not fail for want of space). If one rename still fails,
       the targets already replaced get their old version back and new ones are removed.

    A failure at any step leaves every target as it was; a reader of the folder sees an old or
    a new version of each file, never a missing or half-written one. (SIGKILL cannot be held
    back: killed between two renames, the files already renamed are new and whole, the others old.)
    """
    staged: list[tuple[Path, Path]] = []
    kept: dict[Path, Path] = {}  # target -> its old version's second name
    current = Path()
    try:
        for current, data in files:
            if current.is_dir():
                raise _error(current, "cannot write the output: a folder has this name", "remove or rename the folder")
            staged.append((_stage(current, data), current))
        for tmp, current in staged:
            if current.exists() or current.is_symlink():
                kept[current] = _keep(current, tmp)
        with held_signals():
            _rename_all(staged, kept)
        for folder in dict.fromkeys(path.parent for _, path in staged):
            _sync_dir(folder)
    except OSError as exc:
        raise _error(_failed_path(exc, current), f"cannot write the output: {exc.strerror}",
                     "check free space and permissions of the output folder") from None
    finally:
        for tmp in [tmp for tmp, _ in staged] + list(kept.values()):
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _keep(target: Path, staged: Path) -> Path:
    """A second name for ``target``'s current version, or OSError if ``target`` cannot be replaced."""
    keep = _part_name(target)
    try:
        os.link(target, keep, follow_symlinks=False)
        return keep
    except OSError as exc:
        link_error = exc
    # Linking failed. If this folder takes links (try with our own staged file), the target itself
    # refuses them: immutable, append-only, or not ours. Otherwise (FAT, some network mounts) copy it.
    probe = _part_name(target)
    try:
        os.link(staged, probe)
    except OSError:
        shutil.copy2(target, keep, follow_symlinks=False)
        return keep
    else:
        probe.unlink()
    raise OSError(link_error.errno, f"{link_error.strerror} (the existing file cannot be replaced: "
                  "is it immutable or another user's?)", str(target))


def _rename_all(staged: list[tuple[Path, Path]], kept: dict[Path, Path]) -> None:
    done: list[Path] = []
    try:
        for tmp, target in staged:
            tmp.replace(target)
            done.append(target)
    except OSError:
        for target in reversed(done):  # put back what was there
            with contextlib.suppress(OSError):
                if target in kept:
                    kept[target].replace(target)
                else:
                    target.unlink()
        raise


def _failed_path(exc: OSError, current: Path) -> Path:
    """The output a failure is about: a rename's target, or the file named, never a temporary name."""
    for name in (exc.filename2, exc.filename):
        if isinstance(name, str) and not PART.match(Path(name).name):
            return Path(name)
    return current


def _part_name(target: Path) -> Path:
    """A free name in PART's pattern beside ``target``, so a killed build's leftovers are swept."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part")


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
