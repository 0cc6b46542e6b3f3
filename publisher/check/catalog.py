"""Catalog rules: ``dist/index.html`` and ``opds.json`` lead to the files that are there, and to all of them.

The catalog is not a condition: it has no source and no outline to compare, so the fidelity rules do not
apply. What a reader of it needs is that every link opens a file (a visitor clicking "Large print" on a
page read from disk gets nothing else to go on) and that no condition in the folder is missing from it.
The HTML rules (axe, HTML_CodeSniffer, the Nu checker, lang, title) run on it as on any page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from publisher.check import html
from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.extract.html import local, parse_html
from publisher.extract.sniff import is_candidate, split_name

CATALOG_PAGE = "index.html"
OPDS_FEED = "opds.json"


def is_catalog(path: Path) -> bool:
    """``index.html`` is the catalog's name; no condition can have it (the slug 'index' is reserved)."""
    return path.name == CATALOG_PAGE


@dataclass
class CatalogContext:
    path: Path
    root: etree._Element

    @property
    def folder(self) -> Path:
        return self.path.parent


rules: RuleSet[CatalogContext] = RuleSet()


def _local_target(href: str) -> str | None:
    """The file a relative link names ('' for a same-page anchor), or None for another site's address."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    return unquote(parts.path)


def _missing(folder: Path, hrefs: list[str]) -> list[str]:
    out = []
    for href in hrefs:
        target = _local_target(href)
        if target and not (folder / target).is_file():
            out.append(href)
    return out


def _page_links(root: etree._Element) -> list[str]:
    return [str(e.get("href")) for e in root.iter() if local(e) in ("a", "link") and e.get("href")]


@rules.rule("catalog.links", "lxml", "every link of the catalog page opens a file in its folder")
def links(ctx: CatalogContext) -> Outcome:
    hrefs = _page_links(ctx.root)
    missing = _missing(ctx.folder, hrefs)
    if missing:
        return failed(f"{len(missing)} of {len(hrefs)} link(s) name no file in {ctx.folder}, e.g. {missing[0]!r}: "
                      "rebuild the folder with publisher build", missing)
    return passed(f"{len(hrefs)} link(s), each to a file that is there")


@rules.rule("catalog.complete", "lxml", "every output in the catalog's folder is listed on the catalog page")
def complete(ctx: CatalogContext) -> Outcome:
    listed = {_local_target(h) for h in _page_links(ctx.root)}
    outputs = sorted(p.name for p in ctx.folder.iterdir() if is_candidate(p) and not is_catalog(p))
    unlisted = [name for name in outputs if name not in listed]
    if unlisted:
        stems = sorted({split_name(Path(n))[0] for n in unlisted})
        return failed(f"{len(unlisted)} of {len(outputs)} output(s) are not on the catalog page, "
                      f"e.g. {unlisted[0]!r} (conditions: {', '.join(stems[:5])}): build the whole folder "
                      "with publisher build, or remove outputs whose source is gone", unlisted)
    return passed(f"all {len(outputs)} output(s) in the folder are listed")


def _feed_base(feed: dict[str, object]) -> str:
    """With a base URL the feed's links are absolute: the folder's address is its self link's directory."""
    links = feed.get("links")
    for link in links if isinstance(links, list) else []:
        if isinstance(link, dict) and link.get("rel") == "self" and isinstance(link.get("href"), str):
            self_href: str = link["href"]
            if _local_target(self_href) is None:
                return self_href.removesuffix(OPDS_FEED)
    return ""  # relative links: nothing to strip


@rules.rule("catalog.opds", "json", "opds.json is an OPDS 2.0 feed whose every link opens a file in the folder")
def opds(ctx: CatalogContext) -> Outcome:
    feed_path = ctx.folder / OPDS_FEED
    if not feed_path.is_file():
        return failed(f"no {OPDS_FEED} beside the catalog page: e-reader apps find nothing — rebuild the folder")
    try:
        feed = json.loads(feed_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return failed(f"{OPDS_FEED} is not readable JSON: {exc}")
    if not isinstance(feed, dict) or not isinstance(feed.get("metadata"), dict):
        return failed(f"{OPDS_FEED} has no metadata object: not an OPDS 2.0 feed")
    publications = feed.get("publications", [])  # a catalog of no publication leaves the key out
    if not isinstance(publications, list):
        return failed(f"{OPDS_FEED}: 'publications' is not a list")
    base = _feed_base(feed)
    hrefs: list[str] = []
    problems: list[str] = []
    for i, publication in enumerate(publications):
        metadata = publication.get("metadata") if isinstance(publication, dict) else None
        pub_links = publication.get("links") if isinstance(publication, dict) else None
        if not isinstance(metadata, dict) or not metadata.get("title") or not isinstance(pub_links, list):
            problems.append(f"publication {i + 1} has no title or no links")
            continue
        hrefs += [str(link.get("href", "")).removeprefix(base) for link in pub_links if isinstance(link, dict)]
    problems += [f"{h!r} names no file" for h in _missing(ctx.folder, hrefs)]
    if problems:
        return failed(f"{OPDS_FEED}: {len(problems)} problem(s), e.g. {problems[0]}", problems)
    return passed(f"{len(publications)} publication(s), {len(hrefs)} link(s), each to a file that is there")


def check_catalog(path: Path, selection: Selection, ci: bool) -> list[RuleResult]:
    """The HTML rules, then the catalog's own, on one parse of the page."""
    root = parse_html(path)
    return (html.rules.run(html.HtmlContext(path, root, ci), path, selection)
            + rules.run(CatalogContext(path, root), path, selection))
