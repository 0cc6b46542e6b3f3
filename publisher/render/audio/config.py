"""The narration's settings (``layouts/audio/audio.toml``) and the unit an engine speaks."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from publisher.errors import Diagnostic, Location, RenderError

Run = tuple[str, str]  # (text, BCP 47 language)


@dataclass(frozen=True)
class Settings:
    """``layouts/audio/audio.toml``: the engine, a voice per language, speed, pauses, encoding."""

    folder: Path
    engine: str = "espeak-ng"
    voices: dict[str, str] = field(default_factory=dict)
    words_per_minute: int = 160
    pause_ms: dict[str, int] = field(default_factory=dict)
    bitrate_kbps: int = 32
    lexicon: str = "lexicon.pls"
    recordings: str = "recordings"


def settings(folder: Path) -> Settings:
    path = folder / "audio.toml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(Diagnostic(Location(str(path)), f"cannot read the audio layout: {exc.strerror}",
                                     "see layouts/audio/audio.toml for every key")) from None
    return _settings(folder, text)


@functools.cache
def _settings(folder: Path, text: str) -> Settings:
    path = folder / "audio.toml"
    try:
        data = tomllib.loads(text)
        return Settings(folder, str(data["engine"]), {k.lower(): str(v) for k, v in data["voices"].items()},
                        int(data["words_per_minute"]), {k: int(v) for k, v in data["pause_ms"].items()},
                        int(data["bitrate_kbps"]), str(data["lexicon"]), str(data["recordings"]))
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RenderError(Diagnostic(Location(str(path)), f"cannot read the audio layout: {exc}",
                                     "see layouts/audio/audio.toml for every key")) from None
