"""Reading-ease formulas: Flesch–Kincaid grade (English) and Fernández-Huerta (Spanish).

Both are the published formulas applied to counts from :mod:`publisher.lint.text`.
Fernández-Huerta is used in its corrected form, L = 206.84 − 60·syllables/word −
1.02·words/sentence (the often-quoted "1.02·F with F = sentences per 100 words"
rewards longer sentences, an error noted by Law, 2011); its bands map scores to
school grades, so a grade target converts to a minimum score.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.lint.text import primary, sentences, syllables, words

# Fernández-Huerta (1959) bands: lowest score, level, school grade.
FH_BANDS = (
    (90.0, "very easy", "grade 4", 4),
    (80.0, "easy", "grade 5", 5),
    (70.0, "fairly easy", "grade 6", 6),
    (60.0, "normal", "grades 7–8", 8),
    (50.0, "fairly difficult", "pre-university", 12),
    (30.0, "difficult", "college", 14),
    (float("-inf"), "very difficult", "university", 16),
)
GRADED_LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.sentences + other.sentences, self.syllables + other.syllables)


def count(paragraph: str, language: str) -> Counts:
    found = sentences(paragraph, language)
    tokens = [w for s in found for w in words(s)]
    return Counts(len(tokens), len(found), sum(syllables(w, language) for w in tokens))


@dataclass(frozen=True)
class Score:
    metric: str
    value: float
    ok: bool
    target: str  # e.g. "≤ 8" or "≥ 60"
    level: str = ""  # Fernández-Huerta's band, e.g. "fairly difficult: pre-university"

    def describe(self) -> str:
        if self.metric == "flesch-kincaid":
            return f"grade {self.value:.1f}"
        return f"Fernández-Huerta {self.value:.1f}, {self.level}"


def flesch_kincaid_grade(c: Counts) -> float:
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def fernandez_huerta(c: Counts) -> float:
    return 206.84 - 60.0 * c.syllables / c.words - 1.02 * c.words / c.sentences


def fh_minimum(grade: float) -> float:
    """The lowest Fernández-Huerta score whose band is at or below ``grade``."""
    passing = [floor for floor, _, _, band_grade in FH_BANDS if band_grade <= grade]
    return min(passing) if passing else FH_BANDS[0][0]


def fh_band(value: float) -> str:
    for floor, level, grade, _ in FH_BANDS:
        if value >= floor:
            return f"{level}: {grade}"
    raise AssertionError("the last band has no floor")


def score(c: Counts, language: str, target_grade: float) -> Score | None:
    """The language's score, or None if no formula fits the language or there is no text."""
    if not c.words or not c.sentences:
        return None
    lang = primary(language)
    if lang == "en":
        grade = round(flesch_kincaid_grade(c), 1)
        return Score("flesch-kincaid", grade, grade <= target_grade, f"≤ {target_grade:g}")
    if lang == "es":
        value = round(fernandez_huerta(c), 1)
        minimum = fh_minimum(target_grade)
        return Score("fernandez-huerta", value, value >= minimum, f"≥ {minimum:g}, {fh_band(minimum)}",
                     fh_band(value))
    return None
