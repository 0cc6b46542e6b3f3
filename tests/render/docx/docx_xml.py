"""Reads a rendered DOCX for the tests: parsed parts, relationships, python-docx view, text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from lxml import etree

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "source" / "leiomyosarcoma.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "docx"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
W = f"{{{NS['w']}}}"


class Docx:
    """A rendered DOCX opened two ways: as parsed XML parts and through python-docx."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def names(self) -> list[str]:
        return self.zip.namelist()

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @property
    def document(self) -> etree._Element:
        return self.xml("word/document.xml")

    @property
    def styles(self) -> etree._Element:
        return self.xml("word/styles.xml")

    def rels(self, part: str = "word/document.xml") -> dict[str, etree._Element]:
        folder, _, name = part.rpartition("/")
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        return {r.get("Id"): r for r in rels.findall("rel:Relationship", NS)}

    def python_docx(self) -> docx.document.Document:
        return docx.Document(io.BytesIO(self.data))

    def style_names(self) -> dict[str, str]:
        """styleId -> name."""
        return {s.get(W + "styleId"): s.find("w:name", NS).get(W + "val") for s in self.styles.findall("w:style", NS)}

    def body_paragraphs(self) -> list[etree._Element]:
        return self.document.findall("w:body/w:p", NS)


def text_of(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t", W + "tab")) if el is not None else ""


def paragraph_text(p: etree._Element) -> str:
    out = []
    for node in p.iter(W + "t", W + "tab", W + "br"):
        out.append(node.text or "" if node.tag == W + "t" else (" " if node.tag == W + "tab" else "\n"))
    return "".join(out)


def load_doc(source: Path, root: Path | None = None) -> m.Document:
    return load(source, BuildPlan(Path("/nonexistent-out"), project_root=root))


def style_id(p: etree._Element) -> str:
    """The paragraph's style id; no ``w:pStyle`` means the default paragraph style."""
    found = p.find("w:pPr/w:pStyle", NS)
    return found.get(W + "val") if found is not None else "Normal"


def heading_level(name: str) -> int | None:
    """Word's built-in heading style names are "heading 1".."heading 9"."""
    low = name.lower()
    return int(low.split()[1]) if low.startswith("heading ") and low.split()[1].isdigit() else None


def normalise(text: str) -> str:
    return " ".join(text.split())


def luminance(hex_rgb: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def reading_order(blocks: tuple[m.Block, ...]) -> list[str]:
    """The text of every block's own inlines, in the order a reader meets them."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, m.ListBlock):
            for item in block.items:
                out += reading_order(item)
        elif isinstance(block, m.Quote | m.Note):
            out += reading_order(block.blocks)
        elif isinstance(block, m.ResourceList):
            for r in block.items:
                out += [f"{r.name} {m.inline_text(r.description)}", *reading_order(r.note)]
        elif isinstance(block, m.QuestionList):
            for q in block.items:
                out += [m.inline_text(q.question), *reading_order(q.answer)]
        else:
            out += [m.inline_text(run) for run in m.block_inlines(block)]
    return out
