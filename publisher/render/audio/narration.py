"""A document read aloud: each chapter's MP3 and each element's clip within it, in seconds.

Synthesis runs in a process forked for it (espeak-ng keeps state between utterances, so only a
fresh start gives the same audio for the same text); the narrated EPUB and the MP3 of one
document, rendered in one process, share one narration.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import lameenc

from publisher.errors import PublisherError, RenderError
from publisher.render.audio.config import Settings, settings
from publisher.render.audio.engine import Engine, engine
from publisher.render.audio.script import Chapter

# LAME's encoder delay plus the decoder's (576 + 529 samples): where a decoder's output of a
# file's first sample is. Clips start there; the first clip of a file starts at 0.
CODEC_DELAY = 1105
SAMPLES_PER_FRAME = 576  # MPEG-2 layer III (22050 Hz)
T = TypeVar("T")


@dataclass(frozen=True)
class Clip:
    id: str
    begin: float
    end: float


@dataclass(frozen=True)
class ChapterAudio:
    id: str
    title: str
    mp3: bytes
    duration: float  # as decoded: whole frames
    clips: tuple[Clip, ...]


@dataclass(frozen=True)
class Narration:
    identity: str  # the engine's name and version
    chapters: tuple[ChapterAudio, ...]

    @property
    def duration(self) -> float:
        return sum(c.duration for c in self.chapters)


def in_fresh_process(work: Callable[[], T]) -> T:
    """``work()`` in a forked child, its result (or its diagnostics) sent back; in-process where fork is not
    usable (not Linux), which is then deterministic only for the process's first narration."""
    if sys.platform != "linux":
        return work()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read)
        try:
            payload = pickle.dumps(("ok", work()))
        except PublisherError as exc:
            payload = pickle.dumps(("error", exc.diagnostics))
        except BaseException as exc:  # a bug: reported by the parent as an internal error
            payload = pickle.dumps(("bug", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(write, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as source:
        data = source.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the narration process ended without a result")
    status, value = pickle.loads(data)  # noqa: S301 (our own child's bytes)
    if status == "error":
        raise RenderError(value)
    if status == "bug":
        raise RuntimeError(value)
    result: T = value
    return result


def _silence(voice: Engine, ms: int) -> bytes:
    return b"\x00\x00" * (voice.rate * ms // 1000)


def _encode(pcm: bytes, voice: Engine, kbps: int) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_in_sample_rate(voice.rate)
    encoder.set_channels(1)
    encoder.set_bit_rate(kbps)
    encoder.set_quality(7)  # LAME "fast": half the CPU of 5 for speech at 32 kbps, same size (measured)
    return bytes(encoder.encode(pcm) + encoder.flush())


def frames(mp3: bytes) -> int:
    """MPEG audio frames in a headerless CBR stream (what a decoder will play)."""
    count = i = 0
    while i + 4 <= len(mp3):
        header = int.from_bytes(mp3[i:i + 4], "big")
        if header >> 21 != 0x7FF:
            raise ValueError(f"no MPEG frame at byte {i}")
        version = (header >> 19) & 3
        kbps = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)[(header >> 12) & 15]
        rate = {0: 11025, 2: 22050, 3: 44100}[version]
        i += (144 if version == 3 else 72) * kbps * 1000 // rate + ((header >> 9) & 1)
        count += 1
    return count


def _narrate(chapters: list[Chapter], config: Settings) -> Narration:
    voice = engine(config)
    out: list[ChapterAudio] = []
    for chapter in chapters:
        pcm = bytearray()
        starts: list[int] = []
        for element in chapter.elements:
            starts.append(len(pcm) // 2)
            pcm += voice.speak(list(element.runs))
            pcm += _silence(voice, config.pause_ms.get(element.kind, 300))
        mp3 = _encode(bytes(pcm), voice, config.bitrate_kbps)
        duration = frames(mp3) * SAMPLES_PER_FRAME / voice.rate
        bounds = [0.0] + [(CODEC_DELAY + s) / voice.rate for s in starts[1:]] + [duration]
        clips = tuple(Clip(e.id, bounds[i], bounds[i + 1]) for i, e in enumerate(chapter.elements))
        out.append(ChapterAudio(chapter.id, chapter.title, mp3, duration, clips))
    return Narration(voice.identity(), tuple(out))


_last: dict[str, Narration] = {}


def narrate(chapters: list[Chapter], config: Settings) -> Narration:
    """The narration of these chapters (the previous one again if nothing changed)."""
    key = hashlib.sha256(repr((chapters, config)).encode()).hexdigest()
    if key not in _last:
        engine(config)  # load the engine here, before the fork, so every child starts from the same state
        _last.clear()
        _last[key] = in_fresh_process(lambda: _narrate(chapters, config))
    return _last[key]


def identity(folder: Path) -> str:
    """The engine's name and version (for the incremental key)."""
    return engine(settings(folder)).identity()
