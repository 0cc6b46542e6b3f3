"""``publisher catalog N --out DIR``: write a synthetic catalog of N condition sources."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from publisher.errors import PublisherError
from publisher.synthetic import generate

# The benchmark catalog has a thousand sources (~16 KB and 34 ms each, written); ten thousand is ~160 MB.
MAX_COUNT = 10_000

DESCRIPTION = """\
Write N invented but realistic condition sources, with their images, into DIR.
The output depends only on N and --seed: condition 7 is the same in a catalog
of 10 and of 1,000, so catalogs of different sizes share their first pages.
Build them with: publisher build DIR/*.yaml -o dist
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("count", metavar="N", help=f"how many conditions (1 to {MAX_COUNT:,})")
    parser.add_argument("--out", "-o", type=Path, required=True, metavar="DIR", help="folder to write into")
    parser.add_argument("--seed", default="0", help="the catalog's seed, a whole number (default: 0)")


def _whole(value: str, most_digits: int) -> int | None:
    """``value`` as an int if it is one of at most ``most_digits`` digits (never int() of 5,000 digits)."""
    text = value.strip()
    body = text.removeprefix("-")
    if not body.isascii() or not body.isdigit() or len(body) > most_digits:
        return None
    return int(text)


def run(args: argparse.Namespace) -> int:
    count = _whole(args.count, len(str(MAX_COUNT)))
    if count is None or not 1 <= count <= MAX_COUNT:
        print(f"publisher catalog: N is {args.count[:40]!r}; it must be a whole number from 1 to {MAX_COUNT:,} — "
              f"a catalog of {MAX_COUNT:,} is ~160 MB and takes minutes to write", file=sys.stderr)
        return 2
    seed = _whole(args.seed, 18)
    if seed is None:
        print(f"publisher catalog: --seed {args.seed[:40]!r} is not a whole number of at most 18 digits",
              file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        written = generate(count, args.out, seed)
    except PublisherError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        return exc.exit_status
    print(f"wrote {len(written)} sources to {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
