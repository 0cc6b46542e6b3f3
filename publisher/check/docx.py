"""DOCX rules: the Open XML SDK's schema and semantics (openxml-audit), and lxml over the OOXML parts: headings,
title, language, hyperlinks, alt text, table headers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publisher.check import roundtrip
from publisher.check.headings import heading_order
from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.check.roundtrip import RoundTrip, docx_citations
from publisher.check.validators import run_validator
from publisher.extract.docx import extract_docx, paragraph_text
from publisher.extract.model import Extract
from publisher.extract.ooxml import NS, Docx, R, read_docx, w
from publisher.extract.text import normalize
from publisher.validators import openxml

_HEADING_STYLE = re.compile(r"^heading [1-9]$", re.IGNORECASE)


@dataclass
class DocxContext:
    path: Path
    docx: Docx
    extract: Extract
    ci: bool = False


rules: RuleSet[DocxContext] = RuleSet()


@rules.rule("docx.openxml", "openxml-audit",
            "the Open XML SDK rules (openxml-audit) find no schema or semantic error for Word 2007 and Microsoft 365")
def run_openxml(ctx: DocxContext) -> Outcome:
    return run_validator(openxml.check, ctx.path, ctx.ci)


@rules.rule("docx.heading-styles", "lxml", "headings use the built-in 'Heading N' styles, starting with Heading 1")
def heading_styles(ctx: DocxContext) -> Outcome:
    docx = ctx.docx
    styled: list[str] = []
    odd: list[str] = []
    for paragraph in docx.paragraphs():
        if not docx.heading_level(paragraph):
            continue
        style = docx.style_name(docx.paragraph_style(paragraph))
        text = normalize(paragraph_text(paragraph))
        (styled if _HEADING_STYLE.match(style) else odd).append(f"{text!r} has style {style or '(none)'!r}")
    if odd:
        return failed(f"{len(odd)} heading(s) not in a 'Heading N' style: {odd[0]}", odd)
    if not styled:
        return failed("no paragraph uses a 'Heading N' style: Word's navigation pane and screen readers "
                      "see no headings")
    first = ctx.extract.outline[0] if ctx.extract.outline else (0, "")
    if first[0] != 1:
        return failed(f"the first heading {first[1]!r} is level {first[0]}, not 'Heading 1' — is the title a heading?")
    return passed(f"{len(styled)} heading(s) in 'Heading N' styles")


@rules.rule("docx.heading-order", "lxml", "heading levels start at 1, skip none and no heading is empty")
def headings(ctx: DocxContext) -> Outcome:
    return heading_order(ctx.extract.outline, "Heading ")


def _core(ctx: DocxContext, tag: str) -> str:
    if ctx.docx.core is None:
        return ""
    found = ctx.docx.core.find(tag, NS)
    return (found.text or "").strip() if found is not None else ""


@rules.rule("docx.title", "lxml", "the core properties have a title (docProps/core.xml dc:title)")
def title(ctx: DocxContext) -> Outcome:
    found = _core(ctx, "dc:title")
    return passed(f"title {found!r}") if found else failed("no title in the core properties (dc:title)")


@rules.rule("docx.language", "lxml", "dc:language in the core properties and w:lang in the style defaults")
def language(ctx: DocxContext) -> Outcome:
    core = _core(ctx, "dc:language")
    styles = ctx.docx.styles_root
    lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS) if styles is not None else None
    default = str(lang.get(w("val"), "")).strip() if lang is not None else ""
    missing = [what for what, value in (("dc:language in the core properties", core),
                                        ("w:lang in the document defaults (styles.xml)", default)) if not value]
    if missing:
        return failed(f"no {' and no '.join(missing)}: Word reads the language from w:lang")
    if core.split("-")[0].lower() != default.split("-")[0].lower():
        return failed(f"dc:language {core!r} and the default w:lang {default!r} disagree")
    return passed(f"language {default}")


@rules.rule("docx.hyperlinks", "lxml",
            "every w:hyperlink has text and resolves: r:id to an external relationship or w:anchor to a bookmark")
def hyperlinks(ctx: DocxContext) -> Outcome:
    docx = ctx.docx
    bookmarks = {str(b.get(w("name"))) for b in docx.document.iter(w("bookmarkStart"))}
    total = 0
    broken = []
    for link in docx.document.iter(w("hyperlink")):
        total += 1
        text = normalize(paragraph_text(link))
        rid = link.get(f"{{{R}}}id")
        anchor = link.get(w("anchor"))
        if rid:
            rel = docx.rels.get(rid)
            if rel is None:
                broken.append(f"{text!r}: r:id {rid} has no relationship")
            elif not rel.external:
                broken.append(f"{text!r}: r:id {rid} is not an external relationship")
        elif anchor:
            if anchor not in bookmarks:
                broken.append(f"{text!r}: w:anchor {anchor!r} names no bookmark")
        else:
            broken.append(f"{text!r}: neither r:id nor w:anchor")
        if not text:
            broken.append(f"hyperlink {rid or anchor!r} has no text")
    if broken:
        return failed(f"{len(broken)} broken hyperlink(s), e.g. {broken[0]}", broken)
    return passed(f"{total} hyperlink(s), all resolve")


@rules.rule("docx.image-alt", "lxml", "every image has alt text (wp:docPr@descr) or is marked decorative")
def image_alt(ctx: DocxContext) -> Outcome:
    images = list(ctx.docx.document.iter(f"{{{NS['wp']}}}docPr"))
    bare = []
    for prop in images:
        decorative = any(d.get("val") in ("1", "true") for d in prop.iter(f"{{{NS['adec']}}}decorative"))
        if not decorative and not (prop.get("descr") or "").strip():
            bare.append(f"image {prop.get('name') or prop.get('id')!r} has no alt text")
    if bare:
        return failed(f"{len(bare)} of {len(images)} image(s) lack alt text", bare)
    return passed(f"{len(images)} image(s), all described or decorative")


@rules.rule("docx.table-headers", "lxml", "every table repeats a header row (w:tblHeader on its first row)")
def table_headers(ctx: DocxContext) -> Outcome:
    tables = list(ctx.docx.document.iter(w("tbl")))
    bare = []
    for index, table in enumerate(tables, start=1):
        first = table.find(w("tr"))
        header = first.find(f"{w('trPr')}/{w('tblHeader')}") if first is not None else None
        if header is None or header.get(w("val"), "true") in ("0", "false", "off"):
            bare.append(f"table {index} has no header row (w:tblHeader)")
    if bare:
        return failed(f"{len(bare)} of {len(tables)} table(s) have no header row", bare)
    return passed(f"{len(tables)} table(s), all with a header row")


def check_docx(path: Path, selection: Selection, ci: bool = False) -> tuple[list[RuleResult], Callable[[], Extract]]:
    extract = extract_docx(path)
    ctx = DocxContext(path, read_docx(path), extract, ci)
    results = rules.run(ctx, path, selection)
    trip = RoundTrip(path, "docx", extract, docx_citations(ctx.docx.document, w), ci)
    return results + roundtrip.docx_rules.run(trip, path, selection), lambda: extract
