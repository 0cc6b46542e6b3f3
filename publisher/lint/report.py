"""Lint results as text lines (``path:line: message``), a grade table, or JSON."""

from __future__ import annotations

import json
from typing import Any

from publisher.lint.check import FileReport, LintOptions
from publisher.lint.rules import SectionScore

METRIC_NAMES = {"flesch-kincaid": "Flesch–Kincaid grade", "fernandez-huerta": "Fernández-Huerta reading ease"}


def grade_table(report: FileReport) -> list[str]:
    """Every section's score, within target or not, for a writer revising the text."""
    scored = [sec for sec in report.sections if sec.score is not None]
    if not scored:
        return [f"{report.path}: no reading-level formula for language '{report.language}'"] if report.sections else []
    first = scored[0].score
    assert first is not None
    lines = [f"{report.path} ({report.language}; {METRIC_NAMES[first.metric]}, target {first.target})",
             "  line   score  words  ok  section"]
    for sec in scored:
        assert sec.score is not None
        mark = "yes" if sec.score.ok else "no"
        lines.append(f"  {sec.line:>4}  {sec.score.value:>6.1f}  {sec.counts.words:>5}  {mark:>3}  {sec.title}")
    return lines


def summary(reports: list[FileReport], strict: bool) -> str:
    findings = sum(len(r.findings) for r in reports)
    invalid = sum(1 for r in reports if r.errors)
    kind = "error" if strict else "warning"
    text = f"linted {len(reports)} file{'s' * (len(reports) != 1)}: {findings} {kind}{'s' * (findings != 1)}"
    return text + (f", {invalid} invalid" if invalid else "")


def as_json(reports: list[FileReport], options: LintOptions, strict: bool) -> str:
    severity = "error" if strict else "warning"
    files = []
    for r in reports:
        files.append({
            "path": str(r.path),
            "valid": not r.errors,
            "language": r.language,
            "errors": [{"path": d.location.path, "line": d.location.line, "col": d.location.col,
                        "message": d.message, "hint": d.hint} for d in r.errors],
            "sections": [_section(sec) for sec in r.sections],
            "findings": [{"path": f.path, "line": f.line, "rule": f.rule, "severity": severity,
                          "message": f.message, "hint": f.hint} for f in r.findings],
        })
    data = {
        "today": options.today.isoformat(),
        "max_age_years": options.max_age_years,
        "target_grade": options.targets.grade,
        "max_sentence_words": options.targets.sentence_words,
        "strict": strict,
        "files": files,
        "summary": {"files": len(reports), "invalid": sum(1 for r in reports if r.errors),
                    "findings": sum(len(r.findings) for r in reports)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _section(sec: SectionScore) -> dict[str, Any]:
    out: dict[str, Any] = {"title": sec.title, "line": sec.line, "words": sec.counts.words,
                           "sentences": sec.counts.sentences, "syllables": sec.counts.syllables}
    if sec.score is not None:
        out.update(metric=sec.score.metric, score=sec.score.value, target=sec.score.target, ok=sec.score.ok)
        if sec.score.level:
            out["level"] = sec.score.level
    return out
