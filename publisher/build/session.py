"""Workers kept for more than one task: a watch session's warm pool, or a one-shot build's forked one."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from publisher.build.lifetime import shutdown, stop_workers
from publisher.build.plan import BuildPlan
from publisher.build.render import render_source
from publisher.build.schedule import ExecutorSpec, adopt, import_renderers, process_pool, sendable
from publisher.patches import gcpause
from publisher.render import options_for


def warm_up(token: str, plan: BuildPlan, sample: Path | None = None) -> None:
    """Make this process ready to render ``plan`` at full speed: renderers imported, PDF
    stylesheets and fonts parsed, and, given a sample source, one render thrown away (the first
    PDF still costs about twice a later one: Pango and fontconfig caches, lazy imports)."""
    kept = adopt(token, plan)
    # Warming is only an optimisation: a problem (a broken layout) is reported by the real build.
    with contextlib.suppress(Exception), gcpause.paused():
        import_renderers(kept.formats)
        for fmt in ("pdf", "large-print"):
            if fmt in kept.formats:
                from publisher.render.pdf.engine import engine_for

                options = options_for(fmt, kept.render)
                engine_for(kept.layout, options.paper, options.large_print)
        if sample is not None:
            render_source(sample, kept)


def _warm_worker(token: str, plan: BuildPlan, sample: Path | None, warm: bool) -> None:
    """Initializer of a session's workers."""
    # A terminal's Ctrl-C reaches the whole process group: the parent alone decides when workers stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        warm_up(token, plan, sample)
    else:
        adopt(token, plan)


def _pid() -> int:
    time.sleep(0.05)  # long enough that a worker still starting up gets a task of its own
    return os.getpid()


class Session:
    """Rendering kept open across builds (``build --watch``): one pool of warm workers, or this process.

    Workers keep the first copy of a plan per token and drop their caches when a new token
    arrives. A session keeps one token while it is given the same plan object, so every rebuild
    reuses parsed stylesheets, fonts and templates; a new plan (the layout changed) gets a new
    token, so nothing stale is reused.

    With ``warm=False`` workers import nothing ahead: each loads only the renderers of the formats
    it is given (a one-shot split, :func:`forked_session`).
    """

    def __init__(self, spec: ExecutorSpec, plan: BuildPlan, sample: Path | None = None, *, warm: bool = True) -> None:
        self.workers = max(1, spec.jobs)
        self.token = uuid.uuid4().hex
        self.executor: ProcessPoolExecutor | None = None
        self._spec = spec
        self._plan = plan
        self._sample = sample.resolve() if sample is not None else None
        self._warm_ahead = warm

    def __enter__(self) -> Session:
        if self.workers > 1:
            self._start()
        return self

    def _start(self) -> None:
        self.executor = process_pool(self._spec, self.workers, _warm_worker,
                              (self.token, sendable(self._plan), self._sample, self._warm_ahead))

    def launch(self) -> None:
        """Start the workers now (a pool starts them on its first task; a fork pool all at once).

        Ctrl-C is held back while forking: CPython runs the fork hooks of logging in both
        processes, and a KeyboardInterrupt raised inside one is printed and dropped, so the build
        would go on. Held back, it is raised here once the workers exist; they inherit the block
        and ignore the signal (their initializer), as workers should: the parent decides.
        """
        if self.executor is None:
            return
        if not hasattr(signal, "pthread_sigmask"):
            self.executor.submit(os.getpid)
            return
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.executor.submit(os.getpid)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    def revive(self) -> bool:
        """Start new workers if one died (killed for want of memory, a crash in a C library): a broken
        pool refuses every later task, and a watch session outlives many builds. True if it did."""
        if self.executor is None:
            return False
        try:
            self.executor.submit(os.getpid)  # refused at once, and only, by a broken pool
        except BrokenProcessPool:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self._start()
            return True
        return False

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.executor is not None:
            if exc is not None:
                stop_workers(self.executor)  # Ctrl-C, SIGTERM, an error: do not wait for the renders in progress
            else:
                shutdown(self.executor)
            self.executor = None

    def token_for(self, plan: BuildPlan) -> str:
        if plan is not self._plan:
            self._plan = plan
            self.token = uuid.uuid4().hex
        return self.token

    def ready(self, timeout: float = 120.0) -> None:
        """Warm this process (it renders when there are no workers), or start every worker and
        wait until each has warmed up (its initializer ran), so the first rebuild finds them ready."""
        if self.executor is None:
            warm_up(self.token, self._plan, self._sample)
            return
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        with contextlib.suppress(BrokenProcessPool):  # the next build reports it and revives the pool
            while len(seen) < self.workers and time.monotonic() < deadline:
                # Workers start on demand: submitting as many tasks as workers starts them all.
                seen.update(future.result() for future in [self.executor.submit(_pid) for _ in range(self.workers)])


def forked_session(spec: ExecutorSpec, plan: BuildPlan) -> Session | None:
    """Local workers forked from this process for a one-shot build, or None where fork is not safe
    (then a build spawns its workers, :func:`open_executor`).

    A forked worker starts with what this process has already paid for (Python, the CLI, the build
    code); a spawned one pays it again. They are forked before WeasyPrint or any renderer is
    imported here, while the build is still planning, and each imports only the renderers of the
    formats it is given: with one source to build, WeasyPrint is imported by both PDF workers at
    once on two cores, instead of by this process before forking while the other core waits.
    Measured on the seed, whole command: 1.28 s forking once this process had warmed up, 1.22 s
    forking first (benchmarks/README.md, (a)).
    Fork only while this is the process's sole thread (a forked child inherits any lock another
    thread holds), and only on Linux: on macOS, system frameworks a font stack may load are not
    safe to use after fork (why CPython spawns by default there).
    """
    if (spec.kind != "local" or spec.jobs < 2 or threading.active_count() != 1
            or not sys.platform.startswith("linux")):
        return None
    return Session(replace(spec, start_method="fork"), plan, warm=False)
