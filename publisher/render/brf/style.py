"""The braille formatting choices of ``layouts/brf/brf.toml``, read into one frozen object."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.errors import Diagnostic, Location, RenderError

Indents = tuple[int, int]  # 0-based first-line and runover indents (cell 3 -> 2)


@dataclass(frozen=True)
class Style:
    cells: int
    lines: int
    number_line: str
    preliminary_prefix: str
    display: str
    tables: dict[str, str]
    uncontracted: dict[str, str]
    default_language: str
    indents: dict[str, Indents]
    centered_margin: int
    symbols: dict[str, str]
    blank_after_title: bool
    words: dict[str, dict[str, str]]

    def table(self, language: str) -> str:
        """The table list for a BCP 47 tag (primary subtag), the default language's when none fits."""
        primary = language.split("-")[0].lower()
        return f"{self.display},{self.tables.get(primary, self.tables[self.default_language])}"

    def uncontracted_table(self, language: str) -> str:
        primary = language.split("-")[0].lower()
        return f"{self.display},{self.uncontracted.get(primary, self.uncontracted[self.default_language])}"

    def word(self, language: str, key: str) -> str:
        primary = language.split("-")[0].lower()
        return self.words.get(primary, self.words["en"]).get(key, self.words["en"][key])

    @property
    def text_lines(self) -> int:
        """Lines a page has for text: one is the page number's."""
        return self.lines - 1


def _bad(path: Path, message: str) -> RenderError:
    return RenderError(Diagnostic(Location(str(path)), message, "fix the braille layout (see layouts/brf/brf.toml)"))


def _read(path: Path) -> dict[str, Any]:
    try:
        return _parse(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _bad(path, f"cannot read the braille layout: {exc}") from None


@functools.cache
def _parse(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def load(folder: Path, page: tuple[int, int] | None = None) -> Style:
    """The style of a layout folder; ``page`` (cells, lines) overrides the layout's page size."""
    path = folder / "brf.toml"
    data = _read(path)
    try:
        cells, lines = page or (int(data["page"]["cells"]), int(data["page"]["lines"]))
        tables = dict(data["tables"])
        uncontracted = dict(tables.pop("uncontracted"))
        display, default = str(tables.pop("display")), str(tables.pop("default"))
        style = Style(
            cells=cells, lines=lines,
            number_line=str(data["page"]["number_line"]),
            preliminary_prefix=str(data["page"]["preliminary_prefix"]),
            display=display, tables={k: str(v) for k, v in tables.items()},
            uncontracted={k: str(v) for k, v in uncontracted.items()}, default_language=default,
            indents={k: (int(v[0]) - 1, int(v[1]) - 1) for k, v in data["cells"].items() if isinstance(v, list)},
            centered_margin=int(data["cells"]["centered_margin"]),
            symbols={k: v for k, v in data["symbols"].items() if isinstance(v, str)},
            blank_after_title=bool(data["symbols"].get("blank_after_title", True)),
            words={k: dict(v) for k, v in data["words"].items()},
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise _bad(path, f"the braille layout lacks or mistypes {exc}") from None
    if style.cells < 20 or style.lines < 5:
        raise _bad(path, f"a braille page of {style.cells} cells x {style.lines} lines is too small (at least 20x5)")
    if style.default_language not in style.tables or "en" not in style.words:
        raise _bad(path, "[tables] needs the default language's table and [words.en] every word")
    return style
