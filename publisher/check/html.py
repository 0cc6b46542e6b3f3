"""HTML rules: axe-core and HTML_CodeSniffer in headless Chromium, the Nu HTML Checker (via publisher.validators),
page language and image alt (lxml)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.check.validators import run_validator
from publisher.extract.html import from_roots, local, parse_html
from publisher.extract.model import Extract
from publisher.validators import axe, htmlcs, vnu


@dataclass
class HtmlContext:
    path: Path
    root: etree._Element
    ci: bool


rules: RuleSet[HtmlContext] = RuleSet()


@rules.rule("html.axe", "axe", "axe-core finds no WCAG 2.2 A/AA violation in headless Chromium")
def run_axe(ctx: HtmlContext) -> Outcome:
    return run_validator(axe.check, ctx.path, ctx.ci)


@rules.rule("html.htmlcs", "htmlcs", "HTML_CodeSniffer (pa11y) finds no WCAG 2 AA error in headless Chromium")
def run_htmlcs(ctx: HtmlContext) -> Outcome:
    return run_validator(htmlcs.check, ctx.path, ctx.ci)


@rules.rule("html.vnu", "vnu", "the Nu HTML Checker reports no error")
def run_vnu(ctx: HtmlContext) -> Outcome:
    return run_validator(lambda path: vnu.check([path]), ctx.path, ctx.ci)


@rules.rule("html.lang", "lxml", "<html> has a lang attribute")
def lang(ctx: HtmlContext) -> Outcome:
    value = (ctx.root.get("lang") or "").strip()
    return passed(f"lang {value}") if value else failed("<html> has no lang attribute: screen readers guess the voice")


@rules.rule("html.title", "lxml", "the page has a non-empty <title>")
def title(ctx: HtmlContext) -> Outcome:
    found = next((e for e in ctx.root.iter() if local(e) == "title"), None)
    text = (found.text_content() if found is not None else "").strip()  # type: ignore[attr-defined]
    return passed(f"title {text!r}") if text else failed("the page has no <title>")


@rules.rule("html.img-alt", "lxml", "every <img> has an alt attribute (empty only when decorative)")
def img_alt(ctx: HtmlContext) -> Outcome:
    images = [e for e in ctx.root.iter() if local(e) == "img"]
    bare = [f"<img src={(e.get('src') or '')[:60]!r}> has no alt (line {e.sourceline})"
            for e in images if e.get("alt") is None]
    if bare:
        return failed(f"{len(bare)} of {len(images)} image(s) have no alt attribute, e.g. {bare[0]}", bare)
    return passed(f"{len(images)} image(s), all with alt")


def check_html(path: Path, selection: Selection, ci: bool) -> tuple[list[RuleResult], Callable[[], Extract]]:
    root = parse_html(path)
    extract = from_roots(path, "html", [root])
    return rules.run(HtmlContext(path, root, ci), path, selection), lambda: extract
