"""``publisher build --watch``: build, then rebuild what each save made stale, in a warm session.

Changes are found by polling modification times and sizes every third of a second, for
the reasons given in :mod:`publisher.authoring.preview` (no native dependency, works on network
mounts and in containers, sees an editor's save-by-rename). Each rebuild goes through
:func:`publisher.build.run.run_build`, so the manifest decides what is stale, exactly as a
fresh ``publisher build`` would; only the process pool (or this process) stays warm.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from publisher.build.manifest import Manifest, entry_id
from publisher.build.plan import BuildPlan, discover
from publisher.build.progress import Reporter
from publisher.build.run import Outcome, Summary, run_build
from publisher.build.schedule import ExecutorSpec
from publisher.build.session import Session
from publisher.errors import PublisherError
from publisher.render.layout import Layout

POLL_SECONDS = 0.3
# An editor may save in two writes (truncate, then write): wait until the files stop changing.
SETTLE_SECONDS = 0.05
SETTLE_LIMIT = 1.0  # ... but not forever, if something keeps writing
Stamp = tuple[int, int] | None  # (mtime in ns, size); None: missing
RACY_NS = 2_000_000_000  # a folder changed this recently is listed again whatever its time says


@dataclass(frozen=True)
class Snapshot:
    sources: dict[Path, Stamp]
    layout: dict[Path, Stamp]
    images: dict[Path, Stamp]
    reference: Stamp


@dataclass(frozen=True)
class Rebuild:
    """One rebuild after a change: what changed, and what the build did."""

    reason: str
    summary: Summary
    outcomes: tuple[Outcome, ...]
    deleted: tuple[Path, ...]
    seconds: float  # from detecting the change to the outputs written

    def line(self) -> str:
        s = self.summary
        failed = f", failed {s.failed}" + (f" ({s.internal} internal errors)" if s.internal else "")
        return (f"{time.strftime('%H:%M:%S')} {self.reason}: built {s.built}, skipped {s.skipped}{failed} "
                f"in {self.seconds:.2f} s")


def _stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _names(paths: list[Path], limit: int = 3) -> str:
    shown = ", ".join(str(p) for p in paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


@dataclass
class Watcher:
    """A build's inputs, polled; :meth:`poll` rebuilds what changed through ``run_build`` in ``session``."""

    given: list[Path]  # the command line's sources: files, and folders that stand for their *.yaml
    plan: BuildPlan
    spec: ExecutorSpec
    session: Session
    err: TextIO = field(default_factory=lambda: sys.stderr)
    failing: dict[Path, bool] = field(default_factory=dict)  # source -> its last failure was internal
    folders: list[Path] = field(init=False)
    files: list[Path] = field(init=False)
    _images: dict[Path, tuple[str, ...]] = field(default_factory=dict)  # source -> images it shows
    _listings: dict[Path, tuple[Stamp, list[Path]]] = field(default_factory=dict)
    _last: Snapshot = field(init=False)

    def __post_init__(self) -> None:
        paths = self.given or [Path("source")]
        self.folders = [p for p in paths if p.is_dir()]
        self.files = [p for p in paths if not p.is_dir()]
        self._last = self.snapshot()  # before the first build: a save during it is seen

    def sources(self) -> list[Path]:
        return list(dict.fromkeys([*self.files, *(s for folder in self.folders for s in self._listing(folder))]))

    def _listing(self, folder: Path) -> list[Path]:
        """A folder's sources, listed again only when the folder changed: adding, removing or renaming
        a file changes its modification time (a third of the time a poll takes, at 1,000 sources)."""
        stamp = _stamp(folder)
        kept = self._listings.get(folder)
        # A change within the same clock tick as the last listing leaves the time as it was:
        # a recently changed folder is always listed (git's "racily clean" rule).
        if kept is not None and kept[0] == stamp and stamp is not None and time.time_ns() - stamp[0] > RACY_NS:
            return kept[1]
        found = discover(folder)
        self._listings[folder] = (stamp, found)
        return found

    def snapshot(self) -> Snapshot:
        root = self.plan.layout.root
        reference = self.plan.render.reference_docx
        return Snapshot({s: _stamp(s) for s in self.sources()},
                        {p: _stamp(p) for p in sorted(root.rglob("*")) if p.is_file()},
                        self._image_stamps(), _stamp(reference) if reference else None)

    def _image_stamps(self) -> dict[Path, Stamp]:
        images = {Path(image) for shown in self._images.values() for image in shown}
        return {p: _stamp(p) for p in sorted(images)}

    def build_all(self, *, force: bool = False, on_start: Callable[[int, int], None] | None = None,
                  on_done: Callable[[Outcome], None] | None = None) -> Summary:
        """The first, ordinary build; it also learns which images each source shows (from the manifest)."""
        sources = self.sources()
        summary = self._build(sources, force=force, on_start=on_start, on_done=on_done)
        manifest = Manifest.load(self.plan.out_dir)
        for source in sources:
            entry = manifest.entries.get(entry_id(source, self.plan.audience))
            if entry is not None and source not in self._images:
                self._images[source] = tuple(entry.images)
        self._last = replace(self._last, images=self._image_stamps())
        return summary

    def run(self, stop: threading.Event, on_rebuild: Callable[[Rebuild], None] | None = None) -> None:
        """Poll until ``stop`` is set; print one line per rebuild."""
        while not stop.wait(POLL_SECONDS):
            rebuild = self.poll()
            if rebuild is not None:
                print(rebuild.line(), file=self.err, flush=True)
                if on_rebuild is not None:
                    on_rebuild(rebuild)

    def poll(self) -> Rebuild | None:
        """Rebuild if something changed since the last poll."""
        now, last = self.snapshot(), self._last
        if now == last:
            return None
        detected = time.perf_counter()
        while time.perf_counter() - detected < SETTLE_LIMIT:
            time.sleep(SETTLE_SECONDS)
            again = self.snapshot()
            if again == now:
                break
            now = again
        rebuild = self._rebuild(last, now, detected)
        # Images first shown by a rebuilt source are watched from now on, as they are now.
        self._last = replace(now, images=self._image_stamps())
        return rebuild

    def status(self) -> int:
        """The exit status of the sources' last state: 1 if one fails inside publisher, 2 if one has errors."""
        if any(self.failing.values()):
            return 1
        return 2 if self.failing else 0

    def _rebuild(self, last: Snapshot, now: Snapshot, detected: float) -> Rebuild:
        changed = [s for s, stamp in now.sources.items() if stamp is not None and last.sources.get(s) != stamp]
        new = [s for s in changed if last.sources.get(s) is None]
        deleted = [s for s, stamp in last.sources.items() if stamp is not None and now.sources.get(s) is None]
        layout = sorted(p for p in {*now.layout, *last.layout} if now.layout.get(p) != last.layout.get(p))
        images = [p for p, stamp in now.images.items() if p in last.images and stamp != last.images[p]]
        reference = now.reference != last.reference
        reasons = []
        if set(changed) - set(new):
            reasons.append(f"changed {_names([s for s in changed if s not in new])}")
        if new:
            reasons.append(f"new {_names(new)}")
        if layout:
            reasons.append(f"layout changed ({_names([p.relative_to(self.plan.layout.root) for p in layout])})")
        if images:
            reasons.append(f"image changed ({_names(images)})")
        if reference:
            reasons.append("reference DOCX changed")
        if deleted:
            reasons.append(f"deleted {_names(deleted)} (its outputs stay)")
        for source in deleted:
            self.failing.pop(source, None)
            self._images.pop(source, None)
        if layout:
            # A new Layout: its fingerprint (cached per object) is computed again, and a new plan
            # object gives the session a new token, so workers drop their parsed stylesheets.
            self.plan = replace(self.plan, layout=Layout(self.plan.layout.root))
        elif reference:
            self.plan = replace(self.plan)
        everything = [s for s, stamp in now.sources.items() if stamp is not None]
        # A source edit can only make that source stale; a shared input may affect any, and the
        # manifest skips those it does not.
        targets = everything if (layout or images or reference) else changed
        outcomes: list[Outcome] = []
        summary = Summary()
        if targets:
            summary = self._build(targets, on_done=outcomes.append, others=everything, show_errors=True)
        return Rebuild("; ".join(reasons) or "changed", summary, tuple(outcomes), tuple(deleted),
                       time.perf_counter() - detected)

    def _build(self, sources: list[Path], *, force: bool = False, on_start: Callable[[int, int], None] | None = None,
               on_done: Callable[[Outcome], None] | None = None, others: list[Path] | None = None,
               show_errors: bool = False) -> Summary:
        def done(outcome: Outcome) -> None:
            if outcome.ok:
                self.failing.pop(outcome.source, None)
                self._images[outcome.source] = outcome.images
            else:
                self.failing[outcome.source] = outcome.internal
                for diagnostic in outcome.errors if show_errors else ():
                    print(diagnostic, file=self.err, flush=True)
            if on_done is not None:
                on_done(outcome)

        if self.session.revive():
            print("a worker process had died: started new ones", file=self.err, flush=True)
        try:
            return run_build(sources, self.plan, self.spec, force=force, on_start=on_start, on_done=done,
                             session=self.session, others=others or ())
        except PublisherError as exc:  # e.g. the output folder became unwritable: say so, keep watching
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=self.err, flush=True)
            return Summary(failed=len(sources))


