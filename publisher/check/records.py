"""The records-PDF rule: PDF/A-2u, judged by page-validation (PyPI ``page-validation``).

page-validation is an independent checker (Rust; it passes the veraPDF and Isartor test
corpora). Every handout claims PDF/A-2u and PDF/UA-1 at once (:mod:`publisher.render.pdf.records`);
``pdf.page-validation`` (:mod:`publisher.check.pdfpage`) runs its PDF/UA-1 profile, this rule its
PDF/A-2u profile and fails on any failed rule, each listed with page-validation's rule id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.check.result import Outcome, RuleSet, failed, passed, skipped

PROFILES = ("PDF_A_2U",)


@dataclass(frozen=True)
class RecordsContext:
    path: Path
    ci: bool


rules: RuleSet[RecordsContext] = RuleSet()


@rules.rule("pdf.pdfa", "page-validation",
            "page-validation finds no failed rule in the PDF/A-2u profile (records-ready, with PDF/UA-1)")
def pdfa(ctx: RecordsContext) -> Outcome:
    try:
        import page  # imported here: only this rule needs the checker
    except ImportError:
        message = "page-validation is not installed — install publisher's dependencies with: pip install -e ."
        return failed(message) if ctx.ci else skipped(f"skipped (not installed): {message}")
    summary: list[str] = []
    details: list[str] = []
    failures = 0
    for name in PROFILES:
        profile = getattr(page.ValidationProfile, name)
        try:
            report = page.validate_pdf(ctx.path, profile=profile)
        except page.PageError as exc:
            return failed(f"page-validation {page.__version__} could not read the file ({name}): {exc}")
        failures += report.rules.failed
        summary.append(f"{name} {report.rules.passed}/{report.rules.total} rules passed")
        details += [f"{name} {f.rule_id}: {f.message}" for f in report.failures]
    line = f"page-validation {page.__version__}: {'; '.join(summary)}"
    if failures:
        return failed(f"{line}; first failure: {details[0]}" if details else line, details)
    return passed(line, details)
