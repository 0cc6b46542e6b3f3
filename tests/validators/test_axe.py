"""axe-core runner (headless Debian Chromium, offline): WCAG 2.2 AA violations, best-practice advisories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.validators import axe

pytestmark = pytest.mark.validator


def test_plain_page_passes_and_reports_versions(good_html: Path) -> None:
    result = axe.check(good_html)

    assert result.ok, [str(f) for f in result.findings]
    assert result.findings == ()
    assert result.version.startswith("4.11.")
    assert result.extra["browser"].startswith(("Chrome/", "HeadlessChrome/"))


def test_image_without_alt_is_image_alt_violation(html_img_without_alt: Path) -> None:
    result = axe.check(html_img_without_alt)

    assert not result.ok
    image_alt = [f for f in result.findings if f.rule == "image-alt"]
    assert len(image_alt) == 1, [str(f) for f in result.findings]
    assert image_alt[0].severity == "error"  # axe grades it "critical"
    assert image_alt[0].location == "no-alt.html img"


def test_remote_requests_are_blocked_and_reported(html_factory: Callable[..., Path]) -> None:
    page = html_factory("remote.html", image='<img src="https://example.invalid/a.png" alt="A remote picture">')

    result = axe.check(page)

    assert not result.ok
    assert [f.rule for f in result.findings] == ["remote-request"]
    assert "https://example.invalid/a.png" in result.findings[0].message


def test_best_practice_is_advisory_only(html_factory: Callable[..., Path]) -> None:
    # Content outside any landmark breaks axe's best-practice "region" rule, not a WCAG rule.
    page = html_factory("no-landmark.html", body="<h1>Validator sample</h1><p>Outside any landmark.</p>")

    plain = axe.check(page)
    advised = axe.check(page, best_practice=True)

    assert plain.ok and advised.ok
    assert plain.advisories == ()
    assert "region" in {f.rule for f in advised.advisories}


def test_check_all_keeps_page_order_and_is_deterministic(good_html: Path, html_img_without_alt: Path) -> None:
    results = axe.check_all([html_img_without_alt, good_html, html_img_without_alt])

    assert [r.target for r in results] == [html_img_without_alt, good_html, html_img_without_alt]
    assert [r.ok for r in results] == [False, True, False]
    assert results[0] == results[2]
