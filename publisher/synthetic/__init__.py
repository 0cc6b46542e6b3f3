"""A deterministic synthetic catalog of condition sources, for scale tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

from publisher.build.write import ensure_dir, write_atomic
from publisher.synthetic.figures import PATTERNS, inheritance_diagram, inheritance_file
from publisher.synthetic.page import condition, to_yaml


def generate(count: int, out: Path, seed: int = 0) -> list[Path]:
    """Write ``count`` sources and their images under ``out``; the same seed gives the same bytes."""
    ensure_dir(out / "images")
    for pattern in PATTERNS:
        write_atomic(out / inheritance_file(pattern), inheritance_diagram(pattern))
    written = []
    for index in range(1, count + 1):
        source, images = condition(seed, index)
        for name, data in images.items():
            write_atomic(out / name, data)
        stem = str(source["canonical_url"]).rsplit("/", 1)[1]
        path = out / f"{stem}.yaml"
        write_atomic(path, to_yaml(source).encode())
        written.append(path)
    return written
