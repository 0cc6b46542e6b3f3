"""Turn a validator runner's result (publisher.validators) into a rule outcome; a missing tool is named."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from publisher.check.result import Outcome, failed, passed, skipped
from publisher.validators import ValidationResult, ValidatorFailed, ValidatorMissing


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def run_validator(run: Callable[[Path], ValidationResult], path: Path, ci: bool) -> Outcome:
    """Pass when the tool's own verdict is ok; not installed: skipped locally, a failure in CI."""
    try:
        result = run(path)
    except ValidatorMissing as missing:
        message = f"{missing.tool} is not installed ({missing.missing}) — install it with: {missing.install_command}"
        return failed(message) if ci else skipped(f"skipped (not installed): {message}")
    except ValidatorFailed as broken:
        return failed(f"{broken.tool} did not finish: {broken}")
    details = [str(f) for f in result.findings]
    advice = [f"advisory: {f}" for f in result.advisories]
    if result.ok:
        note = f", {len(result.advisories)} advisory note(s)" if result.advisories else ""
        return passed(f"{result.tool} {result.version}: no violations{note}", details + advice)
    first = f", first: {result.findings[0]}" if result.findings else ""
    return failed(f"{result.tool} {result.version}: {len(result.findings)} finding(s){first}", details + advice)
