"""DAISY Ace: EPUB Accessibility 1.1 checks (package metadata, navigation, axe-core in each content document)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from publisher.validators import tools
from publisher.validators.result import Finding, Severity, ValidationResult, ValidatorFailed

TOOL = "ace"
ACE_CLI = "node_modules/@daisy/ace-cli/bin/ace.js"

# axe/Ace impact grades; Ace fails the publication on any of them, the mapping only orders them.
_SEVERITY: dict[str, Severity] = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "info"}


def check(epub: Path, *, timeout: float = 300.0) -> ValidationResult:
    """Run Ace on ``epub``; ``ok`` is Ace's own verdict (earl:outcome "pass": no violation of any impact)."""
    node = tools.node(TOOL)
    script = tools.node_script(TOOL, ACE_CLI)
    with tools.scratch_dir(TOOL) as scratch_name:
        scratch = Path(scratch_name)
        out = scratch / "report"
        # Ace's own per-document timeout stays below ours so a slow page is reported by Ace, not killed.
        per_document_ms = str(int(max(timeout - 30.0, 10.0) * 1000))
        argv = [node, str(script), "--exiterror2", "--silent", "--force", "--lang", "en",
                "--outdir", str(out), "--tempdir", str(scratch / "work"), "--timeout", per_document_ms,
                str(epub.resolve())]
        report = out / "report.json"
        # --exiterror2: 0 pass, 2 violations found, 1 Ace could not check the file. On a loaded machine
        # its headless Chromium sometimes fails to start (exit 1, no report, seen once in ~20 gate runs
        # beside other browsers): that says nothing about the book, so it is tried once more.
        for _attempt in range(2):
            done = tools.run(TOOL, argv, timeout=timeout, env=tools.chromium_env(TOOL, scratch), cwd=scratch)
            if done.returncode in (0, 2) and report.is_file():
                break
        if done.returncode not in (0, 2) or not report.is_file():
            raise ValidatorFailed(TOOL, f"exited with status {done.returncode} and no report",
                                  done.stdout + done.stderr)
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValidatorFailed(TOOL, f"unreadable JSON report: {exc}") from exc
    return ValidationResult(
        tool=TOOL,
        version=str(data.get("earl:assertedBy", {}).get("doap:release", {}).get("doap:revision", "unknown")),
        target=epub,
        ok=data.get("earl:result", {}).get("earl:outcome") == "pass",
        findings=tuple(_findings(data)),
    )


def _findings(report: dict[str, Any]) -> Iterator[Finding]:
    """Ace nests one assertion list per checked file (package document, each content document)."""
    for document in report.get("assertions", []):
        url = str(document.get("earl:testSubject", {}).get("url", ""))
        for assertion in document.get("assertions", []):
            result = assertion.get("earl:result", {})
            if result.get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            impact = str(test.get("earl:impact", ""))
            yield Finding(
                severity=_SEVERITY.get(impact, "warning"),
                rule=str(test.get("dct:title", "")),
                message=str(result.get("dct:description") or test.get("dct:description", "")),
                location=_where(url, result.get("earl:pointer", {})),
                level=impact,
            )


def _where(url: str, pointer: dict[str, Any]) -> str:
    selectors = pointer.get("css") or []
    return f"{url} {' '.join(str(s) for s in selectors)}".strip()
