"""``python -m publisher.catalog N --out DIR``: the catalog command without the main CLI."""

from __future__ import annotations

import argparse
import sys

from publisher.catalog import command


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m publisher.catalog", description=command.DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_arguments(parser)
    return command.run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
