"""Serialise each stream once when WeasyPrint writes the file.

With a file identifier (/ID), pydyf 0.13's ``PDF.write`` hashes every object's serialised form
for the identifier's second half, and gets it by serialising every object a second time; a
stream's serialisation compresses it at zlib level 9. So each font, image and page content
stream of a handout is compressed twice: ~8 ms of a ~270 ms warm render (benchmarks/README.md,
(b)). Nothing changes a stream once the finisher has run, so each stream object's serialised
form is computed once and kept for the write. The file is byte for byte what it was before.

Done by giving each stream object a subclass of its own class whose ``data`` is a cached
property: ``data`` is a property of pydyf's class, so an instance attribute cannot override it,
and pydyf offers no hook into ``write``.
"""

from __future__ import annotations

from functools import cached_property

import pydyf

_MEMOISED: dict[type, type] = {}


def serialise_streams_once(pdf: pydyf.PDF) -> None:
    """Make every stream object of ``pdf`` compute its serialised bytes once; call last, just before the write."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and type(obj) not in _MEMOISED.values():
            obj.__class__ = _memoised(type(obj))


def _memoised(cls: type) -> type:
    if cls not in _MEMOISED:
        data = cls.data  # type: ignore[attr-defined]  # a property of pydyf's Stream
        _MEMOISED[cls] = type(cls.__name__, (cls,), {"data": cached_property(data.fget),
                                                     "__module__": __name__, "__qualname__": cls.__qualname__})
    return _MEMOISED[cls]
