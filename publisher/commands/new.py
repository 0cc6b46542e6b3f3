"""``publisher new``: start a condition source from a commented, buildable template."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from publisher.authoring.scaffold import SCHEMA_FILE, starter, starter_problem
from publisher.commands.schema import json_schema
from publisher.lint import today_from_environment
from publisher.source.schema import BCP47, SLUG

DESCRIPTION = f"""\
Create <DIR>/<slug>.yaml (default DIR: source) from a commented template that
builds as written. An existing file is never overwritten. If <DIR>/{SCHEMA_FILE}
does not exist it is written too, so that editors complete keys as you type.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="lower-case words joined by hyphens, e.g. cystic-fibrosis")
    parser.add_argument("--out", type=Path, default=Path("source"), metavar="DIR", help="folder (default: source)")
    parser.add_argument("--title", default="", help="document title (default: made from the slug)")
    parser.add_argument("--language", default="en", help="BCP 47 language tag (default: en)")


def run(args: argparse.Namespace) -> int:
    if not SLUG.match(args.slug) or len(args.slug) > 100:
        print(f"publisher new: '{args.slug}' is not a slug — use lower-case letters, digits and hyphens, "
              "e.g. cystic-fibrosis", file=sys.stderr)
        return 2
    if not BCP47.match(args.language):
        print(f"publisher new: '{args.language}' is not a BCP 47 language tag — e.g. en, es, es-419",
              file=sys.stderr)
        return 2
    try:
        today = today_from_environment()
    except ValueError as exc:
        print(f"publisher new: {exc}", file=sys.stderr)
        return 2
    target = args.out / f"{args.slug}.yaml"
    text = starter(args.slug, today, args.title, args.language, str(target))
    problem = starter_problem(text, args.slug)
    if problem is not None:  # the starter must build as written: a title that would break it is refused
        print(f"publisher new: --title {args.title[:60]!r}: {problem.message} — {problem.hint or 'choose another'}",
              file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": fails if the file exists, without a race
            handle.write(text)
    except FileExistsError:
        print(f"publisher new: {target} already exists — choose another slug or delete it first", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"publisher new: cannot write {target}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {target}")
    schema = args.out / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {schema} (for editor completion)")
    print(f"next: edit it, then run 'publisher lint {target}' and 'publisher serve {target}'", file=sys.stderr)
    return 0
