"""Read a tagged PDF the way the tests need: structure tree, marked content, glyphs per MCID."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.psparser import PSLiteral

Mark = tuple[int, int]  # (page index, MCID)


@dataclass
class Elem:
    """A structure element: its type, the marked content it owns, its children, its attributes."""

    tag: str
    marks: list[Mark] = field(default_factory=list)
    kids: list[Elem] = field(default_factory=list)
    alt: str | None = None
    has_link_annotation: bool = False

    def walk(self) -> Iterator[Elem]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_marks(self) -> list[Mark]:
        return [m for e in self.walk() for m in e.marks]


@dataclass(frozen=True)
class Glyph:
    text: str
    size: float
    font: str
    color: tuple[float, ...]
    tag: str  # innermost marked-content tag, "" outside any
    mcid: int | None
    artifact: bool  # inside an /Artifact sequence, at any depth
    y: float = 0.0  # baseline, to tell where a line ends


def struct_tree(pdf: pikepdf.Pdf) -> Elem:
    """The structure tree from /StructTreeRoot, with page objects resolved to page indexes."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

    def build(node: pikepdf.Object, page: int | None, parent: Elem) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                build(kid, page, parent)
        elif isinstance(node, int):
            assert page is not None, "an MCID with no page"
            parent.marks.append((page, int(node)))
        elif isinstance(node, pikepdf.Dictionary):
            kind = node.get("/Type")
            if kind == "/MCR":
                pg = node.get("/Pg")
                parent.marks.append((pages[pg.objgen] if pg is not None else page, int(node["/MCID"])))
            elif kind == "/OBJR":
                parent.has_link_annotation = parent.has_link_annotation or node.Obj.get("/Subtype") == "/Link"
            else:
                pg = node.get("/Pg")
                elem = Elem(str(node.S)[1:], alt=str(node.Alt) if "/Alt" in node else None)
                parent.kids.append(elem)
                build(node.get("/K", pikepdf.Array()), pages[pg.objgen] if pg is not None else page, elem)

    root = Elem("StructTreeRoot")
    build(pdf.Root.StructTreeRoot.get("/K", pikepdf.Array()), None, root)
    return root


class _Device(PDFPageAggregator):  # type: ignore[misc]
    """Remember, for each glyph, the marked-content sequence it is drawn in."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr, laparams=None)
        self.tags: list[tuple[str, int | None]] = []
        self.glyphs: list[Glyph] = []

    def begin_tag(self, tag: PSLiteral, props: object = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.tags.append((str(tag.name), mcid))

    def end_tag(self) -> None:
        self.tags.pop()

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):  # type: ignore[no-untyped-def]
        adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        char = self.cur_item._objs[-1]
        assert isinstance(char, LTChar)
        tag, mcid = self.tags[-1] if self.tags else ("", None)
        color = graphicstate.ncolor
        self.glyphs.append(Glyph(
            char.get_text(), round(char.size, 2), char.fontname,
            tuple(color) if isinstance(color, (list, tuple)) else (color,),
            tag, mcid, any(t == "Artifact" for t, _ in self.tags), round(char.y0, 1)))
        return adv


def glyphs_by_page(data: bytes) -> list[list[Glyph]]:
    """Every glyph of every page in content-stream order, with its marked content."""
    rsrc = PDFResourceManager()
    device = _Device(rsrc)
    interpreter = PDFPageInterpreter(rsrc, device)
    pages = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        device.glyphs = []
        interpreter.process_page(page)
        assert not device.tags, "unbalanced marked content"
        pages.append(device.glyphs)
    return pages


def join_glyphs(glyphs: list[Glyph]) -> str:
    """Glyph text, with a space where a line ends without one (as text extractors do)."""
    out: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if (previous is not None and abs(glyph.y - previous.y) > previous.size / 2
                and not previous.text.isspace() and not glyph.text.isspace()):
            out.append(" ")
        out.append(glyph.text)
        previous = glyph
    return "".join(out)


def text_of_marks(glyphs: list[list[Glyph]], marks: list[Mark]) -> str:
    """The text of the given marked-content sequences, in the order given (the tree's)."""
    order = {m: i for i, m in enumerate(marks)}
    picked = sorted(((page, i, g) for page, gs in enumerate(glyphs) for i, g in enumerate(gs)
                     if (page, g.mcid) in order and not g.artifact),
                    key=lambda pig: (order[(pig[0], pig[2].mcid)], pig[0], pig[1]))
    return join_glyphs([g for _, _, g in picked])


def elem_text(elem: Elem, glyphs: list[list[Glyph]]) -> str:
    return text_of_marks(glyphs, elem.all_marks())
