"""Rule results: one stable rule id, the file it judged, pass/fail/skip and a message that names both."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar


class Status(StrEnum):
    PASS = "pass"  # noqa: S105 (a status, not a password)
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class Outcome:
    """What a rule function decides; the runner adds the rule id, tool and file."""

    status: Status
    message: str
    details: tuple[str, ...] = ()


def passed(message: str = "ok", details: Sequence[str] = ()) -> Outcome:
    return Outcome(Status.PASS, message, tuple(details))


def failed(message: str, details: Sequence[str] = ()) -> Outcome:
    return Outcome(Status.FAIL, message, tuple(details))


def skipped(message: str, details: Sequence[str] = ()) -> Outcome:
    return Outcome(Status.SKIP, message, tuple(details))


@dataclass(frozen=True)
class RuleResult:
    rule: str  # stable id, e.g. "pdf.lang"
    file: str  # the file judged, as the user named it
    status: Status
    message: str
    tool: str  # what decided it: "pikepdf", "epubcheck", "axe", ...
    details: tuple[str, ...] = ()

    def line(self) -> str:
        """``dist/x.pdf: pdf.lang: fail: the catalog has no /Lang``: greppable, one line."""
        return f"{self.file}: {self.rule}: {self.status}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "file": self.file, "status": str(self.status), "tool": self.tool,
                "message": self.message, "details": list(self.details)}


C = TypeVar("C")


@dataclass(frozen=True)
class Rule(Generic[C]):
    id: str
    tool: str
    summary: str  # what passing means, for the docs and `--list-rules`
    func: Callable[[C], Outcome]


@dataclass(frozen=True)
class Selection:
    """Which rules run: shell-style patterns over rule ids (``pdf.*``, ``epub.ace``)."""

    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()

    def wants(self, rule_id: str) -> bool:
        if self.only and not any(fnmatch.fnmatchcase(rule_id, p) for p in self.only):
            return False
        return not any(fnmatch.fnmatchcase(rule_id, p) for p in self.skip)


class RuleSet(Generic[C]):
    """The rules of one format, in report order; ``rule`` registers a function as one."""

    def __init__(self) -> None:
        self.rules: list[Rule[C]] = []

    def rule(self, rule_id: str, tool: str, summary: str) -> Callable[[Callable[[C], Outcome]], Callable[[C], Outcome]]:
        def register(func: Callable[[C], Outcome]) -> Callable[[C], Outcome]:
            self.rules.append(Rule(rule_id, tool, summary, func))
            return func
        return register

    def run(self, context: C, file: Path, selection: Selection) -> list[RuleResult]:
        out = []
        for rule in self.rules:
            if not selection.wants(rule.id):
                continue
            try:
                outcome = rule.func(context)
            except Exception as exc:
                # Files under check are untrusted: a rule that cannot read one must not hide the other
                # rules' results or print a traceback. It fails, saying what stopped it.
                outcome = failed(f"could not evaluate this rule on the file: {type(exc).__name__}: {exc}")
            out.append(RuleResult(rule.id, str(file), outcome.status, outcome.message, rule.tool, outcome.details))
        return out
