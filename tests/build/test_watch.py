"""``publisher build --watch`` rebuilds exactly what a save made stale, keeps failures contained, and stops cleanly.

The watch loop runs in a thread (stopped by an Event) or as a real subprocess; waits are
bounded by generous timeouts, and nothing asserts on time.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pytest
from buildkit import Builder, handoff_file

from publisher.build.manifest import MANIFEST_NAME
from publisher.build.plan import BuildPlan
from publisher.build.render import Rendered
from publisher.build.run import run_build
from publisher.build.schedule import ExecutorSpec
from publisher.build.session import Session
from publisher.build.tasks import merge
from publisher.build.watch import Rebuild, watch
from publisher.errors import Diagnostic, Location
from publisher.render import RenderOptions
from publisher.render.layout import DEFAULT_ROOT, Layout

WAIT = 120.0  # seconds: generous, for a loaded machine; a healthy run takes a fraction


class Watching:
    """A watch session in a thread; its rebuilds arrive on a queue."""

    def __init__(self, given: list[Path], plan: BuildPlan, jobs: int) -> None:
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.rebuilds: queue.Queue[Rebuild] = queue.Queue()
        self.err = io.StringIO()
        self.status: int | None = None
        self.plan = plan
        self.thread = threading.Thread(target=self._run, args=(given, ExecutorSpec("local", jobs)), daemon=True)

    def _run(self, given: list[Path], spec: ExecutorSpec) -> None:
        self.status = watch(given, self.plan, spec, stop=self.stop, on_ready=self.ready.set,
                            on_rebuild=self.rebuilds.put, out=io.StringIO(), err=self.err)

    def next(self) -> Rebuild:
        try:
            return self.rebuilds.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError(f"no rebuild within {WAIT} s; stderr:\n{self.err.getvalue()}") from None

    def finish(self) -> int:
        self.stop.set()
        self.thread.join(WAIT)
        assert not self.thread.is_alive(), "the watch loop did not stop"
        assert self.status is not None
        return self.status


@contextmanager
def watching(given: list[Path], out: Path, formats: str, jobs: int = 1, layouts: Path = DEFAULT_ROOT,
             reference: Path | None = None) -> Iterator[Watching]:
    plan = BuildPlan(out, tuple(formats.split(",")), RenderOptions(reference_docx=reference), layout=Layout(layouts))
    session = Watching(given, plan, jobs)
    session.thread.start()
    try:
        assert session.ready.wait(WAIT), session.err.getvalue()
        yield session
    finally:
        session.stop.set()
        session.thread.join(WAIT)


def files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every output: its modification time and bytes."""
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and not handoff_file(p.name)}


def edit(source: Path, old: str = "title: ", new: str = "title: Revised ") -> None:
    text = source.read_text()
    assert old in text
    source.write_text(text.replace(old, new, 1))


def test_editing_one_source_rewrites_exactly_its_outputs(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    target = sorted(catalog.glob("*.yaml"))[1]
    with watching([catalog], out, "json,html") as session:
        before = files(out)
        assert len(before) == 4 * 2
        edit(target)
        rebuild = session.next()
        after = files(out)
        status = session.finish()
    assert (rebuild.summary.built, rebuild.summary.failed) == (1, 0)
    assert str(target) in rebuild.line()
    mine = {f"{target.stem}.json", f"{target.stem}.html"}
    assert {name for name in after if after[name][1] != before[name][1]} == mine
    assert {name: after[name] for name in after if name not in mine} == \
        {name: before[name] for name in before if name not in mine}, "other outputs were rewritten"
    assert b"Revised " in after[f"{target.stem}.json"][1]
    assert status == 0


def test_editing_a_layout_rebuilds_the_formats_that_read_it_for_every_source(catalog: Path, tmp_path: Path) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, layouts)
    out = tmp_path / "dist"
    with watching([catalog], out, "json,html", layouts=layouts) as session:
        before = files(out)
        css = layouts / "html" / "screen.css"
        css.write_text(css.read_text() + "\n/* watch-marker */\n")
        rebuild = session.next()
        after = files(out)
    assert "layout changed (html/screen.css)" in rebuild.line()
    assert (rebuild.summary.built, rebuild.summary.failed) == (4, 0)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {name for name in before if name.endswith(".html")}
    # The new stylesheet, not a cached one, is in every page.
    assert all(b"watch-marker" in after[name][1] for name in changed)


