"""Run every rule over a set of outputs: per-file rules, then fidelity per slug, then the reports."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from publisher.build.plan import BuildPlan
from publisher.build.render import load
from publisher.check.brf import check_brf
from publisher.check.catalog import check_catalog, is_catalog
from publisher.check.docx import check_docx
from publisher.check.epub import check_epub
from publisher.check.fidelity import Expected, check_fidelity, from_document
from publisher.check.html import check_html
from publisher.check.mp3 import check_mp3
from publisher.check.narrated import check_narrated
from publisher.check.pdf import check_pdf
from publisher.check.pdfstructure import ExpectedStructure, expected_structure
from publisher.check.records import RecordsContext
from publisher.check.records import rules as records_rules
from publisher.check.result import RuleResult, Selection, Status
from publisher.document import model as m
from publisher.errors import Diagnostic, PublisherError
from publisher.extract.model import Extract
from publisher.extract.sniff import FileFormat, UnusableInput, sniff, split_name

# Files of one slug are checked and listed in the order build writes them.
_ORDER = {"pdf": 0, "large-print.pdf": 1, "docx": 2, "epub": 3, "html": 4, "xhtml": 4, "htm": 4,
          "brf": 5, "narrated.epub": 6, "mp3": 7}


@dataclass(frozen=True)
class CheckOptions:
    source_dir: Path | None = Path("source")
    sources: tuple[Path, ...] = ()  # explicit sources (publisher build --check passes the ones it built)
    ci: bool = False
    selection: Selection = field(default_factory=Selection)


@dataclass
class GroupReport:
    """One slug's outputs in one folder, and every result about them."""

    name: str  # the outputs' common stem: "leiomyosarcoma", "leiomyosarcoma.clinician"
    folder: Path
    files: list[tuple[Path, FileFormat]]
    source: str = ""
    results: list[RuleResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(r.status is Status.FAIL for r in self.results)


@dataclass
class CheckRun:
    groups: list[GroupReport] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # unusable input: exit status 2

    @property
    def results(self) -> list[RuleResult]:
        return [r for g in self.groups for r in g.results]

    @property
    def exit_status(self) -> int:
        """2 unusable input, 1 a rule failed, else 0 (with CI=true a skipped rule has become a failure)."""
        if self.problems:
            return 2
        return 1 if any(r.status is Status.FAIL for r in self.results) else 0

    @property
    def complete(self) -> bool:
        """Every rule that was asked for ran: a skipped rule is never "passed"."""
        return not any(r.status is Status.SKIP for r in self.results)


def _groups(files: Sequence[tuple[Path, FileFormat]]) -> list[GroupReport]:
    groups: dict[tuple[Path, str], GroupReport] = {}
    for path, fmt in files:
        stem, _suffix = split_name(path)
        key = (path.parent, stem)
        group = groups.setdefault(key, GroupReport(stem, path.parent, []))
        if all(path != p for p, _ in group.files):
            group.files.append((path, fmt))
    for group in groups.values():
        group.files.sort(key=lambda item: _ORDER.get(split_name(item[0])[1].lower(), 9))
    return list(groups.values())


_SLUG = re.compile(r"^slug:\s*[\"']?([A-Za-z0-9._-]+)", re.MULTILINE)


def _declared_slug(source: Path) -> str:
    """A source's ``slug:`` key, read without parsing the whole file (it is only a lookup)."""
    try:
        match = _SLUG.search(source.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return ""
    return match.group(1) if match else ""


def _source_for(name: str, options: CheckOptions) -> tuple[Path, str] | None:
    """The source of an output group (by file stem, else by its ``slug:``) and the audience it was built for."""
    base, _, audience = name.rpartition(".")
    candidates = [(name, "patient")] + ([(base, audience)] if base else [])
    pool = list(options.sources)
    if options.source_dir is not None and options.source_dir.is_dir():
        pool += sorted(options.source_dir.glob("*.yaml"))
    for stem, aud in candidates:
        for source in pool:
            if source.stem == stem:
                return source, aud
        for source in pool:
            if _declared_slug(source) == stem:
                return source, aud
    return None


class _Source:
    """The group's source document, loaded at most once, when a rule first needs it."""

    def __init__(self, group: GroupReport, options: CheckOptions, problems: list[Diagnostic]) -> None:
        self.group, self.options, self.problems = group, options, problems
        self._loaded: tuple[m.Document | None, str] | None = None

    def document(self) -> tuple[m.Document | None, str]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> tuple[m.Document | None, str]:
        group, options = self.group, self.options
        found = _source_for(group.name, options)
        if found is None:
            where = options.source_dir / f"{group.name}.yaml" if options.source_dir else f"{group.name}.yaml"
            return None, f"no source found (looked for {where}; pass --source DIR)"
        source, audience = found
        try:
            doc: m.Document = load(source, BuildPlan(out_dir=group.folder, audience=audience))
        except PublisherError as exc:
            self.problems.extend(exc.diagnostics)
            return None, f"the source {source} has errors"
        group.source = str(source)
        return doc, ""

    def expected(self) -> tuple[Expected | None, str]:
        doc, reason = self.document()
        return (from_document(doc, self.group.source), "") if doc is not None else (None, reason)

    def structure(self) -> ExpectedStructure | None:
        doc, _reason = self.document()
        return expected_structure(doc) if doc is not None else None


FIDELITY_RULES = ("fidelity.outline", "fidelity.references", "fidelity.links", "fidelity.text")


def check_group(group: GroupReport, options: CheckOptions, problems: list[Diagnostic]) -> None:
    lazy: list[Callable[[], Extract]] = []
    source = _Source(group, options, problems)
    for path, fmt in group.files:
        try:
            if fmt in ("brf", "mp3"):  # no fidelity extract: their own rules compare them with the source
                check_alt = check_brf if fmt == "brf" else check_mp3
                group.results.extend(check_alt(path, options.selection, lambda: source.document()[0]))
                continue
            if fmt == "epub" and path.name.lower().endswith(".narrated.epub"):
                group.results.extend(check_narrated(path, options.selection, options.ci))
            if fmt == "pdf":
                results, extract = check_pdf(path, options.selection, options.ci, source.structure)
                results += records_rules.run(RecordsContext(path, options.ci), path, options.selection)  # PDF/A-2u
            elif fmt == "docx":
                results, extract = check_docx(path, options.selection, options.ci)
            elif fmt == "epub":
                results, extract = check_epub(path, options.selection, options.ci)
            elif is_catalog(path):  # dist/index.html: no source, no fidelity; its links and completeness instead
                group.results.extend(check_catalog(path, options.selection, options.ci))
                continue
            else:
                results, extract = check_html(path, options.selection, options.ci)
        except UnusableInput as exc:
            problems.extend(exc.diagnostics)
            group.files = [f for f in group.files if f[0] != path]
            continue
        group.results.extend(results)
        lazy.append(extract)
    if not any(options.selection.wants(rule) for rule in FIDELITY_RULES):
        return
    extracts: list[Extract] = []
    for extract_of in lazy:
        try:
            extracts.append(extract_of())
        except UnusableInput as exc:
            problems.extend(exc.diagnostics)
    expected, no_source = source.expected()
    group.results.extend(check_fidelity(extracts, expected, no_source, options.selection))


def check(paths: Sequence[Path], options: CheckOptions | None = None) -> CheckRun:
    """Check files (PDF, DOCX, EPUB, HTML); unusable ones become problems, the rest are judged."""
    options = options or CheckOptions()
    run = CheckRun()
    usable: list[tuple[Path, FileFormat]] = []
    for path in paths:
        try:
            usable.append((path, sniff(path)))
        except UnusableInput as exc:
            run.problems.extend(exc.diagnostics)
    run.groups = _groups(usable)
    for group in run.groups:
        check_group(group, options, run.problems)
    run.groups = [g for g in run.groups if g.files]  # a group whose every file was unusable has nothing to report
    if options.ci:
        for group in run.groups:
            group.results = [_fail_in_ci(r) for r in group.results]
    return run


def _fail_in_ci(result: RuleResult) -> RuleResult:
    """In CI a gate that did not run is a gate that did not pass: a skip (no source, no validator) fails."""
    if result.status is not Status.SKIP:
        return result
    return replace(result, status=Status.FAIL, message=f"skipped, and with CI=true a skip fails: {result.message}")
