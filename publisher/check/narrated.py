"""Narrated EPUB rules: every text element has exactly one clip, the durations add up, and the
voice follows the language of the text (re-synthesised with the engine and timed)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree
from mutagen.mp3 import MP3

from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed, skipped
from publisher.errors import PublisherError
from publisher.extract.epub import OPF, Package, read_package
from publisher.render.audio import config, narration, script
from publisher.render.audio.config import Run
from publisher.render.audio.engine import engine
from publisher.render.layout import Layout

SMIL = "{http://www.w3.org/ns/SMIL}"
_CLOCK = re.compile(r"^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)(s|ms)?$")
TOLERANCE = 1.0  # seconds: the "within 1 s"
VOICE_TOLERANCE = 0.12  # seconds: a clip's length against its re-synthesis (codec delay, rounding)


def seconds(value: str) -> float:
    match = _CLOCK.match(value.strip())
    if not match:
        raise ValueError(f"not a SMIL clock value: {value!r}")
    hours, minutes, secs, unit = match.groups()
    if unit == "ms":
        return float(secs) / 1000
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(secs)


@dataclass
class Par:
    target: str  # "content.xhtml#id"
    audio: str
    begin: float
    end: float


@dataclass
class NarratedContext:
    path: Path
    package: Package
    zipfile: zipfile.ZipFile
    overlays: dict[str, list[Par]]  # content document href -> its pars
    ci: bool


rules: RuleSet[NarratedContext] = RuleSet()


def _opf_dir(package: Package) -> PurePosixPath:
    return PurePosixPath(package.opf_path).parent


def read_overlays(package: Package, zf: zipfile.ZipFile) -> dict[str, list[Par]]:
    base = _opf_dir(package)
    items = {i.get("id"): i for i in package.opf.iter(f"{{{OPF}}}item")}
    out: dict[str, list[Par]] = {}
    for item in items.values():
        overlay = item.get("media-overlay")
        if not overlay or overlay not in items:
            continue
        smil_path = base / (items[overlay].get("href") or "")
        root = etree.fromstring(zf.read(str(smil_path)))
        pars = []
        for par in root.iter(f"{SMIL}par"):
            text, audio = par.find(f"{SMIL}text"), par.find(f"{SMIL}audio")
            if text is None or audio is None:
                continue
            pars.append(Par(text.get("src") or "", audio.get("src") or "", seconds(audio.get("clipBegin") or "0"),
                            seconds(audio.get("clipEnd") or "0")))
        out[item.get("href") or ""] = pars
    return out


@rules.rule("narrated.smil-coverage", "lxml",
            "every text element with an id in each content document is referenced by exactly one SMIL par")
def smil_coverage(ctx: NarratedContext) -> Outcome:
    if not ctx.overlays:
        return failed("no content document has a media-overlay")
    base = _opf_dir(ctx.package)
    problems: list[str] = []
    count = 0
    for href, pars in ctx.overlays.items():
        root = etree.fromstring(ctx.zipfile.read(str(base / href)))
        _xhtml, chapters = script.read(etree.tostring(root), "")
        units = [e.id for c in chapters for e in c.elements]
        refs = [p.target.partition("#")[2] for p in pars]
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        count += len(units)
        problems += [f"{href}#{u}: read by {refs.count(u)} pars" for u in units if refs.count(u) != 1]
        problems += [f"{href}: a par points to #{r}, which does not exist" for r in refs if r not in ids]
        untargeted = [e.text[:40] for c in chapters for e in c.elements if not e.id]
        problems += [f"{href}: text element without an id: {t!r}" for t in untargeted]
    if problems:
        return failed(f"{len(problems)} problem(s), first: {problems[0]}", problems)
    return passed(f"{count} text elements, each in exactly one par")


def _metas(package: Package, prop: str) -> dict[str, str]:
    """refines ("" for the publication) -> value of every <meta property=prop>."""
    return {(meta.get("refines") or ""): (meta.text or "").strip()
            for meta in package.opf.iter(f"{{{OPF}}}meta") if meta.get("property") == prop}


@rules.rule("narrated.durations", "mutagen",
            "the clips of each overlay add up to its media:duration, and all to the total, within 1 s; "
            "no clip ends after its audio file")
def durations(ctx: NarratedContext) -> Outcome:
    declared = _metas(ctx.package, "media:duration")
    if "" not in declared:
        return failed("no total media:duration")
    overlay_of = {i.get("href"): i.get("media-overlay") for i in ctx.package.opf.iter(f"{{{OPF}}}item")}
    base, total, lengths = _opf_dir(ctx.package), 0.0, {}
    for href, pars in ctx.overlays.items():
        summed = sum(p.end - p.begin for p in pars)
        total += summed
        overlay = overlay_of.get(href)
        mine = declared.get(f"#{overlay}")
        if mine is None or abs(seconds(mine) - summed) > TOLERANCE:
            return failed(f"{href}: clips add up to {summed:.3f} s, media:duration of #{overlay} says {mine}")
        for par in pars:
            audio = str(base / PurePosixPath(href).parent / par.audio)
            if audio not in lengths:
                lengths[audio] = MP3(io.BytesIO(ctx.zipfile.read(audio))).info.length
            if par.end > lengths[audio] + TOLERANCE or par.begin > par.end:
                return failed(f"clip {par.begin:.3f}-{par.end:.3f} s of {par.target} is outside {par.audio} "
                              f"({lengths[audio]:.3f} s)")
    if abs(seconds(declared[""]) - total) > TOLERANCE:
        return failed(f"clips add up to {total:.3f} s, the total media:duration says {declared['']}")
    return passed(f"{total:.1f} s of clips, as declared")


def _pause(kind: str, pauses: dict[str, int]) -> float:
    return pauses.get(kind, 300) / 1000


@rules.rule("narrated.span-voices", "espeak-ng",
            "text in another language is spoken by that language's voice: each clip with a language span "
            "lasts as long as its re-synthesis with the span's voice, not with the document's")
def span_voices(ctx: NarratedContext) -> Outcome:
    try:
        settings = config.settings(Layout().folder("audio"))
        engine(settings)
    except PublisherError as exc:
        message = f"the voice engine is not usable: {exc}"
        return failed(message) if ctx.ci else skipped(f"skipped (not installed): {message}")
    base = _opf_dir(ctx.package)
    cases: list[tuple[str, float, list[Run], list[Run], float]] = []
    for href, pars in ctx.overlays.items():
        root = etree.fromstring(ctx.zipfile.read(str(base / href)))
        _xhtml, chapters = script.read(etree.tostring(root), "")
        clip = {p.target.partition("#")[2]: p.end - p.begin for p in pars}
        for chapter in chapters:
            for i, element in enumerate(chapter.elements):
                languages = {lang for _, lang in element.runs}
                if len(languages) > 1 and element.id in clip and 0 < i < len(chapter.elements) - 1:
                    main = element.runs[0][1] if element.runs else ""
                    cases.append((element.id, clip[element.id], list(element.runs),
                                  [(t, main) for t, _ in element.runs], _pause(element.kind, settings.pause_ms)))
    if not cases:
        return passed("no text in another language (inside a chapter) to listen to")

    def timings() -> list[tuple[float, float]]:
        voice = engine(settings)
        return [(len(voice.speak(right)) / 2 / voice.rate, len(voice.speak(wrong)) / 2 / voice.rate)
                for _id, _clip, right, wrong, _pause_s in cases]

    measured = narration.in_fresh_process(timings)
    bad = []
    for (element_id, length, _r, _w, pause), (right, wrong) in zip(cases, measured, strict=True):
        if abs(length - pause - right) > VOICE_TOLERANCE or abs(length - pause - wrong) < abs(length - pause - right):
            bad.append(f"#{element_id}: clip {length - pause:.2f} s, its languages' voices {right:.2f} s, "
                       f"the document's voice {wrong:.2f} s")
    if bad:
        return failed(f"{len(bad)} clip(s) not spoken in their spans' languages, first: {bad[0]}", bad)
    return passed(f"{len(cases)} clips with language spans match their voices")


def check_narrated(path: Path, selection: Selection, ci: bool) -> list[RuleResult]:
    package = read_package(path)
    with zipfile.ZipFile(path) as zf:
        context = NarratedContext(path, package, zf, read_overlays(package, zf), ci)
        return rules.run(context, path, selection)
