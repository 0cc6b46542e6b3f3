"""Run a build: plan it, schedule the stale sources on workers, write what they render, record it.

The parent process plans (hashes sources, reads the manifest), hands chunks of
work to an executor, and writes every result itself: outputs land in the output
folder whatever machine rendered them, and the manifest has a single writer.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.build import edition
from publisher.build.handoff import HandoffStage
from publisher.build.keys import format_keys
from publisher.build.manifest import Manifest, output_record
from publisher.build.plan import BuildPlan, Job, stale_jobs
from publisher.build.render import Rendered
from publisher.build.schedule import ExecutorSpec, open_executor, render_chunk, sendable
from publisher.build.session import Session, forked_session
from publisher.build.tasks import chunked, merged, split_formats
from publisher.build.write import write_outputs
from publisher.errors import Diagnostic, Location, PublisherError

SAVE_EVERY = 30.0  # seconds between manifest saves, so an interrupted build keeps most of its work


@dataclass(frozen=True)
class Outcome:
    """What happened to one source that needed building."""

    source: Path
    outputs: tuple[Path, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    internal: bool = False
    seconds: float = 0.0
    images: tuple[str, ...] = ()  # absolute paths of the images the built document shows
    warnings: tuple[Diagnostic, ...] = ()  # printed, but the source built

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Summary:
    built: int = 0
    skipped: int = 0
    failed: int = 0
    internal: int = 0  # failures that are bugs in publisher (exit status 1)
    files: int = 0
    seconds: float = 0.0
    tasks: int = 0  # render tasks sent; a source whose formats were split across workers counts once per part


Listener = Callable[[Outcome], None]


def run_build(sources: list[Path], plan: BuildPlan, spec: ExecutorSpec, *, force: bool = False,
              on_start: Callable[[int, int], None] | None = None, on_done: Listener | None = None,
              session: Session | None = None, others: Sequence[Path] = ()) -> Summary:
    """Build ``sources``; ``on_start(to_build, skipped)`` then ``on_done`` per built or failed source.

    With a ``session`` (``build --watch``) rendering runs in its warm workers or in this process,
    and when fewer sources need building than there are workers, each source's formats are split
    across them. Without one, local workers are forked from this process (where that is safe,
    :func:`~publisher.build.session.forked_session`) as soon as planning finds a first source to build,
    so they start while the rest is planned; with fewer sources than workers, the formats are split
    as in a session. ``others`` are sources of the same build not rebuilt now: their output names
    still count when refusing two sources that write the same file.
    """
    started = time.perf_counter()
    manifest = Manifest.load(plan.out_dir)
    sources = list({manifest.entry_id(source, plan.audience): source for source in sources}.values())  # each once
    keys = format_keys(plan)
    handoff = HandoffStage(plan, manifest)  # FHIR bundles and the catalog (publisher/build/handoff.py)
    with ExitStack() as stack:

        def fork_workers() -> None:
            nonlocal session
            if session is None and (forked := forked_session(spec, plan)) is not None:
                session = stack.enter_context(forked)
                session.launch()  # fork now: before on_start may start a progress-bar thread

        todo, skipped = stale_jobs(sources, plan, keys, manifest, force, on_first=fork_workers)
        todo.sort(key=lambda item: -item[2])
        jobs = [job for job, _, _ in todo]
        summary = Summary(skipped=skipped)
        if on_start:
            on_start(len(todo), skipped)
        _build(todo, jobs, plan, spec, keys, manifest, summary, on_done, session, [*sources, *others], handoff)
        handoff.finish([*sources, *others])
    summary.seconds = time.perf_counter() - started
    return summary


def _build(todo: list[tuple[Job, str, int]], jobs: list[Job], plan: BuildPlan, spec: ExecutorSpec,
           keys: dict[str, str], manifest: Manifest, summary: Summary, on_done: Listener | None,
           session: Session | None, everyone: list[Path], handoff: HandoffStage) -> None:
    hashes = {job[0]: digest for job, digest, _ in todo}
    chunks: list[tuple[Job, ...]]
    if session is not None and session.executor is not None and 0 < len(jobs) < session.workers:
        # Warm workers pay no start-up per task, so a source's formats in parallel finish sooner.
        chunks = [(part,) for job in jobs for part in split_formats(job, session.workers // len(jobs))]
    else:
        chunks = chunked(jobs, plan.formats, max(1, spec.jobs))
    summary.tasks = len(chunks)
    parts = Counter(source for chunk in chunks for source, _formats in chunk)
    names = _Names(manifest, everyone, plan.audience)
    last_save = time.perf_counter()
    try:
        for rendered in merged(_dispatch(chunks, plan, spec, session), parts, dict(jobs)):
            outcome = _finish(rendered, plan, keys, manifest, hashes[rendered.source], names, handoff)
            _count(summary, outcome)
            if on_done:
                on_done(outcome)
            if time.perf_counter() - last_save > SAVE_EVERY:
                _save(manifest, plan)
                last_save = time.perf_counter()
    finally:
        if todo:
            _save(manifest, plan)


@contextmanager
def _executor(spec: ExecutorSpec, plan: BuildPlan, tasks: int,
              session: Session | None) -> Iterator[tuple[Executor | None, int, str]]:
    """The executor, how many tasks it runs at once, and the plan's token: the session's, or a new one-shot pool."""
    if session is not None:
        yield session.executor, session.workers, session.token_for(plan)
        return
    with open_executor(spec, tasks, plan.formats) as (executor, slots):
        yield executor, slots, uuid.uuid4().hex


def _dispatch(chunks: list[tuple[Job, ...]], plan: BuildPlan, spec: ExecutorSpec,
              session: Session | None) -> Iterator[Rendered]:
    if not chunks:
        return
    with _executor(spec, plan, len(chunks), session) as (executor, slots, token):
        if executor is None:
            for chunk in chunks:
                yield from render_chunk(token, plan, chunk)
            return
        # Workers elsewhere have another working folder: send absolute paths, report the ones given.
        given = {source.resolve(): source for chunk in chunks for source, _formats in chunk}
        absolute = [tuple((source.resolve(), formats) for source, formats in chunk) for chunk in chunks]
        for rendered in _bounded(executor, slots * 2, absolute, token, sendable(plan)):
            yield replace(rendered, source=given.get(rendered.source, rendered.source))


def _bounded(executor: Executor, window: int, chunks: list[tuple[Job, ...]], token: str,
             plan: BuildPlan) -> Iterator[Rendered]:
    """Keep ``window`` chunks in flight: enough to keep workers busy, few enough to bound memory."""
    pending: dict[Future[list[Rendered]], tuple[Job, ...]] = {}
    queue = iter(chunks)
    try:
        while True:
            while len(pending) < window:
                chunk = next(queue, None)
                if chunk is None:
                    break
                pending[executor.submit(render_chunk, token, plan, chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    yield from future.result()
                except Exception as exc:  # the worker died (out of memory, a crash in a C library)
                    for source, _formats in chunk:
                        yield Rendered(source, errors=(Diagnostic(Location(str(source)),
                                                                  f"internal error: the worker failed: {exc!r}",
                                                                  "this is a bug in publisher; please report it"),),
                                       internal=True)
    finally:
        for future in pending:
            future.cancel()


class _Names:
    """Which source owns each output name, to refuse two sources writing the same file."""

    def __init__(self, manifest: Manifest, sources: list[Path], audience: str) -> None:
        current = {manifest.entry_id(s, audience) for s in sources}
        self.owner = {rec.name: name for name, entry in manifest.entries.items() if name in current
                      for rec in entry.outputs.values()}

    def clash(self, rendered: Rendered, owner: str) -> Diagnostic | None:
        for _fmt, name, _data in rendered.files:
            other = self.owner.get(name)
            if other is not None and other != owner:
                return Diagnostic(Location(str(rendered.source)), f"'{name}' is also built from "
                                  f"{other.split(':', 1)[1]}", "give one of the two sources another 'slug:'")
        for _fmt, name, _data in rendered.files:
            self.owner[name] = owner
        return None


def _finish(rendered: Rendered, plan: BuildPlan, keys: dict[str, str], manifest: Manifest, digest: str,
            names: _Names, handoff: HandoffStage) -> Outcome:
    formats = tuple(fmt for fmt, _name, _data in rendered.files)
    if rendered.ok:
        clash = names.clash(rendered, manifest.entry_id(rendered.source, plan.audience))
        if clash is not None:
            rendered = replace(rendered, errors=(clash,))
    if not rendered.ok:
        manifest.forget(rendered.source, plan.audience, plan.formats)
        return Outcome(rendered.source, errors=rendered.errors, internal=rendered.internal, seconds=rendered.seconds)
    # The hashes of the bytes the outputs embed: hashing the files now could see a newer version.
    images = {path: sha or manifest.image_digest(path) for path, sha in rendered.image_digests.items()}
    try:
        extra = handoff.files_for(rendered, digest, images)  # the FHIR bundle: written with the outputs it lists
        written = write_outputs(plan.out_dir, [(name, data) for _fmt, name, data in rendered.files] + extra)
    except PublisherError as exc:
        manifest.forget(rendered.source, plan.audience, formats)
        return Outcome(rendered.source, errors=tuple(exc.diagnostics), seconds=rendered.seconds)
    written = written[:len(rendered.files)]  # the formats' files; the bundle is the hand-off stage's, not an output
    records = {
        fmt: output_record(path, keys[fmt], data)
        for (fmt, _name, data), path in zip(rendered.files, written, strict=True)
    }
    unmoved = edition.unmoved(rendered.source, manifest.edition(rendered.source, plan.audience), rendered.edition)
    if digest:
        manifest.record(rendered.source, plan.audience, digest, images, records, rendered.edition)
        handoff.written(rendered)
    return Outcome(rendered.source, written, seconds=rendered.seconds, images=rendered.images,
                   warnings=(unmoved,) if unmoved else ())


def _count(summary: Summary, outcome: Outcome) -> None:
    if outcome.ok:
        summary.built += 1
        summary.files += len(outcome.outputs)
    else:
        summary.failed += 1
        summary.internal += outcome.internal


def _save(manifest: Manifest, plan: BuildPlan) -> None:
    if plan.out_dir.is_dir():
        manifest.save()
