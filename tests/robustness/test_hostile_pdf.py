"""`publisher check` on hostile PDFs built here with pikepdf: a structure tree 3,000 levels deep, a /K and a
/ParentTree /Kids that list themselves. Every PDF rule must end (no RecursionError, no endless walk) and the
tree rules must say clearly what is wrong."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tagged_page(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    page.obj.StructParents = 0
    page.Contents = pdf.make_stream(b"/P <</MCID 0>> BDC EMC")
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en")
    return root


def deep_tree(path: Path) -> None:
    """3,000 nested Div elements, the last owning the page's only marked content."""
    pdf = pikepdf.new()
    root = _tagged_page(pdf)
    parent: pikepdf.Object = root
    elements = []
    for _ in range(3000):
        elem = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Div, P=parent,
                                                    Pg=pdf.pages[0].obj, K=pikepdf.Array()))
        parent.K = pikepdf.Array([elem])
        elements.append(elem)
        parent = elem
    elements[-1].K = pikepdf.Array([0])
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([elements[-1]])])))
    pdf.save(path)


def self_listing_k(path: Path) -> None:
    """An element whose /K lists itself (and the page's marked content)."""
    pdf = pikepdf.new()
    root = _tagged_page(pdf)
    elem = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=root,
                                                Pg=pdf.pages[0].obj))
    elem.K = pikepdf.Array([0, elem])
    root.K = pikepdf.Array([elem])
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([elem])])))
    pdf.save(path)


def self_listing_parent_tree(path: Path) -> None:
    """A /ParentTree node whose /Kids lists itself."""
    pdf = pikepdf.new()
    root = _tagged_page(pdf)
    elem = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, P=root,
                                                Pg=pdf.pages[0].obj, K=pikepdf.Array([0])))
    root.K = pikepdf.Array([elem])
    node = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([elem])])))
    node.Kids = pikepdf.Array([node])
    root.ParentTree = node
    pdf.save(path)


HOSTILE: list[tuple[Callable[[Path], None], str]] = [
    (deep_tree, "more than 256 levels deep"),
    (self_listing_k, "listed more than once"),
    (self_listing_parent_tree, "/ParentTree lists node"),
]


@pytest.mark.parametrize(("make", "says"), HOSTILE, ids=[m.__name__ for m, _ in HOSTILE])
def test_check_ends_with_a_clear_failure(make: Callable[[Path], None], says: str, tmp_path: Path) -> None:
    path = tmp_path / f"{make.__name__}.pdf"
    make(path)
    # A subprocess with a generous bound: a walk that never ends fails the test instead of hanging the suite.
    result = subprocess.run([sys.executable, "-m", "publisher", "check", str(path), "--rule", "pdf.*",
                             "--no-report", "--source", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stdout + result.stderr
    if says:
        assert f"{path}: pdf.struct-tree: fail:" in result.stdout and says in result.stdout, result.stdout
        if "ParentTree" not in says:
            assert f"{path}: pdf.structure: fail:" in result.stdout, result.stdout
