"""SMOG and the Spanish formulas against published worked examples; "too short to score" instead of a wild grade.

Sources of the worked numbers:
- McLaughlin GH. SMOG grading — a new readability formula. J Reading 1969;12(8):639-646, step 3:
  "if the count is 95, the nearest perfect square is 100, which yields a square root of 10" (grade
  10 + 3 = 13), "if the count is 110, take the square root of 100" (also 13); his precise formula,
  generalised on his site (harrymclaughlin.com/SMOG.htm) and quoted in PMC5849699 Table 1, is
  1.0430·√(polysyllables·30/sentences) + 3.1291.
- NCI, Making Health Communication Programs Work ("Pink Book"), SMOG for shorter passages: material of
  10 to 29 sentences is scaled to 30 sentences and read on H. C. McGraw's conversion table (43–56
  polysyllables: grade 10).
- Szigriszt-Pazos F. Sistemas predictivos de legibilidad del mensaje escrito (1993): P = 206.835 −
  62.3·S/W − W/F, read on the INFLESZ scale of Barrio-Cantalejo IM et al., An Sist Sanit Navar
  2008;31(2):135-152 (55–65 "normal", below 55 "algo difícil"). No worked example with its counts was
  found for INFLESZ or Fernández-Huerta, so the Spanish text below is counted by hand, syllable by
  syllable, and the formulas are applied to those counts.
"""

from __future__ import annotations

import math

import pytest

from publisher.lint.readability import (
    INFLESZ_BANDS,
    Counts,
    band,
    band_minimum,
    count,
    fernandez_huerta,
    scores,
    smog_grade,
    szigriszt_pazos,
)

# Each noun below has three syllables (CMU dictionary and any reader: ba-na-na, po-ta-to); every other
# word has one. A sentence of the first frame holds 3 polysyllables, of the second 4.
NOUNS = ["banana", "potato", "tomato", "umbrella", "elephant", "piano", "radio", "video", "telephone",
         "computer", "octopus", "kangaroo", "dinosaur"]


def _sentences(threes: int, fours: int) -> str:
    out = []
    for i in range(threes + fours):
        picked = [NOUNS[(i + k) % len(NOUNS)] for k in range(3 if i < threes else 4)]
        out.append(f"We took the {', the '.join(picked[:-1])} and the {picked[-1]} home.")
    return " ".join(out)


def mclaughlin_approximate(polysyllables_in_30: int) -> int:
    """McLaughlin's steps 3 and 4: the root of the nearest perfect square (the lower one when between), plus 3."""
    low = math.isqrt(polysyllables_in_30)
    high = low + 1
    nearest = high if high * high - polysyllables_in_30 < polysyllables_in_30 - low * low else low
    return nearest + 3


def test_mclaughlins_worked_example_count_95_in_30_sentences_is_grade_13() -> None:
    text = _sentences(threes=25, fours=5)  # 25·3 + 5·4 = 95 polysyllables in 30 sentences
    counts = count(text, "en")
    assert (counts.sentences, counts.polysyllables) == (30, 95)
    assert mclaughlin_approximate(95) == 13 and mclaughlin_approximate(110) == 13  # his two examples
    grade = smog_grade(counts)
    assert grade == pytest.approx(1.0430 * math.sqrt(95) + 3.1291)
    assert round(grade) == 13  # the precise formula agrees with his approximate grade
    smog = scores(counts, "en", 8)[1]
    assert smog.value == 13.3 and not smog.ok and smog.metric == "smog"


def test_shorter_passage_is_scaled_to_30_sentences_as_the_pink_book_does() -> None:
    text = _sentences(threes=20, fours=0)  # 60 polysyllables in 20 sentences: 90 per 30 sentences
    counts = count(text, "en")
    assert (counts.sentences, counts.polysyllables) == (20, 60)
    # Pink Book: 60 / 20 = 3 per sentence, times the 10 sentences short of 30 = 30; 60 + 30 = 90,
    # which McGraw's table puts at grade 12 (73–90); McLaughlin's precise formula says 13.0.
    assert smog_grade(counts) == pytest.approx(1.0430 * math.sqrt(90) + 3.1291)
    assert 12 <= scores(counts, "en", 8)[1].value <= 13.5  # type: ignore[operator]


def test_smog_needs_ten_sentences_and_says_so() -> None:
    counts = count(_sentences(threes=9, fours=0), "en")
    fk, smog = scores(counts, "en", 8)
    assert counts.sentences == 9
    assert smog.value is None and smog.ok and smog.describe() == "SMOG: too short to score (needs 10 sentences)"
    assert fk.value is not None  # Flesch–Kincaid needs only 3 sentences and 30 words


def test_one_long_word_sentence_is_too_short_not_grade_20() -> None:
    # The seed's 'Testing Resources' in one sentence: Flesch–Kincaid alone would say grade 20.
    counts = count("Orphanet lists international laboratories offering diagnostic testing for this condition.", "en")
    fk, smog = scores(counts, "en", 8)
    assert fk.value is None and smog.value is None
    assert fk.describe() == "Flesch–Kincaid: too short to score (needs 3 sentences and 30 words)"


# "El mé-di-co te va a dar u-na pas-ti-lla pa-ra la fie-bre." 11 words, 18 syllables
# "To-ma la pas-ti-lla con a-gua des-pués de co-mer."        8 words, 14 syllables
# "Si la fie-bre no ba-ja en dos dí-as, lla-ma a tu mé-di-co." 12 words, 18 syllables
SPANISH = ("El médico te va a dar una pastilla para la fiebre. Toma la pastilla con agua después de comer. "
           "Si la fiebre no baja en dos días, llama a tu médico.")


def test_spanish_formulas_on_a_hand_counted_text() -> None:
    counts = count(SPANISH, "es")
    assert (counts.words, counts.sentences, counts.syllables) == (31, 3, 50)
    assert szigriszt_pazos(counts) == pytest.approx(206.835 - 62.3 * 50 / 31 - 31 / 3)  # 96.0
    assert fernandez_huerta(counts) == pytest.approx(206.84 - 60 * 50 / 31 - 1.02 * 31 / 3)  # 99.5
    fh, inflesz = scores(counts, "es", 8)
    assert (fh.value, inflesz.value) == (99.5, 96.0)
    assert inflesz.level == "very easy: primary school" and inflesz.ok


def test_inflesz_bands_and_targets_follow_barrio_cantalejo() -> None:
    assert band(INFLESZ_BANDS, 60) == "normal: secondary school (ESO)"
    assert band(INFLESZ_BANDS, 54.9) == "somewhat difficult: bachillerato"
    assert band(INFLESZ_BANDS, 39) == "very difficult: university"
    assert band_minimum(INFLESZ_BANDS, 8) == 55  # the level Barrio-Cantalejo asks of patient texts
    assert band_minimum(INFLESZ_BANDS, 6) == 65
    hard = Counts(words=100, sentences=4, syllables=230)
    inflesz = scores(hard, "es", 8)[1]
    assert inflesz.value == round(206.835 - 62.3 * 2.3 - 25, 1) and not inflesz.ok
