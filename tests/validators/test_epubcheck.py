"""EPUBCheck runner: a hand-made valid EPUB passes; a manifest pointing at a missing file fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.validators import epubcheck

pytestmark = pytest.mark.validator


def test_valid_epub_passes_epubcheck_5(good_epub: Path) -> None:
    result = epubcheck.check(good_epub)

    assert result.ok, [str(f) for f in result.findings]
    assert result.errors == ()
    assert result.tool == "epubcheck"
    assert result.version.startswith("5."), "EPUBCheck 4.x does not know EPUB 3.3 / Accessibility 1.1"


def test_broken_manifest_is_an_error_at_its_path(epub_with_broken_manifest: Path) -> None:
    result = epubcheck.check(epub_with_broken_manifest)

    assert not result.ok
    missing = [f for f in result.errors if f.rule == "RSC-001"]
    assert missing, [str(f) for f in result.findings]
    assert missing[0].location == "EPUB/missing.xhtml"
    assert "could not be found" in missing[0].message
    assert missing[0].level == "ERROR"

