"""Translations: found by slug beside them, warned when reviewed before their original."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from publisher.lint import LintOptions, lint_file

FIXTURES = Path(__file__).parent / "fixtures" / "translation"
ROOT = Path(__file__).parents[2]
OPTIONS = LintOptions(today=dt.date(2025, 1, 1))


def rules(path: Path) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.message) for f in lint_file(path, OPTIONS).findings]


def test_translation_reviewed_before_its_original_is_flagged() -> None:
    assert rules(FIXTURES / "condition.es.yaml") == [(
        8, "translation-stale",
        f"translation last reviewed 2024-01-10, before its original {FIXTURES / 'condition.yaml'} (2024-05-01)",
    )]


def test_translation_reviewed_with_its_original_is_quiet() -> None:
    assert rules(FIXTURES / "condition.fr.yaml") == []
    assert rules(FIXTURES / "condition.yaml") == []


def test_missing_original_is_reported_at_translation_of() -> None:
    [(line, rule, message)] = rules(FIXTURES / "orphan.es.yaml")
    assert (line, rule) == (4, "translation")
    assert "'missing-original' is not among the sources" in message


def test_seed_translation_is_spanish_and_not_stale() -> None:
    report = lint_file(ROOT / "source" / "leiomyosarcoma.es.yaml", OPTIONS)
    assert not report.errors and report.language == "es"
    assert not [f for f in report.findings if f.rule.startswith("translation")]
    assert {tuple(score.metric for score in s.scores) for s in report.sections} == {("fernandez-huerta", "inflesz")}


def test_seed_translation_goes_stale_when_the_original_is_reviewed_again(tmp_path: Path) -> None:
    for name in ("leiomyosarcoma.yaml", "leiomyosarcoma.es.yaml"):
        shutil.copy(ROOT / "source" / name, tmp_path / name)
    original = tmp_path / "leiomyosarcoma.yaml"
    original.write_text(original.read_text().replace("last_reviewed: 2015-06-26", "last_reviewed: 2024-02-02"))
    stale = [f for f in lint_file(tmp_path / "leiomyosarcoma.es.yaml", OPTIONS).findings
             if f.rule == "translation-stale"]
    assert len(stale) == 1
    assert stale[0].message == f"translation last reviewed 2015-06-26, before its original {original} (2024-02-02)"
