"""axe-core in headless Chromium: WCAG 2.2 A/AA checks of local HTML or XHTML files, offline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import Finding, Severity, ValidationResult, ValidatorFailed

TOOL = "axe"
SCRIPT = "axe-check.mjs"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_SEVERITY: dict[str, Severity] = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "info"}


# Seconds a page may take to load (publisher's own pages take one or two): a script that never
# ends blocks the page, and the check says so for that page instead of waiting minutes.
PAGE_SECONDS = 30.0


def check(page: Path, *, best_practice: bool = False, timeout: float = PAGE_SECONDS) -> ValidationResult:
    """Check one page; ``ok`` is False when any WCAG rule fails or the page tried to load a remote URL."""
    return check_all([page], best_practice=best_practice, timeout=timeout)[0]


def check_all(pages: Sequence[Path], *, best_practice: bool = False, timeout: float = PAGE_SECONDS,
              tags: Sequence[str] = WCAG_TAGS) -> list[ValidationResult]:
    """Check several pages in one browser (a launch costs about a second); ``timeout`` is per page."""
    if not pages:
        return []
    node = tools.node(TOOL)
    script = tools.node_script(TOOL, SCRIPT)
    per_page_ms = str(int(timeout * 1000))
    argv = [node, str(script), "--tags", ",".join(tags), "--timeout", per_page_ms]
    if best_practice:
        argv.append("--best-practice")
    argv += [str(p.resolve()) for p in pages]
    with tools.scratch_dir(TOOL) as scratch:
        # Per page: loading, then axe's own run (a few seconds); plus the browser's start.
        done = tools.run(TOOL, argv, timeout=2 * timeout * len(pages) + 30.0,
                         env=tools.chromium_env(TOOL, Path(scratch)), cwd=Path(scratch))
    if done.returncode != 0:
        raise ValidatorFailed(TOOL, f"exited with status {done.returncode}", done.stderr)
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        raise ValidatorFailed(TOOL, f"unreadable JSON output: {exc}", done.stderr) from exc
    version = str(data["axe"])
    browser = str(data["browser"])
    results = []
    for page, entry in zip(pages, data["results"], strict=True):
        findings = tuple(_findings(entry["violations"], page))
        if entry.get("error"):
            findings += (Finding("error", "page-load", str(entry["error"]), page.name, "timeout"),)
        blocked = tuple(Finding("error", "remote-request", f"blocked a request for {url}: pages must be "
                                "self-contained", page.name, "blocked") for url in entry["blocked"])
        advisories = tuple(_findings(entry["bestPractice"] or [], page))
        results.append(ValidationResult(
            tool=TOOL, version=version, target=page, ok=not findings and not blocked,
            findings=findings + blocked, advisories=advisories, extra={"browser": browser},
        ))
    return results


def _findings(violations: list[dict[str, Any]], page: Path) -> list[Finding]:
    """One finding per failing element, located by axe's CSS selector."""
    out = []
    for rule in violations:
        impact = str(rule.get("impact") or "")
        for node in rule.get("nodes", []):
            target = " ".join(" > ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", []))
            message = f"{rule.get('help', '')}: {node.get('failureSummary') or rule.get('description', '')}"
            out.append(Finding(_SEVERITY.get(impact, "warning"), str(rule["id"]), message,
                               f"{page.name} {target}".strip(), impact))
    return out
