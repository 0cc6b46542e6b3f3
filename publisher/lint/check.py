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
from publisher.source.yamlpos import load_yaml, plain, position, read_text


@dataclass(frozen=True)
class LintOptions:
    today: dt.date
    max_age_years: int = 3
    targets: Targets = field(default_factory=Targets)
    require_citations: bool = False  # uncited references are errors (else the build lists them as further reading)


@dataclass(frozen=True)
class FileReport:
    path: Path
    language: str = ""
    findings: tuple[Finding, ...] = ()
    sections: tuple[SectionScore, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    document: SectionScore | None = None  # all graded prose together


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
    walker = Walker(shown, tree, text.splitlines())
    units = walker.units(src, strings_for(src.language)["summary"])
    scores = rules.grade_sections(shown, units, src.language, targets)
    whole = rules.grade_document(scores, position(tree, ("title",))[0], src.language, targets)
    found: list[Finding] = [
        *document.review_age(shown, tree, src, options.today, options.max_age_years),
        *document.review_due(shown, tree, src, options.today),
        *document.canonical_url(shown, tree, src),
        *document.translation(path, tree, src, originals or document.Originals()),
        *rules.grade_findings(shown, [*scores, *([whole] if whole else [])]),
    ]
    if options.require_citations:
        found.extend(document.uncited(shown, tree, src, walker.cited))
    for unit in units:
        found.extend(rules.resource_names(shown, unit))
        found.extend(rules.alt_texts(shown, unit, targets))
        for prose in unit.prose:
            found.extend(rules.long_sentences(shown, prose, src.language, targets.sentence_words))
            found.extend(rules.link_texts(shown, prose))
            found.extend(rules.plain_words(shown, prose, src.language))
    ordered = sorted(found, key=lambda f: (f.line, f.col, f.rule, f.message))
    return FileReport(path, src.language, tuple(ordered), tuple(scores), document=whole)


def _mentions_clinicians(node: object) -> bool:
    if isinstance(node, dict):
        return node.get("audience") == "clinician" or any(_mentions_clinicians(v) for v in node.values())
    if isinstance(node, list):
        return any(_mentions_clinicians(v) for v in node)
    return False