def watch(given: list[Path], plan: BuildPlan, spec: ExecutorSpec, *, force: bool = False, quiet: bool = False,
          stop: threading.Event | None = None, on_ready: Callable[[], None] | None = None,
          on_rebuild: Callable[[Rebuild], None] | None = None, out: TextIO | None = None,
          err: TextIO | None = None) -> int:
    """Build ``given`` as ``publisher build`` does, then rebuild on every change until ``stop`` is set
    or Ctrl-C; returns the exit status of the sources' last state (see :meth:`Watcher.status`)."""
    err = err or sys.stderr
    stop = stop or threading.Event()
    sample = next((s for s in _candidates(given) if s.is_file()), None)
    with Session(spec, plan, sample) as session:
        watcher = Watcher(given, plan, spec, session, err)
        try:
            with Reporter(quiet=quiet, stdout=out, stderr=err) as reporter:
                summary = watcher.build_all(force=force, on_start=reporter.start, on_done=reporter.done_one)
                reporter.summary(summary)
            session.ready()  # the first edit should not pay for imports, stylesheets or a first layout
            workers = f"{session.workers} warm workers" if session.executor else "this process (warm)"
            print(f"watching {len(watcher.sources())} sources, the layouts in {plan.layout.root}; rendering in "
                  f"{workers} — Ctrl-C stops", file=err, flush=True)
            if on_ready is not None:
                on_ready()
            watcher.run(stop, on_rebuild)
        except KeyboardInterrupt:
            print("publisher build: stopped watching", file=err, flush=True)
    return watcher.status()


def _candidates(given: list[Path]) -> list[Path]:
    paths = given or [Path("source")]
    return [found for p in paths for found in (discover(p) if p.is_dir() else [p])]
