"""The documentation's complete example is a real, valid source."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.document import model as m

DOC = Path(__file__).parent.parent / "docs" / "source-format.md"


def _png(path: Path) -> None:
    """A 2×2 grey PNG, written by hand so the test needs no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)


def test_complete_example_reads_and_uses_every_block_type(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(.*?)```", DOC.read_text(), re.S)
    assert example
    (tmp_path / "images").mkdir()
    _png(tmp_path / "images" / "example-diagram.png")
    _png(tmp_path / "images" / "divider.png")
    source = tmp_path / "example-condition.yaml"
    source.write_text(example.group(1))
    doc = load(source, BuildPlan(tmp_path / "out"))
    kinds = {type(b).__name__ for b in m.all_blocks(doc)}
    assert kinds >= {"Paragraph", "ListBlock", "Note", "Figure", "Table", "ResourceList", "QuestionList"}
    titles = [e.title for e in m.outline(doc)]
    assert "Empty sections are dropped" not in titles
    assert "In children" not in titles  # clinician-only, and the default audience is patient
    assert [(r.key, r.number) for r in doc.references] == [("smith2020", 1), ("who-factsheet", 2), ("never-cited", 0)]
    assert {r.type for r in doc.references} == {"article-journal", "webpage", "book"}
    links = [n.url for n in m.iter_inlines(doc.references[0].entry) if isinstance(n, m.Link)]
    assert links == ["https://doi.org/10.1000/example.2020.12", "https://pubmed.ncbi.nlm.nih.gov/31234567/"]
    clinician = load(source, BuildPlan(tmp_path / "out", audience="clinician"))
    assert "In children" in [e.title for e in m.outline(clinician)]
