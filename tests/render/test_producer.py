"""Every output names publisher and the versions of the libraries that wrote it."""

from __future__ import annotations

import io
import re
import zipfile
from importlib import metadata
from pathlib import Path

import pikepdf
import pytest

import publisher
from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.render import options_for, renderer
from publisher.render.producer import generator

SEED = Path(__file__).resolve().parents[2] / "source" / "leiomyosarcoma.yaml"


def _producer_of(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return str(pdf.docinfo["/Creator"])
    if fmt == "docx":
        return zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
    if fmt == "epub":
        opf = zipfile.ZipFile(io.BytesIO(data)).read("EPUB/content.opf").decode()
        found = re.search(r'<meta name="generator" content="([^"]*)"', opf)
        return found.group(1) if found else ""
    found = re.search(r'<meta name="generator" content="([^"]*)"', data.decode())
    return found.group(1) if found else ""


@pytest.mark.parametrize(("fmt", "library"), [("pdf", "weasyprint"), ("docx", "python-docx"), ("epub", "ebooklib"),
                                              ("html", "jinja2")])
def test_each_format_names_its_producer(fmt: str, library: str) -> None:
    plan = BuildPlan(Path("unused"), formats=(fmt,))
    data = renderer(fmt)(load(SEED, plan), plan.layout, options_for(fmt, plan.render))
    shown = _producer_of(fmt, data)
    assert f"publisher {publisher.__version__}" in shown
    assert f"{library} {metadata.version(library)}" in shown


def test_generator_without_libraries_names_publisher_alone() -> None:
    assert generator() == f"publisher {publisher.__version__}"
