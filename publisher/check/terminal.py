"""The terminal view of a check: a summary table per file, then one line per failure or skip."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from publisher.check.report import counts
from publisher.check.result import Status
from publisher.check.runner import CheckRun

_STYLE = {Status.PASS: "green", Status.FAIL: "bold red", Status.SKIP: "yellow"}


def summary_table(run: CheckRun) -> Table:
    table = Table(title="publisher check", title_justify="left", show_lines=False)
    for column, justify in (("File", "left"), ("Passed", "right"), ("Failed", "right"), ("Skipped", "right"),
                            ("Failing rules", "left")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for group in run.groups:
        for path, _fmt in group.files:
            mine = [r for r in group.results if r.file == str(path)]
            tally = {s: sum(1 for r in mine if r.status is s) for s in Status}
            failing = ", ".join(r.rule for r in mine if r.status is Status.FAIL)
            table.add_row(Text(str(path)), str(tally[Status.PASS]),
                          Text(str(tally[Status.FAIL]), style=_STYLE[Status.FAIL] if tally[Status.FAIL] else ""),
                          Text(str(tally[Status.SKIP]), style=_STYLE[Status.SKIP] if tally[Status.SKIP] else ""),
                          Text(failing or "—", style=_STYLE[Status.FAIL] if failing else "green"))
    return table


def print_run(run: CheckRun, reports: list[Path], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    # Wide enough that one result stays on one line when output is captured or piped.
    console = Console(file=stream, highlight=False, width=None if stream.isatty() else 160, soft_wrap=True)
    if any(g.files for g in run.groups):
        console.print(summary_table(run))
    for result in run.results:
        if result.status is Status.PASS:
            continue
        console.print(Text(result.line(), style=_STYLE[result.status]))
        for detail in result.details[:5]:
            console.print(Text(f"    {detail}"))
        if len(result.details) > 5:
            console.print(Text(f"    … {len(result.details) - 5} more in the report"))
    totals = {s: 0 for s in Status}
    for group in run.groups:
        for key, value in counts(group).items():
            totals[Status(key)] += value
    files = sum(len(g.files) for g in run.groups)
    verdict = {0: "all checks passed", 1: "some checks failed", 2: "unusable input"}[run.exit_status]
    if run.exit_status == 0 and not run.complete:
        verdict = "nothing failed, but not every check ran (a skipped rule is not a pass; with CI=true it fails)"
    console.print(Text(f"{files} file(s): {totals[Status.PASS]} passed, {totals[Status.FAIL]} failed, "
                       f"{totals[Status.SKIP]} skipped — {verdict}"))
    for path in reports:
        console.print(Text(f"wrote {path}"))
