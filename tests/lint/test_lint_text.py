"""Counting for the reading formulas: syllables, words, sentences, and the formulas themselves."""

from __future__ import annotations

import pytest

from publisher.lint.readability import Counts, count, fernandez_huerta, fh_minimum, flesch_kincaid_grade, scores
from publisher.lint.text import sentences, syllables, words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("about", 2), ("uterus", 3), ("area", 3), ("chemotherapy", 5), ("cells", 1),  # CMU dictionary
        ("leiomyosarcoma", 7), ("medscape", 2), ("orphanet", 3),  # not in it: the vowel-group estimate
        ("X-ray", 2),
    ],
)
def test_english_syllables(word: str, expected: int) -> None:
    assert syllables(word, "en-US") == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("país", 2), ("día", 2), ("oído", 3), ("aéreo", 4),  # hiatus: an accent or two open vowels split
        ("ciudad", 2), ("guion", 1), ("muy", 1), ("y", 1), ("que", 1),  # diphthongs, "y" as a vowel, silent u
        ("leiomiosarcoma", 6), ("quimioterapia", 5), ("prohibir", 3),
    ],
)
def test_spanish_syllables(word: str, expected: int) -> None:
    assert syllables(word, "es") == expected


def test_sentences_end_at_punctuation_but_not_at_abbreviations() -> None:
    text = "It spreads, e.g. through blood. The U.S. has trials. Is it rare? Yes!"
    assert sentences(text, "en") == ["It spreads, e.g. through blood.", "The U.S. has trials.", "Is it rare?", "Yes!"]
    assert sentences("¿Hay una prueba? Sí. El Dr. Pérez vive en EE. UU. desde hoy.", "es") == [
        "¿Hay una prueba?", "Sí.", "El Dr. Pérez vive en EE. UU. desde hoy."]


def test_words_keep_names_and_contractions_whole() -> None:
    assert words("Visit ClinicalTrials.gov — it’s free, X-rays too.") == [
        "Visit", "ClinicalTrials.gov", "it’s", "free", "X-rays", "too"]


def test_published_formulas() -> None:
    c = Counts(words=100, sentences=5, syllables=150)
    assert flesch_kincaid_grade(c) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    # Corrected Fernández-Huerta: 206.84 − 60·syllables/word − 1.02·words/sentence.
    assert fernandez_huerta(c) == pytest.approx(206.84 - 90 - 20.4)


def test_grade_target_maps_to_fernandez_huerta_band() -> None:
    assert fh_minimum(8) == 60  # "normal: grades 7–8"
    assert fh_minimum(6) == 70
    easy = "Es una casa. Es roja. " * 8
    fh, inflesz = scores(count(easy, "es"), "es", 8)
    assert fh.ok and fh.metric == "fernandez-huerta" and fh.value is not None
    assert inflesz.ok and inflesz.metric == "inflesz"
    assert scores(count("Une maison. " * 20, "fr"), "fr", 8) == ()  # no formula for French: no guess
