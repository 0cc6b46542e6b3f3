"""PDF/UA-1 by a second independent checker: ``page-validation`` (PyPI; Rust; passes the veraPDF corpus).

``page.validate_pdf(path, profile="ua1")`` runs its 104 PDF/UA-1 rules in about 15 ms a file,
inside its own safety limits (input size, object count, reference depth), so a hostile file
ends in a ``PageError`` that this rule reports instead of a hang.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from publisher.check.result import Outcome, RuleSet, failed, passed, skipped


@dataclass(frozen=True)
class PageContext:
    path: Path
    ci: bool


rules: RuleSet[PageContext] = RuleSet()


@rules.rule("pdf.page-validation", "page-validation", "the page-validation checker finds the file PDF/UA-1 compliant")
def page_validation(ctx: PageContext) -> Outcome:
    try:
        import page  # imported here: only this rule needs the extension module
    except ImportError:
        message = "page-validation is not installed — install publisher's dependencies with: pip install -e ."
        return failed(message) if ctx.ci else skipped(f"skipped (not installed): {message}")
    label = f"page-validation {metadata.version('page-validation')}"
    try:
        report = page.validate_pdf(str(ctx.path), profile="ua1")
    except page.PageError as exc:
        return failed(f"{label} could not read the file: {type(exc).__name__}: {exc}")
    notes = [f"{f.rule_id} ({_where(f)}): {f.message}" for f in report.failures]
    if not report.is_compliant:
        first = report.failures[0] if report.failures else None
        reason = f"first {first.rule_id}: {first.message}" if first is not None else "no failure listed"
        return failed(f"{label}: not PDF/UA-1 compliant, {report.rules.failed} of {report.rules.total} rule(s) "
                      f"failed, {reason}", notes)
    return passed(f"{label}: PDF/UA-1 compliant ({report.rules.total} rules)", notes)


def _where(failure: object) -> str:
    obj = getattr(failure, "object_id", None)
    return f"object {obj.object_number} {obj.generation} R" if obj is not None else "document"
