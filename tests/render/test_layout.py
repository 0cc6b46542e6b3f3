"""Layouts: Jinja environments per format, with compiled templates cached between processes."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.render import RenderOptions
from publisher.render.html import render
from publisher.render.layout import DEFAULT_ROOT, Layout

SEED = Path(__file__).resolve().parents[2] / "source" / "leiomyosarcoma.yaml"


def test_compiled_templates_are_cached_between_processes() -> None:
    env = Layout().environment("html")
    assert isinstance(env.bytecode_cache, jinja2.FileSystemBytecodeCache)
    assert env.autoescape is True


def test_an_edited_template_is_compiled_again_not_served_from_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "layouts"
    shutil.copytree(DEFAULT_ROOT, root)
    doc = load(SEED, BuildPlan(tmp_path / "out", layout=Layout(root)))
    before = render(doc, Layout(root), RenderOptions()).decode()
    page = root / "html" / "page.html.j2"
    page.write_text(page.read_text().replace("<body", "<body data-edited=\"yes\"", 1))
    after = render(doc, Layout(root), RenderOptions()).decode()  # a new Layout: a new environment, same cache
    assert 'data-edited="yes"' not in before
    assert 'data-edited="yes"' in after
