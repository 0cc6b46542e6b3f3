"""Command-line entry point: a thin dispatcher over ``publisher.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from publisher import __version__

# subcommand -> module with HELP, DESCRIPTION, add_arguments(parser) and run(args) -> int
COMMANDS: dict[str, str] = {
    "build": "publisher.commands.build",
    "check": "publisher.commands.check",
    "lint": "publisher.commands.lint",
    "schema": "publisher.commands.schema",
    "new": "publisher.commands.new",
    "serve": "publisher.commands.serve",
    "catalog": "publisher.catalog.command",
}


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="publisher",
        description="Accessible multi-format publisher: condition sources to PDF/UA, DOCX, EPUB 3 and HTML.",
    )
    root.add_argument("--version", action="version", version=f"publisher {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(name, help=module.HELP, description=module.DESCRIPTION,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("publisher: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
