"""Lint one source: validate it as a build would, then run every content rule."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from publisher.document.i18n import strings_for
from publisher.errors import Diagnostic, Location, PublisherError
from publisher.lint import document, rules
from publisher.lint.prose import Walker
from publisher.lint.rules import Finding, SectionScore, Targets
from publisher.source import schema as s
from publisher.source.reader import ReadOptions, read_source
from publisher.source.yamlpos import load_yaml, plain, read_text


@dataclass(frozen=True)
class LintOptions:
    today: dt.date
    max_age_years: int = 3
    targets: Targets = field(default_factory=Targets)


@dataclass(frozen=True)
class FileReport:
    path: Path
    language: str = ""
    findings: tuple[Finding, ...] = ()
    sections: tuple[SectionScore, ...] = ()
    errors: tuple[Diagnostic, ...] = ()


def today_from_environment() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible runs), else the real date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970") from None


def lint_file(path: Path, options: LintOptions, originals: document.Originals | None = None) -> FileReport:
    shown = str(path)
    try:
        read_source(path)
        text = read_text(path)
        tree = load_yaml(text, shown)
        data = plain(tree)
        src = s.SourceDocument.model_validate(data)
        if _mentions_clinicians(data):
            # Clinician-only content must be as valid as the rest; reading is slow, so only when there is some.
            read_source(path, ReadOptions(audience="clinician"))
    except PublisherError as exc:
        return FileReport(path, errors=tuple(exc.diagnostics))
    except RecursionError:
        return FileReport(path, errors=(Diagnostic(Location(shown), "the document is nested too deeply",
                                                   "flatten lists and sections"),))
    targets = options.targets
    units = Walker(shown, tree, text.splitlines()).units(src, strings_for(src.language)["summary"])
    scores = rules.grade_sections(shown, units, src.language, targets)
    found: list[Finding] = [
        *document.review_age(shown, tree, src, options.today, options.max_age_years),
        *document.canonical_url(shown, tree, src),
        *document.translation(path, tree, src, originals or document.Originals()),
        *rules.grade_findings(shown, scores),
    ]
    for unit in units:
        found.extend(rules.resource_names(shown, unit))
        found.extend(rules.alt_texts(shown, unit, targets))
        for prose in unit.prose:
            found.extend(rules.long_sentences(shown, prose, src.language, targets.sentence_words))
            found.extend(rules.link_texts(shown, prose))
    ordered = sorted(found, key=lambda f: (f.line, f.rule, f.message))
    return FileReport(path, src.language, tuple(ordered), tuple(scores))


def _mentions_clinicians(node: object) -> bool:
    if isinstance(node, dict):
        return node.get("audience") == "clinician" or any(_mentions_clinicians(v) for v in node.values())
    if isinstance(node, list):
        return any(_mentions_clinicians(v) for v in node)
    return False
