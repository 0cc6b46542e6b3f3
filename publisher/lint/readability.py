"""Reading formulas as health literacy practice uses them, applied to counts from :mod:`publisher.lint.text`.

English: Flesch–Kincaid grade, and SMOG (McLaughlin 1969), the measure health-literacy
guidance prefers for patient material because it predicts full comprehension. Spanish:
Fernández-Huerta reading ease, and Szigriszt-Pazos perspicuity read on the INFLESZ scale
(Barrio-Cantalejo et al. 2008), which was validated on texts written for patients.

Fernández-Huerta is used in its corrected form, L = 206.84 − 60·syllables/word −
1.02·words/sentence (the often-quoted "1.02·F with F = sentences per 100 words" rewards
longer sentences, an error noted by Law, 2011). Szigriszt-Pazos: P = 206.835 −
62.3·syllables/word − words/sentence (Szigriszt-Pazos 1993). Both bands map scores to school
levels, so a grade target converts to a minimum score.

SMOG is McLaughlin's regression, generalised by him to any number of sentences:
grade = 1.0430·√(polysyllables × 30 / sentences) + 3.1291. His method samples 30 sentences;
NCI's "Making Health Communication Programs Work" (the Pink Book, after H. C. McGraw's
conversion tables) extends it to shorter material "containing less than 30 sentences, but
not less than 10", by scaling the polysyllable count to 30 sentences — which the formula
above does. Below 10 sentences SMOG is not scored ("too short"): a handout section is
graded by SMOG only when it has 10 sentences, and the whole document always is.

Flesch–Kincaid, Fernández-Huerta and Szigriszt-Pazos average over sentences; with fewer
than MIN_SENTENCES sentences or MIN_WORDS words one sentence decides the grade (a
10-word section of one sentence scored grade 20), so such sections are "too short to
score" as well. That threshold is this project's choice, not the formulas' authors'.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from publisher.lint.text import primary, sentences, syllables, words

MIN_SENTENCES = 3
MIN_WORDS = 30
SMOG_MIN_SENTENCES = 10  # NCI Pink Book: "not less than 10 sentences"
POLYSYLLABLE = 3  # McLaughlin: words of three or more syllables

# Fernández-Huerta (1959) bands: lowest score, level, school grade, the grade as a number.
FH_BANDS = (
    (90.0, "very easy", "grade 4", 4),
    (80.0, "easy", "grade 5", 5),
    (70.0, "fairly easy", "grade 6", 6),
    (60.0, "normal", "grades 7–8", 8),
    (50.0, "fairly difficult", "pre-university", 12),
    (30.0, "difficult", "college", 14),
    (float("-inf"), "very difficult", "university", 16),
)
# INFLESZ (Barrio-Cantalejo et al., An Sist Sanit Navar 2008;31(2):135-152): the Szigriszt-Pazos
# score read for today's Spanish readers. Its levels name Spanish schooling: primaria (to grade 6),
# ESO (secondary, grades 7–10), bachillerato (11–12), university. Patient texts should reach 55.
INFLESZ_BANDS = (
    (80.0, "very easy", "primary school", 5),
    (65.0, "fairly easy", "primary school", 6),
    (55.0, "normal", "secondary school (ESO)", 8),
    (40.0, "somewhat difficult", "bachillerato", 12),
    (float("-inf"), "very difficult", "university", 16),
)
Band = tuple[float, str, str, int]
GRADED_LANGUAGES = ("en", "es")
METRICS = {"en": ("flesch-kincaid", "smog"), "es": ("fernandez-huerta", "inflesz")}
NAMES = {"flesch-kincaid": "Flesch–Kincaid", "smog": "SMOG", "fernandez-huerta": "Fernández-Huerta",
         "inflesz": "INFLESZ"}


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables (SMOG)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.sentences + other.sentences,
                      self.syllables + other.syllables, self.polysyllables + other.polysyllables)


def count(paragraph: str, language: str) -> Counts:
    found = sentences(paragraph, language)
    per_word = [syllables(w, language) for s in found for w in words(s)]
    return Counts(len(per_word), len(found), sum(per_word), sum(n >= POLYSYLLABLE for n in per_word))


@dataclass(frozen=True)
class Score:
    """One formula's result; ``value`` is None when the text is too short for it."""

    metric: str
    value: float | None
    ok: bool
    target: str  # e.g. "≤ 8" or "≥ 55"
    level: str = ""  # a reading-ease band, e.g. "fairly difficult: pre-university"
    needs: str = ""  # when too short: what the formula needs, e.g. "10 sentences"
    target_level: str = ""  # the band the target's score opens, e.g. "normal: grades 7–8"

    @property
    def scored(self) -> bool:
        return self.value is not None

    def describe(self) -> str:
        name = NAMES[self.metric]
        if self.value is None:
            return f"{name}: too short to score (needs {self.needs})"
        if self.metric in ("flesch-kincaid", "smog"):
            return f"{name} grade {self.value:.1f}"
        return f"{name} {self.value:.1f}, {self.level}"


