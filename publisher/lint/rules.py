"""The content rules: reading level, sentence length, link text, alt text and plain words.

Each rule reports where the writer should look and what would fix it; none of them
changes the content. Targets follow NIH (grade 6–8) and CDC (grade ≤ 8) plain-language
guidance for patient information; clinician-only content is not held to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from publisher.lint.plainwords import hints
from publisher.lint.prose import Prose, Unit
from publisher.lint.readability import Counts, Score, count, scores
from publisher.lint.text import sentences, words


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str
    hint: str = ""
    col: int = 0  # 0: the finding is about the whole line or field
    severity: str = "warning"  # "error": fails the lint even without --strict

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}:" if self.col else f"{self.path}:{self.line}:"
        text = f"{where} {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


@dataclass(frozen=True)
class SectionScore:
    title: str
    line: int
    counts: Counts
    scores: tuple[Score, ...]  # the language's formulas, in order; () when none fits the language
    whole: bool = False  # the whole document's graded prose, not one section's

    @property
    def failing(self) -> tuple[Score, ...]:
        return tuple(s for s in self.scores if s.scored and not s.ok)


@dataclass(frozen=True)
class Targets:
    grade: float = 8.0
    sentence_words: int = 25
    alt_chars: int = 150


# Link texts that say nothing about where they lead (WCAG 2.4.4), compared lower-cased without punctuation.
VAGUE_LINKS = {
    "click here", "here", "this link", "link", "click", "click this link", "more", "read more", "learn more",
    "more info", "more information", "this page", "this website", "website", "this", "go", "details",
    "aquí", "haga clic aquí", "haz clic aquí", "pulse aquí", "pinche aquí", "clic aquí", "este enlace", "enlace",
    "más información", "más info", "más", "leer más", "ver más", "esta página", "este sitio", "sitio web",
}
URL = re.compile(r"(?:https?://|www\.)[^\s<>]+", re.I)
IMAGE_FILE = re.compile(r"^[\w.\- ]*\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|heic)$", re.I)
CAMERA_NAME = re.compile(r"^(?:img|dsc|dscn|pxl|image|photo|screenshot|scan)[-_ ]?\d+$", re.I)
REDUNDANT_ALT = re.compile(
    r"^(?:an? |the )?(?:image|picture|photo|photograph|graphic|illustration) of\b"
    r"|^(?:una? |la |el )?(?:imagen|foto|fotografía|ilustración|gráfico|dibujo) de\b",
    re.I,
)


def grade_sections(path: str, units: list[Unit], language: str, targets: Targets) -> list[SectionScore]:
    out = []
    for unit in units:
        counts = Counts()
        for prose in unit.prose:
            if prose.graded:
                for _, run in prose.runs:
                    counts += count(run, language)
        if counts.words:
            out.append(SectionScore(unit.title, unit.line, counts, scores(counts, language, targets.grade)))
    return out


def grade_document(sections: list[SectionScore], line: int, language: str, targets: Targets) -> SectionScore | None:
    """All graded prose together: what SMOG's 30-sentence samples were drawn from."""
    total = sum((s.counts for s in sections), Counts())
    if not total.words:
        return None
    return SectionScore("whole document", line, total, scores(total, language, targets.grade), whole=True)


def grade_findings(path: str, graded: list[SectionScore]) -> Iterator[Finding]:
    for sec in graded:
        if sec.failing:
            what = "the whole document" if sec.whole else f"section '{sec.title}'"
            shown = "; ".join(f"{s.describe()} (target {s.target})" for s in sec.failing)
            yield Finding(path, sec.line, "reading-level", f"{what} reads at {shown}",
                          f"{sec.counts.words} words, {sec.counts.sentences} sentences; "
                          "shorter sentences and everyday words lower it")


def long_sentences(path: str, prose: Prose, language: str, limit: int) -> Iterator[Finding]:
    if not prose.graded:
        return
    for start, run in prose.runs:
        cursor = 0
        for sentence in sentences(run, language):
            at = run.find(sentence, cursor)
            cursor = at + len(sentence) if at >= 0 else cursor
            n = len(words(sentence))
            if n > limit:
                shown = " ".join(sentence.split()[:8])
                yield Finding(path, prose.line_at(start + max(at, 0)), "sentence-length",
                              f"sentence of {n} words (limit {limit}): “{shown} …”",
                              "split it in two; one idea per sentence")


def plain_words(path: str, prose: Prose, language: str) -> Iterator[Finding]:
    """Words a public-domain plain-language list would swap, at their line and column."""
    if not prose.graded:
        return
    for hint in hints(prose, language):
        line, col = prose.position_at(hint.offset)
        entry = hint.entry
        shown = " ".join(hint.found.split())
        message = f"{shown} → {entry.instead}"
        if shown.lower() != entry.term.lower():
            message += f" (the list's entry: {entry.term})"
        yield Finding(path, line, "plain-words", message,
                      f"everyday words from {entry.source}; keep the term if the reader needs it, and explain it",
                      col)


def link_texts(path: str, prose: Prose) -> Iterator[Finding]:
    spans = []
    for link in prose.links:
        spans.append((link.offset, link.offset + len(link.text)))
        problem = _link_problem(link.text, link.url)
        if problem:
            yield Finding(path, prose.line_at(link.offset), "link-text", problem[0], problem[1])
    for match in URL.finditer(prose.text):
        if not any(a <= match.start() < b for a, b in spans):
            yield Finding(path, prose.line_at(match.start()), "bare-url",
                          f"bare URL in the text: {match.group()[:60]}",
                          "make it a link whose words name the page: [Name of the page](https://…)")


def resource_names(path: str, unit: Unit) -> Iterator[Finding]:
    for line, name, url in unit.names:
        problem = _link_problem(name, url)
        if problem:
            yield Finding(path, line, "link-text", problem[0], problem[1])


def _link_problem(text: str, url: str) -> tuple[str, str] | None:
    plain = re.sub(r"[^\w\s]", "", text.lower()).strip()
    plain = " ".join(plain.split())
    if plain in VAGUE_LINKS or not plain:
        return (f"link text '{text.strip()}' does not say where the link leads",
                "name the destination, e.g. 'registries listed by NIH'; screen readers list links out of context")
    if URL.fullmatch(text.strip()) and not url.startswith(("mailto:", "tel:")):
        return (f"link text is a bare URL: {text.strip()[:60]}",
                "use words that name the page; a screen reader spells a URL out letter by letter")
    return None


def alt_texts(path: str, unit: Unit, targets: Targets) -> Iterator[Finding]:
    for line, image in unit.images:
        alt = (image.alt or "").strip()
        if image.decorative or not alt:
            continue
        name = PurePosixPath(image.file.replace("\\", "/"))
        if IMAGE_FILE.match(alt) or CAMERA_NAME.match(alt) or alt.lower() in (name.name.lower(), name.stem.lower()):
            yield Finding(path, line, "alt-text", f"alt text '{alt}' is a file name",
                          "say what the image shows and why it is there")
        elif redundant := REDUNDANT_ALT.match(alt):
            yield Finding(path, line, "alt-text", f"alt text starts with '{redundant.group()}'",
                          "screen readers already say it is an image; start with what it shows")
        if len(alt) > targets.alt_chars:
            yield Finding(path, line, "alt-text", f"alt text is {len(alt)} characters (limit {targets.alt_chars})",
                          "keep the alt text short; put details in the caption or the text")
