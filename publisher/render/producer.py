"""The producer line each output carries: publisher's version and the versions of the libraries that wrote it.

A records system or a reader's support desk can then tell which build of which tools made a file;
the same versions give the same line, so outputs stay byte-identical.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata

import publisher


@cache
def generator(*libraries: str) -> str:
    """``publisher 0.1.0 (weasyprint 70.0, pydyf 0.13.0)`` for the given distribution names."""
    versions = ", ".join(f"{name} {_version(name)}" for name in libraries)
    return f"publisher {publisher.__version__} ({versions})" if versions else f"publisher {publisher.__version__}"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"
