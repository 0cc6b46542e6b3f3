"""Each list is a list of its own in Word's numbering, so adjacent lists are not read as one."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from docx_xml import NS, Docx, W

from publisher.document import model as m
from publisher.validators import pandoc


def _two_adjacent_lists(doc: m.Document) -> m.Document:
    first = m.ResourceList((m.Resource("MedlinePlus", "https://medlineplus.gov/", (m.Text("has more."),)),
                            m.Resource("NORD", "https://rarediseases.org/", (m.Text("helps families."),))))
    second = m.ListBlock(False, ((m.Paragraph((m.Text("Ask about tests."),)),),
                                 (m.Paragraph((m.Text("Ask about treatment."),)),)))
    summary = replace(doc.sections[0], blocks=(first, second))
    return replace(doc, sections=(summary, *doc.sections[1:]))


def test_adjacent_bulleted_lists_get_their_own_numbering(seed_doc: m.Document,
                                                         render_docx: Callable[..., Docx]) -> None:
    out = render_docx(_two_adjacent_lists(seed_doc))
    ids = [p.find("w:pPr/w:numPr/w:numId", NS).get(W + "val") for p in out.document.iter(W + "p")
           if p.find("w:pPr/w:numPr/w:numId", NS) is not None]
    assert ids[:4] == [ids[0], ids[0], ids[2], ids[2]] and ids[0] != ids[2]


def test_pandoc_reads_two_lists(seed_doc: m.Document, render_docx: Callable[..., Docx], tmp_path: Path) -> None:
    path = tmp_path / "lists.docx"
    path.write_bytes(render_docx(_two_adjacent_lists(seed_doc)).data)
    ast = json.loads(subprocess.run([pandoc.binary(), str(path), "-t", "json"], capture_output=True, text=True,
                                    check=True).stdout)
    kinds = [block["t"] for block in ast["blocks"]]
    start = kinds.index("BulletList")
    assert kinds[start:start + 2] == ["BulletList", "BulletList"]
    assert [len(ast["blocks"][start + i]["c"]) for i in range(2)] == [2, 2]
