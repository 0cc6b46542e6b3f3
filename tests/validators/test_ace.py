"""DAISY Ace runner (Debian Chromium): full a11y metadata passes; without it Ace reports each missing property."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from publisher.validators import ace

pytestmark = pytest.mark.validator


def test_accessible_epub_passes_ace(good_epub: Path) -> None:
    result = ace.check(good_epub)

    assert result.ok, [str(f) for f in result.findings]
    assert result.findings == ()
    assert result.version == "1.4.6"


def test_missing_accessibility_metadata_is_reported(epub_without_a11y_metadata: Path) -> None:
    result = ace.check(epub_without_a11y_metadata)

    assert not result.ok
    rules = {f.rule for f in result.findings}
    assert {"metadata-accessmode", "metadata-accessibilityfeature", "metadata-accessibilityhazard",
            "metadata-accessibilitysummary", "metadata-accessmodesufficient"} <= rules
    hazard = next(f for f in result.findings if f.rule == "metadata-accessibilityhazard")
    assert hazard.severity == "error"  # Ace grades it "serious"
    assert hazard.location == "EPUB/package.opf"


def test_content_documents_are_checked_with_axe_in_chromium(epub_factory: Callable[..., Path]) -> None:
    # A link with no text is only visible to axe running in the browser, not to the metadata checks.
    epub = epub_factory("empty-link.epub", chapter_extra='<p><a href="#h1"></a></p>')

    result = ace.check(epub)

    assert not result.ok
    link = [f for f in result.findings if f.rule == "link-name"]
    assert link, [str(f) for f in result.findings]
    assert link[0].location == "chapter.xhtml a"
    assert link[0].severity == "error"
