"""``publisher build``: sources to outputs."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from publisher.build import BuildPlan, build_source, discover
from publisher.layouts import DEFAULT_ROOT, Layout
from publisher.render import RENDERERS, RenderOptions

HELP = "build sources into PDF, large-print PDF, DOCX, EPUB and HTML"
DESCRIPTION = """\
Build condition sources (YAML) into every format. With no SOURCE, builds every
*.yaml in source/ into dist/. A source with errors is reported as
path:line:col: message, nothing is written for it, and the others still build;
the exit status is then 2.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="source files (default: source/*.yaml)")
    parser.add_argument("--out", "-o", type=Path, default=Path("dist"), metavar="DIR",
                        help="output folder (default: dist)")
    parser.add_argument("--format", "-f", default="pdf,large-print,docx,epub,html", metavar="LIST",
                        help=f"comma-separated formats among {', '.join(RENDERERS)} (default: all but json)")
    parser.add_argument("--paper", choices=["letter", "a4"], default="letter", help="PDF paper size (default: letter)")
    parser.add_argument("--audience", choices=["patient", "clinician"], default="patient",
                        help="keep only content for this audience; non-patient variants are named <slug>.<audience>.*")
    parser.add_argument("--layouts", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                        help="layout folder with html/, epub/, pdf/, docx/ (default: the bundled layouts)")
    parser.add_argument("--reference-docx", type=Path, metavar="PATH",
                        help="a branded .docx whose styles, page size and headers the DOCX uses")


def formats(value: str) -> tuple[str, ...] | str:
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in RENDERERS]
    if unknown or not names:
        return f"unknown format {', '.join(unknown) or '(none)'}; choose among {', '.join(RENDERERS)}"
    return names


def run(args: argparse.Namespace) -> int:
    chosen = formats(args.format)
    if isinstance(chosen, str):
        print(f"publisher build: {chosen}", file=sys.stderr)
        return 2
    sources = list(args.sources) or discover(Path("source"))
    if not sources:
        print("publisher build: no sources — pass files or add source/*.yaml", file=sys.stderr)
        return 2
    plan = BuildPlan(
        out_dir=args.out,
        formats=chosen,
        render=RenderOptions(paper=args.paper, reference_docx=args.reference_docx),
        audience=args.audience,
        layout=Layout(args.layouts.resolve()),
    )
    started = time.perf_counter()
    failed = 0
    built = 0
    for source in sources:
        result = build_source(source, plan)
        if result.ok:
            built += 1
            for path in result.outputs:
                print(f"wrote {path}")
        else:
            failed += 1
            for diagnostic in result.errors:
                print(diagnostic, file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"built {built}, failed {failed} in {elapsed:.1f} s", file=sys.stderr)
    return 2 if failed else 0
