"""PDF/UA-1 by an independent checker: the PyPI package ``pdfua`` (pikepdf-based, no JVM).

Only its ERROR findings of CERTAIN confidence fail the rule; its heuristic and warning findings and
any of its rules that could not run are listed in the details, so a crash inside the checker is
visible but is not mistaken for a defect of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.check.result import Outcome, RuleSet, failed, passed, skipped


@dataclass(frozen=True)
class PdfuaContext:
    path: Path
    ci: bool


rules: RuleSet[PdfuaContext] = RuleSet()


@rules.rule("pdf.pdfua", "pdfua", "the pdfua package finds no certain PDF/UA-1 error")
def pdfua_errors(ctx: PdfuaContext) -> Outcome:
    path = ctx.path
    try:
        import pdfua  # imported here: it loads its rule catalogue, which only this rule needs
    except ImportError:
        # A dependency of publisher: missing only in a broken install. Like a validator: named, fatal in CI.
        message = "pdfua is not installed — install publisher's dependencies with: pip install -e ."
        return failed(message) if ctx.ci else skipped(f"skipped (not installed): {message}")
    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as exc:
        return failed(f"pdfua {pdfua.__version__} could not read the file: {exc}")
    errors = [f for f in report.findings
              if f.severity is pdfua.Severity.ERROR and f.confidence is pdfua.Confidence.CERTAIN]
    notes = [f"{f.rule_id} {f.severity.name.lower()} ({f.location.describe()}): {f.message}"
             for f in report.findings]
    notes += [f"{o.rule_id} not evaluated: {o.skipped_reason}" for o in report.skipped]
    if errors:
        first = errors[0]
        return failed(f"pdfua {pdfua.__version__}: {len(errors)} error(s), first {first.rule_id}: {first.message}",
                      notes)
    ran = len(report.outcomes) - len(report.skipped)
    return passed(f"pdfua {pdfua.__version__}: no errors in {ran} rule(s)", notes)
