"""(c) A synthetic catalog built with -j1 and -j2: wall time and peak memory of the process tree;
(d) a no-op rebuild of it, and a rebuild after changing one source.

Every build is the whole `publisher build` command in a fresh process, as a user runs it.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import tempfile
from pathlib import Path

from common import Measured, machine, median, publisher, run, table

from publisher.catalog import generate

ALL = "pdf,large-print,docx,epub,html"


def identical(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir() if not p.name.startswith("."))
    if names != sorted(p.name for p in b.iterdir() if not p.name.startswith(".")):
        return False
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def step(name: str, runs: list[Measured]) -> list[str]:
    """A table row for repeated runs: medians, and the last run's summary line."""
    return [f"{name} (median of {len(runs)})", f"{median([r.seconds for r in runs]):.2f}",
            f"{median([r.cpu_seconds for r in runs]):.2f}", f"{median([r.peak_rss_mb for r in runs]):.0f}",
            f"{runs[-1].load:.1f}", runs[-1].stderr.strip().splitlines()[-1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="conditions in the catalog (the issue asks for 1000)")
    parser.add_argument("--formats", default=ALL)
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values to compare")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of the no-op and one-change rebuilds")
    parser.add_argument("--work", type=Path, help="working folder (default: a new temporary one)")
    args = parser.parse_args()
    print(machine())
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-catalog-"))
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    generate(args.count, src, seed=0)
    sources = sorted(src.glob("*.yaml"))
    size = sum(p.stat().st_size for p in sources) / len(sources) / 1024
    print(f"catalog: {args.count} conditions, mean source {size:.1f} KiB, formats {args.formats}, in {work}")
    rows = [["step", "wall s", "CPU s", "peak RSS MB", "load", "notes"]]
    outs: dict[int, Path] = {}
    walls: dict[int, float] = {}
    for jobs in (int(j) for j in args.jobs.split(",")):
        out = work / f"out-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        result = run(publisher("build", src, "-o", out, "-f", args.formats, "-j", str(jobs), "-q"))
        (work / f"build-j{jobs}.log").write_text(result.stderr)
        outs[jobs], walls[jobs] = out, result.seconds
        summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        rows.append([f"cold build -j{jobs}", f"{result.seconds:.1f}", f"{result.cpu_seconds:.0f}",
                     f"{result.peak_rss_mb:.0f}", f"{result.load:.1f}",
                     f"{args.count / result.seconds:.2f} docs/s; {summary}"])
        print(rows[-1], flush=True)
    if 1 in walls and 2 in walls:
        rows.append(["speed-up -j2 vs -j1", f"{walls[1] / walls[2]:.2f}×", "", "", "",
                     "outputs byte-identical" if identical(outs[1], outs[2]) else "OUTPUTS DIFFER"])
    out = outs[max(outs)]
    jobs = str(max(outs))
    noop = [run(publisher("build", src, "-o", out, "-f", args.formats, "-j", jobs, "-q")) for _ in range(args.repeat)]
    rows.append(step("no-op rebuild", noop))
    changed = []
    for i in range(args.repeat):
        target = sources[i * 7 % len(sources)]
        target.write_text(target.read_text().replace("title: ", "title: Revised ", 1))
        changed.append(run(publisher("build", src, "-o", out, "-f", args.formats, "-j", jobs, "-q")))
    rows.append(step("one source changed", changed))
    print(table(rows))


if __name__ == "__main__":
    main()
