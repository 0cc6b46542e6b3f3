"""Typed errors that carry a source position; the CLI prints them, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    path: str
    line: int = 0  # 1-based; 0 when unknown
    col: int = 0  # 1-based; 0 when unknown

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, what is wrong, and how to fix it."""

    location: Location
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class PublisherError(Exception):
    """Bad input or usage: exit status 2. Holds one or more diagnostics."""

    exit_status = 2

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic) -> None:
        self.diagnostics = diagnostics if isinstance(diagnostics, list) else [diagnostics]
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class SourceError(PublisherError):
    """A source file is invalid."""


class RenderError(PublisherError):
    """A renderer refused the document (e.g. WeasyPrint logged an error)."""


class OutputError(PublisherError):
    """The output could not be written."""


def error(path: str, message: str, hint: str = "", line: int = 0, col: int = 0) -> SourceError:
    return SourceError(Diagnostic(Location(path, line, col), message, hint))
