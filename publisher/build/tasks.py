"""How a build's stale sources become worker tasks, and split sources whole again.

A task is a few sources (many, when rendering is cheap), or, with warm workers and fewer
sources than workers, one source's formats split into groups of about equal cost; the
parts of a split source are merged before anything of it is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from publisher.build.plan import Job
from publisher.build.render import Rendered

# Formats cheap enough (milliseconds) that sending sources one by one would cost more than rendering them.
LIGHT_FORMATS = frozenset({"json"})
# Warm render time of a catalog page, in ms (benchmarks/README.md), to balance a source's formats across workers.
# The audio formats share one narration when they render in one worker (measured for the 1,035-word seed).
COST = {"narrated-epub": 1300, "mp3": 1200, "large-print": 510, "pdf": 420, "docx": 95, "epub": 30, "brf": 25,
        "html": 3, "json": 1}
# Splitting a source pays its reading and normalising again in each worker (~40 ms): worth it only
# when it shortens the longest part by more than that.
SPLIT_GAIN_MS = 50


def chunked(jobs: list[Job], formats: tuple[str, ...], workers: int) -> list[tuple[Job, ...]]:
    """Tasks for the workers, from jobs sorted largest first (a long document started last idles the others).

    One source per task, unless rendering is so cheap that batching sources pays.
    (Splitting one source's formats across a freshly spawned pool was measured slower: each
    worker pays Python, the imports and the stylesheets again, benchmarks/README.md. Only workers
    spared part of that split, in :func:`publisher.build.run.run_build`: a watch session's warm ones,
    or ones forked from this process, :func:`publisher.build.session.forked_session`.)
    """
    if not set(formats) <= LIGHT_FORMATS:
        return [(job,) for job in jobs]
    size = max(1, min(64, len(jobs) // (workers * 4)))
    return [tuple(jobs[i:i + size]) for i in range(0, len(jobs), size)]


def split_formats(job: Job, parts: int) -> list[Job]:
    """One source's formats in up to ``parts`` groups of about equal cost (largest first, to the
    least loaded group), or the job whole if splitting would not shorten it."""
    source, formats = job
    groups: list[list[str]] = [[] for _ in range(min(parts, len(formats)))]
    loads = [0] * len(groups)
    for fmt in sorted(formats, key=lambda f: -COST.get(f, 100)):
        least = loads.index(min(loads))
        groups[least].append(fmt)
        loads[least] += COST.get(fmt, 100)
    if sum(loads) - max(loads, default=0) < SPLIT_GAIN_MS:
        return [job]
    return [(source, tuple(f for f in formats if f in group)) for group in groups if group]


def merge(parts: list[Rendered], formats: tuple[str, ...]) -> Rendered:
    """One source's result from the parts its formats were rendered in: every file, in the order of
    ``formats``, or, if any part failed, no file and each distinct error once."""
    source, seconds = parts[0].source, max(part.seconds for part in parts)
    errors = tuple(dict.fromkeys(error for part in parts for error in part.errors))
    if errors:
        return Rendered(source, errors=errors, internal=any(part.internal for part in parts), seconds=seconds)
    files = sorted((file for part in parts for file in part.files), key=lambda file: formats.index(file[0]))
    images = {image: digest for part in parts for image, digest in part.image_digests.items()}
    card = next((part.card for part in parts if part.card), b"")
    return Rendered(source, tuple(files), tuple(images), seconds=seconds, image_sha256=tuple(images.values()),
                    edition=parts[0].edition, card=card)


def merged(results: Iterator[Rendered], parts: Counter[Path],
            formats: dict[Path, tuple[str, ...]]) -> Iterator[Rendered]:
    """Whole sources from the workers' results: a split source once all its parts are in."""
    waiting: dict[Path, list[Rendered]] = {}
    for rendered in results:
        if parts[rendered.source] <= 1:
            yield rendered
            continue
        got = waiting.setdefault(rendered.source, [])
        got.append(rendered)
        if len(got) == parts[rendered.source]:
            yield merge(waiting.pop(rendered.source), formats[rendered.source])
