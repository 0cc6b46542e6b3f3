"""Start-up without the cyclic garbage collector.

Importing the renderers creates a few hundred thousand objects that live as long as the
process: modules, classes, WeasyPrint's user-agent stylesheets, cffi declarations, parsed
layout CSS. With the collector on, every allocation burst starts a collection that walks them
all again. Measured on the seed (benchmarks/README.md): ~50 ms of the ~0.55 s it takes to import
the renderers, and ~40 ms of the first PDF a process renders, none of it freeing anything.

So the heavy one-time phases (importing a command or a renderer, a worker warming up) run with
the collector paused; what they built is then frozen (:func:`gc.freeze`: moved to a generation
the collector never scans) and the collector is switched back on for the documents. This is the
pattern CPython documents for ``gc.freeze``; it also keeps workers forked afterwards from
writing to (and so copying) the pages those objects sit on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the collector off, then freeze what exists and switch it back on.

    Nested uses, and a collector someone else switched off, are left alone: only the outermost
    block that found the collector on freezes and re-enables it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def thaw() -> None:
    """Make frozen objects collectable again: call after dropping caches that were built while paused
    (a watch session's stylesheets when a layout file changes), or cycles among them would never be freed."""
    gc.unfreeze()
