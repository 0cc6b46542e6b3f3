"""openxml-audit runner: Word 2010's table accessibility additions are advisories for Word 2007, errors are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.render import RenderOptions
from publisher.render.docx import render
from publisher.render.layout import Layout
from publisher.validators import openxml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.validator


def test_a_table_with_alt_text_is_valid_and_its_2010_properties_are_advisories(tmp_path: Path) -> None:
    doc = load(ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml", BuildPlan(tmp_path))
    path = tmp_path / "rich.docx"
    path.write_bytes(render(doc, Layout(), RenderOptions()))
    result = openxml.check(path)
    assert result.ok, [str(f) for f in result.findings]
    assert any("tblCaption" in f.message and f.rule == "office2007" for f in result.advisories)
    # Against Microsoft 365 alone the same file has nothing to say.
    assert openxml.check(path, formats=("microsoft365",)).advisories == ()
