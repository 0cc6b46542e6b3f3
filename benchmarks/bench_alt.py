"""Alternate formats for the seed: size and render time of BRF, narrated EPUB and MP3 (issue 17).

Each format is rendered ``--repeat`` times in this process from a fresh document (the BRF's
translation cache cleared, the narration recomputed), wall and CPU time (this process and its
forked narration children), against the plain EPUB render measured in the same run as yardstick.
Goals: BRF <= 50 ms; narrated EPUB <= 2 s per 1,000 words.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.render import RenderOptions, renderer
from publisher.render.audio import config, narration, script
from publisher.render.brf import louis
from publisher.render.epub import book
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parent.parent


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", type=Path, default=ROOT / "source/leiomyosarcoma.yaml")
    args = parser.parse_args()
    doc = load(args.source, BuildPlan(Path("/tmp")))
    layout = Layout()
    _x, chapters = script.read(book(doc, layout).spine[0].data, "Figure")
    words = sum(len(e.text.split()) for c in chapters for e in c.elements)
    config.settings(layout.folder("audio"))
    for fmt in ("epub", "brf", "narrated-epub", "mp3"):
        renderer(fmt)(doc, layout, RenderOptions())  # imports, tables, voices loaded once
    print(f"{args.source.name}: {words} words read aloud\n")
    print("| format | bytes | wall ms (best) | CPU ms (best) | vs EPUB (wall) |")
    print("|---|---|---|---|---|")
    yardstick = 0.0
    for fmt in ("epub", "brf", "narrated-epub", "mp3"):
        walls, cpus, size = [], [], 0
        for _ in range(args.repeat):
            louis.translate.cache_clear()
            narration._last.clear()  # the MP3 alone pays its narration too
            started, cpu_started = time.perf_counter(), cpu()
            size = len(renderer(fmt)(doc, layout, RenderOptions()))
            walls.append(time.perf_counter() - started)
            cpus.append(cpu() - cpu_started)
        yardstick = yardstick or min(walls)
        print(f"| {fmt} | {size} | {min(walls) * 1000:.0f} | {min(cpus) * 1000:.0f} | {min(walls) / yardstick:.2f} |")


if __name__ == "__main__":
    main()
