"""epub.roundtrip and docx.roundtrip: pandoc 3 reads the file back and loses nothing a reader follows.

A library, a converter or a records system meets our EPUB and DOCX through programs like
pandoc. The rule compares pandoc's reading with our own reading of the same file
(:mod:`publisher.extract`): every heading (level and text), every external link, every
citation still a link that lands on its reference, every internal link resolving, and no
warning from pandoc (its "Reference not found" is the sign of a citation marked up as a note).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from publisher.check.result import Outcome, RuleSet, failed, passed, skipped
from publisher.extract.model import Extract
from publisher.extract.text import normalize
from publisher.validators import ValidatorFailed, ValidatorMissing, pandoc

CITATION_TEXT = re.compile(r"^\[\d+\]$")


@dataclass
class RoundTrip:
    path: Path
    format: str  # "epub" or "docx": pandoc's reader
    extract: Extract
    citations: int  # citation links in the file, as our own reader counts them
    ci: bool


epub_rules: RuleSet[RoundTrip] = RuleSet()
docx_rules: RuleSet[RoundTrip] = RuleSet()

SUMMARY = ("pandoc 3 reads the {} back: every heading, external link and citation survives, internal links "
           "resolve, no warning")


@epub_rules.rule("epub.roundtrip", "pandoc", SUMMARY.format("EPUB"))
def epub_roundtrip(ctx: RoundTrip) -> Outcome:
    return judge(ctx)


@docx_rules.rule("docx.roundtrip", "pandoc", SUMMARY.format("DOCX"))
def docx_roundtrip(ctx: RoundTrip) -> Outcome:
    return judge(ctx)


def judge(ctx: RoundTrip, read: Callable[[Path, str], pandoc.Reading] = pandoc.read) -> Outcome:
    try:
        reading = read(ctx.path, ctx.format)
    except ValidatorMissing as missing:
        message = f"pandoc is not installed ({missing.missing})"
        return failed(message) if ctx.ci else skipped(f"skipped (not installed): {message}")
    except ValidatorFailed as broken:
        return failed(f"pandoc did not finish: {broken}")
    problems = [f"pandoc {reading.version}: {w}" for w in reading.warnings]
    problems += _headings(ctx.extract.outline, reading.headings)
    targets = {target for target, _text in reading.links}
    problems += [f"external link lost: {url}" for url in ctx.extract.links if url not in targets]
    internal = [(t, text) for t, text in reading.links if t.startswith("#")]
    problems += [f"internal link {text!r} goes to {t}, which pandoc's document does not have"
                 for t, text in internal if t[1:] not in reading.ids]
    cited = sum(1 for t, text in internal if CITATION_TEXT.match(text.strip()) and t[1:] in reading.ids)
    if cited != ctx.citations:
        problems.append(f"{ctx.citations} citation link(s) in the file, {cited} after pandoc read it")
    if problems:
        return failed(f"{len(problems)} loss(es) when pandoc {reading.version} reads the {ctx.format.upper()}, "
                      f"first: {problems[0]}", problems)
    return passed(f"pandoc {reading.version}: {len(reading.headings)} headings, {len(targets)} link targets, "
                  f"{cited} citations, no warning")


def _headings(ours: tuple[tuple[int, str], ...], theirs: tuple[tuple[int, str], ...]) -> list[str]:
    want = [(level, normalize(text)) for level, text in ours]
    got = [(level, normalize(text)) for level, text in theirs]
    if want == got:
        return []
    lost = [f"heading lost or changed: h{level} {text!r}" for level, text in want if (level, text) not in got]
    return lost or [f"headings in another order or repeated: pandoc read {len(got)}, the file has {len(want)}"]


# ----------------------------------------------------------------- counting citations in our files

XHTML_ROLE_CITATION = ("doc-biblioref", "doc-noteref")
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def html_citations(roots: list[etree._Element]) -> int:
    """Links marked as citations (``doc-biblioref``, or a note reference) in XHTML trees."""
    count = 0
    for root in roots:
        for element in root.iter("{http://www.w3.org/1999/xhtml}a", "a"):
            roles = (element.get("role") or "").split() + (element.get(EPUB_TYPE) or "").split()
            if any(r in XHTML_ROLE_CITATION or r in ("biblioref", "noteref") for r in roles):
                count += 1
    return count


def docx_citations(document: etree._Element, w: Callable[[str], str]) -> int:
    """Internal hyperlinks whose text is a citation number "[N]"."""
    count = 0
    for link in document.iter(w("hyperlink")):
        text = "".join(t.text or "" for t in link.iter(w("t")))
        if link.get(w("anchor")) and CITATION_TEXT.match(text.strip()):
            count += 1
    return count
