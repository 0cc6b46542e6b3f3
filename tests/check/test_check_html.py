"""HTML rules (lang, title, img alt, axe) and the fidelity rules, each shown able to fail."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from check_fixtures import NAMES, SOURCES, Checked

# A 1x1 PNG inline: the page stays self-contained (axe blocks remote requests).
PNG = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
       "rkJggg==")


def edit(path: Path, change: Callable[[str], str]) -> Path:
    text = path.read_text(encoding="utf-8")
    new = change(text)
    assert new != text, "the edit changed nothing"
    path.write_text(new, encoding="utf-8")
    return path


def add_image_without_alt(html: str) -> str:
    return html.replace("</h1>", f'</h1><img src="{PNG}" width="1" height="1">', 1)


def test_seed_html_passes_our_html_rules(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["html"]
    result = run_check(path)
    assert result.status == 0, result.out
    assert f"{path}: html." not in result.out  # passing rules print no line of their own


@pytest.mark.parametrize(("rule", "change"), [
    ("html.img-alt", add_image_without_alt),
    ("html.lang", lambda html: re.sub(r'(<html[^>]*?) lang="[^"]*"', r"\1", html, count=1)),
    ("html.title", lambda html: re.sub(r"<title>[^<]*</title>", "<title></title>", html, count=1)),
])
def test_rule_fails_on_html_broken_for_it(rule: str, change: Callable[[str], str], outputs: Path,
                                          run_check: Callable[..., Checked]) -> None:
    path = edit(outputs / NAMES["html"], change)
    result = run_check(path, "--rule", rule)
    assert result.status == 1, result.out
    assert result.failed(path, rule), result.out


def test_html_missing_a_heading_fails_fidelity(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit(outputs / NAMES["html"], lambda html: html.replace(
        '<h2 id="prognosis">Prognosis</h2>', "<p>Prognosis</p>"))
    result = run_check(*(outputs / n for n in NAMES.values()), "--rule", "fidelity.*")
    assert result.status == 1
    assert result.failed(path, "fidelity.outline")
    source = SOURCES / "leiomyosarcoma.yaml"
    assert f"{path}: fidelity.outline: fail: headings differ from the outline of {source}" in result.out
    assert "missing level 2 'Prognosis'" in result.out
    others = [outputs / NAMES[f] for f in ("pdf", "large-print.pdf", "docx", "epub")]
    assert not any(result.failed(p, "fidelity.outline") for p in others)


def test_html_missing_a_sentence_fails_text_fidelity(outputs: Path, run_check: Callable[..., Checked]) -> None:
    sentence = "There are numerous long term survivors from this group."
    path = edit(outputs / NAMES["html"], lambda html: html.replace(sentence, ""))
    result = run_check(path, "--rule", "fidelity.text")
    assert result.status == 1
    assert result.failed(path, "fidelity.text")
    assert sentence in result.out


def test_html_missing_a_link_fails_link_fidelity(outputs: Path, run_check: Callable[..., Checked]) -> None:
    path = edit(outputs / NAMES["html"],
                lambda html: html.replace('href="https://monarchinitiative.org/"', 'href="#x"'))
    result = run_check(path, outputs / NAMES["epub"], "--rule", "fidelity.links")
    assert result.status == 1
    assert result.failed(path, "fidelity.links")
    assert "https://monarchinitiative.org/" in result.out


def test_missing_validator_is_named_and_skipped_locally(outputs: Path, run_check: Callable[..., Checked],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # PUBLISHER_CHROMIUM is the runners' documented override of the browser; a path that does not exist
    # makes axe "not installed" without touching the real installation.
    monkeypatch.setenv("PUBLISHER_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    path = outputs / NAMES["html"]
    result = run_check(path, "--rule", "html.axe", validators=True)
    assert result.status == 0, result.out
    assert f"{path}: html.axe: skip: skipped (not installed)" in result.out
    assert "bash scripts/install-tools.sh" in result.out


def test_missing_validator_fails_in_ci(outputs: Path, run_check: Callable[..., Checked],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUBLISHER_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    path = outputs / NAMES["html"]
    result = run_check(path, "--rule", "html.axe", validators=True)
    assert result.status == 1, result.out
    assert result.failed(path, "html.axe")
    assert "not installed" in result.out and "bash scripts/install-tools.sh" in result.out


@pytest.mark.validator
def test_axe_passes_the_seed_html_and_fails_an_image_without_alt(outputs: Path,
                                                                 run_check: Callable[..., Checked]) -> None:
    path = outputs / NAMES["html"]
    good = run_check(path, "--rule", "html.axe", validators=True)
    assert "skipped (not installed)" not in good.out, "install the validators: bash scripts/install-tools.sh"
    assert good.status == 0, good.out
    edit(path, add_image_without_alt)
    bad = run_check(path, "--rule", "html.axe", validators=True)
    assert bad.status == 1, bad.out
    assert bad.failed(path, "html.axe")
    assert "image-alt" in bad.out


def test_without_a_source_the_odd_format_out_fails(outputs: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from check_fixtures import NO_VALIDATORS

    from publisher.cli import main

    path = edit(outputs / NAMES["html"], lambda html: html.replace(
        '<h2 id="prognosis">Prognosis</h2>', "<p>Prognosis</p>"))
    status = main(["check", *(str(outputs / n) for n in NAMES.values()), "--source", str(tmp_path),
                   "--no-report", *NO_VALIDATORS])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{path}: fidelity.outline: fail: headings differ from the outline of the majority of formats" in out
    assert "missing level 2 'Prognosis'" in out
    assert f"{outputs / NAMES['docx']}: fidelity.outline: fail" not in out
