"""Where rendering runs: in this process, a local process pool, or a Dask cluster.

All three meet at :class:`concurrent.futures.Executor` (Dask's
``Client.get_executor()`` implements it), so the batch build has one code path.
Workers stay alive for the whole build, so each pays once for importing the
renderers and for what they cache per process (WeasyPrint fonts, stylesheets,
Jinja environments); the plan is sent with every task but kept by the first
copy per process, so those caches see one ``Layout`` object.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.build import BuildPlan, Rendered, render_source
from publisher.errors import Diagnostic, Location, PublisherError

Job = tuple[Path, tuple[str, ...]]  # a source and the formats it needs

_PLANS: dict[str, BuildPlan] = {}


def render_chunk(token: str, plan: BuildPlan, jobs: tuple[Job, ...]) -> list[Rendered]:
    """Worker entry point: render a few sources with the plan this process already holds."""
    kept = _PLANS.get(token)
    if kept is None:
        # A long-lived Dask worker serves build after build, and the layout files may have
        # changed in between: keep only this build's plan, and drop the renderers' caches
        # (parsed stylesheets are cached by layout folder, not by content).
        _PLANS.clear()
        _forget_render_caches()
        _PLANS[token] = kept = plan
    return [render_source(source, kept, formats) for source, formats in jobs]


def _forget_render_caches() -> None:
    for name, module in list(sys.modules.items()):
        clear = getattr(module, "clear_cache", None) if name.startswith("publisher.render.") else None
        if callable(clear):
            clear()


def _warm(formats: tuple[str, ...]) -> None:
    """Pool initializer: import the renderers while the parent is still planning."""
    from publisher.render import renderer

    for fmt in formats:
        renderer(fmt)


@dataclass(frozen=True)
class ExecutorSpec:
    kind: str = "local"  # "local" or "dask"
    jobs: int = 1  # local worker processes; 1 renders in this process
    scheduler: str = ""  # Dask scheduler address, e.g. tcp://10.0.0.5:8786
    start_method: str = "spawn"  # measured: as fast as forkserver to start warm workers (benchmarks/README.md)


def default_jobs() -> int:
    """One worker per CPU this process may run on (a container's CPU set, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@contextmanager
def open_executor(spec: ExecutorSpec, tasks: int, formats: tuple[str, ...]) -> Iterator[tuple[Executor | None, int]]:
    """The executor for ``tasks`` chunks and how many chunks it runs at once; ``None`` means in-process."""
    if spec.kind == "dask":
        with _dask(spec.scheduler) as (executor, slots):
            yield executor, slots
        return
    workers = min(spec.jobs, tasks)
    if workers <= 1:
        yield None, 1
        return
    # Not fork: the parent may run a progress thread, and WeasyPrint's cffi libraries
    # (fontconfig, Pango) are safest initialised in a process of their own.
    context = multiprocessing.get_context(spec.start_method)
    if spec.start_method == "forkserver":
        context.set_forkserver_preload(["publisher.executor"])
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(formats,)) as pool:
        yield pool, workers


@contextmanager
def _dask(address: str) -> Iterator[tuple[Executor, int]]:
    try:
        # Imported by name as Any: distributed ships no type hints, and most builds never load it.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise PublisherError(Diagnostic(Location("--executor dask"), "Dask is not installed",
                                        "pip install 'publisher[cluster]'")) from None
    if not address:
        raise PublisherError(Diagnostic(Location("--executor dask"), "no scheduler address",
                                        "pass --scheduler tcp://HOST:8786"))
    try:
        client = distributed.Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise PublisherError(Diagnostic(Location(address), f"cannot reach the Dask scheduler: {exc}",
                                        "check the address and that the scheduler is running")) from None
    with client:
        slots = max(1, sum(client.nthreads().values()))
        # pure=False: a task reads files whose content can change between builds.
        yield client.get_executor(pure=False), slots
