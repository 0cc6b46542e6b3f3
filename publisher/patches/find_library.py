"""Import WeasyPrint without its slow search for shared libraries (about 0.3 s of every cold start on Linux).

WeasyPrint opens GObject, Pango, HarfBuzz, fontconfig and friends by trying several
names per library, Windows and macOS names first (``libgobject-2.0-0``,
``gobject-2.0-0``, then ``gobject-2.0``…). cffi passes each name it cannot open
directly to ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and,
when that finds nothing, compiles and links a test program with gcc and then ld
(WeasyPrint issue #1125) — two or three times per library before a Linux name
matches. Measured here: ``import weasyprint`` 0.70 s, 0.35 s with this module.

While WeasyPrint is imported, ``find_library`` answers from one ``ldconfig -p``
listing read once: CPython's own first step (the same pattern and ABI tag), without
the compiler fallback, which can only turn up libraries that the dynamic loader
cannot open by their soname anyway. Where there is no glibc ``ldconfig`` (macOS,
Windows, musl) nothing is changed.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def ldconfig_lookup() -> Callable[[str], str | None] | None:
    """``find_library`` as CPython's ldconfig step, over one listing; None where it cannot work."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        listing = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, check=True, timeout=10,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = _ABI.get(machine, "libc6")

    def find(name: str) -> str | None:
        match = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing)
        return os.fsdecode(match.group(1)) if match else None

    return find


@contextmanager
def fast_library_search() -> Iterator[None]:
    """Within the block, ``ctypes.util.find_library`` asks the ldconfig listing only."""
    find = ldconfig_lookup()
    if find is None:
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = find  # type: ignore[assignment]  # same call, positional name
    try:
        yield
    finally:
        ctypes.util.find_library = original


with fast_library_search():
    import weasyprint  # noqa: F401  (loads the shared libraries once for the process)
