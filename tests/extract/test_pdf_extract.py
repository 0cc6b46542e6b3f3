"""PDF extraction from a real WeasyPrint PDF/UA file: tags, text per MCID, lists across pages, links."""

from __future__ import annotations

from pathlib import Path

import pytest
import weasyprint

from publisher.extract.pdf import bookmarks, extract_pdf, open_pdf
from publisher.render.layout import DEFAULT_ROOT

# The bundled face, not a host font: where the probe's lines and pages break must not depend on the fonts
# a machine happens to have (DejaVu Sans was one, and it is not installed by the README's commands).
FONT = (DEFAULT_ROOT / "fonts" / "AtkinsonHyperlegible-Regular.ttf").as_uri()
HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Probe</title>
<style>
@page { size: 320px 260px; margin: 20px }
@font-face { font-family: "Probe"; src: url("%s") }
body { font-family: "Probe"; font-size: 11px }
</style></head>
<body>
<h1>Probe title</h1>
<p>This paragraph is long enough to wrap over several lines of a narrow page, so words on
both sides of a line break must stay apart. Next sentence here.</p>
<p>A long address https://example.org/a/very/long/path/that/wraps/at/slashes/in/the/middle ends.</p>
<h2>Section <em>two</em></h2>
<p>See <a href="https://example.org/linked">the linked page</a>.</p>
<h2>References</h2>
<ol>
""" + "".join(f'<li>Entry {i} with some words <a href="https://example.org/r{i}">https://example.org/r{i}</a>.</li>\n'
              for i in range(1, 9)) + """</ol>
</body></html>
"""
HTML = HTML.replace("%s", FONT, 1)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "probe.pdf"
    weasyprint.HTML(string=HTML).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def test_outline_and_bookmarks(probe: Path) -> None:
    found = extract_pdf(probe)
    assert found.outline == ((1, "Probe title"), (2, "Section two"), (2, "References"))
    with open_pdf(probe) as pdf:
        assert bookmarks(pdf) == [(1, "Probe title"), (2, "Section two"), (2, "References")]


def test_references_span_pages(probe: Path) -> None:
    found = extract_pdf(probe)
    with open_pdf(probe) as pdf:
        assert len(pdf.pages) >= 3  # the list is split by page breaks into several L elements
    assert found.references == tuple((i, f"https://example.org/r{i}") for i in range(1, 9))


def test_links_and_text(probe: Path) -> None:
    found = extract_pdf(probe)
    assert found.links[0] == "https://example.org/linked"
    assert set(found.links) == {"https://example.org/linked", *(f"https://example.org/r{i}" for i in range(1, 9))}
    assert "so words on both sides of a line break must stay apart. Next sentence here." in found.text
    # A URL that wraps at a slash is read back without a space in it.
    assert "https://example.org/a/very/long/path/that/wraps/at/slashes/in/the/middle ends." in found.text
