"""EPUB extraction follows the spine, resolves paths against the package, and skips navigation headings."""

from __future__ import annotations

import zipfile
from pathlib import Path

from publisher.extract.epub import extract_epub, read_package

CONTAINER = """<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OPS/pkg.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
OPF = """<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language>en</dc:language></metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="b" href="text/b%20two.xhtml" media-type="application/xhtml+xml"/>
<item id="a" href="text/a.xhtml" media-type="application/xhtml+xml"/>
<item id="gone" href="text/gone.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine><itemref idref="nav"/><itemref idref="a"/><itemref idref="b"/><itemref idref="gone"/></spine></package>"""
XHTML = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
lang="en"><head><title>x</title></head><body>{}</body></html>"""


def test_epub_extract_reads_the_spine_in_order(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/epub+zip")
        zf.writestr("META-INF/container.xml", CONTAINER)
        zf.writestr("OPS/pkg.opf", OPF)
        zf.writestr("OPS/nav.xhtml", XHTML.format('<nav epub:type="toc"><h1>Contents</h1></nav>'))
        zf.writestr("OPS/text/a.xhtml", XHTML.format('<h1>First</h1><p>Go to <a href="https://example.org/">x</a>.</p>'))
        zf.writestr("OPS/text/b two.xhtml", XHTML.format(
            '<section epub:type="bibliography"><h2>References</h2><ol><li>One <a href="https://example.org/r1">'
            "link</a></li></ol></section>"))
    found = extract_epub(path)
    assert found.outline == ((1, "First"), (2, "References"))
    assert found.references == ((1, "https://example.org/r1"),)
    assert found.links == ("https://example.org/", "https://example.org/r1")
    assert read_package(path).missing == ("OPS/text/gone.xhtml",)
