"""What every validator runner returns or raises: findings, a result, and typed failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from publisher.errors import Diagnostic, Location, PublisherError

Severity = Literal["error", "warning", "info"]

INSTALL_COMMAND = "bash scripts/install-tools.sh"


@dataclass(frozen=True)
class Finding:
    """One problem a tool reported, in the tool's own words and rule id."""

    severity: Severity
    rule: str  # the tool's id: epubcheck "RSC-001", Ace/axe "image-alt", LibreOffice "load"
    message: str
    location: str  # file inside the package or page, plus a selector or line when the tool gives one
    level: str = ""  # the tool's own grade before mapping: "ERROR", "serious", ...

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class ValidationResult:
    """A finished run: ``ok`` is the tool's own pass/fail verdict; advisories never affect it."""

    tool: str
    version: str
    target: Path
    ok: bool
    findings: tuple[Finding, ...] = ()
    advisories: tuple[Finding, ...] = ()  # e.g. axe "best-practice" rules: worth reading, not a failure
    artifact: Path | None = None  # a file the tool made (LibreOffice's PDF)
    extra: dict[str, str] = field(default_factory=dict)  # e.g. the browser version axe ran in

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def summary(self) -> str:
        verdict = "ok" if self.ok else f"{len(self.findings)} finding(s)"
        return f"{self.tool} {self.version}: {self.target.name}: {verdict}"


class ValidatorMissing(PublisherError):
    """A validator or what it needs (Java, Node, Chromium, a jar) is not installed."""

    exit_status = 2

    def __init__(self, tool: str, missing: str) -> None:
        self.tool = tool
        self.missing = missing
        self.install_command = INSTALL_COMMAND
        super().__init__(Diagnostic(Location(tool), f"not installed ({missing})", f"run: {INSTALL_COMMAND}"))


class ValidatorFailed(PublisherError):
    """A validator crashed, timed out or printed something we cannot read: a tooling fault, not a finding."""

    exit_status = 1

    def __init__(self, tool: str, message: str, output: str = "") -> None:
        self.tool = tool
        self.output = output
        tail = output.strip().splitlines()[-5:]
        hint = " | ".join(tail) if tail else ""
        super().__init__(Diagnostic(Location(tool), message, hint))
