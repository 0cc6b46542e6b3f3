"""espeak-ng through ctypes, from the PyPI wheel ``espeakng-loader`` (library and voice data, pinned).

Why this route: the wheel pins the engine's version with the project's other dependencies (the
same bytes on every machine that installs the lock), needs no system package, and a ctypes
call per element is ~100x cheaper than starting the ``espeak-ng`` program for each. Why not
Debian's ``espeak-ng``: its version moves with the distribution's updates.

espeak-ng keeps state between utterances (the output differs from the first one on), so the
narration of a document runs in a process forked before any synthesis
(:func:`publisher.render.audio.narration.synthesize`): the same text always starts from the same state.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any, ClassVar

from publisher.errors import Diagnostic, Location, RenderError
from publisher.render.audio.config import Run, Settings
from publisher.render.audio.lexicon import Lexicon, load

INSTALL = "install espeak-ng: pip install -r requirements/run.txt (the espeakng-loader wheel ships it)"
SYNCHRONOUS = 0x02  # AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns when the callback has had everything
CHARS_UTF8, SSML, PHONEMES_INPUT = 0x01, 0x10, 0x100  # espeak_Synth flags
POS_CHARACTER, RATE = 1, 1
EVENT_END_LIST, EVENT_PHONEME = 0, 7


class _Event(ctypes.Structure):
    """espeak_EVENT (speak_lib.h); ``id`` is a union whose ``string`` member names a phoneme."""

    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint), ("text_position", ctypes.c_int),
                ("length", ctypes.c_int), ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class _State:
    """The callback's buffers (one engine per process: espeak-ng itself is a singleton)."""

    pcm = bytearray()
    phonemes: ClassVar[list[str]] = []


def _on_audio(wav: Any, count: int, events: Any) -> int:
    if count > 0:
        _State.pcm.extend(ctypes.string_at(wav, count * 2))
    i = 0
    while events[i].type != EVENT_END_LIST:
        if events[i].type == EVENT_PHONEME:
            _State.phonemes.append(events[i].id.decode("ascii", "replace"))
        i += 1
    return 0


_KEEP = _CALLBACK(_on_audio)  # referenced for the library's lifetime


@functools.cache
def _library() -> tuple[ctypes.CDLL, int, str]:
    try:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data = espeakng_loader.get_data_path()
    except (ImportError, OSError, RuntimeError):
        raise RenderError(Diagnostic(Location("espeak-ng"), "the speech synthesizer espeak-ng is not installed",
                                     INSTALL)) from None
    lib.espeak_Info.restype = ctypes.c_char_p
    rate = lib.espeak_Initialize(SYNCHRONOUS, 0, data.encode(), 0)
    if rate <= 0:
        raise RenderError(Diagnostic(Location(data), "espeak-ng could not read its voice data", INSTALL))
    lib.espeak_SetSynthCallback(_KEEP)
    lib.espeak_ng_SetPhonemeEvents(1, 0)
    version: bytes = lib.espeak_Info(None)
    return lib, rate, version.decode()


class Espeak:
    def __init__(self, settings: Settings) -> None:
        self.lib, self.rate, self.version = _library()
        self.settings = settings
        self.lexicons: tuple[Lexicon, ...] = tuple(load(p) for p in sorted(settings.folder.glob(settings.lexicon)))
        self._voice = ""

    def identity(self) -> str:
        return f"espeak-ng {self.version}"

    def voice(self, language: str) -> str:
        """The espeak-ng voice of a language: the layout's choice, else the tag itself ("en-us")."""
        tag = language.lower()
        return self.settings.voices.get(tag) or self.settings.voices.get(tag.split("-")[0]) or tag

    def _select(self, language: str) -> None:
        name = self.voice(language)
        if name == self._voice:
            return
        if self.lib.espeak_SetVoiceByName(name.encode()) != 0:
            raise RenderError(Diagnostic(Location(str(self.settings.folder / "audio.toml")),
                                         f"espeak-ng has no voice {name!r} for language {language!r}",
                                         "name one in [voices] (espeak-ng --voices lists them)"))
        self.lib.espeak_SetParameter(RATE, self.settings.words_per_minute, 0)
        self._voice = name

    def prepare(self, text: str, language: str) -> str:
        """What espeak-ng is given: the lexicon's pronunciations in place of their words."""
        for lexicon in self.lexicons:
            text = lexicon.apply(text, language)
        return text

    def speak(self, runs: list[Run]) -> bytes:
        _State.pcm.clear()
        for text, language in runs:
            if not text.strip():
                continue
            self._select(language)
            data = self.prepare(text, language).encode("utf-8")
            self.lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8 | PHONEMES_INPUT, None, None)
            self.lib.espeak_Synchronize()
        return bytes(_State.pcm)

    def phonemes(self, runs: list[Run]) -> str:
        """The phonemes espeak-ng really synthesized for these runs (its phoneme events)."""
        _State.phonemes.clear()
        self.speak(runs)
        return " ".join(p for p in _State.phonemes if p.strip())
