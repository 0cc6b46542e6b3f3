"""Loading and rendering helpers for the HTML renderer's tests (a module, so tests import it by a unique name)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m
from publisher.render import RenderOptions
from publisher.render.html import render
from publisher.render.layout import Layout

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
RICH = ROOT / "tests" / "fixtures" / "rich-content" / "rich.yaml"


def load_doc(source: Path, tmp: Path) -> m.Document:
    return load(source, BuildPlan(tmp))


def render_html(doc: m.Document, layout: Layout | None = None) -> bytes:
    return render(doc, layout or Layout(), RenderOptions())


def parse(page: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page.decode("utf-8"))
