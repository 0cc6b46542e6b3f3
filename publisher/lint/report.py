"""Lint results as text lines (``path:line[:col]: message``), a grade table, or JSON."""

from __future__ import annotations

import json
from typing import Any

from publisher.lint.check import FileReport, LintOptions
from publisher.lint.readability import NAMES, Score
from publisher.lint.rules import Finding, SectionScore

TOO_SHORT = "short"  # what the table shows for a formula the section is too short for


def grade_table(report: FileReport) -> list[str]:
    """Every section's scores, within target or not, and the whole document's, for a writer revising the text."""
    rows = [*report.sections, *([report.document] if report.document else [])]
    if not rows:
        return []
    metrics = [s.metric for s in rows[0].scores]
    if not metrics:
        return [f"{report.path}: no reading-level formula for language '{report.language}'"]
    targets = "; ".join(f"{NAMES[s.metric]} {s.target}" + (f" ({s.target_level})" if s.target_level else "")
                        for s in rows[0].scores)
    lines = [f"{report.path} ({report.language}; target {targets}; '{TOO_SHORT}': too short to score)",
             "  line  " + "".join(f"{NAMES[m]:>17}" for m in metrics) + "  words  sentences  ok   section"]
    for sec in rows:
        cells = "".join(f"{_cell(s):>17}" for s in sec.scores)
        mark = "no" if sec.failing else "yes" if any(s.scored for s in sec.scores) else "—"
        title = "(whole document)" if sec.whole else sec.title
        lines.append(f"  {sec.line:>4}  {cells}  {sec.counts.words:>5}  {sec.counts.sentences:>9}  {mark:<3}  {title}")
    return lines


def _cell(score: Score) -> str:
    return TOO_SHORT if score.value is None else f"{score.value:.1f}"


def fails(finding: Finding, strict: bool) -> bool:
    return strict or finding.severity == "error"


def summary(reports: list[FileReport], strict: bool) -> str:
    findings = [f for r in reports for f in r.findings]
    errors = sum(fails(f, strict) for f in findings)
    warnings = len(findings) - errors
    invalid = sum(1 for r in reports if r.errors)
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors or strict else []
    if warnings or not strict:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    text = f"linted {len(reports)} file{'s' * (len(reports) != 1)}: {', '.join(parts)}"
    return text + (f", {invalid} invalid" if invalid else "")


def as_json(reports: list[FileReport], options: LintOptions, strict: bool) -> str:
    files = []
    for r in reports:
        files.append({
            "path": str(r.path),
            "valid": not r.errors,
            "language": r.language,
            "errors": [{"path": d.location.path, "line": d.location.line, "col": d.location.col,
                        "message": d.message, "hint": d.hint} for d in r.errors],
            "sections": [_section(sec) for sec in r.sections],
            "document": _section(r.document) if r.document else None,
            "findings": [{"path": f.path, "line": f.line, "col": f.col, "rule": f.rule,
                          "severity": "error" if fails(f, strict) else "warning",
                          "message": f.message, "hint": f.hint} for f in r.findings],
        })
    data = {
        "today": options.today.isoformat(),
        "max_age_years": options.max_age_years,
        "target_grade": options.targets.grade,
        "max_sentence_words": options.targets.sentence_words,
        "require_citations": options.require_citations,
        "strict": strict,
        "files": files,
        "summary": {"files": len(reports), "invalid": sum(1 for r in reports if r.errors),
                    "findings": sum(len(r.findings) for r in reports)},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _section(sec: SectionScore) -> dict[str, Any]:
    return {"title": sec.title, "line": sec.line, "words": sec.counts.words, "sentences": sec.counts.sentences,
            "syllables": sec.counts.syllables, "polysyllables": sec.counts.polysyllables, "ok": not sec.failing,
            "scores": [_score(s) for s in sec.scores]}


def _score(score: Score) -> dict[str, Any]:
    out: dict[str, Any] = {"metric": score.metric, "score": score.value, "target": score.target, "ok": score.ok}
    if score.target_level:
        out["target_level"] = score.target_level
    if score.value is None:
        out["too_short"] = f"needs {score.needs}"
    if score.level:
        out["level"] = score.level
    return out
