"""Shared benchmark helpers: machine facts, medians, and peak memory of a process tree."""

from __future__ import annotations

import contextlib
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "source" / "leiomyosarcoma.yaml"


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:  # noqa: PTH123 -- a benchmark script, Linux only
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = psutil.virtual_memory().total / 2**30
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("weasyprint", "python-docx", "ebooklib"))
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n", 1)[0]
    return (f"{platform.platform()}; {os.cpu_count()} × {cpu}; {memory:.0f} GiB RAM; Python "
            f"{platform.python_version()}; {versions}; {pandoc}; load average {os.getloadavg()[0]:.1f} at start")


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system time of the process and every descendant
    load: float = 0.0  # the machine's 1-minute load average when the command ended


def run(command: Sequence[str | Path], cwd: Path | None = None, sample: float = 0.05) -> Measured:
    """Run a command; its wall time and the peak of the summed RSS of it and all its descendants."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = 0.0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                total = 0
                for proc in tree:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                peak = max(peak, total / 2**20)
            except psutil.Error:
                pass
            done.wait(sample)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the pool workers the command waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(elapsed, peak, process.returncode, err, cpu, os.getloadavg()[0])


def publisher(*args: str | Path) -> list[str | Path]:
    # -P: the working folder is not put first on sys.path, so PYTHONPATH=<frozen copy> is what runs.
    return [sys.executable, "-P", "-m", "publisher", *args]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
