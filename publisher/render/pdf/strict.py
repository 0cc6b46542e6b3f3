"""Turn what WeasyPrint logs (missing alt, lang or resource, bad CSS) or refuses to fetch into a RenderError."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint.urls import FatalURLFetchingError

from publisher.errors import Diagnostic, Location, RenderError

# WeasyPrint logs errors for unusable resources and a missing alt or lang, and warnings for
# CSS it ignores or fonts it cannot load: each means the handout is not what the layout says.
_LOGGER = logging.getLogger("weasyprint")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def weasyprint_strict(where: str) -> Iterator[None]:
    """Raise :class:`RenderError` for every warning or error WeasyPrint logs inside the block,
    and for a resource the URL fetcher refused (WeasyPrint raises that as a BaseException).

    The handler sits on the ``weasyprint`` logger only for the block; builds run
    documents in parallel with processes, not threads, so records are never mixed.
    """
    collector = _Collector()
    level = _LOGGER.level
    _LOGGER.addHandler(collector)
    _LOGGER.setLevel(logging.WARNING)  # whatever the root logger's level, warnings reach us
    try:
        yield
    except FatalURLFetchingError as exc:
        raise RenderError(Diagnostic(Location(where), str(exc.__cause__ or exc),
                                     "images must be files named by the source; layouts may use only their own files")
                          ) from None
    finally:
        _LOGGER.removeHandler(collector)
        _LOGGER.setLevel(level)
    if collector.messages:
        raise RenderError([Diagnostic(Location(where), f"WeasyPrint {message}",
                                      "fix the layout or the source; the PDF would be incomplete or inaccessible")
                           for message in collector.messages])
