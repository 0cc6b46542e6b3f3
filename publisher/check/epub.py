"""EPUB rules: EPUBCheck, DAISY Ace and the Nu HTML Checker (via publisher.validators), a11y metadata and package
language (lxml)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.check import roundtrip
from publisher.check.result import Outcome, RuleResult, RuleSet, Selection, failed, passed
from publisher.check.roundtrip import RoundTrip, html_citations
from publisher.check.validators import run_validator
from publisher.extract.epub import OPF, Package, read_package
from publisher.extract.html import from_roots
from publisher.extract.model import Extract
from publisher.validators import ace, epubcheck, tools, vnu
from publisher.validators.result import Finding, ValidationResult

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DC = "http://purl.org/dc/elements/1.1/"
# EPUB Accessibility 1.1 §2: what the package metadata must say about the publication.
A11Y_PROPERTIES = (
    "schema:accessMode",
    "schema:accessModeSufficient",
    "schema:accessibilityFeature",
    "schema:accessibilityHazard",
    "schema:accessibilitySummary",
    "dcterms:conformsTo",
)


@dataclass
class EpubContext:
    path: Path
    package: Package
    ci: bool


rules: RuleSet[EpubContext] = RuleSet()


@rules.rule("epub.epubcheck", "epubcheck", "EPUBCheck reports no error and no warning")
def run_epubcheck(ctx: EpubContext) -> Outcome:
    return run_validator(_epubcheck_strict, ctx.path, ctx.ci)


def _epubcheck_strict(path: Path) -> ValidationResult:
    """EPUBCheck's own verdict ignores warnings; distributors and this gate do not."""
    result = epubcheck.check(path)
    return replace(result, ok=result.ok and not any(f.severity == "warning" for f in result.findings))


@rules.rule("epub.ace", "ace", "DAISY Ace reports no violation")
def run_ace(ctx: EpubContext) -> Outcome:
    return run_validator(ace.check, ctx.path, ctx.ci)


@rules.rule("epub.vnu", "vnu", "the Nu HTML Checker reports no error in any XHTML content document (epub:type allowed)")
def run_vnu(ctx: EpubContext) -> Outcome:
    return run_validator(_vnu_on_documents, ctx.path, ctx.ci)


def _vnu_on_documents(path: Path) -> ValidationResult:
    """Every XHTML document of the book (spine and navigation), unpacked under their own names, in one vnu run."""
    with zipfile.ZipFile(path) as book, tools.scratch_dir("vnu") as scratch:
        names = [n for n in book.namelist() if n.lower().endswith((".xhtml", ".html", ".htm"))]
        files = []
        for index, name in enumerate(names):
            # Numbered folders, not the member's path: a name in the zip is untrusted (no "../" escapes).
            target = Path(scratch) / str(index) / Path(name).name
            target.parent.mkdir()
            target.write_bytes(book.read(name))
            files.append(target)
        if not files:
            return ValidationResult("vnu", "n/a", path, ok=False, findings=(
                Finding("error", "no-content", "the book has no XHTML content document", path.name),))
        return vnu.check(files, epub=True, target=path)


def _metadata(package: Package) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    metadata = package.opf.find(f"{{{OPF}}}metadata")
    if metadata is None:
        return found
    for meta in metadata.iter(f"{{{OPF}}}meta"):
        prop = meta.get("property")
        if prop:
            found.setdefault(prop, []).append((meta.text or "").strip())
    for link in metadata.iter(f"{{{OPF}}}link"):  # EPUB Accessibility 1.0 said conformsTo with a link
        for rel in (link.get("rel") or "").split():
            found.setdefault(rel, []).append((link.get("href") or "").strip())
    return found


@rules.rule("epub.a11y-metadata", "lxml",
            "package metadata has accessMode, accessModeSufficient, accessibilityFeature, accessibilityHazard, "
            "accessibilitySummary and dcterms:conformsTo")
def a11y_metadata(ctx: EpubContext) -> Outcome:
    found = _metadata(ctx.package)
    missing = [p for p in A11Y_PROPERTIES if not any(found.get(p, []))]
    if missing:
        return failed(f"{ctx.package.opf_path} lacks accessibility metadata: {', '.join(missing)}", missing)
    return passed("all EPUB Accessibility 1.1 metadata present")


@rules.rule("epub.package-lang", "lxml", "xml:lang on <package>, matching dc:language")
def package_lang(ctx: EpubContext) -> Outcome:
    lang = (ctx.package.opf.get(XML_LANG) or "").strip()
    if not lang:
        return failed(f"{ctx.package.opf_path}: <package> has no xml:lang")
    language = ctx.package.opf.find(f".//{{{DC}}}language")
    declared = (language.text or "").strip() if language is not None else ""
    if not declared:
        return failed(f"{ctx.package.opf_path}: no dc:language")
    if declared.split("-")[0].lower() != lang.split("-")[0].lower():
        return failed(f"{ctx.package.opf_path}: xml:lang {lang!r} and dc:language {declared!r} disagree")
    return passed(f"xml:lang {lang}")


def check_epub(path: Path, selection: Selection, ci: bool) -> tuple[list[RuleResult], Callable[[], Extract]]:
    package = read_package(path)
    roots = [root for _name, root in package.spine]
    extract = from_roots(path, "epub", roots)
    results = rules.run(EpubContext(path, package, ci), path, selection)
    results += roundtrip.epub_rules.run(RoundTrip(path, "epub", extract, html_citations(roots), ci), path, selection)
    return results, lambda: extract
