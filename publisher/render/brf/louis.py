"""liblouis through ctypes: forward and back translation of strings with a table list.

Why ctypes and not Debian's ``python3-louis``: that module installs into Debian's own
``/usr/lib/python3/dist-packages`` and imports only in ``/usr/bin/python3``, not in the
project's Python or a fresh venv, and PyPI has no maintained binding. It is itself a thin
ctypes wrapper over ``liblouis.so.20``; these are the three calls the renderer needs, over
the same library (Debian ``liblouis20`` + ``liblouis-data``, installed by
``scripts/install-tools.sh``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

from publisher.errors import Diagnostic, Location, RenderError

LIBRARY = "liblouis.so.20"
INSTALL = "install liblouis: sudo apt-get install liblouis20 liblouis-data (or run: bash scripts/install-tools.sh)"

# Typeform bits of liblouis.h (formtype): emphasis and "translate without contractions".
PLAIN = 0x0000
ITALIC = 0x0001
BOLD = 0x0004
NO_CONTRACT = 0x1000


# Braille ASCII (BRF) by dot pattern, in Unicode braille order (U+2800 + dots bits); checked against
# en-us-brf.dis in tests/render/brf/test_louis.py.
BRF_BY_DOTS = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="


def six_dot(braille: str) -> str:
    """8-dot cells that a table emits for characters it lacks, as their 6-dot part in BRF (dots 7-8 dropped)."""
    if all(ord(c) < 0x2800 for c in braille):
        return braille
    return "".join(BRF_BY_DOTS[(ord(c) - 0x2800) & 0x3F] if 0x2800 <= ord(c) <= 0x28FF else c for c in braille)


class LouisMissing(RenderError):
    """liblouis or one of its tables is not installed."""


@functools.cache
def _lib() -> ctypes.CDLL:
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("louis") or LIBRARY)
    except OSError:
        raise LouisMissing(Diagnostic(Location("liblouis"), f"the braille translator {LIBRARY} is not installed",
                                      INSTALL)) from None
    lib.lou_setLogLevel(60000)  # LOU_LOG_OFF: a missing table is reported by require(), not on stderr
    lib.lou_version.restype = ctypes.c_char_p
    lib.lou_getTable.restype = ctypes.c_void_p
    lib.lou_getTable.argtypes = [ctypes.c_char_p]
    return lib


def _widechar() -> type[ctypes.c_uint32] | type[ctypes.c_uint16]:
    return ctypes.c_uint32 if _lib().lou_charSize() == 4 else ctypes.c_uint16


def version() -> str:
    """The library's version ("3.24.0"): part of the BRF's incremental key."""
    raw: bytes = _lib().lou_version()
    return raw.decode()


@functools.cache
def require(tables: str) -> None:
    """Fail with the install command when a table of the list cannot be compiled."""
    if not _lib().lou_getTable(tables.encode()):
        raise LouisMissing(Diagnostic(Location("liblouis"), f"the braille table list {tables!r} is not installed",
                                      INSTALL))


def _run(back: bool, tables: str, text: str, typeform: tuple[int, ...] | None) -> str:
    if not text:
        return ""
    require(tables)
    wide = _widechar()
    size = len(text) * 4 + 64
    while True:
        inbuf = (wide * len(text))(*map(ord, text))
        inlen, outlen = ctypes.c_int(len(text)), ctypes.c_int(size)
        outbuf = (wide * size)()
        forms = (ctypes.c_ushort * size)(*typeform) if typeform is not None else None
        call = _lib().lou_backTranslateString if back else _lib().lou_translateString
        if not call(tables.encode(), inbuf, ctypes.byref(inlen), outbuf, ctypes.byref(outlen), forms, None, 0):
            raise RenderError(Diagnostic(Location("liblouis"), f"liblouis could not translate {text[:40]!r}",
                                         "report this text with the table list " + tables))
        if inlen.value >= len(text) and outlen.value < size:  # all read, and the buffer did not run out
            return "".join(map(chr, outbuf[:outlen.value]))
        size *= 2


@functools.lru_cache(maxsize=4096)
def translate(tables: str, text: str, typeform: tuple[int, ...] | None = None) -> str:
    """Print text to braille (in the display table's characters, e.g. BRF ASCII)."""
    return six_dot(_run(False, tables, text, typeform))


def back_translate(tables: str, braille: str) -> str:
    """Braille back to print, as a reader's braille display would show it."""
    return _run(True, tables, braille, None)
