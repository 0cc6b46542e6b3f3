"""``publisher lint``: health-literacy and accessibility checks of sources, never rewriting them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from publisher.build.plan import discover
from publisher.lint import LintOptions, Targets, lint_file, today_from_environment
from publisher.lint.document import Originals
from publisher.lint.report import as_json, fails, grade_table, summary

DESCRIPTION = """\
Check condition sources for plain language and accessibility. With no SOURCE,
checks every *.yaml in source/. Each finding prints as path:line[:col]: message.

  reading level    each section's own prose and the whole document: Flesch–Kincaid
                   and SMOG grades (English), Fernández-Huerta and INFLESZ
                   (Szigriszt-Pazos) reading ease (Spanish), against --target-grade;
                   a section under 3 sentences or 30 words (SMOG: 10 sentences) is
                   too short to score
  plain words      words public-domain lists would swap (CDC Everyday Words, CDC Plain
                   Language Thesaurus, PlainLanguage.gov): "physician → doctor"
  sentences        longer than 25 words
  links            text like "click here", "here", "más información", or a bare URL
  images           alt text that is a file name, starts "image of", or runs over 150 characters
  review date      last_reviewed older than --max-age-years, or review_by passed
                   (today: SOURCE_DATE_EPOCH if set)
  canonical_url    missing
  translations     reviewed before their original (found by slug in the same folder)
  citations        with --require-citations, a reference no text cites is an error

Clinician-only content is not held to the reading targets. Nothing is rewritten.
Exit status: 0; 1 with --strict when there are findings, or when there are errors
(--require-citations); 2 if a source is invalid.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="source files (default: source/*.yaml)")
    parser.add_argument("--strict", action="store_true", help="treat findings as errors: exit status 1")
    parser.add_argument("--json", action="store_true", help="print the results as JSON on standard output")
    parser.add_argument("--grades", action="store_true", help="also print every section's reading score")
    parser.add_argument("--max-age-years", type=_positive_int, default=3, metavar="N",
                        help="flag a last_reviewed date more than N years old (default: 3)")
    parser.add_argument("--target-grade", type=_grade, default=8.0, metavar="N",
                        help="highest acceptable school grade for patient prose (default: 8); with --strict, "
                             "sections above it fail")
    parser.add_argument("--max-sentence-words", type=_positive_int, default=25, metavar="N",
                        help="flag sentences longer than N words (default: 25)")
    parser.add_argument("--require-citations", action="store_true",
                        help="make a reference that no text cites an error (by default the build lists it as "
                             "further reading)")


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _grade(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number") from None
    if not 1 <= number <= 20:
        raise argparse.ArgumentTypeError("must be a school grade between 1 and 20")
    return number


def run(args: argparse.Namespace) -> int:
    try:
        today = today_from_environment()
    except ValueError as exc:
        print(f"publisher lint: {exc}", file=sys.stderr)
        return 2
    sources = list(args.sources) or discover(Path("source"))
    if not sources:
        print("publisher lint: no sources — pass files or add source/*.yaml", file=sys.stderr)
        return 2
    options = LintOptions(today, args.max_age_years,
                          Targets(grade=args.target_grade, sentence_words=args.max_sentence_words),
                          require_citations=args.require_citations)
    originals = Originals()
    reports = [lint_file(path, options, originals) for path in sources]
    if args.json:
        print(as_json(reports, options, args.strict))
    else:
        for report in reports:
            for diagnostic in report.errors:
                print(diagnostic, file=sys.stderr)
            for finding in report.findings:
                print(finding)
        if args.grades:
            for report in reports:
                for line in grade_table(report):
                    print(line)
    print(summary(reports, args.strict), file=sys.stderr)
    if any(r.errors for r in reports):
        return 2
    return 1 if any(fails(f, args.strict) for r in reports for f in r.findings) else 0