def flesch_kincaid_grade(c: Counts) -> float:
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def smog_grade(c: Counts) -> float:
    return 1.0430 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291


def fernandez_huerta(c: Counts) -> float:
    return 206.84 - 60.0 * c.syllables / c.words - 1.02 * c.words / c.sentences


def szigriszt_pazos(c: Counts) -> float:
    return 206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences


def band_minimum(bands: tuple[Band, ...], grade: float) -> float:
    """The lowest score whose band is at or below ``grade`` (the easiest band if none is)."""
    passing = [floor for floor, _, _, band_grade in bands if band_grade <= grade]
    return min(passing) if passing else bands[0][0]


def band(bands: tuple[Band, ...], value: float) -> str:
    for floor, level, school, _ in bands:
        if value >= floor:
            return f"{level}: {school}"
    raise AssertionError("the last band has no floor")


def fh_minimum(grade: float) -> float:
    return band_minimum(FH_BANDS, grade)


def fh_band(value: float) -> str:
    return band(FH_BANDS, value)


def _grade(metric: str, c: Counts, target: float, formula: Callable[[Counts], float], least: int) -> Score:
    if c.sentences < least or (metric == "flesch-kincaid" and c.words < MIN_WORDS):
        need = f"{least} sentences" if metric == "smog" else f"{MIN_SENTENCES} sentences and {MIN_WORDS} words"
        return Score(metric, None, True, f"≤ {target:g}", needs=need)
    value = round(formula(c), 1)
    return Score(metric, value, value <= target, f"≤ {target:g}")


def _ease(metric: str, c: Counts, target: float, formula: Callable[[Counts], float],
          bands: tuple[Band, ...]) -> Score:
    minimum = band_minimum(bands, target)
    wanted, opens = f"≥ {minimum:g}", band(bands, minimum)
    if c.sentences < MIN_SENTENCES or c.words < MIN_WORDS:
        return Score(metric, None, True, wanted, needs=f"{MIN_SENTENCES} sentences and {MIN_WORDS} words",
                     target_level=opens)
    value = round(formula(c), 1)
    return Score(metric, value, value >= minimum, wanted, band(bands, value), target_level=opens)


def scores(c: Counts, language: str, target_grade: float) -> tuple[Score, ...]:
    """The language's formulas, each scored or marked too short; () if none fits the language or no text."""
    if not c.words or not c.sentences:
        return ()
    lang = primary(language)
    if lang == "en":
        return (_grade("flesch-kincaid", c, target_grade, flesch_kincaid_grade, MIN_SENTENCES),
                _grade("smog", c, target_grade, smog_grade, SMOG_MIN_SENTENCES))
    if lang == "es":
        return (_ease("fernandez-huerta", c, target_grade, fernandez_huerta, FH_BANDS),
                _ease("inflesz", c, target_grade, szigriszt_pazos, INFLESZ_BANDS))
    return ()
