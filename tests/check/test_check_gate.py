"""The independent validators behind docx.openxml, html.vnu, epub.vnu and html.htmlcs: 0 errors on both seeds,
and each rule fails on a good file mutated to break what its tool checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, ROOT, Checked
from check_mutate import edit_member

from publisher.cli import main

pytestmark = [pytest.mark.validator, pytest.mark.slow]
RULES = ("docx.openxml", "html.vnu", "epub.vnu", "html.htmlcs")


def _rules(*rules: str) -> list[str]:
    return [arg for rule in rules for arg in ("--rule", rule)]


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("es")
    source = ROOT / "source" / "leiomyosarcoma.es.yaml"
    assert main(["build", str(source), "--out", str(out), "--format", "docx,epub,html", "--quiet"]) == 0
    return out


def test_both_seeds_pass_every_new_validator(outputs: Path, spanish: Path, run_check: Callable[..., Checked]) -> None:
    files = [outputs / NAMES[f] for f in ("docx", "epub", "html")]
    files += [spanish / f"leiomyosarcoma-es.{f}" for f in ("docx", "epub", "html")]
    result = run_check(*files, *_rules(*RULES), validators=True)
    assert result.status == 0, result.out
    assert "skipped (not installed)" not in result.out, "install the validators: bash scripts/install-tools.sh"
    assert "8 passed, 0 failed, 0 skipped" in result.out  # 4 rules, each on its format of 2 seeds


def _swap_first_paragraph_properties(xml: str) -> str:
    """Put w:jc before w:pStyle in one paragraph: the schema's order, which Word enforces and LibreOffice not."""
    return re.sub(r"<w:pPr><w:pStyle ([^>]*)/>", r'<w:pPr><w:jc w:val="left"/><w:pStyle \1/>', xml, count=1)


@pytest.mark.parametrize(("fmt", "rule", "member", "change", "expected"), [
    ("docx", "docx.openxml", "word/document.xml", _swap_first_paragraph_properties, "office2007"),
    ("epub", "epub.vnu", "EPUB/content.xhtml",
     # A "type" attribute not in the epub: namespace is still an error: only epub:type is allowed.
     lambda xml: xml.replace('<p class="byline">', '<p class="byline" type="x">', 1), "“type” not allowed"),
    ("epub", "epub.vnu", "EPUB/content.xhtml",
     lambda xml: xml.replace('<h1 id="title">', '<h1 id="summary">', 1), "duplicate ID value “summary”"),
])
def test_zip_rule_fails_on_a_mutated_member(fmt: str, rule: str, member: str, change: Callable[[str], str],
                                            expected: str, outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit_member(outputs / NAMES[fmt], member, change)
    result = run_check(path, *_rules(rule), validators=True)
    assert result.status == 1, result.out
    assert result.failed(path, rule) and expected in result.out, result.out


@pytest.mark.parametrize(("rule", "change", "expected"), [
    ("html.vnu", lambda html: html.replace('<h1 id="title">', '<h1 id="summary">', 1), "Duplicate ID “summary”"),
    ("html.htmlcs", lambda html: html.replace("</h1>", '</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
                                              1), "H37"),
])
def test_html_rule_fails_on_a_mutated_page(rule: str, change: Callable[[str], str], expected: str, outputs: Path,
                                           run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["html"]
    text = path.read_text(encoding="utf-8")
    assert change(text) != text
    path.write_text(change(text), encoding="utf-8")
    result = run_check(path, *_rules(rule), validators=True)
    assert result.status == 1, result.out
    assert result.failed(path, rule) and expected in result.out, result.out
