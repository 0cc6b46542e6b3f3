"""Worker processes live only as long as the build that started them.

``timeout``, CI runners and service managers stop a build with SIGTERM, and an out-of-memory
killer or ``kill -9`` with SIGKILL. Without care a worker outlives its parent: a forked worker
inherits the other workers' ends of the task pipe, so it never sees end-of-file and waits for
a task forever. So every worker, first thing:

* asks Linux to SIGKILL it when its parent dies (``prctl(PR_SET_PDEATHSIG)``; on other systems
  a thread notices the parent's exit, checking once a second);
* exits at once if the parent is already gone (it died while the worker was starting);
* takes SIGTERM's default action again (a forked worker inherits the parent's handler, which
  raises KeyboardInterrupt) and ignores SIGINT (a terminal's Ctrl-C reaches the whole process
  group; the parent decides when workers stop).

The parent, when a build ends by an exception (Ctrl-C, SIGTERM), terminates its workers
instead of waiting for the renders in progress: :func:`stop_workers`.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def worker_init(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Pool initializer of every local worker: tie its life to ``parent``, then run ``initializer``."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), name="publisher-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the request above could take effect
        os._exit(1)
    if initializer is not None:
        initializer(*initargs)


def _die_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def stop_workers(executor: ProcessPoolExecutor) -> None:
    """End a pool's workers now (SIGTERM, then SIGKILL after a second), without waiting for their tasks.

    The pool has no public list of its processes; ``_processes`` (pid -> Process) has been there
    since Python 3.2, and without it the pool is only shut down, which waits for running tasks.
    """
    with held_signals():  # a second Ctrl-C must not leave workers behind, unreaped
        _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    deadline = time.monotonic() + 1.0
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(1.0)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends (then act as usual); only in the main thread."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def shutdown(executor: ProcessPoolExecutor) -> None:
    """Shut a pool down after its tasks; interrupted while waiting, stop the workers instead."""
    try:
        executor.shutdown(wait=True, cancel_futures=True)
    except BaseException:
        stop_workers(executor)
        raise
