"""Build progress for people: a bar with ETA on a terminal, one plain line per source otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from publisher.build.run import Outcome, Summary

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Reporter:
    """Receives the batch build's events; prints written files on stdout, the rest on stderr."""

    def __init__(self, quiet: bool = False, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.quiet = quiet
        self.out = stdout or sys.stdout
        self.err = stderr or sys.stderr
        self.total = 0
        self.done = 0
        self.started = time.perf_counter()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, to_build: int, skipped: int) -> None:
        self.total = to_build
        self.started = time.perf_counter()
        if self.quiet or to_build == 0:
            return
        if self.err.isatty():
            # Imported only for a terminal: rich costs a tenth of a second at start-up.
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = Console(file=self.err)
            self.bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TextColumn("elapsed"),
                                TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=console,
                                redirect_stdout=False, redirect_stderr=False, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("build", total=to_build)
        elif skipped:
            print(f"{skipped} up to date, building {to_build}", file=self.err, flush=True)

    def done_one(self, outcome: Outcome) -> None:
        self.done += 1
        for diagnostic in (*outcome.errors, *outcome.warnings):
            self._line(str(diagnostic), self.err)
        if not self.quiet:
            for path in outcome.outputs:
                self._line(f"wrote {path}", self.out)
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task)
        elif not self.quiet:
            status = "built" if outcome.ok else "FAILED"
            print(f"[{self.done}/{self.total}{self._eta()}] {status} {outcome.source} ({outcome.seconds:.1f} s)",
                  file=self.err, flush=True)

    def summary(self, summary: Summary) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        failed = f", failed {summary.failed}" + (f" ({summary.internal} internal errors)" if summary.internal else "")
        print(f"built {summary.built}, skipped {summary.skipped}{failed} in {summary.seconds:.1f} s",
              file=self.err, flush=True)

    def _eta(self) -> str:
        if self.done >= self.total or self.done == 0:
            return ""
        left = (time.perf_counter() - self.started) / self.done * (self.total - self.done)
        return f", {int(left) // 60}m{int(left) % 60:02d}s left"

    def _line(self, text: str, stream: TextIO) -> None:
        if self.bar is not None and stream.isatty():
            self.bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=stream, flush=True)
