"""``python -m publisher.synthetic N --out DIR``: the catalog command without the main CLI."""

from __future__ import annotations

import argparse
import sys

from publisher.synthetic import command


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m publisher.synthetic", description=command.DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_arguments(parser)
    return command.run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
