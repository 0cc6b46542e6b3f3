"""HTML_CodeSniffer through pa11y (npm), in Debian's Chromium: a second accessibility engine beside axe-core.

pa11y's own puppeteer is pointed at ``tools/chromium-headless`` (PUPPETEER_EXECUTABLE_PATH) and never
downloads a browser (install scripts are off, PUPPETEER_SKIP_DOWNLOAD=1). Errors against WCAG 2 AA fail;
HTML_CodeSniffer's warnings and notices ask a person to look, so they are advisories.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import Finding, Severity, ValidationResult, ValidatorFailed

TOOL = "htmlcs"
PA11Y = "node_modules/pa11y/bin/pa11y.js"
STANDARD = "WCAG2AA"
_SEVERITY: dict[str, Severity] = {"error": "error", "warning": "warning", "notice": "info"}


def check(page: Path, *, timeout: float = 120.0) -> ValidationResult:
    node = tools.node(TOOL)
    script = tools.node_script(TOOL, PA11Y)
    with tools.scratch_dir(TOOL) as scratch:
        argv = [node, str(script), "--runner", "htmlcs", "--standard", STANDARD, "--reporter", "json",
                "--include-warnings", "--timeout", str(int(timeout * 1000)), page.resolve().as_uri()]
        done = tools.run(TOOL, argv, timeout=timeout + 30.0, env=tools.chromium_env(TOOL, Path(scratch)),
                         cwd=Path(scratch))
    # pa11y exits 2 when it found errors, 0 when none; 1 is a failure of pa11y itself.
    if done.returncode not in (0, 2):
        raise ValidatorFailed(TOOL, f"pa11y exited with status {done.returncode}", done.stderr or done.stdout)
    try:
        issues: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    except json.JSONDecodeError as exc:
        raise ValidatorFailed(TOOL, f"unreadable JSON output: {exc}", done.stderr) from exc
    found = [Finding(_SEVERITY.get(str(i.get("type")), "info"), str(i.get("code", "")), str(i.get("message", "")),
                     f"{page.name} {i.get('selector', '')}".strip(), str(i.get("type", ""))) for i in issues]
    errors = tuple(f for f in found if f.severity == "error")
    return ValidationResult(tool=TOOL, version=f"pa11y {_version('pa11y')}, HTML_CodeSniffer "
                            f"{_version('@pa11y/html_codesniffer')}", target=page, ok=not errors, findings=errors,
                            advisories=tuple(f for f in found if f.severity != "error"))


def _version(package: str) -> str:
    manifest = tools.tools_home() / "tools" / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("version", "unknown"))
    except (OSError, ValueError):
        return "unknown"
