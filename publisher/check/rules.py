"""The catalogue of rule ids, the tool behind each and what passing means."""

from __future__ import annotations

from publisher.check import brf, catalog, docx, epub, html, mp3, narrated, pdf, pdfpage, pdfua, records, roundtrip
from publisher.check.fidelity import TOOL as FIDELITY_TOOL

FIDELITY = (
    ("fidelity.outline", "headings (level and text) equal the source's outline and the other formats'"),
    ("fidelity.references", "the reference list (number and URL) equals the source's"),
    ("fidelity.links", "every external link of the source is present and the set equals the other formats'"),
    ("fidelity.text", "every sentence of the source's prose is in the format's text"),
)


def all_rules() -> list[tuple[str, str, str]]:
    """(rule id, tool, summary) for every rule, in report order."""
    out = [(r.id, r.tool, r.summary)
           for r in pdf.rules.rules + pdfua.rules.rules + pdfpage.rules.rules + records.rules.rules]
    for ruleset in (docx.rules, roundtrip.docx_rules, epub.rules, roundtrip.epub_rules, html.rules, catalog.rules):
        out += [(r.id, r.tool, r.summary) for r in ruleset.rules]
    for alt in (brf.rules, narrated.rules, mp3.rules):
        out += [(r.id, r.tool, r.summary) for r in alt.rules]
    out += [(rule_id, FIDELITY_TOOL, summary) for rule_id, summary in FIDELITY]
    return out