def test_editing_an_image_rebuilds_the_sources_that_show_it(catalog: Path, tmp_path: Path) -> None:
    image = catalog / "images" / "inheritance-x-linked.png"
    users = {p.stem for p in catalog.glob("*.yaml") if "images/inheritance-x-linked.png" in p.read_text()}
    assert users and len(users) < 4, "the fixture catalog should have pages with and without this figure"
    out = tmp_path / "dist"
    with watching([catalog], out, "json,html") as session:
        before = files(out)
        image.write_bytes(image.read_bytes() + b"\0")  # still a PNG: data after IEND is ignored
        rebuild = session.next()
        after = files(out)
    assert "image changed" in rebuild.line()
    assert {Path(name).stem for name in after if after[name] != before[name]} == users
    assert (rebuild.summary.built, rebuild.summary.skipped) == (len(users), 4 - len(users))


def test_new_source_is_built_and_deleted_source_is_reported(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    first, second = sorted(catalog.glob("*.yaml"))[:2]
    with watching([catalog], out, "json,html") as session:
        shutil.copy(first, catalog / "added.yaml")  # the slug comes from the file name
        added = session.next()
        second.unlink()
        deleted = session.next()
        status = session.finish()
    assert "new " in added.line() and (added.summary.built, added.summary.failed) == (1, 0)
    assert (out / "added.json").is_file() and (out / "added.html").is_file()
    assert deleted.deleted == (second,)
    assert f"deleted {second}" in deleted.line() and deleted.summary.failed == 0
    assert (out / f"{second.stem}.json").is_file(), "outputs of a deleted source stay"
    assert status == 0


def test_a_broken_edit_keeps_the_good_outputs_and_fixing_it_rebuilds(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    target = sorted(catalog.glob("*.yaml"))[2]
    good = target.read_text()
    with watching([catalog], out, "json,html") as session:
        before = files(out)
        edit(target, "[@", "[@nosuchkey; @")
        broken = session.next()
        during = files(out)
        edit(target, "[@nosuchkey; @", "[@")
        fixed = session.next()
        status = session.finish()
    assert (broken.summary.built, broken.summary.failed) == (0, 1)
    assert [str(d.location).rsplit(":", 2)[0] for o in broken.outcomes for d in o.errors] == [str(target)]
    assert f"{target}:" in session.err.getvalue() and "nosuchkey" in session.err.getvalue()
    assert during == before, "a failing source must leave its previous outputs as they were"
    assert target.read_text() == good
    assert (fixed.summary.built, fixed.summary.failed) == (1, 0)
    assert status == 0


def test_merging_split_results_is_all_or_nothing() -> None:
    source = Path("a.yaml")
    problem = Diagnostic(Location("a.yaml", 3, 1), "bad", "fix it")
    pdf = Rendered(source, (("pdf", "a.pdf", b"%PDF"),), ("/img.png",), seconds=0.5)
    rest = Rendered(source, (("html", "a.html", b"<html>"), ("docx", "a.docx", b"PK")), ("/img.png",), seconds=0.2)
    whole = merge([rest, pdf], ("pdf", "docx", "html"))
    assert [name for _fmt, name, _data in whole.files] == ["a.pdf", "a.docx", "a.html"]
    assert whole.ok and whole.images == ("/img.png",) and whole.seconds == 0.5
    failed = merge([pdf, Rendered(source, errors=(problem,)), Rendered(source, errors=(problem,))], ("pdf", "html"))
    assert failed.files == () and failed.errors == (problem,)


@pytest.mark.slow
def test_split_formats_give_the_same_bytes_as_a_serial_build(build: Builder, catalog: Path, tmp_path: Path) -> None:
    """One stale source, two warm workers: its formats render in parallel, and the files equal -j1's."""
    target = sorted(catalog.glob("*.yaml"))[0]
    reference = tmp_path / "brand.docx"
    docx.Document().save(str(reference))
    out, serial = tmp_path / "dist", tmp_path / "serial"
    formats = "pdf,large-print,docx"
    with watching([target], out, formats, jobs=2, reference=reference) as session:
        edit(target)
        split = session.next()
        after = files(out)
        one_process = build(target, "-o", serial, "-f", formats, "-j", "1", "--reference-docx", reference)
        # A source edit and a broken reference at once: the DOCX part fails, the PDF parts succeed.
        reference.write_bytes(b"not a docx")
        edit(target, "title: Revised ", "title: Twice revised ")
        failed = session.next()
        kept = files(out)
    assert (split.summary.built, split.summary.tasks) == (1, 2), split.line()
    assert one_process.status == 0, one_process.stderr
    assert {name: data for name, (_mtime, data) in after.items()} == \
        {name: data for name, (_mtime, data) in files(serial).items()}
    assert len(after) == 3
    assert (failed.summary.failed, failed.summary.tasks) == (1, 2), failed.line()
    errors = [str(d) for o in failed.outcomes for d in o.errors]
    assert len(errors) == 1 and "reference DOCX" in errors[0], errors
    assert kept == after, "nothing of a source is written when one of its formats fails"


def test_a_session_replaces_workers_that_died(catalog: Path, tmp_path: Path) -> None:
    """A watch outlives many builds: a worker killed (for want of memory, say) must not break the next one."""
    plan = BuildPlan(tmp_path / "dist", ("json",))
    spec = ExecutorSpec("local", 2)
    sources = sorted(catalog.glob("*.yaml"))
    with Session(spec, plan) as session:
        session.ready()
        workers = multiprocessing.active_children()
        assert len(workers) == 2
        workers[0].kill()
        workers[0].join(WAIT)
        deadline = time.monotonic() + WAIT
        while not session.revive():  # the pool notices the death on its own thread, soon after
            assert time.monotonic() < deadline, "the dead worker was never noticed"
            time.sleep(0.05)
        summary = run_build(sources, plan, spec, session=session)
    assert (summary.built, summary.failed) == (4, 0)


def test_watch_refuses_dask_and_check(catalog: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.cli import main

    for option in (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"], ["--check"]):
        status = main(["build", str(catalog), "-o", str(tmp_path), "-f", "json", "--watch", *option])
        err = capsys.readouterr().err
        assert status == 2
        assert f"--watch cannot be combined with {option[0]}" in err
    assert not (tmp_path / MANIFEST_NAME).exists(), "a usage error builds nothing"


def test_ctrl_c_stops_the_command_cleanly_with_the_last_state_as_exit_status(catalog: Path, tmp_path: Path) -> None:
    broken = sorted(catalog.glob("*.yaml"))[3]
    edit(broken, "[@", "[@nosuchkey; @")
    command = [sys.executable, "-m", "publisher", "build", str(catalog), "-o", str(tmp_path / "dist"), "-f", "json",
               "-j", "2", "--watch"]
    # A session of its own: Ctrl-C in a terminal signals the whole process group, workers included.
    lines: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as process:
        guard = threading.Timer(WAIT, process.kill)  # a hung process fails the test instead of hanging it
        guard.start()
        try:
            assert process.stderr is not None
            for line in process.stderr:
                lines.append(line)
                if line.startswith("watching "):
                    os.killpg(process.pid, signal.SIGINT)
            process.wait()
        finally:
            guard.cancel()
    err = "".join(lines)
    assert "watching 4 sources" in err, err
    assert process.returncode == 2, err  # a source still has errors
    assert "nosuchkey" in err and "stopped watching" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
