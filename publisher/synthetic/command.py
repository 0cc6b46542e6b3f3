"""``publisher catalog N --out DIR``: write a synthetic catalog of N condition sources."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from publisher.errors import PublisherError
from publisher.synthetic import generate

DESCRIPTION = """\
Write N invented but realistic condition sources, with their images, into DIR.
The output depends only on N and --seed: condition 7 is the same in a catalog
of 10 and of 1,000, so catalogs of different sizes share their first pages.
Build them with: publisher build DIR/*.yaml -o dist
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("count", type=int, metavar="N", help="how many conditions")
    parser.add_argument("--out", "-o", type=Path, required=True, metavar="DIR", help="folder to write into")
    parser.add_argument("--seed", type=int, default=0, help="the catalog's seed (default: 0)")


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        print("publisher catalog: N must be at least 1", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        written = generate(args.count, args.out, args.seed)
    except PublisherError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return exc.exit_status
    print(f"wrote {len(written)} sources to {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
