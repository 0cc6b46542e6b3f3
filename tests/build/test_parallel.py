"""Parallel builds (local process pool, Dask cluster) write the same bytes as a serial build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildkit import Builder, handoff_file, sources

from publisher.build.manifest import MANIFEST_NAME
from publisher.build.plan import BuildPlan
from publisher.build.schedule import ExecutorSpec
from publisher.build.session import forked_session

ALL = "pdf,large-print,docx,epub,html,json"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.name != MANIFEST_NAME and not p.name.startswith(".") and not handoff_file(p.name)}


@pytest.fixture
def serial(build: Builder, catalog: Path, tmp_path: Path) -> dict[str, bytes]:
    run = build(*sources(catalog), "-o", tmp_path / "serial", "-f", ALL, "-j", "1")
    assert run.status == 0, run.stderr
    return tree(tmp_path / "serial")


@pytest.mark.slow
def test_process_pool_output_is_byte_identical_to_serial(build: Builder, catalog: Path, tmp_path: Path,
                                                         serial: dict[str, bytes]) -> None:
    run = build(*sources(catalog), "-o", tmp_path / "pool", "-f", ALL, "-j", "2")
    assert run.status == 0, run.stderr
    assert run.counts == (4, 0, 0)
    assert len(serial) == 4 * 6
    assert tree(tmp_path / "pool") == serial


@pytest.mark.slow
def test_dask_cluster_output_is_byte_identical_to_serial(build: Builder, catalog: Path, tmp_path: Path,
                                                         serial: dict[str, bytes],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed", reason="pip install 'publisher[cluster]'")
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        # The workers started elsewhere: relative paths given here must still reach them.
        monkeypatch.chdir(catalog.parent)
        run = build(catalog.name, "-o", "dask", "-f", ALL, "--executor", "dask",
                    "--scheduler", cluster.scheduler_address)
        assert run.status == 0, run.stderr
        workers = {w.worker_address for w in cluster.workers.values()}
    assert run.counts == (4, 0, 0)
    assert len(workers) == 2
    assert tree(tmp_path / "dask") == serial


def test_dask_without_a_reachable_scheduler_is_a_usage_error(build: Builder, catalog: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="pip install 'publisher[cluster]'")
    run = build(*sources(catalog), "-o", tmp_path / "dask", "-f", "json", "--executor", "dask")
    assert run.status == 2
    assert "no scheduler address" in run.stderr


FORKED_BUILD = """
import os, sys
from pathlib import Path
from publisher.build.run import run_build
from publisher.build.plan import BuildPlan
from publisher.build.schedule import ExecutorSpec
forks, real_fork = [], os.fork
os.fork = lambda: (forks.append(1), real_fork())[1]  # multiprocessing's fork start method calls os.fork
*given, out, formats = sys.argv[1:]
summary = run_build([Path(s) for s in given], BuildPlan(Path(out), formats=tuple(formats.split(","))),
                    ExecutorSpec(jobs=2))
# The workers were forked before WeasyPrint was imported here; each imported its own renderers.
print(summary.tasks, summary.built, summary.skipped, summary.failed, len(forks), "weasyprint" in sys.modules)
"""


def forked_build(*args: str | Path) -> list[str]:
    """A build at -j2 in a fresh process: the fork path is refused while other threads run, as in a pytest worker."""
    done = subprocess.run([sys.executable, "-c", FORKED_BUILD, *map(str, args)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_one_source_renders_its_formats_in_forked_workers(build: Builder, catalog: Path, tmp_path: Path) -> None:
    """One source at -j2: two workers forked from the building process share its formats; that
    process never loads WeasyPrint; the bytes are those of a serial build. Built again, nothing is
    forked."""
    [first, *_] = sources(catalog)
    formats = "pdf,large-print,docx,html"
    # two tasks (the formats split in two), one source built, two workers forked, no WeasyPrint here
    assert forked_build(first, tmp_path / "forked", formats) == ["2", "1", "0", "0", "2", "False"]
    run = build(first, "-o", tmp_path / "serial", "-f", formats, "-j", "1")
    assert run.status == 0, run.stderr
    assert tree(tmp_path / "forked") == tree(tmp_path / "serial")
    assert len(tree(tmp_path / "serial")) == 4
    # Up to date: planning finds nothing to build, so no worker is started at all.
    assert forked_build(first, tmp_path / "forked", formats) == ["0", "0", "1", "0", "0", "False"]


@pytest.mark.slow
def test_catalog_build_in_forked_workers_is_byte_identical_to_serial(catalog: Path, tmp_path: Path,
                                                                     serial: dict[str, bytes]) -> None:
    """More sources than workers: the same two forked workers take one source per task."""
    assert forked_build(*sources(catalog), tmp_path / "forked", ALL) == ["4", "4", "0", "0", "2", "False"]
    assert tree(tmp_path / "forked") == serial


THREADED = """
import threading
from pathlib import Path
from publisher.build.plan import BuildPlan
from publisher.build.schedule import ExecutorSpec
from publisher.build.session import forked_session
plan, spec = BuildPlan(Path("out")), ExecutorSpec(jobs=2)
alone = forked_session(spec, plan) is not None
stop = threading.Event()
other = threading.Thread(target=stop.wait)
other.start()
with_thread = forked_session(spec, plan) is not None
stop.set()
other.join()
print(alone, with_thread)
"""


def test_no_fork_while_another_thread_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", THREADED], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]
    plan = BuildPlan(tmp_path)
    assert forked_session(ExecutorSpec(jobs=1), plan) is None  # -j1 renders in this process
    assert forked_session(ExecutorSpec("dask", jobs=4), plan) is None


@pytest.mark.parametrize("delay", [0.5, 0.9, 1.3])
def test_ctrl_c_stops_a_forked_one_source_build_cleanly(tmp_path: Path, delay: float) -> None:
    """Ctrl-C (SIGINT to the process group, as a terminal sends it) at any point of a one-source
    build with forked workers: exit 130 (or death by SIGINT) with one line, or the build had already
    finished (exit 0);
    never a traceback, a worker left running, or a partial output."""
    seed = Path(__file__).resolve().parents[2] / "source" / "leiomyosarcoma.yaml"
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "publisher", "build", str(seed), "-o", str(out), "-j", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    # 130, or killed by SIGINT after saying so: when the interrupt lands inside code CPython runs
    # for an extension during the imports, CPython ends the process with the signal itself (what a
    # shell also reports as 130).
    assert process.returncode in (0, 130, -signal.SIGINT), err
    if process.returncode != 0:
        assert err.strip().splitlines()[-1] == "publisher: interrupted"
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # no worker of the group is left
    written = {p.name for p in out.iterdir() if p.name != MANIFEST_NAME} if out.exists() else set()
    assert written in (set(), {"leiomyosarcoma.pdf", "leiomyosarcoma.large-print.pdf", "leiomyosarcoma.docx",
                               "leiomyosarcoma.epub", "leiomyosarcoma.html"})
