"""Rule plumbing: selection patterns, and a rule that crashes on a hostile file fails instead of raising."""

from __future__ import annotations

from pathlib import Path

from publisher.check.result import Outcome, RuleSet, Selection, Status, passed


def test_selection_patterns() -> None:
    only_pdf = Selection(only=("pdf.*",), skip=("pdf.pdfua",))
    assert only_pdf.wants("pdf.lang")
    assert not only_pdf.wants("pdf.pdfua")
    assert not only_pdf.wants("docx.title")
    assert Selection().wants("anything")


def test_a_crashing_rule_fails_with_its_reason_and_the_others_still_run() -> None:
    rules: RuleSet[str] = RuleSet()

    @rules.rule("demo.crash", "test", "always raises")
    def crash(_context: str) -> Outcome:
        raise KeyError("/Annots")

    @rules.rule("demo.fine", "test", "always passes")
    def fine(_context: str) -> Outcome:
        return passed()

    results = rules.run("ctx", Path("x.pdf"), Selection())
    assert [r.status for r in results] == [Status.FAIL, Status.PASS]
    assert results[0].line() == "x.pdf: demo.crash: fail: could not evaluate this rule on the file: KeyError: '/Annots'"
