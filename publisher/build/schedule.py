"""Schedule rendering: in this process, a local process pool, or a Dask cluster.

All three meet at :class:`concurrent.futures.Executor` (Dask's
``Client.get_executor()`` implements it), so the batch build has one code path.
Workers stay alive for the whole build, so each pays once for importing the
renderers and for what they cache per process (WeasyPrint fonts, stylesheets,
Jinja environments); the plan is sent with every task but kept by the first
copy per process, so those caches see one ``Layout`` object. A :class:`Session`
(:mod:`publisher.build.session`, ``build --watch``) keeps its workers, or this process, warm across builds.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from publisher.build.lifetime import shutdown, stop_workers, worker_init
from publisher.build.plan import BuildPlan, Job
from publisher.build.render import Rendered, render_source
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.patches import gcpause
from publisher.render.layout import Layout

_PLANS: dict[str, BuildPlan] = {}


def render_chunk(token: str, plan: BuildPlan, jobs: tuple[Job, ...]) -> list[Rendered]:
    """Worker entry point: render a few sources with the plan this process already holds."""
    kept = adopt(token, plan)
    return [render_source(source, kept, formats) for source, formats in jobs]


def adopt(token: str, plan: BuildPlan) -> BuildPlan:
    """The plan this process keeps for ``token``: the first copy it was given."""
    kept = _PLANS.get(token)
    if kept is None:
        # A long-lived worker (Dask, a watch session) serves build after build, and the layout
        # files may have changed in between: keep only this build's plan, and drop the
        # renderers' caches (a new token means the plan may have changed).
        replaced = bool(_PLANS)
        _PLANS.clear()
        _forget_render_caches()
        if replaced:
            gcpause.thaw()  # the dropped caches were frozen when built (gcpause.py): let them go
        _PLANS[token] = kept = plan
    return kept


def _forget_render_caches() -> None:
    for name, module in list(sys.modules.items()):
        clear = getattr(module, "clear_cache", None) if name.startswith("publisher.render.") else None
        if callable(clear):
            clear()


def import_renderers(formats: tuple[str, ...]) -> None:
    """Pool initializer: import the source reader and the renderers while the parent is still planning."""
    with gcpause.paused():
        from publisher.document.normalize import normalize  # noqa: F401  (every render reads a source first)
        from publisher.render import renderer
        from publisher.source.reader import read_source  # noqa: F401

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
    pool = process_pool(spec, workers, import_renderers, (formats,))
    try:
        yield pool, workers
    except BaseException:
        stop_workers(pool)  # Ctrl-C, SIGTERM, an error: do not wait for the renders in progress
        raise
    shutdown(pool)


def process_pool(spec: ExecutorSpec, workers: int, initializer: Callable[..., None],
          initargs: tuple[Any, ...]) -> ProcessPoolExecutor:
    # Spawn, not fork, unless asked (forked_session): the parent may run a progress thread, and
    # WeasyPrint's cffi libraries (fontconfig, Pango) are safest initialised in a process of their own.
    context = multiprocessing.get_context(spec.start_method)
    if spec.start_method == "forkserver":
        context.set_forkserver_preload(["publisher.build.schedule"])
    # Workers die with this process, whatever ends it (SIGTERM, SIGKILL): lifetime.py.
    return ProcessPoolExecutor(workers, mp_context=context, initializer=worker_init,
                               initargs=(os.getpid(), initializer, initargs))


def sendable(plan: BuildPlan) -> BuildPlan:
    """The plan as workers get it: a fresh Layout (the caller's may hold Jinja environments, which
    cannot be pickled) and absolute paths."""
    reference = plan.render.reference_docx
    return replace(plan, layout=Layout(plan.layout.root.resolve()),
                   render=replace(plan.render, reference_docx=reference.resolve() if reference else None),
                   project_root=plan.project_root.resolve() if plan.project_root else None)


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
