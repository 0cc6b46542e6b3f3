"""The books through the real checkers: EPUBCheck (EPUB 3.3) and DAISY Ace (EPUB Accessibility 1.1, axe-core)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.validators import ace, epubcheck


@pytest.mark.validator
@pytest.mark.parametrize("slug", ["leiomyosarcoma", "rich"])
def test_epubcheck_reports_nothing(books_dir: Path, slug: str) -> None:
    result = epubcheck.check(books_dir / f"{slug}.epub")
    assert result.ok
    # Not only no errors: no warnings either.
    assert result.findings == (), "\n".join(str(f) for f in result.findings)


@pytest.mark.validator
@pytest.mark.parametrize("slug", ["leiomyosarcoma", "rich"])
def test_ace_reports_no_violation_of_any_impact(books_dir: Path, slug: str) -> None:
    result = ace.check(books_dir / f"{slug}.epub")
    assert result.ok
    assert result.findings == (), "\n".join(str(f) for f in result.findings)
