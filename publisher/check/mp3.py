"""MP3 rules: its ID3 chapters are the document's outline, and they cover the audio's duration."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mutagen.mp3 import MP3

from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, Status, failed, passed
from publisher.document import model as m
from publisher.extract.text import normalize

TOLERANCE = 1.0  # seconds


@dataclass
class Mp3Context:
    path: Path
    audio: MP3
    document: Callable[[], m.Document | None]

    def chapters(self) -> list[tuple[str, int, int]]:
        """(title, start ms, end ms) in the top-level CTOC's order."""
        tags = self.audio.tags
        if tags is None:
            return []
        tocs = [f for f in tags.getall("CTOC") if f.flags & 1] or tags.getall("CTOC")
        if not tocs:
            return []
        chaps = {f.element_id: f for f in tags.getall("CHAP")}
        out = []
        for element in tocs[0].child_element_ids:
            chap = chaps.get(element)
            if chap is not None:
                title = chap.sub_frames.get("TIT2")
                out.append((str(title.text[0]) if title else "", chap.start_time, chap.end_time))
        return out


rules: RuleSet[Mp3Context] = RuleSet()


@rules.rule("mp3.chapters", "mutagen", "ID3 chapters (CTOC order, CHAP titles) equal the document's outline")
def chapters(ctx: Mp3Context) -> Outcome:
    doc = ctx.document()
    if doc is None:
        return failed("no source to compare with (pass --source DIR)")
    got = [normalize(title) for title, _s, _e in ctx.chapters()]
    want = [normalize(e.title) for e in m.outline(doc)]
    if got != want:
        first = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        return failed(f"chapter {first + 1}: {got[first] if first < len(got) else 'none'!r}, the outline has "
                      f"{want[first] if first < len(want) else 'none'!r} ({len(got)} chapters, {len(want)} headings)")
    return passed(f"{len(got)} chapters, as the outline")


@rules.rule("mp3.duration", "mutagen",
            "chapters follow each other without gap or overlap and add up to the audio's duration within 1 s")
def duration(ctx: Mp3Context) -> Outcome:
    marks = ctx.chapters()
    if not marks:
        return failed("no ID3 chapters (CTOC and CHAP)")
    for (title, _start, end), (next_title, start, _end) in itertools.pairwise(marks):
        if start != end:
            return failed(f"chapter {title!r} ends at {end} ms, {next_title!r} starts at {start} ms")
    summed = (marks[-1][2] - marks[0][1]) / 1000
    length = ctx.audio.info.length
    if abs(summed - length) > TOLERANCE:
        return failed(f"chapters add up to {summed:.3f} s, the audio lasts {length:.3f} s")
    return passed(f"{len(marks)} chapters, {length:.1f} s")


def check_mp3(path: Path, selection: Selection, document: Callable[[], m.Document | None]) -> list[RuleResult]:
    try:
        audio = MP3(path)
    except Exception as exc:
        return [RuleResult(r.id, str(path), Status.FAIL, f"not a readable MP3: {exc}", r.tool) for r in rules.rules
                if selection.wants(r.id)]
    return rules.run(Mp3Context(path, audio, document), path, selection)
