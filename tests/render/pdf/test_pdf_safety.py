"""The renderer reads only what it may, fails on whatever WeasyPrint complains about, and is repeatable."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from handouts import FIGURES, ROOT, SEED, VARIANTS

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document.model import Document, Figure, all_blocks
from publisher.errors import RenderError
from publisher.render import RenderOptions
from publisher.render.layout import Layout
from publisher.render.pdf import html_to_pdf, render
from publisher.render.pdf.engine import engine_for
from publisher.render.pdf.fetcher import RefusedURL, RestrictedURLFetcher
from publisher.render.pdf.page import image_src

PNG = ROOT / "tests" / "fixtures" / "pdf" / "images" / "bars.png"


@pytest.fixture(scope="module")
def doc() -> Document:
    return load(FIGURES, BuildPlan(out_dir=ROOT / "dist"))


def page(body: str, lang: str = ' lang="en"') -> str:
    return f"<!DOCTYPE html><html{lang}><head><title>t</title></head><body><h1>t</h1>{body}</body></html>"


def _allowed(doc: Document) -> str:
    """The URL the handout gives the fixture's bar chart: the document's own image, by its content."""
    return next(image_src(b) for b in all_blocks(doc) if isinstance(b, Figure) and b.path == str(PNG))


def test_the_fixture_page_renders(doc: Document) -> None:
    """The control for the refusals below: the same page with an allowed image renders."""
    pdf = html_to_pdf(page(f'<img src="{_allowed(doc)}" alt="bars"/>'), doc, Layout(), RenderOptions())
    assert pdf.startswith(b"%PDF-1.7")


@pytest.mark.parametrize("src", [
    "http://127.0.0.1:9/tracker.png",
    "https://example.org/x.png",
    "file:///etc/hostname",
    (ROOT / "pyproject.toml").as_uri(),
    "../../pyproject.toml",
    "data:image/png;base64,iVBORw0KGgo=",
])
def test_fetcher_refuses_what_is_not_the_layouts_or_the_documents(doc: Document, src: str) -> None:
    with pytest.raises(RenderError, match="refused"):
        html_to_pdf(page(f'<img src="{src}" alt="x"/>'), doc, Layout(), RenderOptions())


def test_fetcher_refuses_a_stylesheet_from_the_network(doc: Document) -> None:
    html = page("").replace("</head>", '<link rel="stylesheet" href="https://example.org/x.css"/></head>')
    with pytest.raises(RenderError, match="refused"):
        html_to_pdf(html, doc, Layout(), RenderOptions())


def test_fetcher_resolves_dot_dot_and_symlinks(tmp_path: Path) -> None:
    layout = tmp_path / "layouts"
    (layout / "pdf").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    (layout / "pdf" / "link.txt").symlink_to(secret)
    fetcher = RestrictedURLFetcher(roots=[layout])
    for url in [(layout / "pdf" / "link.txt").as_uri(), (layout / "pdf").as_uri() + "/../../secret.txt"]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    (layout / "pdf" / "ok.css").write_text("p {}")
    assert fetcher.fetch((layout / "pdf" / "ok.css").as_uri()).read() == b"p {}"


def test_missing_alt_text_is_an_error(doc: Document) -> None:
    with pytest.raises(RenderError, match="no required alt"):
        html_to_pdf(page(f'<img src="{_allowed(doc)}"/>'), doc, Layout(), RenderOptions())


def test_missing_language_is_an_error(doc: Document) -> None:
    with pytest.raises(RenderError, match='"lang"'):
        html_to_pdf(page("<p>x</p>", lang=""), doc, Layout(), RenderOptions())


def test_bad_css_in_a_layout_is_an_error(tmp_path: Path, doc: Document) -> None:
    root = tmp_path / "layouts"
    shutil.copytree(Layout().root, root)
    with (root / "pdf" / "handout.css").open("a") as css:
        css.write("\np { colr: red; }\n")
    with pytest.raises(RenderError, match="colr"):
        render(doc, Layout(root), RenderOptions())


def test_a_layout_font_outside_the_layout_is_refused(tmp_path: Path, doc: Document) -> None:
    root = tmp_path / "layouts"
    shutil.copytree(Layout().root, root)
    with (root / "pdf" / "handout.css").open("a") as css:
        css.write(f'\n@font-face {{ font-family: "Host"; src: url("{(tmp_path / "x.ttf").as_uri()}"); }}\n')
    with pytest.raises(RenderError, match="refused"):
        render(doc, Layout(root), RenderOptions())


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_two_renders_are_byte_identical(variant: str) -> None:
    doc = load(SEED, BuildPlan(out_dir=ROOT / "dist"))
    first = render(doc, Layout(), VARIANTS[variant])
    assert render(doc, Layout(), VARIANTS[variant]) == first
    with pikepdf.open(io.BytesIO(first)) as pdf:  # dates come from the edition (here the review date), never the clock
        assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == "D:20150626000000Z"


def test_engine_is_reused_per_layout_and_paper() -> None:
    layout = Layout()
    letter = engine_for(layout, "letter", False)
    assert engine_for(Layout(), "letter", False) is letter
    assert engine_for(layout, "a4", False) is not letter
    assert engine_for(layout, "a4", True).font_config is letter.font_config


def test_engine_follows_a_changed_layout_in_a_long_lived_process(tmp_path: Path) -> None:
    """A worker that outlives a layout edit (Dask, the preview server) must not keep the old CSS."""
    import shutil

    root = tmp_path / "layouts"
    shutil.copytree(Layout().root, root)
    before = engine_for(Layout(root), "letter", False)
    css = root / "pdf" / "handout.css"
    css.write_text(css.read_text() + "\n/* edited */\n")
    after = engine_for(Layout(root), "letter", False)
    assert after is not before
    assert engine_for(Layout(root), "letter", False) is after
