"""Any text a Word paragraph holds reads the same after import: Markdown and YAML escaping never change words."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.authoring.importer import Defaults, import_docx
from publisher.document import model as m
from publisher.extract.text import normalize
from publisher.source.reader import read_source

# Markdown and YAML punctuation, list and quote markers, digits, letters, accents, quotes, dashes.
# '@' is left out: "[@key]" typed in Word would read as a citation (see docs/authoring.md).
ALPHABET = st.sampled_from(list("abcXYZ019 .,;:!?*_`[](){}<>#&%-+=|~\\/'\"“”’—–éñü\t"))
PARAGRAPH = st.text(ALPHABET, min_size=1, max_size=40).filter(lambda t: any(c.isalnum() for c in t))


def summary_text(paragraphs: list[str]) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        doc = Document()
        doc.add_paragraph("A title", style="Title")
        for text in paragraphs:
            doc.add_paragraph(text)
        doc.add_heading("More", level=1)
        doc.add_paragraph("End.")
        doc.save(str(tmp / "in.docx"))
        result = import_docx(tmp / "in.docx", tmp / "out.yaml", Defaults("Office", dt.date(2024, 1, 2), "en"))
        assert result.problems == [], (result.problems, (tmp / "out.yaml").read_text())
        doc_model = read_source(result.source)
        (summary, *_rest) = doc_model.sections
        return [normalize(m.inline_text(b.children)) for b in summary.blocks if isinstance(b, m.Paragraph)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PARAGRAPH, min_size=1, max_size=3))
def test_paragraph_text_survives_import(paragraphs: list[str]) -> None:
    want = [normalize(p) for p in paragraphs if normalize(p)]
    assert summary_text(paragraphs) == want


def test_markup_lookalikes_stay_text() -> None:
    tricky = ["1. Not a list", "- not a bullet", "> not a quote", "# not a heading", "**not bold**",
              "[not a link](https://example.org)", "a <b>tag</b> &amp; an entity", "ends with a backslash \\",
              "key: value # not a comment", "[text]{lang=es} is not a span"]
    assert summary_text(tricky) == [normalize(t) for t in tricky]
