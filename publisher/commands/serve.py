"""``publisher serve``: a live HTML preview of one source on 127.0.0.1."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

from publisher.authoring.preview import Preview, PreviewServer
from publisher.build.plan import discover
from publisher.render import RENDERERS
from publisher.render.layout import DEFAULT_ROOT, Layout, layout_problem


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt

DESCRIPTION = """\
Build SOURCE's HTML page and serve it on http://127.0.0.1:PORT/ (this computer
only). Saving the source, one of its images or an HTML layout file rebuilds it, and
the open page reloads itself. A source with errors shows them on the page instead.
With no SOURCE, previews the first source/*.yaml. Ctrl-C stops the server.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", type=Path, metavar="SOURCE",
                        help="source file (default: the first in source/)")
    parser.add_argument("--port", "-p", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free)")
    parser.add_argument("--audience", choices=["patient", "clinician"], default="patient",
                        help="preview this audience's version (default: patient)")
    parser.add_argument("--layouts", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                        help="layout folder (default: the bundled layouts)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="build folder (default: a temporary folder, removed on exit)")


def run(args: argparse.Namespace) -> int:
    source = args.source
    if source is None:
        found = discover(Path("source"))
        if not found:
            print("publisher serve: no source — pass a file or add source/*.yaml", file=sys.stderr)
            return 2
        source = found[0]
    if not source.is_file():
        what = "no such file" if not source.exists() else "not a regular file (a folder, pipe or device)"
        print(f"publisher serve: {source}: {what}", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"publisher serve: port {args.port} is out of range 0–65535", file=sys.stderr)
        return 2
    problem = layout_problem(args.layouts, (RENDERERS["html"].module,))
    if problem is not None:
        print(f"publisher serve: --layouts {args.layouts}: {problem} — copy the bundled folder ({DEFAULT_ROOT}) "
              "and edit the copy", file=sys.stderr)
        return 2
    temporary = args.out is None
    out_dir = Path(tempfile.mkdtemp(prefix="publisher-serve-")) if temporary else args.out
    preview = Preview(source, out_dir, args.audience, Layout(args.layouts.resolve()))
    try:
        server = PreviewServer(preview, args.port)
    except OSError as exc:
        print(f"publisher serve: cannot listen on 127.0.0.1:{args.port}: {exc.strerror} — try another --port",
              file=sys.stderr)
        return 2
    # A terminal's Ctrl-C and a service manager's SIGTERM both end the server cleanly.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.refresh()
        server.watch()
        print(f"previewing {source} at {server.url} — rebuilds on save; Ctrl-C stops", file=sys.stderr)
        server.serve_forever()
    except KeyboardInterrupt:
        print("publisher serve: stopped", file=sys.stderr)
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        if temporary:
            shutil.rmtree(out_dir, ignore_errors=True)
    return 0
