"""EPUBCheck (W3C/DAISY, Java): conformance of an EPUB package against the EPUB 3.3 specification."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import Finding, Severity, ValidationResult, ValidatorFailed

TOOL = "epubcheck"

# One short run per book: the C1 compiler alone and the serial collector roughly halve EPUBCheck's
# wall time on a 2-core machine (~10 s -> ~5.5 s measured), since most of it is JIT warm-up.
# --locale (below) and user.language pin the message language; it would otherwise follow the host's.
_JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Duser.language=en", "-Duser.country=US")

_SEVERITY: dict[str, Severity] = {"FATAL": "error", "ERROR": "error", "WARNING": "warning"}


def check(epub: Path, *, timeout: float = 180.0) -> ValidationResult:
    """Validate ``epub``; ``ok`` is False when EPUBCheck reports any FATAL or ERROR message."""
    java = tools.java(TOOL)
    jar = tools.epubcheck_jar()
    with tools.scratch_dir(TOOL) as scratch:
        report = Path(scratch) / "report.json"
        argv = [java, *_JVM_OPTIONS, "-jar", str(jar), str(epub), "--locale", "en", "--json", str(report), "--quiet"]
        done = tools.run(TOOL, argv, timeout=timeout)
        # Exit 0: valid; 1: errors found. Anything else, or no report, is a crash.
        if done.returncode not in (0, 1) or not report.is_file():
            raise ValidatorFailed(TOOL, f"exited with status {done.returncode} and no report", done.stderr)
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValidatorFailed(TOOL, f"unreadable JSON report: {exc}", done.stderr) from exc
    findings = tuple(finding for message in data.get("messages", []) for finding in _findings(message))
    return ValidationResult(
        tool=TOOL,
        version=str(data.get("checker", {}).get("checkerVersion", "unknown")),
        target=epub,
        ok=not any(f.severity == "error" for f in findings),
        findings=findings,
    )


def _findings(message: dict[str, Any]) -> list[Finding]:
    """One finding per location, so each can be shown as path:line:col."""
    level = str(message.get("severity", ""))
    severity = _SEVERITY.get(level, "info")
    text = str(message.get("message", ""))
    rule = str(message.get("ID", ""))
    locations = message.get("locations") or [{}]
    return [Finding(severity, rule, text, _where(loc), level) for loc in locations]


def _where(loc: dict[str, Any]) -> str:
    path = str(loc.get("path", ""))
    line, col = int(loc.get("line", -1)), int(loc.get("column", -1))
    if line > 0 and col > 0:
        return f"{path}:{line}:{col}"
    return f"{path}:{line}" if line > 0 else path
