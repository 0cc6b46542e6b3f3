"""HTML extraction: headings outside navigation, bibliography entries, external links, block text."""

from __future__ import annotations

from pathlib import Path

from publisher.extract.html import extract_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>T</title><style>p { color: red }</style></head>
<body>
<nav><h2>Contents</h2><ol><li><a href="#a">A</a></li></ol></nav>
<main>
<h1>Title <em>with</em> emphasis</h1>
<p>First&nbsp;sentence. <a href="https://example.org/a">A link</a> and <a href="#a">an anchor</a>.</p>
<h2 id="a">Section A</h2>
<p>Second<br>line.</p>
<section role="doc-bibliography"><h2>References</h2>
<ol start="4"><li>Entry <a href="https://example.org/r4">https://example.org/r4</a>
  <ul><li>a nested list is part of the entry</li></ul></li>
<li value="9">Renumbered <a href="mailto:x@example.org">mail</a></li>
<li>No link at all</li></ol></section>
</main></body></html>
"""


def test_html_extract(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    found = extract_html(path)
    assert found.outline == ((1, "Title with emphasis"), (2, "Section A"), (2, "References"))
    assert found.references == ((4, "https://example.org/r4"), (9, "mailto:x@example.org"), (6, ""))
    assert found.links == ("https://example.org/a", "https://example.org/r4", "mailto:x@example.org")
    lines = found.text.splitlines()
    assert "First sentence. A link and an anchor." in lines
    assert "color: red" not in found.text and "Contents" in lines  # styles are not text; nav text is
