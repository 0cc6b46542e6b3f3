"""The voice behind the narration: a small interface, so an organisation can plug in another voice.

An engine turns one text element's runs (text, language) into 16-bit mono PCM. espeak-ng is the
default (:mod:`publisher.render.audio.espeak`); :class:`Recorded` plays a person's recordings
instead. ``layouts/audio/audio.toml`` names the engine; its ``identity()`` (name and version) is
part of the incremental key, so a new voice rebuilds the audio.
"""

from __future__ import annotations

import hashlib
import wave
from collections.abc import Callable
from typing import Protocol

from publisher.errors import Diagnostic, Location, RenderError
from publisher.render.audio.config import Run, Settings


class Engine(Protocol):
    rate: int  # samples per second

    def identity(self) -> str:
        """Name and version, e.g. "espeak-ng 1.52.0": a new one makes every audio output stale."""

    def speak(self, runs: list[Run]) -> bytes:
        """One text element as 16-bit little-endian mono PCM at ``rate``."""


class Recorded:
    """Recorded human audio: ``<recordings>/<sha256 of the element's text, 16 hex>.wav`` per element.

    A missing recording is an error that names the file and the text to record, so a changed
    sentence can never be read with an old recording.
    """

    def __init__(self, settings: Settings) -> None:
        self.folder = settings.folder / settings.recordings
        self.rate = 22050

    @staticmethod
    def key(runs: list[Run]) -> str:
        return hashlib.sha256("".join(text for text, _ in runs).strip().encode()).hexdigest()[:16]

    def identity(self) -> str:
        digest = hashlib.sha256()
        for path in sorted(self.folder.glob("*.wav")):
            digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
        return f"recorded {digest.hexdigest()[:16]}"

    def speak(self, runs: list[Run]) -> bytes:
        path = self.folder / f"{self.key(runs)}.wav"
        text = "".join(t for t, _ in runs).strip()
        try:
            with wave.open(str(path), "rb") as wav:
                if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (1, 2, self.rate):
                    raise RenderError(Diagnostic(Location(str(path)), "a recording must be mono 16-bit 22050 Hz",
                                                 "convert it, e.g. sox IN.wav -r 22050 -c 1 -b 16 OUT.wav"))
                return wav.readframes(wav.getnframes())
        except FileNotFoundError:
            raise RenderError(Diagnostic(Location(str(path)), f"no recording of {text[:60]!r}",
                                         "record that text to this file (mono, 16-bit, 22050 Hz)")) from None


def _espeak(settings: Settings) -> Engine:
    from publisher.render.audio.espeak import Espeak  # loads the library only when chosen

    return Espeak(settings)


ENGINES: dict[str, Callable[[Settings], Engine]] = {"espeak-ng": _espeak, "recorded": Recorded}


def engine(settings: Settings) -> Engine:
    try:
        return ENGINES[settings.engine](settings)
    except KeyError:
        raise RenderError(Diagnostic(Location(str(settings.folder / "audio.toml")),
                                     f"unknown voice engine {settings.engine!r}",
                                     f"choose among {', '.join(ENGINES)}")) from None
