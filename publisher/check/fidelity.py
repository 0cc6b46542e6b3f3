"""Cross-format fidelity: one slug's PDF, DOCX, EPUB and HTML tell the same document as its source."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from publisher.check.headings import outline_difference
from publisher.check.result import Outcome, RuleResult, Selection, failed, passed, skipped
from publisher.check.sentences import source_sentences
from publisher.document import model as m
from publisher.extract.model import Extract
from publisher.extract.text import match_key, normalize

TOOL = "publisher.extract"
T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class Expected:
    """What the source says every format must show; ``name`` says where it came from."""

    name: str
    outline: tuple[tuple[int, str], ...]
    references: tuple[tuple[int, str], ...]
    links: frozenset[str] | None = None  # None without a source: then only the formats' agreement counts
    sentences: tuple[str, ...] | None = None


def from_document(doc: m.Document, name: str) -> Expected:
    return Expected(
        name=name,
        outline=tuple((e.level, normalize(e.title)) for e in m.outline(doc)),
        references=tuple((r.number, m.first_link(r)) for r in m.cited_references(doc)),
        links=frozenset(m.external_links(doc)),
        sentences=tuple(source_sentences(doc)),
    )


def _consensus(values: Sequence[T]) -> T:
    """The value most files agree on; ties go to the first file in check order."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _majority(extracts: Sequence[Extract]) -> Expected:
    return Expected("the majority of formats", _consensus([_outline(e) for e in extracts]),
                    _consensus([e.references for e in extracts]))


def _outline(extract: Extract) -> tuple[tuple[int, str], ...]:
    return tuple((level, normalize(text)) for level, text in extract.outline)


def _outline_outcome(extract: Extract, want: tuple[tuple[int, str], ...], against: str) -> Outcome:
    difference = outline_difference(_outline(extract), want, "headings", f"outline of {against}")
    return failed(difference) if difference else passed(f"{len(want)} headings match {against}")


def _references_outcome(extract: Extract, want: tuple[tuple[int, str], ...], against: str) -> Outcome:
    got = extract.references
    if got == want:
        return passed(f"{len(want)} references match {against}")
    missing = [f"[{n}] {u or '(no URL)'}" for n, u in want if (n, u) not in got]
    extra = [f"[{n}] {u or '(no URL)'}" for n, u in got if (n, u) not in want]
    parts = [f"{len(got)} references where {against} has {len(want)}"]
    if missing:
        parts.append(f"missing {', '.join(missing[:3])}")
    if extra:
        parts.append(f"unexpected {', '.join(extra[:3])}")
    if not missing and not extra:
        parts.append("same entries in another order")
    return failed("; ".join(parts), missing + extra)


def _links_outcome(extract: Extract, source: frozenset[str] | None, formats: frozenset[str], against: str) -> Outcome:
    got = frozenset(extract.links)
    lacking_source = sorted(source - got) if source is not None else []
    missing = sorted(formats - got)
    extra = sorted(got - formats)
    if lacking_source:
        return failed(f"{len(lacking_source)} link(s) of the source are missing, first {lacking_source[0]}",
                      lacking_source)
    if missing or extra:
        detail = [f"missing {u}" for u in missing] + [f"extra {u}" for u in extra]
        return failed(f"external links differ from {against}: {detail[0]}"
                      + (f" (+{len(detail) - 1} more)" if len(detail) > 1 else ""), detail)
    return passed(f"{len(got)} external links, the same as {against}")


def _text_outcome(extract: Extract, sentences: tuple[str, ...], links: frozenset[str]) -> Outcome:
    key = match_key(extract.text)
    # Paper formats print a link's address after its text: "(https://…)" is not part of the sentence.
    for url in sorted(links | frozenset(extract.links), key=len, reverse=True):
        key = key.replace(match_key(f"({url})"), "")
    missing = [s for s in sentences if match_key(s) not in key]
    if missing:
        return failed(f"{len(missing)} of {len(sentences)} source sentence(s) are missing, first: {missing[0]!r}",
                      missing)
    return passed(f"all {len(sentences)} source sentences present")


def check_fidelity(extracts: Sequence[Extract], expected: Expected | None, no_source: str,
                   selection: Selection) -> list[RuleResult]:
    """Per file: fidelity.outline, .references, .links, .text against the source (or, without one, the majority)."""
    if not extracts:
        return []
    if expected is None and len(extracts) < 2:
        results = [(rule, skipped(f"skipped: one format only and {no_source}"))
                   for rule in ("fidelity.outline", "fidelity.references", "fidelity.links", "fidelity.text")]
        return [RuleResult(rule, str(extracts[0].path), o.status, o.message, TOOL) for rule, o in results
                if selection.wants(rule)]
    want = expected or _majority(extracts)
    formats_links = _consensus([frozenset(e.links) for e in extracts])
    out: list[RuleResult] = []
    for extract in extracts:
        checks: list[tuple[str, Outcome]] = [
            ("fidelity.outline", _outline_outcome(extract, want.outline, want.name)),
            ("fidelity.references", _references_outcome(extract, want.references, want.name)),
            ("fidelity.links", _links_outcome(extract, want.links, formats_links, "the other formats")),
        ]
        if want.sentences is not None:
            checks.append(("fidelity.text", _text_outcome(extract, want.sentences, want.links or frozenset())))
        else:
            checks.append(("fidelity.text", skipped(f"skipped: {no_source}")))
        out.extend(RuleResult(rule, str(extract.path), o.status, o.message, TOOL, o.details)
                   for rule, o in checks if selection.wants(rule))
    return out

