"""Document-level rules: review age and due date, canonical URL, uncited references, a translation's review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from publisher.errors import PublisherError
from publisher.lint.rules import Finding
from publisher.source import schema as s
from publisher.source.yamlpos import load_yaml, plain, position, read_text


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def review_age(path: str, tree: Any, src: s.SourceDocument, today: dt.date, max_years: int) -> Iterator[Finding]:
    line = position(tree, ("last_reviewed",))[0]
    reviewed = src.last_reviewed
    if reviewed > today:
        yield Finding(path, line, "review-date", f"last reviewed {reviewed.isoformat()}, which is after today "
                      f"({today.isoformat()})", "write the date the content was last checked")
    elif reviewed < years_before(today, max_years):
        age = (today - reviewed).days / 365.2425
        yield Finding(path, line, "review-date",
                      f"last reviewed {reviewed.isoformat()}, {age:.1f} years ago (limit {max_years} years)",
                      "have the content reviewed, then update last_reviewed")


def review_due(path: str, tree: Any, src: s.SourceDocument, today: dt.date) -> Iterator[Finding]:
    """``review_by`` has passed: the next medical review is overdue, whoever ``owner`` is."""
    if src.review_by is None or src.review_by >= today:
        return
    days = (today - src.review_by).days
    owner = f" ({src.owner})" if src.owner else ""
    yield Finding(path, position(tree, ("review_by",))[0], "review-due",
                  f"the review was due by {src.review_by.isoformat()}, {days} day{'s' * (days != 1)} ago",
                  f"ask the owner{owner} to review the content, then set last_reviewed and the next review_by")


def uncited(path: str, tree: Any, src: s.SourceDocument, cited: set[str]) -> Iterator[Finding]:
    """References no text cites (the build lists them as further reading); an error for teams that cite all."""
    for i, ref in enumerate(src.references):
        if ref.id not in cited:
            yield Finding(path, position(tree, ("references", i, "id"))[0], "uncited-reference",
                          f"reference '{ref.id}' is never cited",
                          f"cite it where the text relies on it ([@{ref.id}]), or remove it", severity="error")


def canonical_url(path: str, tree: Any, src: s.SourceDocument) -> Iterator[Finding]:
    if not src.canonical_url:
        yield Finding(path, position(tree, ("canonical_url",))[0], "canonical-url", "no canonical_url",
                      "add the page's public address: print readers get it as a QR code and link")


@dataclass(frozen=True)
class Original:
    path: Path
    reviewed: dt.date | None  # None when the file could not be read
    problem: str = ""


class Originals:
    """The sources of each folder by slug, read once per lint run."""

    def __init__(self) -> None:
        self.folders: dict[Path, dict[str, Original]] = {}

    def find(self, folder: Path, slug: str) -> Original | None:
        key = folder.resolve()
        if key not in self.folders:
            self.folders[key] = self._index(folder)
        return self.folders[key].get(slug)

    @staticmethod
    def _index(folder: Path) -> dict[str, Original]:
        found: dict[str, Original] = {}
        for candidate in sorted(folder.glob("*.yaml")):
            try:
                data = plain(load_yaml(read_text(candidate), str(candidate)))
            except PublisherError:
                continue
            if not isinstance(data, dict):
                continue
            slug = data.get("slug") if isinstance(data.get("slug"), str) else candidate.stem
            try:
                doc = s.SourceDocument.model_validate(data)
            except ValidationError:
                found.setdefault(str(slug), Original(candidate, None, "is not a valid source"))
                continue
            found.setdefault(str(slug), Original(candidate, doc.last_reviewed))
        return found


def translation(path: Path, tree: Any, src: s.SourceDocument, originals: Originals) -> Iterator[Finding]:
    if not src.translation_of:
        return
    shown = str(path)
    original = originals.find(path.parent, src.translation_of)
    if original is None or original.path.resolve() == path.resolve():
        yield Finding(shown, position(tree, ("translation_of",))[0], "translation",
                      f"the original '{src.translation_of}' is not among the sources in {path.parent}",
                      "give the original's slug (its 'slug', or its file name without .yaml)")
        return
    if original.reviewed is None:
        yield Finding(shown, position(tree, ("translation_of",))[0], "translation",
                      f"the original {original.path} {original.problem}; its review date is unknown",
                      f"run 'publisher lint {original.path}'")
        return
    if src.last_reviewed < original.reviewed:
        yield Finding(shown, position(tree, ("last_reviewed",))[0], "translation-stale",
                      f"translation last reviewed {src.last_reviewed.isoformat()}, before its original "
                      f"{original.path} ({original.reviewed.isoformat()})",
                      "translate what changed in the original, then update last_reviewed")
