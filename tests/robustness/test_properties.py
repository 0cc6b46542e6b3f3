"""Any valid document, with any Unicode in any text field, builds in every format into files that
parse and whose headings are the model's outline."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings

from publisher.build.plan import BuildPlan
from publisher.build.render import load, render_source
from publisher.document import model as m
from publisher.render import RENDERERS
from publisher.render.layout import DEFAULT_ROOT
from robustness.documents import documents, to_yaml, unescape
from robustness.outputs import check_structure, headings

FAST = ("json", "html", "docx", "epub")
# Hypothesis's failure report imports mypy_extensions, which warns; with filterwarnings=error that
# warning would replace the falsifying example with an INTERNALERROR.
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _build(doc: dict[str, object], formats: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "prop.yaml"
        source.write_text(to_yaml(doc), encoding="utf-8")
        plan = BuildPlan(Path(folder) / "out", formats=formats)
        rendered = render_source(source, plan)
        assert rendered.ok, "\n".join(map(str, rendered.errors))
        expected = [(e.level, _normal(e.title)) for e in m.outline(load(source, plan))]
        assert expected[0] == (1, _normal(str(doc["title"])))
        for fmt, name, data in rendered.files:
            assert name == f"prop.{RENDERERS[fmt].suffix}"
            check_structure(fmt, data)
            assert headings(fmt, data) == expected, fmt


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_any_unicode_builds_json_html_docx_epub(doc: dict[str, object]) -> None:
    _build(doc, FAST)


def _pdf_alphabet() -> str:
    """Characters the bundled fonts can draw: the PDF refuses a .notdef glyph, so only these are 'valid'."""
    covered: set[int] = set()
    for path in sorted((DEFAULT_ROOT / "fonts").glob("*.[ot]tf")):
        with TTFont(path, lazy=True) as font:
            covered |= set(font.getBestCmap())
    return "".join(chr(c) for c in sorted(covered) if chr(c).isprintable() or chr(c) in " \n")


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(alphabet=_pdf_alphabet()))
def test_any_covered_text_builds_pdf(doc: dict[str, object]) -> None:
    _build(doc, ("pdf",))


def test_markdown_escaping_round_trips() -> None:
    """The strategy's escaping is what makes generated Markdown literal; check it once by hand."""
    from robustness.documents import _MD_SPECIAL

    raw = "[@key] [a](javascript:x) ![i](u) *em* `c` <b> &amp; # h\n- item\n> q"
    assert unescape(_MD_SPECIAL.sub(r"\\\1", raw)) == raw
