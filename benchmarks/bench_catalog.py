"""(c) A synthetic catalog built with -j1 and -j2: wall time and peak memory of the process tree;
(d) a no-op rebuild of it, and a rebuild after changing one source.

Every build is the whole `publisher build` command in a fresh process, as a user runs it;
then `publisher build --watch` runs on the built catalog, and each edit is timed from the
file write to the moment every output of that source has new bytes.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil
from common import Measured, machine, median, publisher, run, table

from publisher.build.manifest import Manifest, entry_id
from publisher.synthetic import generate

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


def watch_rows(src: Path, out: Path, formats: str, jobs: str, sources: list[Path], repeat: int) -> list[str]:
    """Edit ``repeat`` different sources under one `publisher build --watch`: save → all outputs rewritten."""
    command = [str(c) for c in publisher("build", src, "-o", out, "-f", formats, "-j", jobs, "--watch", "-q")]
    lines: queue.Queue[str] = queue.Queue()
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        stream = process.stderr

        def read() -> None:
            for line in stream:
                lines.put(line)

        threading.Thread(target=read, daemon=True).start()
        while not (line := lines.get(timeout=1800)).startswith("watching "):
            print("  " + line.rstrip(), flush=True)
        ready = time.perf_counter() - started
        manifest = Manifest.load(out)
        seconds, said = [], []
        for i in range(repeat):
            target = sources[(i * 7 + 3) % len(sources)]
            names = [rec.name for rec in manifest.entries[entry_id(target, "patient")].outputs.values()]
            old = {name: (out / name).read_bytes() for name in names}
            text = target.read_text().replace("title: ", "title: Watched ", 1)
            # A person saves at any moment of the watcher's 0.3 s polling cycle, not just as a rebuild
            # ends: spread the saves over the cycle, so the median includes a typical wait for the poll.
            time.sleep(0.5 + 0.3 * i / repeat)
            written = time.perf_counter()
            target.write_text(text)
            while any((out / name).read_bytes() == data for name, data in old.items()):
                time.sleep(0.005)
            seconds.append(time.perf_counter() - written)
            said.append(lines.get(timeout=600).strip())  # the rebuild line comes once the manifest is saved
            print(f"  {seconds[-1]:.2f} s; {said[-1]}", flush=True)
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        rss = sum(proc.memory_info().rss for proc in tree) / 2**20
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise SystemExit("bench_catalog: the watch did not stop on Ctrl-C (SIGINT) within 120 s") from None
    return [f"one source changed, --watch -j{jobs}: save → outputs written (median of {repeat})",
            f"{median(seconds):.2f}", "", f"{rss:.0f} (end)", f"{os.getloadavg()[0]:.1f}",
            f"min {min(seconds):.2f}, max {max(seconds):.2f}; ready {ready:.1f} s after start; last: {said[-1]}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200, help="conditions in the catalog (the issue asks for 1000)")
    parser.add_argument("--formats", default=ALL)
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values to compare")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions of the no-op and one-change rebuilds")
    parser.add_argument("--work", type=Path, help="working folder (default: a new temporary one)")
    parser.add_argument("--watch-jobs", default="1,2", help="comma-separated -j values for the --watch rows ('' skips)")
    args = parser.parse_args()
    # Started in the background (`cmd &` in a script, nohup), this process inherits an ignored SIGINT, and so
    # would the watch below, which it stops with SIGINT as a terminal's Ctrl-C would: restore the default.
    signal.signal(signal.SIGINT, signal.default_int_handler)
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
        print(rows[-1], flush=True)
    out = outs[max(outs)]
    most = str(max(outs))
    noop = [run(publisher("build", src, "-o", out, "-f", args.formats, "-j", most, "-q")) for _ in range(args.repeat)]
    rows.append(step("no-op rebuild", noop))
    print(rows[-1], flush=True)
    changed = []
    for i in range(args.repeat):
        target = sources[i * 7 % len(sources)]
        target.write_text(target.read_text().replace("title: ", "title: Revised ", 1))
        changed.append(run(publisher("build", src, "-o", out, "-f", args.formats, "-j", most, "-q")))
    rows.append(step("one source changed", changed))
    print(rows[-1], flush=True)
    for watch_jobs in filter(None, args.watch_jobs.split(",")):
        rows.append(watch_rows(src, out, args.formats, watch_jobs, sources, args.repeat))
        print(rows[-1], flush=True)
    print(table(rows))


if __name__ == "__main__":
    main()
