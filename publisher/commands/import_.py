"""``publisher import``: write a structured source from an existing Word handout (.docx)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from publisher.authoring.importer import Defaults, import_docx
from publisher.errors import PublisherError
from publisher.source.schema import BCP47

DESCRIPTION = """\
Write a structured source from an existing Word handout: the title, headings as nested
sections, paragraphs and lists as Markdown with their links, tables with their header
row, pictures with their alt text (copied to images/<slug>/ beside the source), the
language from Word's w:lang (text in another language becomes [text]{lang=xx}), and a
reference list with the citations that link to it. Nothing is sent anywhere.

What Word has and a source cannot say (text boxes, charts, footnotes, merged cells, a
picture without alt text, ...) is listed in the YAML as '# publisher import:' comments
and on standard error as path:line: message. The result is read back as a build would
read it; what still stops a build is printed the same way.

Exit status: 0 written and valid; 1 written, but it needs the edits printed before it
builds; 2 the Word file could not be read, or the output exists (nothing written).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docx", type=Path, metavar="HANDOUT.docx", help="the Word file to import")
    parser.add_argument("--out", "-o", type=Path, metavar="PATH",
                        help="the source to write (default: source/<slug of the title>.yaml)")
    parser.add_argument("--force", action="store_true", help="replace an existing source and its pictures")
    parser.add_argument("--publisher", metavar="NAME", default="",
                        help="publisher name when the Word file does not print one")
    parser.add_argument("--reviewed", type=_date, metavar="YYYY-MM-DD",
                        help="last_reviewed when the Word file does not print it")
    parser.add_argument("--language", type=_language, metavar="TAG",
                        help="the document's language (BCP 47) when Word's w:lang is missing or wrong")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written as YYYY-MM-DD") from None


def _language(value: str) -> str:
    if not BCP47.match(value):
        raise argparse.ArgumentTypeError(f"'{value}' is not a BCP 47 language tag (e.g. en, es, en-US)")
    return value


def run(args: argparse.Namespace) -> int:
    defaults = Defaults(args.publisher.strip(), args.reviewed, args.language or "")
    try:
        result = import_docx(args.docx, args.out, defaults, args.force)
    except PublisherError as exc:
        for diagnostic in exc.diagnostics:
            print(f"publisher import: {diagnostic}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"{result.source}:{note.line}: {note.message} ({args.docx.name}: {note.where})", file=sys.stderr)
    for problem in result.problems:
        print(f"{problem} (still to fix before it builds)", file=sys.stderr)
    pictures = f" and {len(result.images)} picture{'s' * (len(result.images) != 1)}" if result.images else ""
    print(f"wrote {result.source}{pictures}: {len(result.notes)} note{'s' * (len(result.notes) != 1)}"
          + (f", {len(result.problems)} to fix before it builds" if result.problems else ""), file=sys.stderr)
    return 1 if result.problems else 0
