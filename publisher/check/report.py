"""Reports written beside the outputs: ``<slug>.report.json`` for machines, ``<slug>.report.md`` for people."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from publisher.build.write import write_atomic
from publisher.check.result import Status
from publisher.check.runner import CheckRun, GroupReport


def counts(group: GroupReport) -> dict[str, int]:
    tally = Counter(str(r.status) for r in group.results)
    return {str(s): tally.get(str(s), 0) for s in Status}


def group_dict(group: GroupReport) -> dict[str, object]:
    # No timestamps or durations: the same outputs give a byte-identical report.
    return {
        "slug": group.name,
        "ok": group.ok,
        "complete": not any(r.status is Status.SKIP for r in group.results),
        "source": group.source,
        "files": [str(p) for p, _ in group.files],
        "summary": counts(group),
        "results": [r.as_dict() for r in group.results],
    }


def run_dict(run: CheckRun) -> dict[str, object]:
    return {
        "ok": run.exit_status == 0,
        "complete": run.complete,
        "exit_status": run.exit_status,
        "problems": [str(d) for d in run.problems],
        "groups": [group_dict(g) for g in run.groups],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def group_markdown(group: GroupReport) -> str:
    tally = counts(group)
    lines = [
        f"# Check report: {group.name}",
        "",
        f"**{'FAIL' if not group.ok else 'INCOMPLETE' if tally['skip'] else 'PASS'}**: "
        f"{tally['pass']} passed, {tally['fail']} failed, "
        f"{tally['skip']} skipped.",
        "",
        f"Source: {group.source or '(none found)'}",
        "",
        "| File | Rule | Status | Tool | Message |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in group.results:
        lines.append(f"| {_cell(Path(r.file).name)} | `{r.rule}` | {r.status} | {r.tool} | {_cell(r.message)} |")
    failures = [r for r in group.results if r.status is not Status.PASS and r.details]
    if failures:
        lines += ["", "## Details", ""]
        for r in failures:
            lines.append(f"### {Path(r.file).name}: `{r.rule}` ({r.status})")
            lines.append("")
            lines.extend(f"- {_cell(d)}" for d in r.details[:50])
            if len(r.details) > 50:
                lines.append(f"- … {len(r.details) - 50} more")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def report_paths(group: GroupReport) -> tuple[Path, Path]:
    return group.folder / f"{group.name}.report.json", group.folder / f"{group.name}.report.md"


def write_reports(run: CheckRun) -> list[Path]:
    """Write both reports of every group atomically; raises OutputError when the folder is not writable."""
    written = []
    for group in run.groups:
        json_path, md_path = report_paths(group)
        write_atomic(json_path, (json.dumps(group_dict(group), indent=2, ensure_ascii=False) + "\n").encode())
        write_atomic(md_path, group_markdown(group).encode())
        written += [json_path, md_path]
    return written
