"""Small good and bad inputs for the validator runners, written by hand so each defect is known."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# A fixed timestamp keeps the zips byte-identical from run to run.
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

# Everything EPUB Accessibility 1.1 asks of package metadata (see GUIDE §5).
_A11Y_METADATA = """
    <meta property="schema:accessMode">textual</meta>
    <meta property="schema:accessModeSufficient">textual</meta>
    <meta property="schema:accessibilityFeature">structuralNavigation</meta>
    <meta property="schema:accessibilityFeature">tableOfContents</meta>
    <meta property="schema:accessibilityHazard">none</meta>
    <meta property="schema:accessibilitySummary">This publication has a table of contents and headings \
in reading order; it has no images.</meta>
    <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>
    <meta property="a11y:certifiedBy">publisher test suite</meta>"""

_OPF = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en"
         prefix="a11y: http://www.idpf.org/epub/vocab/package/a11y/#">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:6f1e9c1a-0d4e-4c55-9b52-0a6c1f3d2e10</dc:identifier>
    <dc:title>Validator sample</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>{a11y}
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch1" href="{chapter}" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="ch1"/>
  </spine>
</package>
"""

_NAV = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body>
  <nav epub:type="toc" role="doc-toc" id="toc">
    <h1>Contents</h1>
    <ol><li><a href="chapter.xhtml">About this sample</a></li></ol>
  </nav>
  <nav epub:type="landmarks" id="landmarks" hidden="">
    <h2>Landmarks</h2>
    <ol><li><a epub:type="bodymatter" href="chapter.xhtml">Start of content</a></li></ol>
  </nav>
</body>
</html>
"""

_CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>About this sample</title></head>
<body>
  <main>
    <section epub:type="bodymatter chapter" role="doc-chapter" aria-labelledby="h1">
      <h1 id="h1">About this sample</h1>
      <p>A short, plain page that every validator should accept.</p>{extra}
    </section>
  </main>
</body>
</html>
"""


def write_epub(path: Path, *, a11y_metadata: bool = True, manifest_chapter: str = "chapter.xhtml",
               chapter_extra: str = "") -> Path:
    """Write a one-chapter EPUB 3; drop the a11y metadata, point the manifest at a missing file or add
    markup to the chapter on request."""
    opf = _OPF.format(a11y=_A11Y_METADATA if a11y_metadata else "", chapter=manifest_chapter)
    with zipfile.ZipFile(path, "w") as zf:
        # mimetype first and stored, as OCF requires.
        zf.writestr(zipfile.ZipInfo("mimetype", _ZIP_DATE), "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in [
            ("META-INF/container.xml", _CONTAINER),
            ("EPUB/package.opf", opf),
            ("EPUB/nav.xhtml", _NAV),
            ("EPUB/chapter.xhtml", _CHAPTER.format(extra=chapter_extra)),
        ]:
            zf.writestr(zipfile.ZipInfo(name, _ZIP_DATE), text, zipfile.ZIP_DEFLATED)
    return path


_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Validator sample</title>{head}</head>
<body>
{body}
</body>
</html>
"""

_MAIN = """  <main>
    <h1>Validator sample</h1>
    <p>A short, plain page.</p>
    {image}
  </main>"""


def write_html(path: Path, *, body: str = "", image: str = "", head: str = "") -> Path:
    """A small HTML page: ``body`` replaces the default <main>, whose image is ``image``."""
    path.write_text(_HTML.format(head=head, body=body or _MAIN.format(image=image)), encoding="utf-8")
    return path

# A 1x1 PNG inline, so the page needs no second file and makes no request.
_PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def epub_factory(tmp_path: Path) -> Callable[..., Path]:
    """write_epub into tmp_path: ``epub_factory("name.epub", chapter_extra="<p>…</p>")``."""

    def make(name: str, **options: Any) -> Path:
        return write_epub(tmp_path / name, **options)

    return make


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the read-only samples below; session-scoped so each validator run is shared."""
    return tmp_path_factory.mktemp("validator-samples")


@pytest.fixture(scope="session")
def good_epub(samples: Path) -> Path:
    return write_epub(samples / "good.epub")


@pytest.fixture(scope="session")
def epub_without_a11y_metadata(samples: Path) -> Path:
    return write_epub(samples / "no-a11y.epub", a11y_metadata=False)


@pytest.fixture(scope="session")
def epub_with_broken_manifest(samples: Path) -> Path:
    return write_epub(samples / "broken-manifest.epub", manifest_chapter="missing.xhtml")


@pytest.fixture
def html_factory(tmp_path: Path) -> Callable[..., Path]:
    """write_html into tmp_path: ``html_factory("name.html", head='<link …>')``."""

    def make(name: str, **options: str) -> Path:
        return write_html(tmp_path / name, **options)

    return make


@pytest.fixture(scope="session")
def good_html(samples: Path) -> Path:
    return write_html(samples / "good.html", image=f'<img src="{_PNG}" alt="A single grey dot">')


@pytest.fixture(scope="session")
def html_img_without_alt(samples: Path) -> Path:
    return write_html(samples / "no-alt.html", image=f'<img src="{_PNG}">')


@pytest.fixture(scope="session")
def good_docx(samples: Path) -> Path:
    import docx  # python-docx is a runtime dependency; imported here to keep collection fast

    document = docx.Document()
    document.add_heading("Validator sample", level=1)
    document.add_paragraph("A short, plain page.")
    path = samples / "good.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def corrupt_docx(samples: Path) -> Path:
    """A zip that claims to be a DOCX but has no document part, so no office suite can load it."""
    path = samples / "corrupt.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("hello.txt", _ZIP_DATE), "not a word document")
    return path
