"""``publisher check``: accessibility and cross-format fidelity of built outputs."""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from publisher.build.manifest import Manifest, entry_id
from publisher.build.plan import BuildPlan
from publisher.check import CheckOptions, Selection, all_rules, check
from publisher.check.report import run_dict, write_reports
from publisher.check.terminal import print_run
from publisher.check.validators import in_ci
from publisher.errors import PublisherError
from publisher.extract.sniff import is_candidate

DESCRIPTION = """\
Check built outputs: PDF (tags, language, title, headings, bookmarks, fonts, alt text,
links, marked content, pdfua), DOCX (Open XML SDK rules via openxml-audit, heading
styles and order, title, language, hyperlinks, alt text, table headers), EPUB
(EPUBCheck, DAISY Ace, the Nu HTML Checker, accessibility metadata, package
language), HTML (axe-core, HTML_CodeSniffer via pa11y, the Nu HTML Checker, lang,
alt), and for each slug that the outline, references, links and every source
sentence agree across formats.

With no FILE, checks every output in dist/. Writes <slug>.report.json and
<slug>.report.md beside the outputs. A rule that cannot run (a validator that
is not installed, fidelity.text without the source) is skipped locally, which
the summary never calls a pass, and fails with CI=true; install the validators
with bash scripts/install-tools.sh. Exit status: 0 nothing failed, 1 a check
failed (or, with CI=true, was skipped), 2 unusable input.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="outputs, or folders of outputs, to check (default: dist/)")
    parser.add_argument("--source", type=Path, default=Path("source"), metavar="DIR",
                        help="folder of the sources, for the fidelity checks (default: source)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--rule", action="append", default=[], metavar="PATTERN",
                        help="run only rules matching this pattern, e.g. 'pdf.*' (repeatable)")
    parser.add_argument("--skip", action="append", default=[], metavar="PATTERN",
                        help="skip rules matching this pattern, e.g. 'epub.ace' (repeatable)")
    parser.add_argument("--no-report", action="store_true", help="do not write <slug>.report.json/.md")
    parser.add_argument("--list-rules", action="store_true", help="list every rule id and the tool behind it")


def check_and_report(paths: Sequence[Path], options: CheckOptions, *, as_json: bool = False,
                     reports: bool = True) -> int:
    """Check ``paths``, write the reports, print the table (or JSON); returns the exit status."""
    run = check(paths, options)
    written: list[Path] = []
    if reports:
        try:
            written = write_reports(run)
        except PublisherError as exc:
            for diagnostic in exc.diagnostics:
                print(diagnostic, file=sys.stderr)
            return 2
    if as_json:
        print(json.dumps(run_dict(run), indent=2, ensure_ascii=False))
    else:
        print_run(run, written)
    for problem in run.problems:
        print(problem, file=sys.stderr)
    return run.exit_status


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        for rule_id, tool, summary in all_rules():
            print(f"{rule_id:<24} {tool:<18} {summary}")
        return 0
    ids = [rule_id for rule_id, _tool, _summary in all_rules()]
    for pattern in [*args.rule, *args.skip]:
        # A typo must not turn into "0 rules ran, all passed".
        if not any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in ids):
            close = difflib.get_close_matches(pattern, ids, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see publisher check --list-rules"
            print(f"publisher check: no rule matches '{pattern}' — {hint}", file=sys.stderr)
            return 2
    paths: list[Path] = []
    for given in args.files or [Path("dist")]:
        # A folder stands for the outputs in it, as dist/ does when no FILE is given.
        paths += sorted(p for p in given.iterdir() if is_candidate(p)) if given.is_dir() else [given]
    if not paths:
        where = ", ".join(map(str, args.files)) or "dist"
        print(f"{where}: no outputs to check — run publisher build first, or pass files", file=sys.stderr)
        return 2
    options = CheckOptions(source_dir=args.source, ci=in_ci(), selection=Selection(tuple(args.rule), tuple(args.skip)))
    return check_and_report(paths, options, as_json=args.json, reports=not args.no_report)


def check_built(sources: Sequence[Path], plan: BuildPlan) -> int:
    """``publisher build --check``: check every output the build's manifest lists for ``sources``."""
    manifest = Manifest.load(plan.out_dir)
    paths: list[Path] = []
    for source in sources:
        entry = manifest.entries.get(entry_id(source, plan.audience))
        if entry is not None:
            paths += [plan.out_dir / record.name for fmt, record in entry.outputs.items() if fmt in plan.formats]
    paths = [p for p in paths if is_candidate(p)]
    if not paths:
        return 0  # only formats check does not judge (json) were built
    options = CheckOptions(source_dir=None, sources=tuple(sources), ci=in_ci())
    return check_and_report(paths, options)
